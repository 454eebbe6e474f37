import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type {
  AssessmentEvent,
  AssessmentGrade,
  AssessmentPeriodList,
  AssessmentScheme,
  AssessmentSchemeList,
  AssessmentSubjectType,
  AssessmentTrend,
  Ranking,
  RankingItem,
  SchemeIndicatorInput,
  SchemeInput,
  SchemePreview,
  Scorecard,
  ScoredIndicator,
  SubjectScore,
} from './generated';
import type { Id } from './types';

// 考核评价 (issue 13): the /api/assessment routes with the server's generated types.

export type SubjectType = AssessmentSubjectType;
export type RankedSubject = Exclude<SubjectType, 'area'>;
export type Grade = AssessmentGrade;
export type Light = 'green' | 'yellow' | 'red';
export type { Ranking, RankingItem, SchemePreview, Scorecard };
export type IndicatorResult = ScoredIndicator;
export type CountRef = ScoredIndicator['numerator'];
export type Score = SubjectScore;
export type ScoreEvent = AssessmentEvent;
export type TrendPoint = AssessmentTrend['items'][number];
export type Scheme = AssessmentScheme;
export type SchemeIndicator = SchemeIndicatorInput;
export type SchemeBody = SchemeInput;
export type AssessmentPeriod = AssessmentPeriodList['items'][number];
/** An adjustment as listed with a score; state, author and time where the server gives them. */
export type Adjustment = SubjectScore['adjustments'][number] & {
  state?: string;
  by?: string | { id: Id; name: string } | null;
  at?: string;
};

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
    queryFn: () => api.get<AssessmentTrend>(`/api/assessment/scores/${type}/${id}/trend`, { months: 12 }),
  });

export const useScorecard = (q: { period: string; unitId?: Id }) =>
  useQuery({
    queryKey: assessmentKeys.scorecard(q),
    queryFn: () => api.get<Scorecard>('/api/assessment/scorecard', q),
  });

export const useSchemes = (q: { unitId?: Id; subject: SubjectType }) =>
  useQuery({
    queryKey: assessmentKeys.schemes(q),
    queryFn: () => api.get<AssessmentSchemeList>('/api/assessment/schemes', q),
    enabled: q.unitId !== undefined,
  });

export const usePeriods = (unitId: Id | undefined) =>
  useQuery({
    queryKey: assessmentKeys.periods(unitId),
    queryFn: () => api.get<AssessmentPeriodList>('/api/assessment/periods', { unitId }),
    enabled: unitId !== undefined,
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

export const subjectName = (by: string | { id: Id; name: string } | null | undefined) =>
  by === null || by === undefined ? '—' : typeof by === 'string' ? by : by.name;
