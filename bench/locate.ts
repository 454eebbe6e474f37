// Point → grid lookup on the city-scale demo (Hohhot's 5,880 grids): index build time, indexed
// lookups per second, and a brute-force scan measured in the same run, so the numbers compare
// like with like on whatever machine runs them.

import { cpus } from 'node:os';
import { createRandom, type Geometry, GridLocator, pointInGeometry } from '@wangge/rules';
import { generateDemo } from '../apps/server/src/modules/demo/generate.ts';

const INDEXED_LOOKUPS = 1_000_000;
const BRUTE_FORCE_LOOKUPS = 2_000;
const SEED = 1;

interface BenchGrid {
  code: string;
  geometry: Geometry;
}

function rate(count: number, ms: number): string {
  return `${Math.round((count / ms) * 1000).toLocaleString('en-US')}/s`;
}

function percent(part: number, whole: number): string {
  return `${((part / whole) * 100).toFixed(1)}%`;
}

/** The reference answer: strictly inside wins, then the smallest code among grids touching the point. */
function bruteForce(grids: readonly BenchGrid[], lon: number, lat: number): string | null {
  let onBorder: string | null = null;
  for (const grid of grids) {
    const where = pointInGeometry([lon, lat], grid.geometry);
    if (where === 1) return grid.code;
    if (where === 0 && onBorder === null) onBorder = grid.code;
  }
  return onBorder;
}

export async function benchLocate(): Promise<void> {
  console.log('locate: point → grid on the city-scale demo');
  console.log(`  node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}`);

  let started = performance.now();
  const demo = generateDemo({ scale: 'city', seed: SEED });
  const grids: BenchGrid[] = demo.orgUnits
    .filter((u) => u.level === 'grid' && u.boundary !== null)
    .map((u) => ({ code: u.code, geometry: u.boundary! }))
    // Brute force scans in code order so that its tie-break matches the locator's.
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  console.log(
    `  demo data: ${grids.length} grids generated in ${(performance.now() - started).toFixed(0)} ms`,
  );

  started = performance.now();
  const locator = GridLocator.build(grids.map((g) => ({ key: g.code, order: g.code, geometry: g.geometry })));
  const buildMs = performance.now() - started;
  const vertices = grids.reduce(
    (n, g) =>
      n +
      (g.geometry.type === 'Polygon' ? [g.geometry.coordinates] : g.geometry.coordinates)
        .flat()
        .reduce((m, ring) => m + ring.length, 0),
    0,
  );
  console.log(
    `  index: ${locator.size} grids, ${vertices.toLocaleString('en-US')} vertices, built in ${buildMs.toFixed(1)} ms`,
  );

  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const g of grids) {
    for (const ring of g.geometry.type === 'Polygon'
      ? g.geometry.coordinates
      : g.geometry.coordinates.flat()) {
      for (const [lon, lat] of ring) {
        minLon = Math.min(minLon, lon);
        maxLon = Math.max(maxLon, lon);
        minLat = Math.min(minLat, lat);
        maxLat = Math.max(maxLat, lat);
      }
    }
  }
  // Points are drawn up front so the timed loops measure lookups, not the generator.
  const random = createRandom(SEED);
  const points = new Float64Array(INDEXED_LOOKUPS * 2);
  for (let i = 0; i < INDEXED_LOOKUPS; i++) {
    points[2 * i] = minLon + random.next() * (maxLon - minLon);
    points[2 * i + 1] = minLat + random.next() * (maxLat - minLat);
  }

  // One untimed pass over a slice lets the JIT settle before measuring.
  for (let i = 0; i < 100_000; i++) locator.locate(points[2 * i]!, points[2 * i + 1]!);
  started = performance.now();
  let hits = 0;
  for (let i = 0; i < INDEXED_LOOKUPS; i++) {
    if (locator.locate(points[2 * i]!, points[2 * i + 1]!) !== null) hits++;
  }
  const indexedMs = performance.now() - started;
  console.log(
    `  indexed:     ${rate(INDEXED_LOOKUPS, indexedMs)} over ${INDEXED_LOOKUPS.toLocaleString('en-US')} random points in the city bbox (hit rate ${percent(hits, INDEXED_LOOKUPS)}, ${((indexedMs * 1000) / INDEXED_LOOKUPS).toFixed(2)} µs each)`,
  );

  started = performance.now();
  let bruteHits = 0;
  const answers: (string | null)[] = [];
  for (let i = 0; i < BRUTE_FORCE_LOOKUPS; i++) {
    const found = bruteForce(grids, points[2 * i]!, points[2 * i + 1]!);
    answers.push(found);
    if (found !== null) bruteHits++;
  }
  const bruteMs = performance.now() - started;
  let disagreements = 0;
  for (let i = 0; i < BRUTE_FORCE_LOOKUPS; i++) {
    if (locator.locate(points[2 * i]!, points[2 * i + 1]!) !== answers[i]) disagreements++;
  }
  console.log(
    `  brute force: ${rate(BRUTE_FORCE_LOOKUPS, bruteMs)} over ${BRUTE_FORCE_LOOKUPS.toLocaleString('en-US')} points (hit rate ${percent(bruteHits, BRUTE_FORCE_LOOKUPS)}), linear scan with pointInGeometry`,
  );
  const speedup = INDEXED_LOOKUPS / indexedMs / (BRUTE_FORCE_LOOKUPS / bruteMs);
  console.log(
    `  speed-up ×${Math.round(speedup).toLocaleString('en-US')}; index and brute force disagree on ${disagreements} of ${BRUTE_FORCE_LOOKUPS} points`,
  );

  // Every vertex lies on a border, which the fast test hands to the exact fallback: the worst case.
  const corners: [number, number][] = grids.flatMap((g) =>
    (g.geometry.type === 'Polygon' ? g.geometry.coordinates : g.geometry.coordinates.flat()).flat(),
  );
  started = performance.now();
  let cornerHits = 0;
  for (const [lon, lat] of corners) if (locator.locate(lon, lat) !== null) cornerHits++;
  const cornerMs = performance.now() - started;
  let cornerDisagreements = 0;
  const stride = Math.max(1, Math.floor(corners.length / 300));
  let checked = 0;
  for (let i = 0; i < corners.length; i += stride) {
    const [lon, lat] = corners[i]!;
    if (locator.locate(lon, lat) !== bruteForce(grids, lon, lat)) cornerDisagreements++;
    checked++;
  }
  console.log(
    `  on borders:  ${rate(corners.length, cornerMs)} over all ${corners.length.toLocaleString('en-US')} grid vertices (hit rate ${percent(cornerHits, corners.length)}); disagree with brute force on ${cornerDisagreements} of ${checked} sampled`,
  );
  if (disagreements > 0 || cornerDisagreements > 0) process.exitCode = 1;
}
