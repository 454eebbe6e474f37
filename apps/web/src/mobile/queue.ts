// The offline queue: every write the worker makes (case reports with their photos, case actions,
// patrol positions, visits, service errands, venue inspections) is stored in IndexedDB first and
// sent from there, oldest first, one at a time (send.ts says how each kind goes).
// Exactly once: reports, visits and inspections carry an Idempotency-Key made when they were
// queued; photos are uploaded first and their ids written back to the item, so a retry never
// uploads them again; positions are idempotent by time on the server; a case action carries the
// case version the worker saw, so a replay of an action that already happened is refused (409)
// instead of repeated.
import { ApiError } from '../api/client';
import { isTransient, newKey } from './api';
import type { NewItem, QueueItem, SentNote } from './queue-items';
import { itemLabel } from './queue-labels';
import { send } from './send';

const DB_NAME = 'wangge-field';
const STORE = 'outbox';
const SENT_KEY = 'wangge.m.sent';
const SENT_LOG_KEY = 'wangge.m.sentLog';
const SENT_LOG_SIZE = 30;

let dbPromise: Promise<IDBDatabase> | null = null;
function openDb(): Promise<IDBDatabase> {
  dbPromise ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return dbPromise;
}

function tx<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return openDb().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const t = db.transaction(STORE, mode);
        const req = run(t.objectStore(STORE));
        t.oncomplete = () => resolve(req.result);
        t.onerror = () => reject(t.error);
        t.onabort = () => reject(t.error);
      }),
  );
}

export const listQueue = () => tx<QueueItem[]>('readonly', (s) => s.getAll() as IDBRequest<QueueItem[]>);
const putItem = (item: QueueItem) => tx('readwrite', (s) => s.put(item));
export const removeItem = async (id: number) => {
  await tx('readwrite', (s) => s.delete(id));
  notify();
};

// ---- listeners ---------------------------------------------------------------------------

type Listener = () => void;
const listeners = new Set<Listener>();
export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
function notify() {
  for (const l of listeners) l();
}

export function sentToday(): number {
  const raw = localStorage.getItem(SENT_KEY);
  const today = new Date().toDateString();
  if (!raw) return 0;
  const { day, n } = JSON.parse(raw) as { day: string; n: number };
  return day === today ? n : 0;
}
function countSent() {
  localStorage.setItem(SENT_KEY, JSON.stringify({ day: new Date().toDateString(), n: sentToday() + 1 }));
}

/** Stores the write and starts sending; resolves with the item's key once it is stored. */
export async function enqueue(item: NewItem & { lon?: number; lat?: number }): Promise<string> {
  const key = newKey();
  await putItem({ ...item, key, createdAt: new Date().toISOString(), attempts: 0 });
  notify();
  void flushQueue();
  return key;
}

export async function retryFailed(id: number): Promise<void> {
  const item = (await listQueue()).find((i) => i.id === id);
  if (!item) return;
  await putItem({ ...item, failed: false, lastError: undefined });
  notify();
  void flushQueue();
}

// ---- sending -----------------------------------------------------------------------------

/** The last items that went through, newest first, with the server's reference (case code …). */
export function sentLog(): SentNote[] {
  return JSON.parse(localStorage.getItem(SENT_LOG_KEY) ?? '[]') as SentNote[];
}
function logSent(item: QueueItem, ref: string | undefined) {
  const note: SentNote = {
    key: item.key,
    kind: item.kind,
    label: itemLabel(item),
    at: new Date().toISOString(),
  };
  if (ref) note.ref = ref;
  localStorage.setItem(SENT_LOG_KEY, JSON.stringify([note, ...sentLog()].slice(0, SENT_LOG_SIZE)));
}

let running: Promise<void> | null = null;
/** Something was queued while a run was under way: that run had already read the queue. */
let again = false;

/** Sends what is waiting, in order; stops at the first connection problem. */
export function flushQueue(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  again = false;
  running = (async () => {
    try {
      const items = (await listQueue()).sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
      for (const item of items) {
        if (item.failed) continue;
        if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
        try {
          const ref = await send(item, () => putItem(item).then(() => undefined));
          await tx('readwrite', (s) => s.delete(item.id!));
          countSent();
          logSent(item, ref);
          notify();
        } catch (error) {
          item.attempts += 1;
          item.lastError = error instanceof Error ? error.message : String(error);
          if (isTransient(error)) {
            await putItem(item);
            notify();
            return; // keep the order: try again when the connection is back
          }
          item.failed = true;
          if (error instanceof ApiError && error.status === 401) {
            item.failed = false; // logged out: keep it for the next login
            await putItem(item);
            notify();
            return;
          }
          await putItem(item);
          notify();
        }
      }
    } finally {
      running = null;
      if (again) void flushQueue();
    }
  })();
  return running;
}

/** Sends on reconnect, on start, and every 20 s while anything waits. */
export function startQueueRunner(): void {
  window.addEventListener('online', () => void flushQueue());
  setInterval(() => void flushQueue(), 20_000);
  void flushQueue();
}
