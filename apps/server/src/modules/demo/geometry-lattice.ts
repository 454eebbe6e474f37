// A jittered lattice of cells, and regions made of its cells whose outlines tile exactly.
//
// Every lattice corner is jittered once and every cell side gets one jittered midpoint, shared
// by the two cells on either side, so neighbouring outlines use the very same vertices: no gaps,
// no overlaps, no T-junctions. Each cell stays star-shaped around its ideal centre (corner jitter
// bends the corner's direction by at most asin(2·JC) ≈ 11.5°, a midpoint's by at most
// atan((JC+JA)/(0.5−JC−JM)) ≈ 24.8°, together less than the 45° between them), hence simple.
//
// A region is "row-convex": one run of cells per row, rows contiguous, and consecutive runs
// sharing at least one column. Such a set of cells is connected, has no holes and no cells that
// touch only at a corner, so its outline is a single simple ring through lattice vertices.

import type { Rng } from './random.ts';
import { float, int } from './random.ts';

const JC = 0.1; // corner jitter, fraction of the cell size per axis
const JM = 0.14; // midpoint jitter across its side
const JA = 0.02; // midpoint jitter along its side
const METRES_PER_DEGREE = 111_320;

export type Position = [number, number];
export interface Polygon {
  type: 'Polygon';
  coordinates: Position[][];
}

export interface Lattice {
  /** Cells per row (west→east) and rows (north→south). */
  nx: number;
  ny: number;
  west: number;
  north: number;
  cellLon: number;
  cellLat: number;
  lon: Float64Array;
  lat: Float64Array;
}

/** Cells [a, b) of row y0 + k, for each k. */
export interface Region {
  y0: number;
  rows: [number, number][];
}

const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

function cornerId(l: Lattice, i: number, j: number): number {
  return j * (l.nx + 1) + i;
}
/** Midpoint of the side from corner (i, j) to (i + 1, j). */
function hMidId(l: Lattice, i: number, j: number): number {
  return (l.nx + 1) * (l.ny + 1) + j * l.nx + i;
}
/** Midpoint of the side from corner (i, j) to (i, j + 1). */
function vMidId(l: Lattice, i: number, j: number): number {
  return (l.nx + 1) * (l.ny + 1) + l.nx * (l.ny + 1) + j * (l.nx + 1) + i;
}

export function createLattice(options: {
  centerLon: number;
  centerLat: number;
  nx: number;
  ny: number;
  cellMetres: number;
  rng: Rng;
}): Lattice {
  const { nx, ny, rng } = options;
  const cellLat = options.cellMetres / METRES_PER_DEGREE;
  const cellLon = options.cellMetres / (METRES_PER_DEGREE * Math.cos((options.centerLat * Math.PI) / 180));
  const west = options.centerLon - (nx * cellLon) / 2;
  const north = options.centerLat + (ny * cellLat) / 2;
  const size = (nx + 1) * (ny + 1) + nx * (ny + 1) + (nx + 1) * ny;
  const l: Lattice = {
    nx,
    ny,
    west,
    north,
    cellLon,
    cellLat,
    lon: new Float64Array(size),
    lat: new Float64Array(size),
  };
  for (let j = 0; j <= ny; j++) {
    for (let i = 0; i <= nx; i++) {
      const id = cornerId(l, i, j);
      l.lon[id] = round6(west + (i + float(rng, -JC, JC)) * cellLon);
      l.lat[id] = round6(north - (j + float(rng, -JC, JC)) * cellLat);
    }
  }
  for (let j = 0; j <= ny; j++) {
    for (let i = 0; i < nx; i++) {
      const a = cornerId(l, i, j);
      const b = cornerId(l, i + 1, j);
      const id = hMidId(l, i, j);
      l.lon[id] = round6((l.lon[a]! + l.lon[b]!) / 2 + float(rng, -JA, JA) * cellLon);
      l.lat[id] = round6((l.lat[a]! + l.lat[b]!) / 2 + float(rng, -JM, JM) * cellLat);
    }
  }
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i <= nx; i++) {
      const a = cornerId(l, i, j);
      const b = cornerId(l, i, j + 1);
      const id = vMidId(l, i, j);
      l.lon[id] = round6((l.lon[a]! + l.lon[b]!) / 2 + float(rng, -JM, JM) * cellLon);
      l.lat[id] = round6((l.lat[a]! + l.lat[b]!) / 2 + float(rng, -JA, JA) * cellLat);
    }
  }
  return l;
}

