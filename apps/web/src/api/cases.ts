import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, request, withQuery } from './client';
import { gridKeys } from './grids';
import { keepNewerVersion } from './queryClient';
import type {
  Attachment,
  CaseActionBody,
  CaseCategoryMajor,
  CaseCreate,
  CaseDetail,
  CaseDuplicate,
  CaseStats,
  CaseSummary,
  CaseTargets,
  GridCollection,
  Id,
  Items,
  Page,
} from './types';

/** GET /api/cases query; `state` holds several states joined by commas (sent as repeated `state=`). */
export interface CaseFilter {
  view: 'inbox' | 'all';
  state?: string;
  categoryCode?: string;
  within?: Id;
  overdue?: boolean;
  source?: string;
  from?: string;
  to?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface StatsFilter {
  within?: Id;
  from?: string;
  to?: string;
}

export const caseKeys = {
  all: ['cases'] as const,
  lists: ['cases', 'list'] as const,
  list: (filter: CaseFilter) => ['cases', 'list', filter] as const,
  detail: (id: Id) => ['cases', 'detail', id] as const,
  targets: (id: Id) => ['cases', 'targets', id] as const,
  stats: (filter: StatsFilter) => ['cases', 'stats', filter] as const,
  categories: ['case-categories'] as const,
};

/** The list URL: the server reads several states as a repeated parameter (state=a&state=b). */
export function casesUrl(filter: CaseFilter): string {
  const { state, ...rest } = filter;
  const url = withQuery('/api/cases', { ...rest });
  const states = (state ?? '').split(',').filter(Boolean);
  if (states.length === 0) return url;
  const extra = states.map((s) => `state=${encodeURIComponent(s)}`).join('&');
  return `${url}${url.includes('?') ? '&' : '?'}${extra}`;
}

export function useCases(filter: CaseFilter) {
  return useQuery({
    queryKey: caseKeys.list(filter),
    queryFn: () => api.get<Page<CaseSummary>>(casesUrl(filter)),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
}

export function useCase(id: Id) {
  return useQuery({
    queryKey: caseKeys.detail(id),
    queryFn: () => api.get<CaseDetail>(`/api/cases/${id}`),
    staleTime: 0,
    structuralSharing: keepNewerVersion,
  });
}

export function useCaseTargets(id: Id, enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.targets(id),
    queryFn: () => api.get<CaseTargets>(`/api/cases/${id}/targets`),
    enabled,
    staleTime: 0,
  });
}

export function useCaseCategories() {
  return useQuery({
    queryKey: caseKeys.categories,
    queryFn: async () => (await api.get<Items<CaseCategoryMajor>>('/api/case-categories')).items,
    staleTime: 10 * 60_000,
  });
}

export function useCaseStats(filter: StatsFilter) {
  return useQuery({
    queryKey: caseKeys.stats(filter),
    queryFn: () => api.get<CaseStats>('/api/cases/stats', { ...filter }),
    placeholderData: keepPreviousData,
  });
}

/** One grid's boundary as GeoJSON (GET /api/grids/geojson?within=<gridId>); null = do not fetch. */
export function useGridShape(gridId: Id | null) {
  return useQuery({
    queryKey: gridKeys.geojson(gridId ?? undefined),
    queryFn: () => api.get<GridCollection>('/api/grids/geojson', { within: gridId ?? undefined }),
    enabled: gridId !== null,
    staleTime: 5 * 60_000,
  });
}

export const findDuplicates = (body: { categoryCode: string; lon: number; lat: number }) =>
  api.post<Items<CaseDuplicate>>('/api/cases/duplicates', body);

/** POST /api/cases; the key makes a retry of the same form return the same case. */
export const createCase = (body: CaseCreate, idempotencyKey: string) =>
  request<CaseDetail>('POST', '/api/cases', { body, headers: { 'idempotency-key': idempotencyKey } });

export const performCaseAction = (id: Id, action: string, body: CaseActionBody) =>
  api.post<CaseDetail>(`/api/cases/${id}/actions/${action}`, body);

export const mergeCase = (id: Id, version: number, intoCaseId: Id) =>
  api.post<CaseDetail>(`/api/cases/${id}/merge`, { version, intoCaseId });

/** The case with exactly this code (or id), looked up with the list's keyword search. */
export async function resolveCase(codeOrId: string): Promise<CaseSummary | null> {
  const text = codeOrId.trim();
  if (!text) return null;
  const found = await api.get<Page<CaseSummary>>('/api/cases', {
    q: text,
    view: 'all',
    page: 1,
    pageSize: 20,
  });
  return found.items.find((item) => item.code === text || item.id === text) ?? null;
}

export function uploadAttachment(file: Blob, name?: string): Promise<Attachment> {
  const form = new FormData();
  if (name) form.append('file', file, name);
  else form.append('file', file);
  return request<Attachment>('POST', '/api/attachments', { body: form });
}

/** A v4 UUID; crypto.randomUUID exists only in secure contexts (https or localhost). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
