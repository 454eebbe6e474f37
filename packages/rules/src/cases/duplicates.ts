// Duplicate detection of case reports: two reports of the same category, close in space and time,
// are probably the same problem (a duplicate is voided, and still counts as a valid report).

export interface DuplicateCandidate {
  categoryCode: string;
  lon: number;
  lat: number;
  reportedAt: Date | number;
}

export interface DuplicateOptions {
  /** Farthest distance in metres (inclusive); default 100. */
  radiusM?: number;
  /** Largest gap between the two reports in hours (inclusive); default 72. */
  windowHours?: number;
}

const EARTH_RADIUS_M = 6_371_008.8; // mean radius (IUGG)
const RAD = Math.PI / 180;

/** Great-circle distance in metres between two WGS-84 points (haversine on the mean sphere). */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

function instant(value: Date | number): number {
  const t = typeof value === 'number' ? value : value.getTime();
  if (!Number.isFinite(t)) throw new RangeError('Invalid reportedAt');
  return t;
}

function checkPoint({ lon, lat }: DuplicateCandidate): void {
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    throw new RangeError('Invalid coordinates');
  }
}

/**
 * How likely b duplicates a: null when it is not a candidate (different category, farther apart
 * than radiusM, or reported more than windowHours apart); otherwise
 * 0.6 × (1 − distance / radiusM) + 0.4 × (1 − gap / window), rounded to 3 decimals:
 * 1 for the same place at the same moment, 0 at the edge of both limits.
 */
export function duplicateScore(
  pair: { a: DuplicateCandidate; b: DuplicateCandidate },
  options: DuplicateOptions = {},
): number | null {
  const { radiusM = 100, windowHours = 72 } = options;
  if (!(radiusM > 0) || !(windowHours > 0)) throw new RangeError('radiusM and windowHours must be positive');
  const { a, b } = pair;
  checkPoint(a);
  checkPoint(b);
  if (a.categoryCode !== b.categoryCode) return null;
  const distance = haversineM(a.lon, a.lat, b.lon, b.lat);
  if (distance > radiusM) return null;
  const gap = Math.abs(instant(a.reportedAt) - instant(b.reportedAt));
  const window = windowHours * 3_600_000;
  if (gap > window) return null;
  const score = 0.6 * (1 - distance / radiusM) + 0.4 * (1 - gap / window);
  return Math.round(score * 1000) / 1000;
}
