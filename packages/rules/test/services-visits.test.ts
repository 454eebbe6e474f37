import { describe, expect, it } from 'vitest';
import {
  checkVisitTimes,
  chinaDayOf,
  chinaDayWindow,
  coveredMs,
  DEFAULT_DAILY_VISIT_MINUTES,
  MAX_VISIT_HOURS,
  mergeIntervals,
} from '../src/index.ts';

const iv = (start: number, end: number) => ({ start, end });

describe('mergeIntervals', () => {
  it('returns nothing for nothing', () => {
    expect(mergeIntervals([])).toEqual([]);
  });
  it('keeps disjoint intervals, sorted by start', () => {
    expect(mergeIntervals([iv(5, 6), iv(1, 2), iv(3, 4)])).toEqual([iv(1, 2), iv(3, 4), iv(5, 6)]);
  });
  it('merges overlapping intervals', () => {
    expect(mergeIntervals([iv(1, 4), iv(2, 6), iv(8, 9)])).toEqual([iv(1, 6), iv(8, 9)]);
  });
  it('merges touching intervals', () => {
    expect(mergeIntervals([iv(1, 2), iv(2, 3)])).toEqual([iv(1, 3)]);
  });
  it('swallows contained intervals', () => {
    expect(mergeIntervals([iv(1, 10), iv(2, 3), iv(4, 5)])).toEqual([iv(1, 10)]);
  });
  it('chains overlaps across several intervals', () => {
    expect(mergeIntervals([iv(7, 9), iv(1, 3), iv(2, 5), iv(4, 8)])).toEqual([iv(1, 9)]);
  });
  it('merges identical intervals', () => {
    expect(mergeIntervals([iv(1, 3), iv(1, 3)])).toEqual([iv(1, 3)]);
  });
  it('drops empty, inverted and non-finite intervals', () => {
    expect(mergeIntervals([iv(3, 3), iv(5, 4), iv(Number.NaN, 2), iv(1, 2)])).toEqual([iv(1, 2)]);
  });
  it('does not modify its input', () => {
    const input = [iv(2, 5), iv(1, 3)];
    mergeIntervals(input);
    expect(input).toEqual([iv(2, 5), iv(1, 3)]);
  });
});

describe('coveredMs', () => {
  it('counts overlapping time once', () => {
    // 9:00–10:00 and 9:30–11:00 → 2 hours, not 2.5.
    const h = 3_600_000;
    expect(coveredMs([iv(9 * h, 10 * h), iv(9.5 * h, 11 * h)])).toBe(2 * h);
  });
  it('sums disjoint intervals', () => {
    expect(coveredMs([iv(0, 10), iv(20, 25)])).toBe(15);
  });
  it('clips to a window', () => {
    expect(coveredMs([iv(0, 10), iv(20, 40)], iv(5, 30))).toBe(15);
    expect(coveredMs([iv(0, 10)], iv(20, 30))).toBe(0);
  });
});

describe('checkVisitTimes', () => {
  const now = new Date('2026-03-10T08:00:00Z');
  const at = (iso: string) => new Date(iso);
  it('accepts a normal visit', () => {
    expect(checkVisitTimes(at('2026-03-10T06:00:00Z'), at('2026-03-10T07:00:00Z'), now)).toEqual({
      ok: true,
    });
  });
  it('refuses an end before or at the start', () => {
    expect(checkVisitTimes(at('2026-03-10T06:00:00Z'), at('2026-03-10T06:00:00Z'), now)).toMatchObject({
      ok: false,
      field: 'endedAt',
    });
    expect(checkVisitTimes(at('2026-03-10T06:00:00Z'), at('2026-03-10T05:00:00Z'), now)).toMatchObject({
      ok: false,
      field: 'endedAt',
    });
  });
  it(`refuses visits longer than ${MAX_VISIT_HOURS} hours`, () => {
    expect(checkVisitTimes(at('2026-03-09T06:00:00Z'), at('2026-03-09T18:00:00Z'), now).ok).toBe(true);
    expect(checkVisitTimes(at('2026-03-09T06:00:00Z'), at('2026-03-09T18:00:01Z'), now)).toMatchObject({
      ok: false,
      field: 'endedAt',
    });
  });
  it('allows a small clock skew but no future visits', () => {
    expect(checkVisitTimes(at('2026-03-10T07:00:00Z'), at('2026-03-10T08:04:00Z'), now).ok).toBe(true);
    expect(checkVisitTimes(at('2026-03-10T07:00:00Z'), at('2026-03-10T08:10:00Z'), now)).toMatchObject({
      ok: false,
      field: 'endedAt',
    });
  });
  it('refuses invalid dates', () => {
    expect(checkVisitTimes(new Date(Number.NaN), now, now)).toMatchObject({ ok: false, field: 'startedAt' });
    expect(checkVisitTimes(now, new Date(Number.NaN), now)).toMatchObject({ ok: false, field: 'endedAt' });
  });
});

describe('China days', () => {
  it('the day runs from 16:00 UTC to 16:00 UTC', () => {
    const w = chinaDayWindow('2026-03-10');
    expect(new Date(w.start).toISOString()).toBe('2026-03-09T16:00:00.000Z');
    expect(w.end - w.start).toBe(86_400_000);
  });
  it('dates instants on China time', () => {
    expect(chinaDayOf(new Date('2026-03-09T15:59:59Z'))).toBe('2026-03-09');
    expect(chinaDayOf(new Date('2026-03-09T16:00:00Z'))).toBe('2026-03-10');
  });
  it('targets three hours a day by default', () => {
    expect(DEFAULT_DAILY_VISIT_MINUTES).toBe(180);
  });
});
