import { useQuery } from '@tanstack/react-query';
import type { FeedKind } from '@wangge/rules';
import { api } from './client';
import type { CommandCases, CommandOverview, CommandTrend, WorkerCard } from './generated';
import type { Id } from './types';

export type { CommandFigures, CommandOverview, CommandTrend, CommandUnit } from './generated';

export interface FeedItem {
  kind: FeedKind;
  unitPath: string;
  at: string;
  ref: { type: 'case' | 'alert' | 'device'; id: Id };
  params: Record<string, string>;
}

export interface LiveWorker {
  userId: Id;
  lon: number;
  lat: number;
  at: string;
  gridId: Id | null;
}

export function useCommandOverview(unitId: Id | undefined) {
  return useQuery({
    queryKey: ['command', 'overview', unitId ?? null],
    queryFn: () => api.get<CommandOverview>('/api/command/overview', { unitId }),
    refetchInterval: 60_000,
  });
}

export function useCommandTrend(unitId: Id | undefined) {
  return useQuery({
    queryKey: ['command', 'trend', unitId ?? null],
    queryFn: () => api.get<CommandTrend>('/api/command/trend', { unitId, days: 30 }),
    refetchInterval: 300_000,
  });
}

/** The open cases under the unit as map pins by traffic light (newest 20,000, counts of all). */
export function useCommandCases(unitId: Id | undefined) {
  return useQuery({
    queryKey: ['command', 'cases', unitId ?? null],
    queryFn: () => api.get<CommandCases>('/api/command/cases', { unitId }),
    refetchInterval: 60_000,
  });
}

export function useLiveWorkers(unitId: Id | undefined) {
  return useQuery({
    queryKey: ['command', 'live', unitId ?? null],
    queryFn: () =>
      api.get<{ items: LiveWorker[] }>('/api/positions/live', { within: unitId, sinceMinutes: 480 }),
  });
}

/** GET /api/command/workers/{userId}/card: a worker in scope and their day so far. */
export type { WorkerCard } from './generated';

export function useWorkerCard(userId: Id | undefined) {
  return useQuery({
    queryKey: ['command', 'worker-card', userId ?? null],
    queryFn: () => api.get<WorkerCard>(`/api/command/workers/${userId}/card`),
    enabled: userId !== undefined,
    refetchInterval: 60_000,
  });
}
