import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DisputeAction } from '@wangge/rules';
import { api, withQuery } from './client';
import type { DisputeSummary } from './generated';
import { keepNewerVersion } from './queryClient';
import type { Id, Page } from './types';

/** Who works with mediation records: mediators and their supervisors. */
export const DISPUTE_PERMISSIONS = ['disputes.mediate', 'disputes.supervise'] as const;

export type { DisputeSummary } from './generated';

export interface DisputeDetail extends DisputeSummary {
  agreement: { attachmentId: Id; url: string; thumbnailUrl: string } | null;
  followUps: { dueDate: string; done: boolean }[];
  parties: { id: Id; role: string; name: string; personId: Id | null; note: string }[];
  mediators: { id: Id; kind: string; userId: Id | null; name: string; organisation: string }[];
  steps: {
    seq: number;
    action: string;
    actorName: string;
    note: string | null;
    reason: string | null;
    at: string;
  }[];
  actions: DisputeAction[];
}

export interface DisputeFilter {
  state?: string;
  riskLevel?: string;
  escalated?: boolean;
  page: number;
  pageSize: number;
}

export const disputeKeys = {
  all: ['disputes'] as const,
  list: (filter: DisputeFilter) => ['disputes', 'list', filter] as const,
  detail: (caseId: Id) => ['disputes', 'detail', caseId] as const,
};

export function useDisputes(filter: DisputeFilter) {
  return useQuery({
    queryKey: disputeKeys.list(filter),
    queryFn: () => api.get<Page<DisputeSummary>>(withQuery('/api/disputes', { ...filter })),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
}

export function useDispute(caseId: Id) {
  return useQuery({
    queryKey: disputeKeys.detail(caseId),
    queryFn: () => api.get<DisputeDetail>(`/api/cases/${caseId}/dispute`),
    staleTime: 0,
    structuralSharing: keepNewerVersion,
  });
}

export const actOnDispute = (
  dispute: { caseId: Id; version: number },
  action: DisputeAction,
  text: { note?: string; reason?: string },
) =>
  api.post<DisputeDetail>(`/api/cases/${dispute.caseId}/dispute/actions/${action}`, {
    version: dispute.version,
    ...text,
  });
