import { describe, expect, it } from 'vitest';
import { createRandom } from '../src/index.ts';

// The published mulberry32, written independently, as the oracle for our implementation.
function referenceMulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('createRandom', () => {
  it('is mulberry32', () => {
    for (const seed of [0, 1, 42, 20261122, 0xffffffff, -5]) {
      const ours = createRandom(seed);
      const reference = referenceMulberry32(seed);
      for (let i = 0; i < 1000; i++) expect(ours.next()).toBe(reference());
    }
  });

  it('repeats for a seed and differs between seeds', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const c = createRandom(8);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it('next() stays in [0, 1) and is roughly uniform', () => {
    const random = createRandom(3);
    const buckets = new Array<number>(10).fill(0);
    let min = 1;
    let max = 0;
    for (let i = 0; i < 100_000; i++) {
      const v = random.next();
      min = Math.min(min, v);
      max = Math.max(max, v);
      buckets[Math.floor(v * 10)]!++;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('int() covers both bounds and nothing outside', () => {
    const random = createRandom(11);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = random.int(-2, 3);
      expect(Number.isInteger(v) && v >= -2 && v <= 3).toBe(true);
      seen.add(v);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(random.int(5, 5)).toBe(5);
  });

  it('int() rejects bad bounds', () => {
    const random = createRandom(1);
    expect(() => random.int(3, 2)).toThrow(RangeError);
    expect(() => random.int(0.5, 2)).toThrow(RangeError);
    expect(() => random.int(0, Number.NaN)).toThrow(RangeError);
  });

  it('pick() reaches every item and rejects an empty array', () => {
    const random = createRandom(5);
    const items = ['a', 'b', 'c'] as const;
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(random.pick(items));
    expect(seen).toEqual(new Set(items));
    expect(() => random.pick([])).toThrow(RangeError);
  });

  it('chance() follows its probability', () => {
    const random = createRandom(9);
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (random.chance(0.3)) hits++;
    expect(hits / 10_000).toBeCloseTo(0.3, 1);
    for (let i = 0; i < 100; i++) {
      expect(random.chance(0)).toBe(false);
      expect(random.chance(1)).toBe(true);
    }
  });
});
