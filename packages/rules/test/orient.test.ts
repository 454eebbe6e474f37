import { describe, expect, it } from 'vitest';
import { orient2d, orient2dExact } from '../src/index.ts';

/** A finite double as an exact integer multiple of 2^-1074 (the smallest subnormal). */
function exact(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n);
  const shift = BigInt(Math.max(exponent - 1, 0));
  const value = mantissa << shift;
  return negative ? -value : value;
}

/** Oracle: the sign of the determinant in arbitrary-precision integers. */
function oracle(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const det =
    (exact(ax) - exact(cx)) * (exact(by) - exact(cy)) - (exact(ay) - exact(cy)) * (exact(bx) - exact(cx));
  return det > 0n ? 1 : det < 0n ? -1 : 0;
}

function sign(v: number): number {
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function naive(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return Math.sign((ax - cx) * (by - cy) - (ay - cy) * (bx - cx));
}

describe('orient2d', () => {
  it('is positive counter-clockwise, negative clockwise, zero collinear', () => {
    expect(orient2d(0, 0, 1, 0, 0, 1)).toBeGreaterThan(0);
    expect(orient2d(0, 0, 0, 1, 1, 0)).toBeLessThan(0);
    expect(orient2d(0, 0, 1, 1, 2, 2)).toBe(0);
    expect(orient2d(117.1, 39.1, 117.2, 39.2, 117.1, 39.1)).toBe(0);
  });

  it('the oracle itself works', () => {
    expect(exact(1)).toBe(1n << 1074n);
    expect(exact(-0.5)).toBe(-(1n << 1073n));
    expect(exact(Number.MIN_VALUE)).toBe(1n);
    expect(oracle(0, 0, 1, 0, 0, 1)).toBe(1);
  });

  it('gets the sign exactly right on a near-degenerate lattice where doubles fail', () => {
    // Shewchuk's classic: points a hair off the line through (12, 12) and (24, 24).
    const ulp = 2 ** -53;
    let naiveWrong = 0;
    let filteredWrong = 0;
    let exactWrong = 0;
    for (let i = 0; i < 128; i++) {
      for (let j = 0; j < 128; j++) {
        const ax = 0.5 + i * ulp;
        const ay = 0.5 + j * ulp;
        const want = oracle(ax, ay, 12, 12, 24, 24);
        if (sign(orient2d(ax, ay, 12, 12, 24, 24)) !== want) filteredWrong++;
        if (orient2dExact(ax, ay, 12, 12, 24, 24) !== want) exactWrong++;
        if (sign(naive(ax, ay, 12, 12, 24, 24)) !== want) naiveWrong++;
      }
    }
    expect(filteredWrong).toBe(0);
    expect(exactWrong).toBe(0);
    // Proves the test has teeth: plain doubles get a good share of these wrong.
    expect(naiveWrong).toBeGreaterThan(1000);
  });

  it('agrees with the oracle on nearly collinear points at city coordinates', () => {
    const a: [number, number] = [111.6708123, 40.8421777];
    const b: [number, number] = [111.7012345, 40.8198765];
    let wrong = 0;
    for (let k = 0; k < 2000; k++) {
      const t = k / 1999;
      const x = a[0] + (b[0] - a[0]) * t;
      const y = a[1] + (b[1] - a[1]) * t;
      for (const [dx, dy] of [
        [0, 0],
        [2 ** -46, 0],
        [0, -(2 ** -46)],
      ] as const) {
        const want = oracle(a[0], a[1], b[0], b[1], x + dx, y + dy);
        if (sign(orient2d(a[0], a[1], b[0], b[1], x + dx, y + dy)) !== want) wrong++;
      }
    }
    expect(wrong).toBe(0);
  });
});
