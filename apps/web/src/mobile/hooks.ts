import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { get } from './api';
import { patrol } from './patrol';
import { listQueue, type QueueItem, subscribe } from './queue';

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
