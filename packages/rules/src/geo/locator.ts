// Point → grid lookup for every case report and position fix, so it is built once and queried
// hundreds of thousands of times a second. Layout: one flatbush leaf per polygon part, rings
// flattened into one Float64Array, and a query that allocates nothing of its own (flatbush's
// search still makes two small arrays, which is cheap next to the point-in-ring tests).
//
// Exactness: a crossing-number test in doubles decides almost every point. An edge is only
// trusted when its orientation clears Shewchuk's error bound and the point is not level with
// one of its vertices; otherwise the ring is re-classified exactly by pointInRing
// (robust-point-in-polygon). So points on shared borders and vertices are always recognised as such.

import Flatbush from 'flatbush';
import { ORIENT_ERROR_BOUND } from './orient.ts';
import { pointInRing } from './point-in.ts';
import { type Geometry, polygonsOf, type Ring } from './types.ts';

export interface GridLocatorEntry<K> {
  key: K;
  /** Tie-breaker for points on a shared border: the smallest string wins (e.g. the grid code). */
  order: string;
  /** Assumed valid (see parseGeometry): closed rings, shell first, holes inside. */
  geometry: Geometry;
}

const INSIDE = 1;
const BOUNDARY = 0;
const OUTSIDE = -1;
/** Returned by the fast ring test when only exact arithmetic can answer. */
const UNSURE = 2;
const NONE = 0x7fffffff;

export class GridLocator<K> {
  /** Number of entries (not parts). */
  readonly size: number;
  private readonly keys: K[];
  private readonly index: Flatbush | null;
  /** part → entry rank (entries sorted by order, so a smaller rank is a smaller order). */
  private readonly partEntry: Int32Array;
  /** part → its first ring; partRing[part + 1] ends it. The first ring is the shell. */
  private readonly partRing: Int32Array;
  /** ring → offset of its first x in coords; ringStart[ring + 1] ends it. */
  private readonly ringStart: Int32Array;
  /** ring → minX, minY, maxX, maxY. */
  private readonly ringBox: Float64Array;
  /** x0, y0, x1, y1, … of every closed ring, back to back. */
  private readonly coords: Float64Array;
  /** The same rings as position arrays, for the exact fallback. */
  private readonly rings: Ring[];

  // Query state, kept on the instance so the search callback is created once, not per lookup.
  private qx = 0;
  private qy = 0;
  private bestInside = NONE;
  private bestBoundary = NONE;
  private readonly visit: (part: number) => boolean;

  private constructor(keys: K[], parts: { entry: number; rings: Ring[] }[]) {
    this.keys = keys;
    this.size = keys.length;
    const ringCount = parts.reduce((n, p) => n + p.rings.length, 0);
    const coordCount = parts.reduce((n, p) => n + p.rings.reduce((m, r) => m + r.length * 2, 0), 0);
    this.partEntry = new Int32Array(parts.length);
    this.partRing = new Int32Array(parts.length + 1);
    this.ringStart = new Int32Array(ringCount + 1);
    this.ringBox = new Float64Array(ringCount * 4);
    this.coords = new Float64Array(coordCount);
    this.rings = [];
    this.index = parts.length > 0 ? new Flatbush(parts.length) : null;

    let ring = 0;
    let offset = 0;
    parts.forEach((part, p) => {
      this.partEntry[p] = part.entry;
      this.partRing[p] = ring;
      for (const positions of part.rings) {
        this.ringStart[ring] = offset;
        let minX = Infinity;
        let minY = Infinity;
        let maxX = -Infinity;
        let maxY = -Infinity;
        for (const [x, y] of positions) {
          this.coords[offset++] = x;
          this.coords[offset++] = y;
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
        }
        this.ringBox.set([minX, minY, maxX, maxY], ring * 4);
        this.rings.push(positions);
        ring++;
      }
      const shell = this.partRing[p]! * 4;
      const box = this.ringBox;
      this.index!.add(box[shell]!, box[shell + 1]!, box[shell + 2]!, box[shell + 3]!);
    });
    this.partRing[parts.length] = ring;
    this.ringStart[ringCount] = offset;
    this.index?.finish();

    this.visit = (part: number): boolean => {
      const entry = this.partEntry[part]!;
      if (entry < this.bestInside) {
        const where = this.classifyPart(part);
        if (where === INSIDE) this.bestInside = entry;
        else if (where === BOUNDARY && entry < this.bestBoundary) this.bestBoundary = entry;
      }
      return false; // results are tracked in bestInside/bestBoundary, so flatbush collects nothing
    };
  }

