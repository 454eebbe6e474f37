// The offline queue: every write the worker makes (case reports with their photos, case actions,
// patrol positions) is stored in IndexedDB first and sent from there, oldest first, one at a time.
// Exactly once: a case report carries an Idempotency-Key made when it was queued; photos are
// uploaded first and their ids written back to the item, so a retry never uploads them again;
// positions are idempotent by time on the server; a case action carries the case version the
// worker saw, so a replay of an action that already happened is refused (409) instead of repeated.
import { ApiError } from '../api/client';
import { call, isTransient, newKey, post } from './api';

export type QueueKind = 'case' | 'action' | 'positions';

export interface PhotoSlot {
  blob: Blob;
  name: string;
  /** Set once uploaded. */
  attachmentId?: string;
}

export interface CaseReport {
  categoryCode: string;
  categoryName: string;
  description: string;
  lon: number;
  lat: number;
  selfHandled: boolean;
  photos: PhotoSlot[];
  afterPhotos: PhotoSlot[];
  /** Made while the device had no connection. */
  madeOffline?: boolean;
}

export interface CaseActionJob {
  caseId: string;
  caseCode: string;
  action: string;
  version: number;
  note?: string;
  lon?: number;
  lat?: number;
  photos: PhotoSlot[];
}

export interface PositionFix {
  recordedAt: string;
  lon: number;
  lat: number;
  accuracy: number | null;
  speed: number | null;
  heading: number | null;
}

interface Base {
  id?: number;
  key: string;
  createdAt: string;
  /** Where the worker was when it was made (if known). */
  lon?: number;
  lat?: number;
  attempts: number;
  lastError?: string;
  /** Refused by the server for good (not a connection problem): kept for the worker to see. */
  failed?: boolean;
}

export type QueueItem =
  | (Base & { kind: 'case'; payload: CaseReport; caseId?: string })
  | (Base & { kind: 'action'; payload: CaseActionJob })
  | (Base & { kind: 'positions'; payload: { fixes: PositionFix[] } });

type NewItem =
  | { kind: 'case'; payload: CaseReport; lon?: number; lat?: number }
  | { kind: 'action'; payload: CaseActionJob; lon?: number; lat?: number }
  | { kind: 'positions'; payload: { fixes: PositionFix[] }; lon?: number; lat?: number };

const DB_NAME = 'wangge-field';
const STORE = 'outbox';
const SENT_KEY = 'wangge.m.sent';

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

export async function enqueue(item: NewItem): Promise<void> {
  await putItem({ ...item, key: newKey(), createdAt: new Date().toISOString(), attempts: 0 } as QueueItem);
  notify();
  void flushQueue();
}

export async function retryFailed(id: number): Promise<void> {
  const item = (await listQueue()).find((i) => i.id === id);
  if (!item) return;
  await putItem({ ...item, failed: false, lastError: undefined });
  notify();
  void flushQueue();
}

// ---- sending -----------------------------------------------------------------------------

const hhmm = (iso: string) => {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

async function uploadPhotos(item: QueueItem, slots: PhotoSlot[]): Promise<string[]> {
  const ids: string[] = [];
  for (const slot of slots) {
    if (!slot.attachmentId) {
      const form = new FormData();
      form.append('file', slot.blob, slot.name);
      const created = await call<{ id: string }>('POST', '/api/attachments', { body: form });
      slot.attachmentId = created.id;
      await putItem(item); // remember the upload before anything else can fail
    }
    ids.push(slot.attachmentId);
  }
  return ids;
}

async function send(item: QueueItem): Promise<void> {
  if (item.kind === 'case') {
    const p = item.payload;
    const photoIds = await uploadPhotos(item, p.photos);
    const afterPhotoIds = await uploadPhotos(item, p.afterPhotos);
    // A report sent later than it was made carries its recording time (observedAt, kept in the
    // case history) and says so in its text for whoever reads the description.
    const late = Date.now() - Date.parse(item.createdAt) > 60_000 || p.madeOffline === true;
    const description = late ? `（离线记录于 ${hhmm(item.createdAt)}）${p.description}` : p.description;
    const created = await post<{ id: string }>(
      '/api/cases',
      {
        categoryCode: p.categoryCode,
        description: description.slice(0, 2000),
        lon: p.lon,
        lat: p.lat,
        source: 'patrol',
        ...(late ? { observedAt: item.createdAt } : {}),
        ...(photoIds.length ? { photoIds } : {}),
        ...(p.selfHandled ? { selfHandled: true, afterPhotoIds } : {}),
      },
      { 'idempotency-key': item.key },
    );
    item.caseId = created.id;
  } else if (item.kind === 'action') {
    const p = item.payload;
    const photoIds = await uploadPhotos(item, p.photos);
    await post(`/api/cases/${p.caseId}/actions/${p.action}`, {
      version: p.version,
      ...(p.note ? { note: p.note } : {}),
      ...(photoIds.length ? { photoIds } : {}),
      ...(p.lon !== undefined && p.lat !== undefined ? { lon: p.lon, lat: p.lat } : {}),
    });
  } else {
    await post('/api/positions', { positions: item.payload.fixes });
  }
}

let running: Promise<void> | null = null;

/** Sends what is waiting, in order; stops at the first connection problem. */
export function flushQueue(): Promise<void> {
  if (running) return running;
  running = (async () => {
    try {
      const items = (await listQueue()).sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
      for (const item of items) {
        if (item.failed) continue;
        if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
        try {
          await send(item);
          await tx('readwrite', (s) => s.delete(item.id!));
          countSent();
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
