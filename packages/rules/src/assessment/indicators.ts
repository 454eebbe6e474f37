// Assessment indicators as data (DOMAIN.md §7), the DHIS2 way: an indicator is numerator ÷
// denominator × factor over named event counts (or a plain count, or an average), with a
// direction, a target and grade bands. The server counts the events; these rules turn counts
// into values, scores, composites and grades, so a score is always explainable from its counts.

export type AssessmentSubject = 'worker' | 'department' | 'dispatcher' | 'area';
export type IndicatorKind = 'ratio' | 'count' | 'average';
export type Direction = 'high' | 'low';

export interface IndicatorSpec {
  code: string;
  subject: AssessmentSubject;
  kind: IndicatorKind;
  /** Names of event counts the server provides (e.g. cases.reported). */
  numerator: string;
  /** ratio and average only. */
  denominator?: string;
  /** 100 for a percentage; 1/60 turns seconds into minutes, and so on. */
  factor: number;
  direction: Direction;
  target: number;
  zh: string;
  en: string;
}

/**
 * The built-in indicators: DOMAIN.md §7 and the urban-management evaluation standard (数字城管
 * 综合评价). Event count names are the server's (modules/assessment counts them by these names).
 */
export const BUILTIN_INDICATORS: readonly IndicatorSpec[] = [
  // Grid worker.
  {
    code: 'valid_report_rate',
    subject: 'worker',
    kind: 'ratio',
    numerator: 'reports.valid',
    denominator: 'reports.total',
    factor: 100,
    direction: 'high',
    target: 95,
    zh: '有效上报率',
    en: 'Valid-report rate',
  },
  {
    code: 'missed_report_rate',
    subject: 'worker',
    kind: 'ratio',
    numerator: 'grid.cases_reported_by_others',
    denominator: 'grid.cases_total',
    factor: 100,
    direction: 'low',
    target: 10,
    zh: '漏报率',
    en: 'Missed-report rate',
  },
  {
    code: 'on_time_verification',
    subject: 'worker',
    kind: 'ratio',
    numerator: 'confirm.on_time',
    denominator: 'confirm.ended',
    factor: 100,
    direction: 'high',
    target: 95,
    zh: '按时核实率',
    en: 'On-time verification',
  },
  {
    code: 'on_time_recheck',
    subject: 'worker',
    kind: 'ratio',
    numerator: 'verify.on_time',
    denominator: 'verify.ended',
    factor: 100,
    direction: 'high',
    target: 95,
    zh: '按时核查率',
    en: 'On-time re-check',
  },
  {
    code: 'visit_minutes_per_day',
    subject: 'worker',
    kind: 'average',
    numerator: 'visits.seconds',
    denominator: 'workdays',
    factor: 1 / 60,
    direction: 'high',
    target: 180,
    zh: '日均走访时长（分钟）',
    en: 'Visit minutes per working day',
  },
  {
    code: 'patrol_inside_share',
    subject: 'worker',
    kind: 'ratio',
    numerator: 'patrol.inside_seconds',
    denominator: 'patrol.tracked_seconds',
    factor: 100,
    direction: 'high',
    target: 80,
    zh: '网格内巡查时间占比',
    en: 'Patrol time inside own grids',
  },
  {
    code: 'training_hours',
    subject: 'worker',
    kind: 'count',
    numerator: 'training.hours',
    factor: 1,
    direction: 'high',
    target: 4,
    zh: '培训学时',
    en: 'Training hours',
  },
  {
    code: 'register_updates',
    subject: 'worker',
    kind: 'count',
    numerator: 'registers.updates',
    factor: 1,
    direction: 'high',
    target: 20,
    zh: '信息采集更新数',
    en: 'Register updates',
  },
  {
    code: 'inspections_on_time',
    subject: 'worker',
    kind: 'ratio',
    numerator: 'inspections.on_time',
    denominator: 'inspections.due',
    factor: 100,
    direction: 'high',
    target: 95,
    zh: '按时巡检率',
    en: 'Inspections on time',
  },
  {
    code: 'satisfaction',
    subject: 'worker',
    kind: 'ratio',
    numerator: 'satisfaction.satisfied',
    denominator: 'satisfaction.rated',
    factor: 100,
    direction: 'high',
    target: 90,
    zh: '群众满意率',
    en: 'Satisfaction',
  },
  // Department.
  {
    code: 'on_time_handling',
    subject: 'department',
    kind: 'ratio',
    numerator: 'handle.on_time',
    denominator: 'handle.ended',
    factor: 100,
    direction: 'high',
    target: 95,
    zh: '按时处置率',
    en: 'On-time handling',
  },
  {
    code: 'closure_rate',
    subject: 'department',
    kind: 'ratio',
    numerator: 'cases.closed',
    denominator: 'cases.due',
    factor: 100,
    direction: 'high',
    target: 95,
    zh: '结案率',
    en: 'Closure rate',
  },
  {
    code: 'on_time_closure',
    subject: 'department',
    kind: 'ratio',
    numerator: 'cases.closed_on_time',
    denominator: 'cases.due',
    factor: 100,
    direction: 'high',
    target: 90,
    zh: '按期结案率',
    en: 'On-time closure',
  },
  {
    code: 'rework_rate',
    subject: 'department',
    kind: 'ratio',
    numerator: 'cases.reworked',
    denominator: 'cases.closed',
    factor: 100,
    direction: 'low',
    target: 5,
    zh: '返工率',
    en: 'Rework rate',
  },
  // Dispatcher.
  {
    code: 'on_time_dispatch',
    subject: 'dispatcher',
    kind: 'ratio',
    numerator: 'dispatch.on_time',
    denominator: 'dispatch.ended',
    factor: 100,
    direction: 'high',
    target: 95,
    zh: '按时派遣率',
    en: 'On-time dispatch',
  },
  {
    code: 'accurate_dispatch',
    subject: 'dispatcher',
    kind: 'ratio',
    numerator: 'dispatch.accurate',
    denominator: 'dispatch.total',
    factor: 100,
    direction: 'high',
    target: 95,
    zh: '准确派遣率',
    en: 'Accurate dispatch',
  },
  {
    code: 'on_time_filing',
    subject: 'dispatcher',
    kind: 'ratio',
    numerator: 'file.on_time',
    denominator: 'file.ended',
    factor: 100,
    direction: 'high',
    target: 95,
    zh: '按时立案率',
    en: 'On-time filing',
  },
  {
    code: 'accurate_filing',
    subject: 'dispatcher',
    kind: 'ratio',
    numerator: 'file.accurate',
    denominator: 'file.total',
    factor: 100,
    direction: 'high',
    target: 95,
    zh: '准确立案率',
    en: 'Accurate filing',
  },
  // Area (grid, community, street, district).
  {
    code: 'area_report_rate',
    subject: 'area',
    kind: 'average',
    numerator: 'cases.reported',
    denominator: 'households',
    factor: 1000,
    direction: 'high',
    target: 10,
    zh: '千户上报数',
    en: 'Reports per 1,000 households',
  },
  {
    code: 'area_closure_rate',
    subject: 'area',
    kind: 'ratio',
    numerator: 'cases.closed',
    denominator: 'cases.due',
    factor: 100,
    direction: 'high',
    target: 95,
    zh: '结案率',
    en: 'Closure rate',
  },
  {
    code: 'area_on_time_closure',
    subject: 'area',
    kind: 'ratio',
    numerator: 'cases.closed_on_time',
    denominator: 'cases.due',
    factor: 100,
    direction: 'high',
    target: 90,
    zh: '按期结案率',
    en: 'On-time closure',
  },
];

