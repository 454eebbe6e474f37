import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Geometry } from 'geojson';
import { api, withQuery } from './client';
import type {
  BoundaryVersion,
  GridCollection,
  GridDetail,
  GridKind,
  GridPatch,
  GridSummary,
  HouseholdStatus,
  Id,
  ImportReport,
  Items,
  Page,
} from './types';

export interface GridFilter {
  within?: Id;
  kind?: GridKind;
  q?: string;
  householdStatus?: HouseholdStatus;
  page: number;
  pageSize: number;
}

export const gridKeys = {
  all: ['grids'] as const,
  list: (filter: GridFilter) => ['grids', 'list', filter] as const,
  geojson: (within: Id | undefined) => ['grids', 'geojson', within ?? null] as const,
  detail: (id: Id) => ['grids', 'detail', id] as const,
  boundaries: (id: Id) => ['grids', 'boundaries', id] as const,
};

export function useGridList(filter: GridFilter) {
  return useQuery({
    queryKey: gridKeys.list(filter),
    queryFn: () => api.get<Page<GridSummary>>('/api/grids', { ...filter }),
    placeholderData: keepPreviousData,
  });
}

export function useGridGeoJson(within: Id | undefined) {
  return useQuery({
    queryKey: gridKeys.geojson(within),
    queryFn: () => api.get<GridCollection>('/api/grids/geojson', { within }),
  });
}

export function useGrid(id: Id | null) {
  return useQuery({
    queryKey: gridKeys.detail(id ?? ''),
    queryFn: () => api.get<GridDetail>(`/api/grids/${id}`),
    enabled: id !== null,
  });
}

export function useGridBoundaries(id: Id) {
  return useQuery({
    queryKey: gridKeys.boundaries(id),
    queryFn: async () => (await api.get<Items<BoundaryVersion>>(`/api/grids/${id}/boundaries`)).items,
  });
}

export const patchGrid = (id: Id, patch: GridPatch) => api.patch<GridDetail>(`/api/grids/${id}`, patch);

export const putBoundary = (id: Id, geometry: Geometry, note?: string) =>
  api.put<GridDetail>(`/api/grids/${id}/boundary`, note ? { geometry, note } : { geometry });

export const importGrids = (collection: unknown, dryRun: boolean, allowGaps: boolean) =>
  api.post<ImportReport>('/api/grids/import', collection, { dryRun, allowGaps });

export const exportUrl = (within?: Id) => withQuery('/api/grids/export', { within });
