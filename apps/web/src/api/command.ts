import { useQuery } from '@tanstack/react-query';
import type { FeedKind } from '@wangge/rules';
import { api } from './client';
import type { CommandCases } from './generated';
import type { Id } from './types';

export interface CommandFigures {
  reportedToday: number;
  filedToday: number;
  handledToday: number;
  closedToday: number;
  closureRate: number | null;
  onTimeRate: number | null;
  satisfaction: number | null;
  open: number;
  overdue: number;
  redCards: number;
  openPer1000: number | null;
  workersOnDuty: number;
  workersOnline: number;
  visitMinutesToday: number;
  visitTargetMinutes: number;
  inspectionsDoneToday: number;
  inspectionsDue: number;
  inspectionsOverdue: number;
  people: number;
  households: number;
}

export interface CommandUnit {
  id: Id;
  code: string;
  name: string;
  level: string;
}

export interface CommandOverview {
  unit: CommandUnit;
  breadcrumb: CommandUnit[];
  asOf: string;
  figures: CommandFigures;
  children: (CommandUnit & { figures: CommandFigures })[];
}

export interface CommandTrend {
  days: { day: string; reported: number; closed: number }[];
  byCategory: { code: string; name: string; nameEn: string; count: number }[];
  bySource: { source: string; count: number }[];
}

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
export interface WorkerCard {
  userId: Id;
  name: string;
  phoneMasked: string | null;
  grids: { id: Id; code: string; name: string }[];
  date: string;
  lastFix: { at: string; ageS: number; lon: number; lat: number; battery: number | null } | null;
  distanceM: number;
  trackedS: number;
  insideOwnGridS: number;
  visits: { count: number; households: number; seconds: number; targetMinutes: number };
  casesReported: number;
  onDuty: { kind: string; since: string } | null;
}

export function useWorkerCard(userId: Id | undefined) {
  return useQuery({
    queryKey: ['command', 'worker-card', userId ?? null],
    queryFn: () => api.get<WorkerCard>(`/api/command/workers/${userId}/card`),
    enabled: userId !== undefined,
    refetchInterval: 60_000,
  });
}
