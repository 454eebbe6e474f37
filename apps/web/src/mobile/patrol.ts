// Patrol recording: watchPosition while a patrol runs; fixes are buffered and handed to the
// offline queue every 30 s or every 20 fixes, and when the patrol stops. The running flag is kept
// in localStorage so a reload (or a reopened app) carries on recording.
import { enqueue } from './queue';
import type { PositionFix } from './queue-items';

const FLAG = 'wangge.m.patrol';
const FLUSH_MS = 30_000;
const FLUSH_FIXES = 20;

type Listener = () => void;
const listeners = new Set<Listener>();
let watchId: number | null = null;
let timer: ReturnType<typeof setInterval> | null = null;
let buffer: PositionFix[] = [];
let recorded = 0;
let lastError: string | null = null;
let last: PositionFix | null = null;

function emit() {
  for (const l of listeners) l();
}

export const patrol = {
  subscribe(l: Listener) {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  snapshot() {
    return { running: watchId !== null, recorded, lastError, last, startedAt: localStorage.getItem(FLAG) };
  },
  start() {
    if (watchId !== null) return;
    if (!localStorage.getItem(FLAG)) localStorage.setItem(FLAG, new Date().toISOString());
    lastError = null;
    watchId = navigator.geolocation.watchPosition(
      (p) => {
        const fix: PositionFix = {
          recordedAt: new Date(p.timestamp || Date.now()).toISOString(),
          lon: p.coords.longitude,
          lat: p.coords.latitude,
          accuracy: p.coords.accuracy ?? null,
          speed: p.coords.speed ?? null,
          heading: p.coords.heading ?? null,
        };
        if (last && last.recordedAt === fix.recordedAt) return;
        last = fix;
        buffer.push(fix);
        recorded++;
        lastError = null;
        if (buffer.length >= FLUSH_FIXES) void patrol.flush();
        emit();
      },
      (e) => {
        lastError = e.message || String(e.code);
        emit();
      },
      { enableHighAccuracy: true, maximumAge: 5_000, timeout: 60_000 },
    );
    timer = setInterval(() => void patrol.flush(), FLUSH_MS);
    emit();
  },
  async stop() {
    if (watchId !== null) navigator.geolocation.clearWatch(watchId);
    watchId = null;
    if (timer) clearInterval(timer);
    timer = null;
    localStorage.removeItem(FLAG);
    await patrol.flush();
    recorded = 0;
    emit();
  },
  async flush() {
    if (!buffer.length) return;
    const fixes = buffer;
    buffer = [];
    const end = fixes[fixes.length - 1]!;
    await enqueue({ kind: 'positions', payload: { fixes }, lon: end.lon, lat: end.lat });
  },
  /** Resumes a patrol that was running when the app was closed. */
  resume() {
    if (localStorage.getItem(FLAG)) patrol.start();
  },
};

window.addEventListener('pagehide', () => void patrol.flush());
