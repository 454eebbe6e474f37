import { describe, expect, it } from 'vitest';
import { closureRate, onTimeRate, rate, reworkRate, validReportRate } from '../src/index.ts';

describe('rate', () => {
  it('is null when there is nothing to divide by', () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(5, 0)).toBeNull();
    expect(rate(0, 0, { mode: 'truncate' })).toBeNull();
  });

  it('is a percentage rounded half up to 0.1%', () => {
    expect(rate(0, 5)).toBe(0);
    expect(rate(5, 5)).toBe(100);
    expect(rate(1, 3)).toBe(33.3);
    expect(rate(2, 3)).toBe(66.7);
    expect(rate(1, 8)).toBe(12.5);
    expect(rate(1, 2000)).toBe(0.1); // 0.05% rounds up
    expect(rate(1, 2001)).toBe(0); // 0.04998%
    expect(rate(1999, 2000)).toBe(100); // 99.95% rounds up to 100
    expect(rate(3, 2)).toBe(150); // rework can exceed 100%
  });

  it('reproduces the field reports', () => {
    // Baotun: 1,895 hazards found, 1,879 handled = 99.1556…%: rounds to 99.2%, the report prints 99.1%.
    expect(rate(1879, 1895)).toBe(99.2);
    expect(rate(1879, 1895, { mode: 'round' })).toBe(99.2);
    expect(rate(1879, 1895, { mode: 'truncate' })).toBe(99.1);
    // Dongli: 98.4% of 210,000 closed.
    expect(rate(206_640, 210_000)).toBe(98.4);
  });

  it('truncates after the first decimal', () => {
    expect(rate(2, 3, { mode: 'truncate' })).toBe(66.6);
    expect(rate(1999, 2000, { mode: 'truncate' })).toBe(99.9);
    expect(rate(1, 2000, { mode: 'truncate' })).toBe(0);
    expect(rate(1, 8, { mode: 'truncate' })).toBe(12.5);
    expect(rate(5, 5, { mode: 'truncate' })).toBe(100);
  });

  it('is exact on every tenth for small denominators', () => {
    const wrong: string[] = [];
    for (let d = 1; d <= 400; d++) {
      for (let n = 0; n <= d; n++) {
        // Exact tenths of a percent with integers only: q = floor(n·1000 / d), remainder r.
        const q = Math.floor((n * 1000) / d);
        const r = n * 1000 - q * d;
        const truncated = q / 10;
        const rounded = (2 * r >= d ? q + 1 : q) / 10;
        if (rate(n, d, { mode: 'truncate' }) !== truncated) wrong.push(`truncate ${n}/${d}`);
        if (rate(n, d) !== rounded) wrong.push(`round ${n}/${d}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('rejects negative and non-finite counts', () => {
    expect(() => rate(-1, 5)).toThrow(RangeError);
    expect(() => rate(1, -5)).toThrow(RangeError);
    expect(() => rate(Number.NaN, 5)).toThrow(RangeError);
    expect(() => rate(1, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('named rates', () => {
  it('closure rate: closed ÷ total', () => {
    expect(closureRate({ closed: 320_000, total: 330_000 })).toBe(97);
    expect(closureRate({ closed: 0, total: 0 })).toBeNull();
    expect(closureRate({ closed: 1879, total: 1895 }, { mode: 'truncate' })).toBe(99.1);
  });

  it('on-time rate: on time ÷ total', () => {
    expect(onTimeRate({ onTime: 45, total: 50 })).toBe(90);
    expect(onTimeRate({ onTime: 0, total: 0 })).toBeNull();
  });

  it('rework rate: re-dispatched after failed verification ÷ closed', () => {
    expect(reworkRate({ reworked: 3, closed: 200 })).toBe(1.5);
    expect(reworkRate({ reworked: 0, closed: 0 })).toBeNull();
    expect(reworkRate({ reworked: 2, closed: 0 })).toBeNull();
  });

  it('valid-report rate: (filed + voided as duplicate) ÷ reported', () => {
    expect(validReportRate({ filed: 90, voidedAsDuplicate: 5, reported: 100 })).toBe(95);
    expect(validReportRate({ filed: 0, voidedAsDuplicate: 0, reported: 0 })).toBeNull();
    expect(validReportRate({ filed: 2, voidedAsDuplicate: 0, reported: 3 }, { mode: 'truncate' })).toBe(66.6);
  });
});
