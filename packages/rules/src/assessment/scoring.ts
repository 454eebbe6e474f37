// A subject's month under a scheme (DOMAIN.md §7): the scheme as data, checked; its default when a
// district has set none; the month's China-time range; and the score itself — every indicator's
// counts, value, raw and adjusted target and score, the composite and the grade — so that every
// number shown can be explained from the counts behind it.
import {
  type AssessmentSubject,
  adjustedTarget,
  BUILTIN_INDICATORS,
  compositeScore,
  DEFAULT_GRADE_BANDS,
  DEFAULT_WORKER_WEIGHTS,
  type Direction,
  type EventCounts,
  type Grade,
  type GradeBand,
  gradeOf,
  type IndicatorKind,
  indicatorScore,
  indicatorValue,
  type TargetScaling,
} from './indicators.ts';

export interface SchemeIndicator {
  code: string;
  /** Percent of the composite; 0 keeps the indicator shown but out of the composite. */
  weight: number;
  target: number;
  scaling: TargetScaling | null;
}

export interface SchemeBody {
  subject: AssessmentSubject;
  indicators: readonly SchemeIndicator[];
  bands: readonly GradeBand[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const CHINA_OFFSET_MS = 8 * 3_600_000;

export function isMonth(period: string): boolean {
  return MONTH.test(period);
}

/** A month's start (inclusive) and end (exclusive) in China time (UTC+8, no daylight saving). */
export function monthRange(period: string): { from: Date; to: Date } {
  const m = MONTH.exec(period);
  if (!m) throw new Error(`not a month: ${period}`);
  const year = Number(m[1]);
  const month = Number(m[2]) - 1;
  return {
    from: new Date(Date.UTC(year, month, 1) - CHINA_OFFSET_MS),
    to: new Date(Date.UTC(year, month + 1, 1) - CHINA_OFFSET_MS),
  };
}

/** The China-time month a moment falls in, as YYYY-MM. */
export function monthOf(at: Date): string {
  const d = new Date(at.getTime() + CHINA_OFFSET_MS);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function addMonths(period: string, n: number): string {
  const { from } = monthRange(period);
  const d = new Date(from.getTime() + CHINA_OFFSET_MS);
  return monthOf(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 15)));
}

export function indicatorsOf(subject: AssessmentSubject) {
  return BUILTIN_INDICATORS.filter((spec) => spec.subject === subject);
}

/**
 * The scheme when a district has set none: the built-in targets; workers weighted as DOMAIN.md §7
 * (valid reports 40 %, missed 20 %, verification 20 %, re-check 20 %), other subjects equally.
 */
export function defaultScheme(subject: AssessmentSubject): SchemeBody {
  const specs = indicatorsOf(subject);
  const equal = Math.floor(100 / specs.length);
  const weightOf = (code: string, i: number) =>
    subject === 'worker'
      ? (DEFAULT_WORKER_WEIGHTS[code] ?? 0)
      : equal + (i < 100 - equal * specs.length ? 1 : 0);
  return {
    subject,
    indicators: specs.map((spec, i) => ({
      code: spec.code,
      weight: weightOf(spec.code, i),
      target: spec.target,
      scaling: null,
    })),
    bands: DEFAULT_GRADE_BANDS.map((b) => ({ ...b, min: Number.isFinite(b.min) ? b.min : 0 })),
  };
}

export type SchemeCheck = { ok: true } | { ok: false; field: string; reason: string };

/** Known indicators of the subject only, each once; weights 0–100 summing to 100; bands descending. */
export function checkScheme(body: SchemeBody): SchemeCheck {
  const known = new Set(indicatorsOf(body.subject).map((s) => s.code));
  const seen = new Set<string>();
  for (const [i, ind] of body.indicators.entries()) {
    if (!known.has(ind.code))
      return {
        ok: false,
        field: `indicators.${i}.code`,
        reason: `不是${body.subject}的考核指标 (not an indicator of this subject)`,
      };
    if (seen.has(ind.code))
      return { ok: false, field: `indicators.${i}.code`, reason: '指标重复 (listed twice)' };
    seen.add(ind.code);
    if (!(ind.weight >= 0 && ind.weight <= 100))
      return {
        ok: false,
        field: `indicators.${i}.weight`,
        reason: '权重应在 0–100 之间 (weight must be 0–100)',
      };
    if (!(ind.target >= 0))
      return {
        ok: false,
        field: `indicators.${i}.target`,
        reason: '目标值不能为负 (target must not be negative)',
      };
    if (ind.scaling && !(ind.scaling.reference > 0))
      return {
        ok: false,
        field: `indicators.${i}.scaling.reference`,
        reason: '基准值应大于 0 (reference must be positive)',
      };
  }
  const total = body.indicators.reduce((s, ind) => s + ind.weight, 0);
  if (Math.abs(total - 100) > 1e-9)
    return {
      ok: false,
      field: 'indicators',
      reason: `权重合计应为 100，现为 ${total} (weights must sum to 100)`,
    };
  const grades = body.bands.map((b) => b.grade);
  if (new Set(grades).size !== grades.length)
    return { ok: false, field: 'bands', reason: '等级重复 (a grade listed twice)' };
  return { ok: true };
}

export interface ScoredIndicator {
  code: string;
  kind: IndicatorKind;
  direction: Direction;
  weight: number;
  numerator: { name: string; count: number };
  denominator: { name: string; count: number } | null;
  value: number | null;
  target: number;
  adjustedTarget: number;
  score: number | null;
}

export interface SubjectScore {
  indicators: ScoredIndicator[];
  composite: number | null;
  grade: Grade | null;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** One subject's month: each indicator of the scheme from the counts, then composite and grade. */
export function scoreSubject(scheme: SchemeBody, counts: EventCounts): SubjectScore {
  const specs = new Map(BUILTIN_INDICATORS.map((s) => [s.code, s]));
  const indicators: ScoredIndicator[] = [];
  for (const ind of scheme.indicators) {
    const spec = specs.get(ind.code);
    if (!spec || spec.subject !== scheme.subject) continue;
    const v = indicatorValue(spec, counts);
    const target = adjustedTarget(ind.target, ind.scaling, counts);
    indicators.push({
      code: spec.code,
      kind: spec.kind,
      direction: spec.direction,
      weight: ind.weight,
      numerator: { name: spec.numerator, count: v.numerator },
      denominator: spec.denominator ? { name: spec.denominator, count: v.denominator ?? 0 } : null,
      value: v.value === null ? null : round(v.value, 2),
      target: ind.target,
      adjustedTarget: round(target, 2),
      score: v.value === null ? null : round(indicatorScore(spec.direction, v.value, target), 1),
    });
  }
  const composite = compositeScore(
    indicators.map((i) => ({ code: i.code, weight: i.weight, score: i.score })),
  );
  return { indicators, composite, grade: composite === null ? null : gradeOf(composite, scheme.bands) };
}

export type ScorecardLight = 'green' | 'yellow' | 'red';

/** The scorecard's light: green meets the target, yellow misses it by at most 10 % of it, else red. */
export function scorecardLight(
  direction: Direction,
  value: number | null,
  target: number,
): ScorecardLight | null {
  if (value === null) return null;
  const margin = Math.abs(target) * 0.1;
  const miss = direction === 'high' ? target - value : value - target;
  if (miss <= 0) return 'green';
  return miss <= margin ? 'yellow' : 'red';
}
