// Orientation predicate with an exact sign. Grid borders are shared vertex-for-vertex, so the
// questions that matter ("is this point on that edge?", "do these edges touch?") sit exactly on
// the knife edge where a plain floating-point determinant can return the wrong sign. We use
// Shewchuk's filter: the fast double determinant is trusted when it exceeds its proven error
// bound; otherwise the determinant is recomputed exactly as a sum of error-free products
// (Dekker two-product, Knuth two-sum). Coordinates are lon/lat, far from overflow or underflow.

const EPSILON = 2 ** -53;
const SPLITTER = 2 ** 27 + 1;
/** Shewchuk's ccwerrboundA: |error| of the double determinant is below this × (|l| + |r|). */
export const ORIENT_ERROR_BOUND = (3 + 16 * EPSILON) * EPSILON;

/**
 * Twice the signed area of triangle a-b-c: positive when c lies left of a→b (counter-clockwise),
 * negative when right, zero when collinear. The sign is exact; the magnitude is approximate.
 */
export function orient2d(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const detLeft = (ax - cx) * (by - cy);
  const detRight = (ay - cy) * (bx - cx);
  const det = detLeft - detRight;
  // Rounding keeps the sign of a difference and of a product, so opposite-signed halves decide alone.
  let detSum: number;
  if (detLeft > 0) {
    if (detRight <= 0) return det;
    detSum = detLeft + detRight;
  } else if (detLeft < 0) {
    if (detRight >= 0) return det;
    detSum = -detLeft - detRight;
  } else {
    return det;
  }
  const bound = ORIENT_ERROR_BOUND * detSum;
  if (det >= bound || -det >= bound) return det;
  return orient2dExact(ax, ay, bx, by, cx, cy);
}

function split(a: number): [number, number] {
  const c = SPLITTER * a;
  const hi = c - (c - a);
  return [hi, a - hi];
}

/** a × b as hi + lo with no rounding error (Dekker). */
function twoProduct(a: number, b: number): [number, number] {
  const x = a * b;
  const [ahi, alo] = split(a);
  const [bhi, blo] = split(b);
  const err = x - ahi * bhi - alo * bhi - ahi * blo;
  return [x, alo * blo - err];
}

/** Adds b to a non-overlapping expansion (Shewchuk's Grow-Expansion, zeros dropped). */
function grow(expansion: number[], b: number): number[] {
  const out: number[] = [];
  let q = b;
  for (const e of expansion) {
    const sum = q + e;
    const bv = sum - q;
    const av = sum - bv;
    const err = q - av + (e - bv);
    if (err !== 0) out.push(err);
    q = sum;
  }
  if (q !== 0) out.push(q);
  return out;
}

/** The exact determinant's sign (as -1, 0 or 1), from its six products expanded without rounding. */
export function orient2dExact(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
): number {
  // (ax-cx)(by-cy) - (ay-cy)(bx-cx), multiplied out so no subtraction happens before the exact sum.
  const terms: [number, number][] = [
    [ax, by],
    [-ax, cy],
    [-cx, by],
    [-ay, bx],
    [ay, cx],
    [bx, cy],
  ];
  let expansion: number[] = [];
  for (const [a, b] of terms) {
    const [hi, lo] = twoProduct(a, b);
    expansion = grow(grow(expansion, lo), hi);
  }
  // In a non-overlapping expansion the largest component, last here, carries the sign.
  const top = expansion[expansion.length - 1] ?? 0;
  return top > 0 ? 1 : top < 0 ? -1 : 0;
}
