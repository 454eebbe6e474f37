// What of a fix is stored, the same on both ways into the table (COPY tuples, checked inserts):
// an optional value that is unknown, impossible or beyond its column's type is stored as NULL.
import type { PositionSource } from '../../db/schema.ts';
import type { Fix } from './pipeline.ts';
import type { PositionRow } from './repository.ts';

/** The largest finite value of PostgreSQL's `real`. */
const MAX_REAL = 3.4e38;

export const finite = (v: number | null | undefined): number | null =>
  v === null || v === undefined || !Number.isFinite(v) ? null : v;

const real = (v: number | null | undefined, min: number): number | null => {
  const n = finite(v);
  return n !== null && n >= min && n <= MAX_REAL ? n : null;
};

/** Zero or negative accuracy means "unknown" in the trackers' protocols. */
export const accuracyOf = (fix: Fix): number | null => real(fix.accuracy, Number.MIN_VALUE);
export const speedOf = (fix: Fix): number | null => real(fix.speed, 0);
export const headingOf = (fix: Fix): number | null => real(fix.heading, 0);
export const altitudeOf = (fix: Fix): number | null => real(fix.altitude, -MAX_REAL);
export const batteryOf = (fix: Fix): number | null => {
  const b = real(fix.battery, 0);
  return b !== null && b <= 100 ? Math.round(b) : null;
};

/** The columns all fixes of one request share. */
export interface Origin {
  userId: string;
  deviceId: string | null;
  source: PositionSource;
  receivedAt: Date;
}

export function positionRow(origin: Origin, fix: Fix, t: number, gridId: string | null): PositionRow {
  return {
    userId: origin.userId,
    deviceId: origin.deviceId,
    recordedAt: new Date(t),
    receivedAt: origin.receivedAt,
    lon: fix.lon,
    lat: fix.lat,
    accuracy: accuracyOf(fix),
    speed: speedOf(fix),
    heading: headingOf(fix),
    altitude: altitudeOf(fix),
    battery: batteryOf(fix),
    gridId,
    source: origin.source,
  };
}
