import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Id, Items, OrgNode, OrgUnitDetail } from './types';

export const orgKeys = {
  children: (parentId: Id | null) => ['org', 'children', parentId] as const,
  unit: (id: Id) => ['org', 'unit', id] as const,
};

export async function fetchOrgChildren(parentId: Id | null): Promise<OrgNode[]> {
  const body = await api.get<Items<OrgNode>>('/api/org/units', { parentId: parentId ?? undefined });
  return body.items;
}

export const fetchOrgUnit = (id: Id) => api.get<OrgUnitDetail>(`/api/org/units/${id}`);

export function useOrgUnit(id: Id | null) {
  return useQuery({
    queryKey: orgKeys.unit(id ?? ''),
    queryFn: () => fetchOrgUnit(id as Id),
    enabled: id !== null,
  });
}

export const createOrgUnit = (body: { parentId: Id; code: string; name: string }) =>
  api.post<OrgNode>('/api/org/units', body);

export const renameOrgUnit = (id: Id, name: string) => api.patch<OrgNode>(`/api/org/units/${id}`, { name });
