import { useEffect, useState } from 'preact/hooks';

export interface Toast { id: number; text: string; kind: 'info' | 'success' | 'warn' }

let next = 1;
const listeners = new Set<(t: Toast) => void>();

/** Shows a short notice (live events, saved forms) in the corner; screen readers hear it. */
export function toast(text: string, kind: Toast['kind'] = 'info'): void {
  const t = { id: next++, text, kind };
  listeners.forEach(l => l(t));
}

export function Toasts() {
  const [items, setItems] = useState<Toast[]>([]);
  useEffect(() => {
    const add = (t: Toast) => {
      setItems(list => [...list.slice(-2), t]);
      window.setTimeout(() => setItems(list => list.filter(x => x.id !== t.id)), 4500);
    };
    listeners.add(add);
    return () => listeners.delete(add);
  }, []);
  return (
    <div class="toasts" aria-live="polite" role="status">
      {items.map(t => <div key={t.id} class={`toast ${t.kind}`} onClick={() => setItems(list => list.filter(x => x.id !== t.id))}>{t.text}</div>)}
    </div>
  );
}
