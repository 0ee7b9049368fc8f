import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import { live } from './live';

// What the signed-in user has not opened yet, as the host keeps it per user (GET /api/me/unread):
// every browser and phone of the user agrees. Refreshed when live news arrives, when the window comes
// back into focus and every 15 s (another browser of the same user may have opened a project).

export interface UnreadState { count: number; projects: Set<string>; loaded: boolean }

let state: UnreadState = { count: 0, projects: new Set(), loaded: false };
const listeners = new Set<(s: UnreadState) => void>();
let timer: number | undefined;
let poll: number | undefined;
let unsubscribe: (() => void) | undefined;

function set(response: { count: number; projects: string[] }): void {
  state = { count: response.count, projects: new Set(response.projects), loaded: true };
  listeners.forEach(l => l(state));
}

export async function refreshUnread(): Promise<void> {
  try { set(await api<{ count: number; projects: string[] }>('/api/me/unread')); } catch { /* keeps the last state */ }
}

/**
 * Marks a project read for this user on the server (on opening it), once the page's own reads are
 * under way; the count follows shortly.
 */
export async function markRead(projectId: string): Promise<void> {
  await new Promise(resolve => window.setTimeout(resolve, 1500));
  if (state.projects.has(projectId)) {
    const projects = new Set(state.projects);
    projects.delete(projectId);
    state = { ...state, count: projects.size, projects };
    listeners.forEach(l => l(state));
  }
  try { await api<void>(`/api/me/read/${projectId}`, { method: 'POST' }); } catch { /* retried on next open */ }
  soon();
}

function onFocus(): void { soon(); }

function soon(delay = 300): void {
  window.clearTimeout(timer);
  timer = window.setTimeout(() => void refreshUnread(), delay);
}

/** Starts following the user's unread state (after sign-in). */
export function startUnread(): void {
  stopUnread();
  // After the page's own first reads: the count is not what the user opened the page for.
  soon(1500);
  unsubscribe = live.subscribe(() => soon());
  addEventListener('focus', onFocus);
  poll = window.setInterval(() => void refreshUnread(), 15_000);
}

export function stopUnread(): void {
  unsubscribe?.();
  removeEventListener('focus', onFocus);
  window.clearInterval(poll);
  state = { count: 0, projects: new Set(), loaded: false };
}

export function useUnread(): UnreadState {
  const [s, setS] = useState(state);
  useEffect(() => {
    listeners.add(setS);
    setS(state);
    return () => { listeners.delete(setS); };
  }, []);
  return s;
}
