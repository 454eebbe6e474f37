import { useQuery } from '@tanstack/react-query';
import { api, withQuery } from './client';
import type { DutyBoard, DutyCoverage, DutyRota as Rota, WorkTask, WorkTaskList } from './generated';
import type { Id } from './types';

export type { DutyBoard, DutyRota as Rota, WorkTask } from './generated';

export const dutyKeys = { all: ['duty'] as const };

export const useDutyBoard = () =>
  useQuery({ queryKey: ['duty', 'board'], queryFn: () => api.get<DutyBoard>('/api/duty/board') });

export const useCoverage = () =>
  useQuery({
    queryKey: ['duty', 'coverage'],
    queryFn: () => api.get<DutyCoverage>('/api/duty/coverage'),
    refetchInterval: 60_000,
  });

export const useTodayTasks = (day: string) =>
  useQuery({
    queryKey: ['duty', 'tasks', day],
    queryFn: () => api.get<WorkTaskList>(withQuery('/api/duty/tasks', { day })),
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