  static build<K>(entries: readonly GridLocatorEntry<K>[]): GridLocator<K> {
    // Code-unit order, not locale order: the tie-break must be the same on every machine.
    const sorted = entries
      .map((entry, i) => ({ entry, i }))
      .sort((a, b) => (a.entry.order < b.entry.order ? -1 : a.entry.order > b.entry.order ? 1 : a.i - b.i));
    const parts: { entry: number; rings: Ring[] }[] = [];
    sorted.forEach(({ entry }, rank) => {
      for (const polygon of polygonsOf(entry.geometry)) {
        const shell = withoutRepeats(polygon[0] ?? []);
        // A shell of fewer than 4 positions encloses nothing, and its holes mean nothing alone.
        if (shell.length < 4) continue;
        const holes = polygon
          .slice(1)
          .map(withoutRepeats)
          .filter((r) => r.length >= 4);
        parts.push({ entry: rank, rings: [shell, ...holes] });
      }
    });
    return new GridLocator(
      sorted.map(({ entry }) => entry.key),
      parts,
    );
  }

  /**
   * The key of the grid containing the point: strictly inside wins; on a border shared by
   * several grids, the one with the smallest order; in a hole or outside every grid, null.
   */
  locate(lon: number, lat: number): K | null {
    if (this.index === null || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;
    this.qx = lon;
    this.qy = lat;
    this.bestInside = NONE;
    this.bestBoundary = NONE;
    this.index.search(lon, lat, lon, lat, this.visit);
    const best = this.bestInside !== NONE ? this.bestInside : this.bestBoundary;
    return best === NONE ? null : this.keys[best]!;
  }

  private classifyPart(part: number): number {
    const first = this.partRing[part]!;
    const end = this.partRing[part + 1]!;
    const shell = this.classifyRing(first);
    if (shell !== INSIDE) return shell;
    for (let ring = first + 1; ring < end; ring++) {
      const hole = this.classifyRing(ring);
      if (hole === INSIDE) return OUTSIDE;
      if (hole === BOUNDARY) return BOUNDARY;
    }
    return INSIDE;
  }

  private classifyRing(ring: number): number {
    const x = this.qx;
    const y = this.qy;
    const box = this.ringBox;
    const b = ring * 4;
    if (x < box[b]! || y < box[b + 1]! || x > box[b + 2]! || y > box[b + 3]!) return OUTSIDE;
    const where = this.fastRing(ring, x, y);
    if (where !== UNSURE) return where;
    return pointInRing([x, y], this.rings[ring]!);
  }

  /** Crossing number along a ray towards +x; UNSURE as soon as one edge is too close to call. */
  private fastRing(ring: number, x: number, y: number): number {
    const c = this.coords;
    const end = this.ringStart[ring + 1]! - 2;
    let inside = false;
    for (let i = this.ringStart[ring]!; i < end; i += 2) {
      const ay = c[i + 1]!;
      const by = c[i + 3]!;
      if ((ay < y && by < y) || (ay > y && by > y)) continue;
      const ax = c[i]!;
      const bx = c[i + 2]!;
      // Wholly left of the point: the ray cannot meet it and the point cannot lie on it.
      if (ax < x && bx < x) continue;
      // Level with a vertex (or along a horizontal edge): the half-open rules need exactness.
      if (ay === y || by === y) return UNSURE;
      if (ax > x && bx > x) {
        inside = !inside;
        continue;
      }
      const detLeft = (ax - x) * (by - y);
      const detRight = (ay - y) * (bx - x);
      const det = detLeft - detRight;
      const bound = ORIENT_ERROR_BOUND * (Math.abs(detLeft) + Math.abs(detRight));
      if (det <= bound && det >= -bound) return UNSURE;
      // The ray crosses when the point is left of an upward edge or right of a downward one.
      if (det > 0 === ay < by) inside = !inside;
    }
    return inside ? INSIDE : OUTSIDE;
  }
}

/** Consecutive repeats add zero-length edges that only slow the scan down. */
function withoutRepeats(ring: Ring): Ring {
  const out: Ring = [];
  for (const p of ring) {
    const prev = out[out.length - 1];
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) out.push([p[0], p[1]]);
  }
  return out;
}
