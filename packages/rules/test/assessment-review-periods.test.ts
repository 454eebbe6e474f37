import { describe, expect, it } from 'vitest';
import {
  monthsOf,
  monthsSoFar,
  periodOfKind,
  periodScore,
  REVIEW_PERIOD_PATTERN,
  reviewPeriodKind,
} from '../src/index.ts';

describe('review periods', () => {
  it('name their kind, and nothing else passes', () => {
    expect(reviewPeriodKind('2026-07')).toBe('month');
    expect(reviewPeriodKind('2026-Q3')).toBe('quarter');
    expect(reviewPeriodKind('2026-H2')).toBe('half');
    expect(reviewPeriodKind('2026')).toBe('year');
    for (const bad of ['2026-13', '2026-Q5', '2026-H3', '26', '2026-7', '2026-q1', ''])
      expect(reviewPeriodKind(bad), bad).toBeNull();
    const pattern = new RegExp(REVIEW_PERIOD_PATTERN);
    for (const good of ['2026-07', '2026-Q3', '2026-H2', '2026']) expect(pattern.test(good), good).toBe(true);
    for (const bad of ['2026-13', '2026-Q5', '2026-H3', '2026-7']) expect(pattern.test(bad), bad).toBe(false);
  });

  it('are their months', () => {
    expect(monthsOf('2026-05')).toEqual(['2026-05']);
    expect(monthsOf('2026-Q1')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(monthsOf('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(monthsOf('2026-H2')).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    expect(monthsOf('2025')).toHaveLength(12);
    expect(monthsOf('2025')[0]).toBe('2025-01');
    expect(monthsOf('2025')[11]).toBe('2025-12');
    expect(() => monthsOf('2026-Q9')).toThrow(RangeError);
  });

  it('count only the months begun by China time', () => {
    // 2026-11-30 17:00 UTC is already 1 December in Beijing.
    const now = new Date('2026-11-30T17:00:00Z');
    expect(monthsSoFar('2026-Q4', now)).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(monthsSoFar('2026-Q4', new Date('2026-11-30T15:00:00Z'))).toEqual(['2026-10', '2026-11']);
    expect(monthsSoFar('2027', now)).toEqual([]);
  });

  it('score as the mean of the months that had something to judge', () => {
    expect(periodScore([80, 90, null])).toBe(85);
    expect(periodScore([70, 75, 81])).toBe(75.3);
    expect(periodScore([null, null])).toBeNull();
    expect(periodScore([])).toBeNull();
  });

  it('find the period of a kind holding a month', () => {
    expect(periodOfKind('month', '2026-08')).toBe('2026-08');
    expect(periodOfKind('quarter', '2026-08')).toBe('2026-Q3');
    expect(periodOfKind('quarter', '2026-03')).toBe('2026-Q1');
    expect(periodOfKind('half', '2026-06')).toBe('2026-H1');
    expect(periodOfKind('half', '2026-07')).toBe('2026-H2');
    expect(periodOfKind('year', '2026-12')).toBe('2026');
    for (const m of ['2026-01', '2026-05', '2026-12'])
      for (const kind of ['quarter', 'half', 'year'] as const)
        expect(monthsOf(periodOfKind(kind, m))).toContain(m);
  });
});