export function cellCount(region: Region): number {
  let n = 0;
  for (const [a, b] of region.rows) n += b - a;
  return n;
}

export function regionContains(region: Region, x: number, y: number): boolean {
  const row = region.rows[y - region.y0];
  return row !== undefined && x >= row[0] && x < row[1];
}

/** Row-convex, non-empty, consecutive runs overlapping. */
export function isValidRegion(region: Region): boolean {
  if (region.rows.length === 0) return false;
  for (let k = 0; k < region.rows.length; k++) {
    const [a, b] = region.rows[k]!;
    if (b <= a) return false;
    const next = region.rows[k + 1];
    if (next && Math.max(a, next[0]) >= Math.min(b, next[1])) return false;
  }
  return true;
}

/** Drops empty rows at both ends; returns null if an empty row remains inside. */
function trim(y0: number, rows: [number, number][]): Region | null {
  let start = 0;
  let end = rows.length;
  while (start < end && rows[start]![1] <= rows[start]![0]) start++;
  while (end > start && rows[end - 1]![1] <= rows[end - 1]![0]) end--;
  const region = { y0: y0 + start, rows: rows.slice(start, end) };
  return isValidRegion(region) ? region : null;
}

/** An irregular row-convex blob filling most of an nx × ny lattice. */
export function blobRegion(nx: number, ny: number, rng: Rng): Region {
  const margin = Math.max(1, Math.round(Math.min(nx, ny) / 8));
  const rows: [number, number][] = [];
  let left = int(rng, 0, margin);
  let right = int(rng, 0, margin);
  for (let y = 0; y < ny; y++) {
    // Rounded-off corners plus a random walk along both flanks.
    const edge = Math.min(y, ny - 1 - y);
    const corner = edge < margin ? margin - edge : 0;
    left = Math.max(0, Math.min(margin, left + int(rng, -1, 1)));
    right = Math.max(0, Math.min(margin, right + int(rng, -1, 1)));
    const half = Math.floor(nx / 2);
    rows.push([Math.min(left + corner, half - 1), Math.max(nx - right - corner, half + 1)]);
  }
  const region = trim(0, rows);
  if (!region) throw new Error('demo lattice: invalid outer region');
  return region;
}

interface Cut {
  parts: [Region, Region];
  /** Relative imbalance plus penalties for less natural shapes; lower is better. */
  error: number;
}

function better(best: Cut | null, cut: Cut): Cut {
  return best === null || cut.error < best.error ? cut : best;
}

/**
 * West | east cut along a wiggly line, one cut position per row: either at the same fraction of
 * every row (good for rows of similar extent) or near one column for all rows (good for rows
 * shifted against each other, as left by a slanted cut).
 */
function verticalCut(region: Region, f: number, needL: number, needR: number, rng: Rng): Cut | null {
  const total = cellCount(region);
  const { minX, maxX } = extent(region);
  const wiggle: number[] = [];
  let w = 0;
  for (let k = 0; k < region.rows.length; k++) {
    w = Math.max(-1, Math.min(1, w + int(rng, -1, 1)));
    wiggle.push(w);
  }
  let best: Cut | null = null;
  const tryCut = (position: (a: number, b: number, k: number) => number, penalty: number) => {
    const left: [number, number][] = [];
    const right: [number, number][] = [];
    let n = 0;
    region.rows.forEach(([a, b], k) => {
      const c = Math.max(a, Math.min(b, position(a, b, k)));
      left.push([a, c]);
      right.push([c, b]);
      n += c - a;
    });
    if (n < needL || total - n < needR) return;
    const l = trim(region.y0, left);
    const r = trim(region.y0, right);
    if (l && r) best = better(best, { parts: [l, r], error: Math.abs(n - f * total) / total + penalty });
  };
  for (const straight of [false, true]) {
    const penalty = straight ? 0.01 : 0;
    const wig = (k: number) => (straight ? 0 : wiggle[k]!);
    for (let delta = -3; delta <= 3; delta++) {
      tryCut((a, b, k) => {
        const c = a + Math.round(f * (b - a)) + wig(k) + delta;
        return b - a >= 2 ? Math.max(a + 1, Math.min(b - 1, c)) : c;
      }, penalty);
    }
    for (let x = minX + 1; x < maxX; x++) tryCut((_a, _b, k) => x + wig(k), penalty);
  }
  return best;
}

