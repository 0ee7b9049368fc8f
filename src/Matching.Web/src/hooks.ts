import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';
import { live, type LiveHandler } from './live';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | Error | undefined;
  loading: boolean;
  reload: () => Promise<void>;
  setData: (value: T) => void;
}

/** Runs <paramref name="load"/> when the dependencies change and on reload(); keeps the last data while reloading. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError | Error>();
  const [loading, setLoading] = useState(true);
  const controller = useRef<AbortController>();
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    controller.current?.abort();
    const mine = new AbortController();
    controller.current = mine;
    setLoading(true);
    try {
      const value = await loadRef.current(mine.signal);
      if (!mine.signal.aborted) { setData(value); setError(undefined); }
    } catch (e) {
      if (!mine.signal.aborted && (e as Error).name !== 'AbortError') setError(e as Error);
    } finally {
      if (!mine.signal.aborted) setLoading(false);
    }
  }, []);

  useEffect(() => {
    setData(undefined);
    void reload();
    return () => controller.current?.abort();
  }, deps);

  return { data, error, loading, reload, setData };
}

/** Subscribes to live events while the component is mounted. */
export function useLive(handler: LiveHandler): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => live.subscribe((event, replayed) => ref.current(event, replayed)), []);
}

const pending = new WeakMap<() => Promise<void>, number[]>();

function schedule(reload: () => Promise<void>, delays: number[]): void {
  for (const timer of pending.get(reload) ?? []) window.clearTimeout(timer);
  pending.set(reload, delays.map(delay => window.setTimeout(() => void reload(), delay)));
}

/**
 * Re-reads soon: a burst of events (a catch-up after a reconnect brings many at once) becomes one read.
 */
export function reloadSoon(reload: () => Promise<void>): void {
  schedule(reload, [150]);
}

/**
 * Re-reads soon and again shortly after: lists that come from the search index (contests, project
 * search) are searchable within about a second of the change that an event announces. Bursts coalesce.
 */
export function reloadSettled(reload: () => Promise<void>): void {
  schedule(reload, [150, 1200, 3000]);
}
