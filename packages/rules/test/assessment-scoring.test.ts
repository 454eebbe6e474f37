import { describe, expect, it } from 'vitest';
import {
  addMonths,
  checkScheme,
  defaultScheme,
  isMonth,
  monthOf,
  monthRange,
  scorecardLight,
  scoreSubject,
  versionFor,
} from '../src/index.ts';

describe('months in China time', () => {
  it('starts a month at 00:00 UTC+8 and ends at the next', () => {
    expect(monthRange('2026-11')).toEqual({
      from: new Date('2026-10-31T16:00:00Z'),
      to: new Date('2026-11-30T16:00:00Z'),
    });
    expect(monthRange('2026-12').to).toEqual(new Date('2026-12-31T16:00:00Z'));
    expect(() => monthRange('2026-13')).toThrow();
    expect(isMonth('2026-1')).toBe(false);
  });

  it('places a moment in its China-time month and steps across years', () => {
    expect(monthOf(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12');
    expect(monthOf(new Date('2026-11-30T15:59:00Z'))).toBe('2026-11');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-03', -12)).toBe('2025-03');
  });
});

describe('schemes', () => {
  it('defaults weigh workers 40/20/20/20 and every other subject equally, summing to 100', () => {
    const worker = defaultScheme('worker');
    const weights = Object.fromEntries(worker.indicators.map((i) => [i.code, i.weight]));
    expect(weights).toMatchObject({
      valid_report_rate: 40,
      missed_report_rate: 20,
      on_time_verification: 20,
      on_time_recheck: 20,
      visit_minutes_per_day: 0,
    });
    for (const subject of ['worker', 'department', 'dispatcher', 'area'] as const) {
      const scheme = defaultScheme(subject);
      expect(scheme.indicators.reduce((s, i) => s + i.weight, 0)).toBe(100);
      expect(checkScheme(scheme)).toEqual({ ok: true });
    }
  });

  it('refuses weights not summing to 100, unknown or repeated indicators and negative targets, naming the field', () => {
    const base = defaultScheme('department');
    const bad = (change: (s: ReturnType<typeof defaultScheme>) => void) => {
      const s = structuredClone(base) as ReturnType<typeof defaultScheme> & {
        indicators: { weight: number; code: string; target: number }[];
      };
      change(s);
      return checkScheme(s);
    };
    expect(
      bad((s) => {
        (s.indicators[0] as { weight: number }).weight += 1;
      }),
    ).toMatchObject({ ok: false, field: 'indicators' });
    expect(
      bad((s) => {
        (s.indicators[1] as { code: string }).code = 'valid_report_rate';
      }),
    ).toMatchObject({ ok: false, field: 'indicators.1.code' });
    expect(
      bad((s) => {
        (s.indicators[1] as { code: string }).code = s.indicators[0]!.code;
      }),
    ).toMatchObject({ ok: false, field: 'indicators.1.code' });
    expect(
      bad((s) => {
        (s.indicators[2] as { target: number }).target = -1;
      }),
    ).toMatchObject({ ok: false, field: 'indicators.2.target' });
  });

  it('applies the version in force for each month when a scheme changes mid-year', () => {
    const versions = [
      { id: 1, effectiveFrom: '2026-01' },
      { id: 2, effectiveFrom: '2026-07' },
    ];
    expect(versionFor(versions, '2026-06')?.id).toBe(1);
    expect(versionFor(versions, '2026-07')?.id).toBe(2);
    expect(versionFor(versions, '2025-12')).toBeNull();
  });
});

describe('a subject scored from its counts', () => {
  it('computes every indicator, the composite and the grade by hand', () => {
    const scored = scoreSubject(defaultScheme('worker'), {
      'reports.total': 20,
      'reports.valid': 18, // 90 % of a 95 % target → 94.7
      'grid.cases_total': 40,
      'grid.cases_reported_by_others': 6, // 15 % against 10 % (low is good) → 50
      'confirm.ended': 10,
      'confirm.on_time': 10, // 100 % → 100
      // no re-checks: on_time_recheck has nothing to judge and drops out
    });
    const by = Object.fromEntries(scored.indicators.map((i) => [i.code, i]));
    expect(by.valid_report_rate).toMatchObject({
      value: 90,
      score: 94.7,
      numerator: { name: 'reports.valid', count: 18 },
    });
    expect(by.missed_report_rate).toMatchObject({ value: 15, score: 50 });
    expect(by.on_time_verification).toMatchObject({ value: 100, score: 100 });
    expect(by.on_time_recheck).toMatchObject({
      value: null,
      score: null,
      denominator: { name: 'verify.ended', count: 0 },
    });
    // (40·94.7368 + 20·50 + 20·100) ÷ 80 = 84.87 → 84.9, grade B.
    expect(scored.composite).toBe(84.9);
    expect(scored.grade).toBe('B');
  });

  it('has no composite and no grade when nothing could be judged', () => {
    expect(scoreSubject(defaultScheme('worker'), {})).toMatchObject({ composite: null, grade: null });
  });

  it('shows the raw target beside the one scaled by workload', () => {
    const scheme = defaultScheme('area');
    const scaled = {
      ...scheme,
      indicators: scheme.indicators.map((i) =>
        i.code === 'area_report_rate'
          ? { ...i, scaling: { measure: 'households', reference: 400, elasticity: 1 } }
          : i,
      ),
    };
    const scored = scoreSubject(scaled, { households: 600, 'cases.reported': 30 });
    const rate = scored.indicators.find((i) => i.code === 'area_report_rate')!;
    expect(rate.adjustedTarget).toBeCloseTo(rate.target * 1.5, 5);
  });
});

describe('scorecard lights', () => {
  it('is green at the target, yellow within 10 % of it, red beyond; low-is-good inverted', () => {
    expect(scorecardLight('high', 95, 95)).toBe('green');
    expect(scorecardLight('high', 86, 95)).toBe('yellow');
    expect(scorecardLight('high', 80, 95)).toBe('red');
    expect(scorecardLight('low', 10, 10)).toBe('green');
    expect(scorecardLight('low', 10.5, 10)).toBe('yellow');
    expect(scorecardLight('low', 12, 10)).toBe('red');
    expect(scorecardLight('high', null, 95)).toBeNull();
  });
});
