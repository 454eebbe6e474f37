// Tracking codes of the reports sent from this device without an account, newest first, so the
// resident can follow them without writing the code down (they may still type it elsewhere).
const TRACKED_KEY = 'wangge.r.tracked';
const KEEP = 20;

export interface TrackedEntry {
  code: string;
  categoryCode: string;
  reportedAt: string;
}

export function trackedOnDevice(): TrackedEntry[] {
  try {
    const raw = localStorage.getItem(TRACKED_KEY);
    return raw ? (JSON.parse(raw) as TrackedEntry[]) : [];
  } catch {
    return [];
  }
}

export function rememberTracked(entry: TrackedEntry): void {
  const others = trackedOnDevice().filter((e) => e.code !== entry.code);
  localStorage.setItem(TRACKED_KEY, JSON.stringify([entry, ...others].slice(0, KEEP)));
}