export type EventCounts = Readonly<Record<string, number>>;

export interface IndicatorValue {
  numerator: number;
  denominator: number | null;
  /** null when the denominator is zero: nothing to judge, so the indicator drops out of the composite. */
  value: number | null;
}

/** The indicator's value from the event counts (missing counts are zero). */
export function indicatorValue(spec: IndicatorSpec, counts: EventCounts): IndicatorValue {
  const numerator = counts[spec.numerator] ?? 0;
  if (spec.kind === 'count') return { numerator, denominator: null, value: numerator * spec.factor };
  const denominator = counts[spec.denominator ?? ''] ?? 0;
  return { numerator, denominator, value: denominator > 0 ? (numerator / denominator) * spec.factor : null };
}

const clamp = (x: number) => Math.min(100, Math.max(0, x));

/**
 * A value against its target as a score of 0–100. High is good: value ÷ target, capped at 100.
 * Low is good: 100 at or under the target, falling linearly to 0 at twice the target (at 100
 * when the target is 0: none allowed, each point over costs a point).
 */
export function indicatorScore(direction: Direction, value: number, target: number): number {
  if (direction === 'high') return target <= 0 ? 100 : clamp((value / target) * 100);
  if (value <= target) return 100;
  const span = target > 0 ? target : 100;
  return clamp(100 * (1 - (value - target) / span));
}

