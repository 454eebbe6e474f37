// The review rhythm beyond the month (Linghe: monthly, quarterly, half-yearly; every city: the
// year and its 十佳): a longer period is its months, and a subject's score for it is the mean of
// its monthly composite scores — each month judged by the scheme in force then, frozen months as
// frozen — over the months that had something to judge. The months not yet begun are not counted.
import { addMonths, isMonth, monthOf } from './scoring.ts';

export const REVIEW_PERIOD_KINDS = ['month', 'quarter', 'half', 'year'] as const;
export type ReviewPeriodKind = (typeof REVIEW_PERIOD_KINDS)[number];
export const REVIEW_PERIOD_KIND_LABELS: Readonly<Record<ReviewPeriodKind, { zh: string; en: string }>> = {
  month: { zh: '月度', en: 'Month' },
  quarter: { zh: '季度', en: 'Quarter' },
  half: { zh: '半年', en: 'Half-year' },
  year: { zh: '年度', en: 'Year' },
};

const QUARTER = /^([0-9]{4})-Q([1-4])$/;
const HALF = /^([0-9]{4})-H([12])$/;
const YEAR = /^([0-9]{4})$/;

/** YYYY-MM, YYYY-Q1…Q4, YYYY-H1/H2 or YYYY. */
export const REVIEW_PERIOD_PATTERN = '^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$';

export function reviewPeriodKind(period: string): ReviewPeriodKind | null {
  if (isMonth(period)) return 'month';
  if (QUARTER.test(period)) return 'quarter';
  if (HALF.test(period)) return 'half';
  if (YEAR.test(period)) return 'year';
  return null;
}

/** The months of a period in order, e.g. 2026-Q2 → 2026-04, 2026-05, 2026-06. */
export function monthsOf(period: string): string[] {
  const kind = reviewPeriodKind(period);
  if (!kind) throw new RangeError(`not a review period: ${period}`);
  if (kind === 'month') return [period];
  const year = period.slice(0, 4);
  const [first, count] =
    kind === 'quarter'
      ? [(Number(QUARTER.exec(period)![2]) - 1) * 3 + 1, 3]
      : kind === 'half'
        ? [(Number(HALF.exec(period)![2]) - 1) * 6 + 1, 6]
        : [1, 12];
  const start = `${year}-${String(first).padStart(2, '0')}`;
  return Array.from({ length: count }, (_, i) => addMonths(start, i));
}

/** The months of the period up to the current one (a period still running counts what has begun). */
export function monthsSoFar(period: string, now: Date = new Date()): string[] {
  const current = monthOf(now);
  return monthsOf(period).filter((m) => m <= current);
}

/** The mean of the monthly scores that exist, to one decimal; null when no month had any. */
export function periodScore(monthly: readonly (number | null)[]): number | null {
  const scores = monthly.filter((s): s is number => s !== null);
  if (scores.length === 0) return null;
  return Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10;
}

/** The period of `kind` holding `month` (YYYY-MM), e.g. quarter of 2026-08 → 2026-Q3. */
export function periodOfKind(kind: ReviewPeriodKind, month: string): string {
  const year = month.slice(0, 4);
  const m = Number(month.slice(5, 7));
  if (kind === 'month') return month;
  if (kind === 'quarter') return `${year}-Q${Math.floor((m - 1) / 3) + 1}`;
  if (kind === 'half') return `${year}-H${m <= 6 ? 1 : 2}`;
  return year;
}