/** North / south cut along a staircase line; monotone, so both parts stay row-convex. */
function horizontalCut(region: Region, f: number, needN: number, needS: number, rng: Rng): Cut | null {
  const total = cellCount(region);
  const yEnd = region.y0 + region.rows.length;
  const { minX, maxX } = extent(region);
  const midX = (minX + maxX) / 2;
  const slope = float(rng, -0.2, 0.2);
  let best: Cut | null = null;
  for (const s of [slope, 0]) {
    for (let r0 = region.y0 + 1; r0 < yEnd; r0++) {
      const north: [number, number][] = [];
      const south: [number, number][] = [];
      let n = 0;
      region.rows.forEach(([a, b], k) => {
        const y = region.y0 + k;
        // Cell (x, y) goes north when y < r0 + floor(s·(x + ½ − midX)): monotone in x, so the
        // northern cells of a row are one run at its east end (s > 0) or its west end (s ≤ 0).
        const inNorth = (x: number) => y < r0 + Math.floor(s * (x + 0.5 - midX));
        let x = a;
        if (s > 0) {
          while (x < b && !inNorth(x)) x++;
          north.push([x, b]);
          south.push([a, x]);
          n += b - x;
        } else {
          while (x < b && inNorth(x)) x++;
          north.push([a, x]);
          south.push([x, b]);
          n += x - a;
        }
      });
      if (n < needN || total - n < needS) continue;
      const nr = trim(region.y0, north);
      const sr = trim(region.y0, south);
      const penalty = s === 0 ? 0.01 : 0;
      if (nr && sr)
        best = better(best, { parts: [nr, sr], error: Math.abs(n - f * total) / total + penalty });
    }
  }
  return best;
}

function extent(region: Region): { minX: number; maxX: number; width: number; height: number } {
  let minX = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  for (const [a, b] of region.rows) {
    minX = Math.min(minX, a);
    maxX = Math.max(maxX, b);
  }
  return { minX, maxX, width: maxX - minX, height: region.rows.length };
}

/**
 * Splits a region into parts whose cell counts follow `weights` (at least `minCells` per unit of
 * weight), by recursive two-way cuts across the longer side. Parts come back in weight order.
 */
export function partition(region: Region, weights: readonly number[], minCells: number, rng: Rng): Region[] {
  if (weights.length === 0) return [];
  if (weights.length === 1) return [region];
  const total = weights.reduce((s, w) => s + w, 0);
  // Split points of the weights, most balanced first.
  const splits: { at: number; acc: number }[] = [];
  for (let k = 1, acc = 0; k < weights.length; k++) {
    acc += weights[k - 1]!;
    splits.push({ at: k, acc });
  }
  splits.sort((p, q) => Math.abs(p.acc - total / 2) - Math.abs(q.acc - total / 2) || p.at - q.at);
  const { width, height } = extent(region);
  const first = width >= height ? verticalCut : horizontalCut;
  const second = width >= height ? horizontalCut : verticalCut;
  // Prefer the minimum size per unit of weight; fall back to one cell per unit when cramped.
  for (const min of minCells > 1 ? [minCells, 1] : [minCells]) {
    for (const { at, acc } of splits) {
      const f = acc / total;
      const needA = acc * min;
      const needB = (total - acc) * min;
      const a = first(region, f, needA, needB, rng);
      const b = second(region, f, needA, needB, rng);
      // Cutting along the long side makes slivers: allowed only when it balances much better.
      if (b) b.error += 0.03 + 0.2 * Math.abs(Math.log(width / height));
      const cut = a && b ? better(a, b) : (a ?? b);
      if (cut) {
        return [
          ...partition(cut.parts[0], weights.slice(0, at), minCells, rng),
          ...partition(cut.parts[1], weights.slice(at), minCells, rng),
        ];
      }
    }
  }
  throw new Error(`demo lattice: cannot split ${cellCount(region)} cells into ${weights.length} parts`);
}

