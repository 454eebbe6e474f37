import { useQuery } from '@tanstack/react-query';
import type { AppealAction } from '@wangge/rules';
import { api } from './client';
import type {
  Appeal,
  AppealList,
  BonusSchemeList,
  BonusSheet,
  GeneratedReports,
  StoredReport,
  StoredReportList,
} from './generated';
import type { Id } from './types';

export type { Appeal, BonusSheet };

export const appealKeys = {
  all: ['appeals'] as const,
  list: (filters: Record<string, string | undefined>) => ['appeals', 'list', filters] as const,
  detail: (id: Id) => ['appeals', 'detail', id] as const,
};

export const useAppeals = (filters: { state?: string; period?: string }) =>
  useQuery({
    queryKey: appealKeys.list(filters),
    queryFn: () => {
      const q = new URLSearchParams();
      if (filters.state) q.set('state', filters.state);
      if (filters.period) q.set('period', filters.period);
      q.set('pageSize', '200');
      return api.get<AppealList>(`/api/assessment/appeals?${q}`);
    },
  });

export const useAppeal = (id: Id | null) =>
  useQuery({
    queryKey: appealKeys.detail(id ?? ''),
    queryFn: () => api.get<Appeal>(`/api/assessment/appeals/${id}`),
    enabled: Boolean(id),
  });

export const fileAppeal = (body: {
  eventKind: Appeal['event']['kind'];
  eventId: Id;
  countName: string;
  reason: string;
  attachmentIds?: Id[];
}) => api.post<Appeal>('/api/assessment/appeals', body);

export const actOnAppeal = (
  appeal: { id: Id; version: number },
  action: AppealAction,
  text: { reason?: string; note?: string },
) =>
  api.post<Appeal>(`/api/assessment/appeals/${appeal.id}/actions/${action}`, {
    version: appeal.version,
    reason: text.reason ?? text.note,
  });

export const bonusSheetUrl = (period: string, unitId?: Id, format?: 'xlsx') => {
  const q = new URLSearchParams({ period });
  if (unitId) q.set('unitId', unitId);
  if (format) q.set('format', format);
  return `/api/assessment/bonuses?${q}`;
};

export const useBonusSheet = (period: string, unitId?: Id) =>
  useQuery({
    queryKey: ['bonuses', period, unitId],
    queryFn: () => api.get<BonusSheet>(bonusSheetUrl(period, unitId)),
  });

export const useBonusSchemes = (unitId?: Id) =>
  useQuery({
    queryKey: ['bonus-items', unitId],
    queryFn: () =>
      api.get<BonusSchemeList>(`/api/assessment/bonus-items${unitId ? `?unitId=${unitId}` : ''}`),
  });

/** The stored monthly reports (generated on the 1st of each month, or on demand by a manager). */
export type { StoredReport };

export const reportKeys = { list: (unitId?: Id) => ['assessment-reports', unitId] as const };

export const useStoredReports = (unitId?: Id, enabled = true) =>
  useQuery({
    queryKey: reportKeys.list(unitId),
    queryFn: () => api.get<StoredReportList>(`/api/assessment/reports${unitId ? `?unitId=${unitId}` : ''}`),
    enabled,
  });

export const generateReports = (period: string, unitId?: Id) =>
  api.post<GeneratedReports>('/api/assessment/reports/generate', unitId ? { period, unitId } : { period });
