import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { AuditEntry, Id, Page } from './types';

export interface AuditFilter {
  userId?: Id;
  action?: string;
  targetType?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export function useAudit(filter: AuditFilter) {
  return useQuery({
    queryKey: ['audit', filter],
    queryFn: () => api.get<Page<AuditEntry>>('/api/audit', { ...filter }),
    placeholderData: keepPreviousData,
  });
}