/** Mean cell position (x east, y south), in cell units. */
export function regionCentroid(region: Region): { x: number; y: number } {
  let sx = 0;
  let sy = 0;
  let n = 0;
  region.rows.forEach(([a, b], k) => {
    const w = b - a;
    sx += ((a + b) / 2) * w;
    sy += (region.y0 + k + 0.5) * w;
    n += w;
  });
  return { x: sx / n, y: sy / n };
}

/**
 * Orders sibling regions as DOMAIN.md numbers grids: west→east along a band, bands north→south.
 * A band starts at the northernmost part left and takes every part whose centre lies within
 * about half a part's height below it.
 */
export function spatialOrder<T>(items: T[], regionOf: (item: T) => Region): T[] {
  if (items.length === 0) return items;
  const cells = items.reduce((s, it) => s + cellCount(regionOf(it)), 0);
  const reach = 0.6 * Math.sqrt(cells / items.length);
  const rest = items
    .map((item, i) => ({ item, i, ...regionCentroid(regionOf(item)) }))
    .sort((p, q) => p.y - q.y || p.x - q.x || p.i - q.i);
  const ordered: T[] = [];
  while (rest.length > 0) {
    const top = rest[0]!.y;
    const band = rest.filter((r) => r.y < top + reach);
    band.sort((p, q) => p.x - q.x || p.y - q.y || p.i - q.i);
    for (const r of band) {
      ordered.push(r.item);
      rest.splice(rest.indexOf(r), 1);
    }
  }
  return ordered;
}

/** The outline of a region as a GeoJSON Polygon: one closed ring, counter-clockwise. */
export function outline(l: Lattice, region: Region): Polygon {
  // Boundary sides keyed by their start corner: [midpoint, end corner]. Sides of every cell are
  // taken counter-clockwise (south side eastwards, east side northwards, …), so the traced ring
  // is counter-clockwise too.
  const next = new Map<number, [number, number]>();
  const add = (from: number, mid: number, to: number) => {
    if (next.has(from)) throw new Error('demo lattice: region outline touches itself');
    next.set(from, [mid, to]);
  };
  region.rows.forEach(([a, b], k) => {
    const y = region.y0 + k;
    for (let x = a; x < b; x++) {
      if (!regionContains(region, x, y + 1))
        add(cornerId(l, x, y + 1), hMidId(l, x, y + 1), cornerId(l, x + 1, y + 1));
      if (!regionContains(region, x + 1, y))
        add(cornerId(l, x + 1, y + 1), vMidId(l, x + 1, y), cornerId(l, x + 1, y));
      if (!regionContains(region, x, y - 1)) add(cornerId(l, x + 1, y), hMidId(l, x, y), cornerId(l, x, y));
      if (!regionContains(region, x - 1, y)) add(cornerId(l, x, y), vMidId(l, x, y), cornerId(l, x, y + 1));
    }
  });
  const start = next.keys().next().value as number;
  const ring: Position[] = [];
  let at = start;
  let steps = 0;
  do {
    const side = next.get(at);
    if (!side) throw new Error('demo lattice: open outline');
    ring.push([l.lon[at]!, l.lat[at]!], [l.lon[side[0]]!, l.lat[side[0]]!]);
    at = side[1];
    steps++;
  } while (at !== start);
  if (steps !== next.size) throw new Error('demo lattice: region outline has more than one ring');
  ring.push([l.lon[start]!, l.lat[start]!]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** The ideal (unjittered) position of a point at (u, v) inside cell (x, y), u east, v south. */
export function cellPoint(l: Lattice, x: number, y: number, u: number, v: number): [number, number] {
  return [round6(l.west + (x + u) * l.cellLon), round6(l.north - (y + v) * l.cellLat)];
}

/** The ring of one cell, for checks. */
export function cellRing(l: Lattice, x: number, y: number): Position[] {
  return outline(l, { y0: y, rows: [[x, x + 1]] }).coordinates[0]!;
}
