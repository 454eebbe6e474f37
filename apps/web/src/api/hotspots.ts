import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { CaseHotspot } from './generated';
import type { Id } from './types';

/** A cluster of recent cases (server: cases/hotspots.ts). */
export type Hotspot = CaseHotspot;

export const hotspotKeys = { all: ['hotspots'] as const };

export function useHotspots() {
  return useQuery({
    queryKey: hotspotKeys.all,
    queryFn: () => api.get<{ items: Hotspot[] }>('/api/cases/hotspots'),
    staleTime: 30_000,
  });
}

export const instructOnHotspot = (spot: Hotspot, instruction: string) =>
  api.post<{ instructed: { id: Id; code: string }[]; skipped: { id: Id; code: string; state: string }[] }>(
    '/api/cases/hotspots/instruct',
    { kind: spot.kind, key: spot.key, caseIds: spot.cases.map((c) => c.id), instruction },
  );