export type Grade = 'A' | 'B' | 'C' | 'D' | 'E';
export interface GradeBand {
  grade: Grade;
  min: number;
}
/** A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, E below. */
export const DEFAULT_GRADE_BANDS: readonly GradeBand[] = [
  { grade: 'A', min: 90 },
  { grade: 'B', min: 75 },
  { grade: 'C', min: 60 },
  { grade: 'D', min: 40 },
  { grade: 'E', min: Number.NEGATIVE_INFINITY },
];

export function gradeOf(score: number, bands: readonly GradeBand[] = DEFAULT_GRADE_BANDS): Grade {
  for (const band of [...bands].sort((a, b) => b.min - a.min)) if (score >= band.min) return band.grade;
  return 'E';
}

export interface WeightedScore {
  code: string;
  weight: number;
  /** null: the indicator had nothing to judge this period. */
  score: number | null;
}

/**
 * The weighted mean of the indicators that have a score, their weights renormalised; null when
 * none has. Rounded to 0.1 so a score shown is the score ranked.
 */
export function compositeScore(parts: readonly WeightedScore[]): number | null {
  const scored = parts.filter((p) => p.score !== null && p.weight > 0);
  const total = scored.reduce((s, p) => s + p.weight, 0);
  if (total === 0) return null;
  const sum = scored.reduce((s, p) => s + p.weight * (p.score as number), 0);
  return Math.round((sum / total) * 10) / 10;
}

/** The default worker scheme: valid reports 40 %, missed reports 20 %, verification 20 %, re-check 20 %. */
export const DEFAULT_WORKER_WEIGHTS: Readonly<Record<string, number>> = {
  valid_report_rate: 40,
  missed_report_rate: 20,
  on_time_verification: 20,
  on_time_recheck: 20,
};

/**
 * Differentiated targets (差异化考核): the target scales with the unit's workload. With
 * elasticity 1 it is proportional to measure ÷ reference; 0 ignores the workload; the result is
 * kept within [min, max] so an empty or huge grid does not get an absurd target.
 */
export interface TargetScaling {
  measure: string;
  reference: number;
  elasticity: number;
  min?: number;
  max?: number;
}

export function adjustedTarget(base: number, scaling: TargetScaling | null, counts: EventCounts): number {
  if (!scaling || scaling.reference <= 0) return base;
  const ratio = (counts[scaling.measure] ?? 0) / scaling.reference;
  const target = base * (1 + scaling.elasticity * (ratio - 1));
  return Math.min(scaling.max ?? Number.POSITIVE_INFINITY, Math.max(scaling.min ?? 0, target));
}

/** The scheme version in force for a period: the latest whose effective month is not after it. */
export function versionFor<T extends { effectiveFrom: string }>(
  versions: readonly T[],
  period: string,
): T | null {
  let best: T | null = null;
  for (const v of versions) {
    if (v.effectiveFrom <= period && (!best || v.effectiveFrom > best.effectiveFrom)) best = v;
  }
  return best;
}
