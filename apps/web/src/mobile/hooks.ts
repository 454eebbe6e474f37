import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { get } from './api';
import { patrol } from './patrol';
import { listQueue, sentLog, subscribe } from './queue';
import type { QueueItem, QueueKind, SentNote } from './queue-items';
import { visit } from './visit';

export function useOnline(): boolean {
  return useSyncExternalStore(
    (cb) => {
      window.addEventListener('online', cb);
      window.addEventListener('offline', cb);
      return () => {
        window.removeEventListener('online', cb);
        window.removeEventListener('offline', cb);
      };
    },
    () => navigator.onLine,
  );
}

export function useQueue(): QueueItem[] {
  const [items, setItems] = useState<QueueItem[]>([]);
  useEffect(() => {
    let alive = true;
    const load = () =>
      void listQueue().then((rows) => {
        if (alive) setItems(rows.sort((a, b) => (a.id ?? 0) - (b.id ?? 0)));
      });
    load();
    const off = subscribe(load);
    return () => {
      alive = false;
      off();
    };
  }, []);
  return items;
}

/** What went through lately (newest first), refreshed whenever the queue moves. */
export function useSentLog(): SentNote[] {
  const [log, setLog] = useState(sentLog);
  useEffect(() => {
    const off = subscribe(() => setLog(sentLog()));
    return () => {
      off();
    };
  }, []);
  return log;
}

/** Calls `reload` whenever an item of this kind went through: the server's answer changed. */
export function useReloadOnSent(kind: QueueKind, reload: () => void): void {
  const newest = useSentLog().find((n) => n.kind === kind)?.key;
  const seen = useRef(newest);
  useEffect(() => {
    if (newest !== seen.current) reload();
    seen.current = newest;
  }, [newest, reload]);
}

export function useVisit() {
  return useSyncExternalStore(visit.subscribe, visit.current);
}

/** Re-renders every `ms` (running clocks). */
export function useTick(ms: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

let patrolSnap = patrol.snapshot();
patrol.subscribe(() => {
  patrolSnap = patrol.snapshot();
});
export function usePatrol() {
  return useSyncExternalStore(
    (cb) => patrol.subscribe(cb),
    () => patrolSnap,
  );
}

/** GET with a localStorage copy: the last answer is shown when offline. */
export function useGet<T>(path: string | null, options: { keep?: boolean } = {}) {
  const storeKey = `wangge.m.get:${path}`;
  const [data, setData] = useState<T | null>(() => {
    if (!path || !options.keep) return null;
    const raw = localStorage.getItem(storeKey);
    return raw ? (JSON.parse(raw) as T) : null;
  });
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(Boolean(path));
  const reload = useCallback(() => {
    if (!path) return;
    setLoading(true);
    get<T>(path)
      .then((d) => {
        setData(d);
        setError(null);
        if (options.keep) localStorage.setItem(storeKey, JSON.stringify(d));
      })
      .catch((e: Error) => setError(e))
      .finally(() => setLoading(false));
  }, [path, storeKey, options.keep]);
  useEffect(reload, [reload]);
  return { data, error, loading, reload };
}

/** The current position, once (for reports and actions). */
export function currentPosition(timeout = 10_000): Promise<{ lon: number; lat: number; accuracy: number }> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) return reject(new Error('no geolocation'));
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lon: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy }),
      (e) => reject(new Error(e.message)),
      { enableHighAccuracy: true, timeout, maximumAge: 30_000 },
    );
  });
}

export const hhmm = (iso: string | Date) => {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};
