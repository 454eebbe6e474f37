import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AlertAction } from '@wangge/rules';
import { api, withQuery } from './client';
import type { AlertItem } from './generated';
import type { Id, Page } from './types';

export type { AlertItem };

export interface AlertFilter {
  state?: string;
  kind?: string;
  page: number;
  pageSize: number;
}

export const alertKeys = {
  all: ['alerts'] as const,
  list: (filter: AlertFilter) => ['alerts', 'list', filter] as const,
};

/** The event the live socket dispatches on window for each new alert (AlertSound listens). */
export const ALERT_EVENT = 'wangge:alert';

export function useAlerts(filter: AlertFilter) {
  return useQuery({
    queryKey: alertKeys.list(filter),
    queryFn: () => api.get<Page<AlertItem>>(withQuery('/api/alerts', { ...filter })),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
    // The socket pushes new alerts; polling only covers a socket that could not connect.
    refetchInterval: 60_000,
  });
}

export const actOnAlert = (alert: { id: Id; version: number }, action: AlertAction, note?: string) =>
  api.post<AlertItem>(`/api/alerts/${alert.id}/actions/${action}`, {
    version: alert.version,
    ...(note ? { note } : {}),
  });
