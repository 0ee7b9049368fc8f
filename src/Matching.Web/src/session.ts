import type { TokenResponse, User } from './types';

// The signed-in user and bearer token, kept per browser tab (sessionStorage): closing the tab signs out,
// a reload keeps the session.
const KEY = 'matching.session';

export interface Session { token: string; expiresAt: string; user: User }

let current: Session | null = read();
const listeners = new Set<(s: Session | null) => void>();

function read(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    return new Date(session.expiresAt).getTime() > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function getSession(): Session | null { return current; }

export function signIn(response: TokenResponse): Session {
  current = { token: response.accessToken, expiresAt: response.expiresAt, user: response.user };
  sessionStorage.setItem(KEY, JSON.stringify(current));
  listeners.forEach(l => l(current));
  return current;
}

/** Ends the session; <paramref name="reason"/> is shown on the sign-in page. */
export function signOut(reason?: string): void {
  current = null;
  sessionStorage.removeItem(KEY);
  if (reason) sessionStorage.setItem('matching.signOutReason', reason);
  listeners.forEach(l => l(null));
}

export function takeSignOutReason(): string | null {
  const reason = sessionStorage.getItem('matching.signOutReason');
  sessionStorage.removeItem('matching.signOutReason');
  return reason;
}

export function onSessionChange(listener: (s: Session | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
