import { useQuery } from '@tanstack/react-query';
import { api, withQuery } from './client';
import type { Id } from './types';

export interface WorkTask {
  id: Id;
  kind: string;
  state: string;
  version: number;
  title: string;
  instructions: string;
  assignee: { id: Id; name: string };
  grid: { id: Id; name: string };
  target: { type: string; id: Id | null; name: string; code?: string } | null;
  dueDay: string;
  done: { at: string; note: string } | null;
  actions: string[];
}

export interface DutyBoard {
  day: string;
  teams: {
    grid: { id: Id; name: string };
    members: { userId: Id; name: string; teamRole: string; kind: string | null }[];
  }[];
}

export interface Rota {
  grid: { id: Id; name: string };
  week: string;
  days: string[];
  members: { userId: Id; name: string; teamRole: string; shifts: Record<string, string> }[];
  actions: string[];
}

export const dutyKeys = { all: ['duty'] as const };

export const useDutyBoard = () =>
  useQuery({ queryKey: ['duty', 'board'], queryFn: () => api.get<DutyBoard>('/api/duty/board') });

export const useCoverage = () =>
  useQuery({
    queryKey: ['duty', 'coverage'],
    queryFn: () =>
      api.get<{ grids: number; uncovered: { id: Id; name: string; members: number }[] }>(
        '/api/duty/coverage',
      ),
    refetchInterval: 60_000,
  });

export const useTodayTasks = (day: string) =>
  useQuery({
    queryKey: ['duty', 'tasks', day],
    queryFn: () => api.get<{ items: WorkTask[] }>(withQuery('/api/duty/tasks', { day })),
  });

export const useRota = (gridId: Id | undefined, week: string | undefined) =>
  useQuery({
    queryKey: ['duty', 'rota', gridId, week],
    enabled: !!gridId,
    queryFn: () => api.get<Rota>(withQuery('/api/duty/rota', { gridId, week })),
  });

export const createTask = (body: {
  assigneeId: Id;
  kind: string;
  title: string;
  instructions?: string;
  route?: string;
}) => api.post<WorkTask>('/api/duty/tasks', body);

export const saveRota = (gridId: Id, entries: { userId: Id; day: string; kind: string }[]) =>
  api.put<Rota>('/api/duty/rota', { gridId, entries });
