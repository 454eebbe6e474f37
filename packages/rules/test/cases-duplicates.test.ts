import { describe, expect, it } from 'vitest';
import { type DuplicateCandidate, duplicateScore, haversineM } from '../src/index.ts';

const H = 3_600_000;
const METRES_PER_DEGREE = (2 * Math.PI * 6_371_008.8) / 360; // along a meridian, on the mean sphere
const base: DuplicateCandidate = {
  categoryCode: '0201',
  lon: 117.2,
  lat: 39.1,
  reportedAt: new Date('2026-03-02T02:00:00Z'),
};
/** The same report moved north by metres and later by hours. */
const moved = (metres: number, hours = 0, categoryCode = base.categoryCode): DuplicateCandidate => ({
  categoryCode,
  lon: base.lon,
  lat: base.lat + metres / METRES_PER_DEGREE,
  reportedAt: (base.reportedAt as Date).getTime() + hours * H,
});

describe('haversineM', () => {
  it('measures great-circle distances', () => {
    expect(METRES_PER_DEGREE).toBeCloseTo(111_195.08, 2);
    expect(haversineM(0, 0, 1, 0)).toBeCloseTo(METRES_PER_DEGREE, 6);
    expect(haversineM(0, 0, 0, 1)).toBeCloseTo(METRES_PER_DEGREE, 6);
    expect(haversineM(117.2, 39.1, 117.2, 39.1)).toBe(0);
    // Tian'anmen → People's Square, Shanghai: about 1,068 km.
    const beijingShanghai = haversineM(116.3975, 39.9087, 121.4737, 31.2304);
    expect(beijingShanghai).toBeGreaterThan(1_060_000);
    expect(beijingShanghai).toBeLessThan(1_075_000);
    expect(haversineM(0, 0, 180, 0)).toBeCloseTo(Math.PI * 6_371_008.8, 3);
  });
});

describe('duplicateScore', () => {
  it('is 1 for the same place and moment', () => {
    expect(duplicateScore({ a: base, b: { ...base } })).toBe(1);
  });

  it('is null for a different category', () => {
    expect(duplicateScore({ a: base, b: moved(0, 0, '0202') })).toBeNull();
  });

  it('weighs distance 60% and time 40%', () => {
    expect(duplicateScore({ a: base, b: moved(50) })).toBe(0.7);
    expect(duplicateScore({ a: base, b: moved(0, 36) })).toBe(0.8);
    expect(duplicateScore({ a: base, b: moved(25, 18) })).toBe(0.75);
  });

  it('includes the edge of the radius and of the window', () => {
    expect(duplicateScore({ a: base, b: moved(99.999) })).toBe(0.4);
    expect(duplicateScore({ a: base, b: moved(0, 72) })).toBe(0.6);
    expect(duplicateScore({ a: base, b: moved(99.999, 72) })).toBe(0);
  });

  it('is null beyond the radius or the window', () => {
    expect(duplicateScore({ a: base, b: moved(100.01) })).toBeNull();
    expect(duplicateScore({ a: base, b: moved(0, 72 + 1 / H) })).toBeNull();
    expect(duplicateScore({ a: base, b: moved(0, -72.5) })).toBeNull();
    expect(duplicateScore({ a: base, b: moved(5000) })).toBeNull();
  });

  it('is symmetric and ignores which came first', () => {
    for (const [metres, hours] of [
      [10, 1],
      [60, -30],
      [90, 70],
    ] as const) {
      const b = moved(metres, hours);
      expect(duplicateScore({ a: base, b })).toBe(duplicateScore({ a: b, b: base }));
    }
    expect(duplicateScore({ a: base, b: moved(0, -36) })).toBe(0.8);
  });

  it('takes custom radius and window', () => {
    expect(duplicateScore({ a: base, b: moved(150) })).toBeNull();
    expect(duplicateScore({ a: base, b: moved(150) }, { radiusM: 300 })).toBe(0.7);
    expect(duplicateScore({ a: base, b: moved(0, 12) }, { windowHours: 24 })).toBe(0.8);
    expect(duplicateScore({ a: base, b: moved(0, 30) }, { windowHours: 24 })).toBeNull();
    expect(() => duplicateScore({ a: base, b: base }, { radiusM: 0 })).toThrow(RangeError);
    expect(() => duplicateScore({ a: base, b: base }, { windowHours: -1 })).toThrow(RangeError);
  });

  it('stays within 0–1', () => {
    for (let metres = 0; metres <= 100; metres += 7) {
      for (let hours = -72; hours <= 72; hours += 9) {
        const score = duplicateScore({ a: base, b: moved(metres, hours) })!;
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
      }
    }
  });

  it('rejects invalid coordinates and times', () => {
    expect(() => duplicateScore({ a: base, b: { ...base, lat: 91 } })).toThrow(RangeError);
    expect(() => duplicateScore({ a: { ...base, lon: Number.NaN }, b: base })).toThrow(RangeError);
    expect(() => duplicateScore({ a: base, b: { ...base, reportedAt: new Date('x') } })).toThrow(RangeError);
  });
});
