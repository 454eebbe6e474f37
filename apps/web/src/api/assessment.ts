import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Id } from './types';

// 考核评价 (issue 13): the shapes of /api/assessment as the contract fixes them. Transcribed by hand
// until the server's schemas are generated (`npm run gen`), then to be replaced by generated types.

export type SubjectType = 'worker' | 'department' | 'dispatcher' | 'area';
export type RankedSubject = Exclude<SubjectType, 'area'>;
export type Grade = 'A' | 'B' | 'C' | 'D' | 'E';
export type Light = 'green' | 'yellow' | 'red';

export interface SubjectRef {
  type: SubjectType;
  id: Id;
  name: string;
  unitName: string | null;
}

export interface UnitRef {
  id: Id;
  name: string;
  level: string;
}

export interface RankingItem {
  rank: number;
  subject: SubjectRef;
  composite: number | null;
  grade: Grade | null;
  flaggedForTalk: boolean;
  self: boolean;
}

export interface Ranking {
  period: string;
  frozen: boolean;
  subject: RankedSubject;
  unit: UnitRef;
  items: RankingItem[];
  total: number;
  topTen: RankingItem[];
}

export interface CountRef {
  name: string;
  count: number;
}

export interface IndicatorResult {
  code: string;
  name: string;
  nameEn: string;
  kind: 'ratio' | 'count' | 'average';
  direction: 'high' | 'low';
  weight: number;
  numerator: CountRef;
  denominator: CountRef | null;
  value: number | null;
  target: number;
  adjustedTarget: number;
  score: number | null;
  eventsUrl: string | null;
}

export interface Adjustment {
  id: Id;
  delta: number;
  reason: string;
  state: string;
  by: string | { id: Id; name: string } | null;
  at: string;
}

export interface Score {
  subject: SubjectRef;
  period: string;
  frozen: boolean;
  scheme: { id: Id; effectiveFrom: string } | null;
  composite: number | null;
  grade: Grade | null;
  rank: number | null;
  rankOf: number | null;
  indicators: IndicatorResult[];
  adjustments: Adjustment[];
}

export interface ScoreEvent {
  kind: 'case' | 'visit' | 'inspection' | 'register_event' | 'track';
  id: Id;
  code: string | null;
  title: string;
  at: string;
  link: string | null;
}

export interface TrendPoint {
  period: string;
  composite: number | null;
  grade: Grade | null;
}

export interface Scorecard {
  period: string;
  indicators: { code: string; name: string; nameEn: string; direction: 'high' | 'low'; target: number }[];
  rows: {
    unit: UnitRef;
    values: Record<string, { value: number | null; score: number | null; light: Light | null }>;
    composite: number | null;
    grade: Grade | null;
  }[];
}

export interface SchemeIndicator {
  code: string;
  weight: number;
  target: number;
  scaling: { measure: string; reference: number; elasticity: number; min?: number; max?: number } | null;
}

export interface SchemeBody {
  unitId: Id;
  subject: SubjectType;
  effectiveFrom: string;
  indicators: SchemeIndicator[];
  bands?: { grade: Grade; min: number }[];
  note: string;
}

export interface Scheme extends SchemeBody {
  id: Id;
  bands: { grade: Grade; min: number }[];
  createdBy: { id: Id; name: string };
  createdAt: string;
}

export interface SchemePreview {
  period: string;
  items: {
    subject: SubjectRef;
    composite: number | null;
    grade: Grade | null;
    before: { composite: number | null; grade: Grade | null };
  }[];
}

export interface AssessmentPeriod {
  period: string;
  state: 'open' | 'frozen';
  frozenAt: string | null;
  frozenBy: string | { id: Id; name: string } | null;
  actions?: string[];
}

export const assessmentKeys = {
  all: ['assessment'] as const,
  rankings: (q: object) => ['assessment', 'rankings', q] as const,
  score: (type: string, id: Id, period: string) => ['assessment', 'score', type, id, period] as const,
  events: (type: string, id: Id, q: object) => ['assessment', 'events', type, id, q] as const,
  trend: (type: string, id: Id) => ['assessment', 'trend', type, id] as const,
  scorecard: (q: object) => ['assessment', 'scorecard', q] as const,
  schemes: (q: object) => ['assessment', 'schemes', q] as const,
  periods: (unitId: Id | undefined) => ['assessment', 'periods', unitId ?? null] as const,
};

export const useRankings = (q: { period: string; unitId?: Id; subject: RankedSubject }) =>
  useQuery({
    queryKey: assessmentKeys.rankings(q),
    queryFn: () => api.get<Ranking>('/api/assessment/rankings', q),
  });

export const useScore = (type: string, id: Id, period: string) =>
  useQuery({
    queryKey: assessmentKeys.score(type, id, period),
    queryFn: () => api.get<Score>(`/api/assessment/scores/${type}/${id}`, { period }),
  });

export const useScoreEvents = (
  type: string,
  id: Id,
  q: { period: string; count: string; page: number; pageSize: number } | null,
) =>
  useQuery({
    queryKey: assessmentKeys.events(type, id, q ?? {}),
    queryFn: () =>
      api.get<{ items: ScoreEvent[]; total: number }>(
        `/api/assessment/scores/${type}/${id}/events`,
        q ?? undefined,
      ),
    enabled: q !== null,
  });

export const useTrend = (type: string, id: Id) =>
  useQuery({
    queryKey: assessmentKeys.trend(type, id),
    queryFn: () =>
      api.get<{ items: TrendPoint[] }>(`/api/assessment/scores/${type}/${id}/trend`, { months: 12 }),
  });

export const useScorecard = (q: { period: string; unitId?: Id }) =>
  useQuery({
    queryKey: assessmentKeys.scorecard(q),
    queryFn: () => api.get<Scorecard>('/api/assessment/scorecard', q),
  });

export const useSchemes = (q: { unitId?: Id; subject: SubjectType }) =>
  useQuery({
    queryKey: assessmentKeys.schemes(q),
    queryFn: () => api.get<{ items: Scheme[]; actions?: string[] }>('/api/assessment/schemes', q),
  });

export const usePeriods = (unitId: Id | undefined) =>
  useQuery({
    queryKey: assessmentKeys.periods(unitId),
    queryFn: () => api.get<{ items: AssessmentPeriod[] }>('/api/assessment/periods', { unitId }),
  });

export const createScheme = (body: SchemeBody) => api.post<Scheme>('/api/assessment/schemes', body);
export const previewScheme = (body: SchemeBody) =>
  api.post<SchemePreview>('/api/assessment/schemes/preview', body);
export const freezePeriod = (period: string, unitId: Id) =>
  api.post<AssessmentPeriod>(`/api/assessment/periods/${period}/freeze`, { unitId });

/** 'YYYY-MM' of the month before the current one (China time is close enough for a default). */
export function lastMonth(now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

export const GRADE_COLOR: Record<Grade, string> = {
  A: 'green',
  B: 'blue',
  C: 'gold',
  D: 'orange',
  E: 'red',
};

export const LIGHT_COLOR: Record<Light, string> = { green: '#52c41a', yellow: '#faad14', red: '#ff4d4f' };

/** A composite or indicator value for display: one decimal, or a dash. */
export const fmtScore = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : (Math.round(value * 10) / 10).toFixed(1);

export const subjectName = (by: string | { id: Id; name: string } | null) =>
  by === null ? '—' : typeof by === 'string' ? by : by.name;
