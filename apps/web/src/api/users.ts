import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type {
  Department,
  Id,
  Items,
  Page,
  Role,
  UserCreate,
  UserDetail,
  UserPatch,
  UserSummary,
} from './types';

export interface UserFilter {
  q?: string;
  orgUnitId?: Id;
  role?: string;
  page: number;
  pageSize: number;
}

export const userKeys = {
  all: ['users'] as const,
  list: (filter: UserFilter) => ['users', 'list', filter] as const,
  detail: (id: Id) => ['users', 'detail', id] as const,
};

export function useUsers(filter: UserFilter, enabled = true) {
  return useQuery({
    queryKey: userKeys.list(filter),
    queryFn: () => api.get<Page<UserSummary>>('/api/users', { ...filter }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUser(id: Id | null) {
  return useQuery({
    queryKey: userKeys.detail(id ?? ''),
    queryFn: () => api.get<UserDetail>(`/api/users/${id}`),
    enabled: id !== null,
  });
}

export function useRoles() {
  return useQuery({
    queryKey: ['roles'],
    queryFn: async () => (await api.get<Items<Role>>('/api/roles')).items,
    staleTime: 5 * 60_000,
  });
}

export function useDepartments(enabled = true) {
  return useQuery({
    queryKey: ['departments'],
    queryFn: async () => (await api.get<Items<Department>>('/api/departments')).items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

export const createUser = (body: UserCreate) => api.post<UserDetail>('/api/users', body);
export const patchUser = (id: Id, body: UserPatch) => api.patch<UserDetail>(`/api/users/${id}`, body);
export const resetPassword = (id: Id, password: string) =>
  api.post<void>(`/api/users/${id}/password`, { password });
export const unlockUser = (id: Id) => api.post<void>(`/api/users/${id}/unlock`);
