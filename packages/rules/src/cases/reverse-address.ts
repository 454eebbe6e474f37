// Reverse-locating a reported point to a standard address: the nearest building within a short
// walk names the place; farther out, the grid and the road of the nearest building say where it is.
import { haversineM } from './duplicates.ts';

/** Within this distance a building names the place itself. */
export const ADDRESS_NEAR_M = 150;
/** Within this distance the nearest building still tells which road the point is on. */
export const ADDRESS_ROAD_M = 500;

// A little under the mean sphere's 111,195 m per degree, so the box errs on the large side.
const M_PER_DEGREE_LAT = 111_000;

/** The lon/lat box around a point that contains every point within `radiusM` (a prefilter). */
export function boxAround(
  lon: number,
  lat: number,
  radiusM: number,
): { minLon: number; maxLon: number; minLat: number; maxLat: number } {
  const dLat = radiusM / M_PER_DEGREE_LAT;
  // Near the poles the box would wrap: take every longitude there.
  const cos = Math.cos(Math.min(89, Math.abs(lat)) * (Math.PI / 180));
  const dLon = Math.min(180, radiusM / (M_PER_DEGREE_LAT * cos));
  return { minLon: lon - dLon, maxLon: lon + dLon, minLat: lat - dLat, maxLat: lat + dLat };
}

export interface AddressCandidate {
  lon: number;
  lat: number;
  /** The building's standard address (full name), or its name when it has none. */
  address: string;
  road: string | null;
}

/**
 * The address to record for a point: the nearest candidate's address when it lies within
 * ADDRESS_NEAR_M; else `<grid> <road>附近` with the nearest candidate's road within
 * ADDRESS_ROAD_M; else the grid's name. Ties go to the first candidate (deterministic).
 */
export function reverseAddress(options: {
  lon: number;
  lat: number;
  gridName: string;
  candidates: readonly AddressCandidate[];
}): { address: string; distanceM: number | null } {
  let best: AddressCandidate | null = null;
  let bestM = Number.POSITIVE_INFINITY;
  for (const c of options.candidates) {
    const d = haversineM(options.lon, options.lat, c.lon, c.lat);
    if (d < bestM) {
      best = c;
      bestM = d;
    }
  }
  if (best && bestM <= ADDRESS_NEAR_M && best.address) {
    return { address: best.address, distanceM: Math.round(bestM) };
  }
  if (best?.road && bestM <= ADDRESS_ROAD_M) {
    return { address: `${options.gridName} ${best.road}附近`, distanceM: Math.round(bestM) };
  }
  return { address: options.gridName, distanceM: null };
}
