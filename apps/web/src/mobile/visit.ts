// The visit under way: who is being visited and since when, kept in localStorage so a reload (or
// a phone that closed the app on the stairs) does not lose the start time. Ending it hands the
// visit, with the device's start and end times, to the offline queue.
import { enqueue } from './queue';

const KEY = 'wangge.m.visit';
const LABELS_KEY = 'wangge.m.visitLabels';
const LABELS_KEPT = 200;

export interface RunningVisit {
  personId?: string;
  houseId?: string;
  label: string;
  startedAt: string;
  lon?: number;
  lat?: number;
}

type Listener = () => void;
const listeners = new Set<Listener>();
let current: RunningVisit | null = read();

function read(): RunningVisit | null {
  const raw = localStorage.getItem(KEY);
  return raw ? (JSON.parse(raw) as RunningVisit) : null;
}

/** Names of the households visited from this phone: the server's visit names only a house id. */
export function visitLabel(ref: { personId?: string | null; houseId?: string | null }): string | undefined {
  const labels = JSON.parse(localStorage.getItem(LABELS_KEY) ?? '{}') as Record<string, string>;
  return (
    (ref.houseId ? labels[`h:${ref.houseId}`] : undefined) ??
    (ref.personId ? labels[`p:${ref.personId}`] : undefined)
  );
}

function rememberLabel(target: Omit<RunningVisit, 'startedAt'>) {
  const labels = Object.entries(
    JSON.parse(localStorage.getItem(LABELS_KEY) ?? '{}') as Record<string, string>,
  );
  const key = target.houseId ? `h:${target.houseId}` : `p:${target.personId}`;
  const kept = [...labels.filter(([k]) => k !== key), [key, target.label]].slice(-LABELS_KEPT);
  localStorage.setItem(LABELS_KEY, JSON.stringify(Object.fromEntries(kept)));
}

function emit() {
  for (const l of listeners) l();
}

export const visit = {
  subscribe(l: Listener) {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  current: () => current,
  start(target: Omit<RunningVisit, 'startedAt'>) {
    current = { ...target, startedAt: new Date().toISOString() };
    rememberLabel(target);
    localStorage.setItem(KEY, JSON.stringify(current));
    emit();
  },
  /** Where the visit takes place, once the phone has a fix. */
  place(lon: number, lat: number) {
    if (!current || current.lon !== undefined) return;
    current = { ...current, lon, lat };
    localStorage.setItem(KEY, JSON.stringify(current));
    emit();
  },
  discard() {
    current = null;
    localStorage.removeItem(KEY);
    emit();
  },
  /** Ends the visit now and queues it; resolves once it is stored on the phone. */
  async finish(note: string): Promise<void> {
    const running = current;
    if (!running) return;
    await enqueue({
      kind: 'visit',
      lon: running.lon,
      lat: running.lat,
      payload: {
        ...(running.personId ? { personId: running.personId } : {}),
        ...(running.houseId ? { houseId: running.houseId } : {}),
        label: running.label,
        startedAt: running.startedAt,
        endedAt: new Date().toISOString(),
        note: note.trim(),
        lon: running.lon,
        lat: running.lat,
      },
    });
    visit.discard();
  },
};
