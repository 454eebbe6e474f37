import { keepNewerVersion } from './queryClient';
// Service errands (代办) as the console reads and acts on them: GET /api/errands, /api/errands/:id,
// POST /api/errands/:id/actions/:action. The buttons come from the detail's `actions`.

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ErrandAction, ExtraFieldSpec } from '@wangge/rules';
import { api, withQuery } from './client';
import type { ErrandFile, ErrandSummary } from './generated';
import type { Id, Items, Page } from './types';

export interface ErrandFilter {
  view: 'inbox' | 'all';
  state?: string;
  typeCode?: string;
  page: number;
  pageSize: number;
}

export type { ErrandFile, ErrandSummary } from './generated';

export interface ErrandDetail extends ErrandSummary {
  person: { id: Id; name: string; gender: string | null; idNumber: string | null };
  fieldSpec: ExtraFieldSpec[];
  fields: Record<string, unknown>;
  note: string;
  completionNote: string | null;
  completedAt: string | null;
  requiredDocuments: {
    key: string;
    labelZh: string;
    labelEn: string;
    present: boolean;
    file: ErrandFile | null;
  }[];
  steps: {
    seq: number;
    action: string;
    actorName: string;
    actorRole: string;
    at: string;
    note: string | null;
    reason: string | null;
    /** A delivery's handover photo. */
    photo: ErrandFile | null;
  }[];
  actions: string[];
}

export const errandKeys = {
  all: ['errands'] as const,
  list: (filter: ErrandFilter) => ['errands', 'list', filter] as const,
  detail: (id: Id) => ['errands', 'detail', id] as const,
};

export function useErrands(filter: ErrandFilter) {
  return useQuery({
    queryKey: errandKeys.list(filter),
    queryFn: () => api.get<Page<ErrandSummary>>(withQuery('/api/errands', { ...filter })),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
}

export function useErrandTypes() {
  return useQuery({
    queryKey: ['errand-types'],
    queryFn: () =>
      api.get<Items<{ code: string; nameZh: string; nameEn: string | null }>>('/api/errand-types'),
    staleTime: 300_000,
  });
}

export function useErrand(id: Id) {
  return useQuery({
    queryKey: errandKeys.detail(id),
    queryFn: () => api.get<ErrandDetail>(`/api/errands/${id}`),
    staleTime: 0,
    structuralSharing: keepNewerVersion,
  });
}

export const actOnErrand = (
  errand: { id: Id; version: number },
  action: ErrandAction,
  text: { note?: string; reason?: string },
) =>
  api.post<ErrandDetail>(`/api/errands/${errand.id}/actions/${action}`, { version: errand.version, ...text });
