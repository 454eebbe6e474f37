import { describe, expect, it } from 'vitest';
import {
  adjustedTarget,
  BUILTIN_INDICATORS,
  compositeScore,
  DEFAULT_WORKER_WEIGHTS,
  flaggedForTalk,
  gradeOf,
  indicatorScore,
  indicatorValue,
  proposePromotion,
  proposeYearRating,
  rankByScore,
  rankingWindow,
  versionFor,
} from '../src/index.ts';

const spec = (code: string) => BUILTIN_INDICATORS.find((i) => i.code === code)!;

describe('indicators', () => {
  it('are unique, named in both languages, and ratios have denominators', () => {
    const codes = BUILTIN_INDICATORS.map((i) => `${i.subject}:${i.code}`);
    expect(new Set(codes).size).toBe(codes.length);
    for (const i of BUILTIN_INDICATORS) {
      expect(i.zh && i.en, i.code).toBeTruthy();
      expect(i.kind === 'count' || Boolean(i.denominator), i.code).toBe(true);
    }
    const weights = Object.keys(DEFAULT_WORKER_WEIGHTS);
    for (const code of weights) expect(spec(code).subject).toBe('worker');
    expect(Object.values(DEFAULT_WORKER_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('valid-report rate: (filed + voided as duplicate) ÷ reported × 100, hand-counted', () => {
    // 40 reported, 36 filed, 2 voided as duplicates, 2 voided otherwise → 38 valid of 40.
    expect(indicatorValue(spec('valid_report_rate'), { 'reports.valid': 38, 'reports.total': 40 })).toEqual({
      numerator: 38,
      denominator: 40,
      value: 95,
    });
  });

  it('an empty denominator gives no value, and the indicator drops out of the composite', () => {
    expect(indicatorValue(spec('on_time_recheck'), {}).value).toBeNull();
    expect(
      compositeScore([
        { code: 'a', weight: 40, score: 90 },
        { code: 'b', weight: 20, score: null },
        { code: 'c', weight: 40, score: 70 },
      ]),
    ).toBe(80);
    expect(compositeScore([{ code: 'a', weight: 40, score: null }])).toBeNull();
  });

  it('averages and counts: visit minutes per working day over a month with a holiday', () => {
    // October: 23 weekdays, 5 of them national holidays → 18 working days; 3,240 minutes of visits.
    const v = indicatorValue(spec('visit_minutes_per_day'), { 'visits.seconds': 3240 * 60, workdays: 18 });
    expect(v.value).toBe(180);
    expect(indicatorValue(spec('register_updates'), { 'registers.updates': 7 }).value).toBe(7);
  });

  it('scores high-is-good by value ÷ target and low-is-good down to 0 at twice the target', () => {
    expect(indicatorScore('high', 95, 95)).toBe(100);
    expect(indicatorScore('high', 76, 95)).toBeCloseTo(80, 9);
    expect(indicatorScore('high', 120, 95)).toBe(100);
    expect(indicatorScore('low', 8, 10)).toBe(100);
    expect(indicatorScore('low', 15, 10)).toBe(50);
    expect(indicatorScore('low', 25, 10)).toBe(0);
    expect(indicatorScore('low', 3, 0)).toBe(97);
  });

  it('grades A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, else E', () => {
    expect([95, 90, 89.9, 75, 60, 59.9, 40, 39.9, 0].map((s) => gradeOf(s))).toEqual([
      'A',
      'A',
      'B',
      'B',
      'C',
      'D',
      'D',
      'E',
      'E',
    ]);
  });

  it('the default worker composite on hand-computed figures', () => {
    const counts = {
      'reports.valid': 38,
      'reports.total': 40,
      'grid.cases_reported_by_others': 3,
      'grid.cases_total': 20,
      'confirm.on_time': 9,
      'confirm.ended': 10,
      'verify.on_time': 19,
      'verify.ended': 19,
    };
    const parts = Object.entries(DEFAULT_WORKER_WEIGHTS).map(([code, weight]) => {
      const s = spec(code);
      const { value } = indicatorValue(s, counts);
      return { code, weight, score: value === null ? null : indicatorScore(s.direction, value, s.target) };
    });
    // 95 → 100; 15 % missed vs 10 → 50; 90 % vs 95 → 94.74; 100 → 100.
    expect(parts.map((p) => Math.round(p.score! * 100) / 100)).toEqual([100, 50, 94.74, 100]);
    const score = compositeScore(parts)!;
    expect(score).toBe(Math.round(((40 * 100 + 20 * 50 + 20 * (90 / 95) * 100 + 20 * 100) / 100) * 10) / 10);
    expect(gradeOf(score)).toBe('B');
  });
});

describe('differentiated targets and scheme versions', () => {
  it('scale the target with the workload, within bounds', () => {
    const scaling = { measure: 'households', reference: 400, elasticity: 1, min: 120, max: 240 };
    expect(adjustedTarget(180, scaling, { households: 400 })).toBe(180);
    expect(adjustedTarget(180, scaling, { households: 500 })).toBe(225);
    expect(adjustedTarget(180, scaling, { households: 800 })).toBe(240);
    expect(adjustedTarget(180, scaling, {})).toBe(120);
    expect(adjustedTarget(180, { ...scaling, elasticity: 0.5 }, { households: 200 })).toBe(135);
    expect(adjustedTarget(180, null, { households: 800 })).toBe(180);
  });

  it('compute a period with the scheme in force then, when the scheme changed mid-year', () => {
    const versions = [
      { effectiveFrom: '2026-01', weights: { a: 50 } },
      { effectiveFrom: '2026-07', weights: { a: 40 } },
    ];
    expect(versionFor(versions, '2026-06')?.weights.a).toBe(50);
    expect(versionFor(versions, '2026-07')?.weights.a).toBe(40);
    expect(versionFor(versions, '2026-12')?.weights.a).toBe(40);
    expect(versionFor(versions, '2025-12')).toBeNull();
  });
});

describe('rankings', () => {
  const rows = [
    { id: 'a', s: 91 },
    { id: 'b', s: 88 },
    { id: 'c', s: 88 },
    { id: 'd', s: 70 },
    { id: 'e', s: null },
    { id: 'f', s: 35 },
  ];
  const ranking = rankByScore(rows, (r) => r.s);

  it('share ranks on ties (1, 2, 2, 4) and leave the unscored unranked at the end', () => {
    expect(ranking.map((r) => [r.item.id, r.rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 4],
      ['f', 5],
      ['e', 0],
    ]);
  });

  it('show a worker their own rank and two either side, and flag the bottom for a talk', () => {
    expect(rankingWindow(ranking, (r) => r.id === 'd').map((r) => r.item.id)).toEqual([
      'b',
      'c',
      'd',
      'f',
      'e',
    ]);
    expect(rankingWindow(ranking, (r) => r.id === 'a', 1).map((r) => r.item.id)).toEqual(['a', 'b']);
    expect(rankingWindow(ranking, (r) => r.id === 'zz')).toEqual([]);
    expect(flaggedForTalk(ranking, 1).map((r) => r.item.id)).toEqual(['f']);
    expect(flaggedForTalk(ranking, 2).map((r) => r.item.id)).toEqual(['d', 'f']);
  });
});

describe('careers', () => {
  it('propose the year rating from the months’ composites', () => {
    expect(proposeYearRating([92, 95, 88, 91])).toBe('excellent');
    expect(proposeYearRating([70, null, 65])).toBe('qualified');
    expect(proposeYearRating([50, 55])).toBe('unqualified');
    expect(proposeYearRating([null])).toBeNull();
  });

  it('promote by Hohhot’s rule over 3–6 years of ratings', () => {
    const r = (year: number, rating: 'excellent' | 'qualified' | 'unqualified') => ({ year, rating });
    expect(proposePromotion(3, [r(2021, 'qualified'), r(2022, 'qualified'), r(2023, 'excellent')])).toEqual({
      from: 3,
      to: 4,
      years: [2021, 2022, 2023],
      reason: 'three_qualified',
    });
    expect(proposePromotion(3, [r(2022, 'excellent'), r(2023, 'excellent'), r(2024, 'excellent')])?.to).toBe(
      5,
    );
    // Six years, the last three excellent after an unqualified year: +2.
    expect(
      proposePromotion(5, [
        r(2019, 'qualified'),
        r(2020, 'unqualified'),
        r(2021, 'qualified'),
        r(2022, 'excellent'),
        r(2023, 'excellent'),
        r(2024, 'excellent'),
      ])?.reason,
    ).toBe('three_excellent');
    expect(
      proposePromotion(5, [r(2022, 'excellent'), r(2023, 'unqualified'), r(2024, 'excellent')]),
    ).toBeNull();
    expect(
      proposePromotion(5, [r(2020, 'excellent'), r(2022, 'excellent'), r(2023, 'excellent')]),
    ).toBeNull();
    expect(proposePromotion(5, [r(2023, 'excellent'), r(2024, 'excellent')])).toBeNull();
    expect(proposePromotion(11, [r(2022, 'excellent'), r(2023, 'excellent'), r(2024, 'excellent')])?.to).toBe(
      12,
    );
    expect(
      proposePromotion(12, [r(2022, 'excellent'), r(2023, 'excellent'), r(2024, 'excellent')]),
    ).toBeNull();
  });
});
