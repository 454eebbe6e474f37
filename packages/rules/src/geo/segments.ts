// Segment-pair intersection search over the rings of one polygon. A sweep over segments sorted by
// their minimum x only compares segments whose x-ranges overlap, then prunes by y-range, so a
// 10,000-vertex boundary costs about n log n rather than n².

import { orient2d } from './orient.ts';
import type { Position } from './types.ts';

export type SegmentHitKind = 'cross' | 'touch' | 'overlap';

export interface SegmentHit {
  kind: SegmentHitKind;
  /** Ring of the first segment and the index of its start vertex in that ring. */
  ringA: number;
  segA: number;
  ringB: number;
  segB: number;
  at: Position;
}

/**
 * Rings must be closed and free of consecutive duplicate positions. Within a ring, consecutive
 * segments may share their common vertex; any other contact is reported. Between rings every
 * contact is reported and the caller decides which kinds are allowed.
 */
export function findSegmentHits(rings: readonly Position[][], maxHits = 20): SegmentHit[] {
  let total = 0;
  for (const ring of rings) total += ring.length - 1;
  const ringOf = new Int32Array(total);
  const segOf = new Int32Array(total);
  const minX = new Float64Array(total);
  const maxX = new Float64Array(total);
  const minY = new Float64Array(total);
  const maxY = new Float64Array(total);
  let n = 0;
  rings.forEach((ring, r) => {
    for (let k = 0; k + 1 < ring.length; k++) {
      const a = ring[k]!;
      const b = ring[k + 1]!;
      ringOf[n] = r;
      segOf[n] = k;
      minX[n] = Math.min(a[0], b[0]);
      maxX[n] = Math.max(a[0], b[0]);
      minY[n] = Math.min(a[1], b[1]);
      maxY[n] = Math.max(a[1], b[1]);
      n++;
    }
  });
  const order = Array.from({ length: total }, (_, i) => i).sort((i, j) => minX[i]! - minX[j]!);

  const hits: SegmentHit[] = [];
  for (let oi = 0; oi < total && hits.length < maxHits; oi++) {
    const i = order[oi]!;
    const iMaxX = maxX[i]!;
    for (let oj = oi + 1; oj < total; oj++) {
      const j = order[oj]!;
      if (minX[j]! > iMaxX) break;
      if (minY[j]! > maxY[i]! || maxY[j]! < minY[i]!) continue;
      // Report in ring/segment order so results do not depend on the sort.
      const [s, t] =
        ringOf[i]! < ringOf[j]! || (ringOf[i] === ringOf[j] && segOf[i]! < segOf[j]!) ? [i, j] : [j, i];
      const hit = testPair(rings, ringOf[s]!, segOf[s]!, ringOf[t]!, segOf[t]!);
      if (hit) {
        hits.push(hit);
        if (hits.length >= maxHits) break;
      }
    }
  }
  hits.sort((a, b) => a.ringA - b.ringA || a.segA - b.segA || a.ringB - b.ringB || a.segB - b.segB);
  return hits;
}

function sign(v: number): number {
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

/** For a point already known to be collinear with a-b: is it within the segment? Exact. */
function onSegment(p: Position, a: Position, b: Position): boolean {
  return (
    Math.min(a[0], b[0]) <= p[0] &&
    p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] &&
    p[1] <= Math.max(a[1], b[1])
  );
}

function same(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function orient(a: Position, b: Position, c: Position): number {
  return sign(orient2d(a[0], a[1], b[0], b[1], c[0], c[1]));
}

function testPair(
  rings: readonly Position[][],
  ra: number,
  ka: number,
  rb: number,
  kb: number,
): SegmentHit | null {
  const ringA = rings[ra]!;
  const ringB = rings[rb]!;
  const p1 = ringA[ka]!;
  const p2 = ringA[ka + 1]!;
  const q1 = ringB[kb]!;
  const q2 = ringB[kb + 1]!;
  const hit = (kind: SegmentHitKind, at: Position): SegmentHit => ({
    kind,
    ringA: ra,
    segA: ka,
    ringB: rb,
    segB: kb,
    at: [at[0], at[1]],
  });

  const segments = ringA.length - 1;
  const adjacent = ra === rb && (kb === ka + 1 || (ka === 0 && kb === segments - 1));
  if (adjacent) {
    // Neighbours share one vertex; they only go wrong when the ring doubles back over itself.
    const [a, shared, c] = kb === ka + 1 ? [p1, p2, q2] : [q1, p1, p2];
    if (orient(a, shared, c) === 0 && (onSegment(c, a, shared) || onSegment(a, shared, c))) {
      return hit('overlap', onSegment(c, a, shared) ? c : a);
    }
    return null;
  }

  const o1 = orient(p1, p2, q1);
  const o2 = orient(p1, p2, q2);
  if (o1 !== 0 && o1 === o2) return null;
  const o3 = orient(q1, q2, p1);
  const o4 = orient(q1, q2, p2);
  if (o3 !== 0 && o3 === o4) return null;

  if (o1 === 0 && o2 === 0) {
    // Collinear: the segments share nothing, one point, or a stretch.
    const common: Position[] = [];
    for (const [pt, a, b] of [
      [q1, p1, p2],
      [q2, p1, p2],
      [p1, q1, q2],
      [p2, q1, q2],
    ] as const) {
      if (onSegment(pt, a, b) && !common.some((c) => same(c, pt))) common.push(pt);
    }
    if (common.length === 0) return null;
    return hit(common.length === 1 ? 'touch' : 'overlap', common[0]!);
  }
  if (o1 * o2 < 0 && o3 * o4 < 0) {
    const dx = p2[0] - p1[0];
    const dy = p2[1] - p1[1];
    const ex = q2[0] - q1[0];
    const ey = q2[1] - q1[1];
    const t = ((q1[0] - p1[0]) * ey - (q1[1] - p1[1]) * ex) / (dx * ey - dy * ex);
    return hit('cross', [p1[0] + t * dx, p1[1] + t * dy]);
  }
  if (o1 === 0 && onSegment(q1, p1, p2)) return hit('touch', q1);
  if (o2 === 0 && onSegment(q2, p1, p2)) return hit('touch', q2);
  if (o3 === 0 && onSegment(p1, q1, q2)) return hit('touch', p1);
  if (o4 === 0 && onSegment(p2, q1, q2)) return hit('touch', p2);
  return null;
}
