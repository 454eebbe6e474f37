// The registers (一标三实): one-box search, statistics, people, houses, units, history, the
// building matrix, and the reveal of a masked ID or phone number (with a reason, audited).
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type {
  AddressDetail,
  BuildingMatrix,
  GroupRecord,
  HouseDetail,
  Id,
  Items,
  PersonDetail,
  PersonPatch,
  RegisterEvent,
  RegisterSearchResult,
  RegisterStats,
  RevealResult,
  UnitDetail,
} from './types';

export type RegisterEntity = 'people' | 'houses' | 'units' | 'addresses';
export type GroupFamily = 'special' | 'care';

export const registerKeys = {
  all: ['registers'] as const,
  search: (q: string) => ['registers', 'search', q] as const,
  stats: ['registers', 'stats'] as const,
  person: (id: Id) => ['registers', 'person', id] as const,
  house: (id: Id) => ['registers', 'house', id] as const,
  unit: (id: Id) => ['registers', 'unit', id] as const,
  address: (id: Id) => ['registers', 'address', id] as const,
  events: (entity: RegisterEntity, id: Id) => ['registers', 'events', entity, id] as const,
  matrix: (id: Id) => ['registers', 'matrix', id] as const,
};

/** Results per page of the search; "load more" asks for the next page (the API pages to 1,000). */
const SEARCH_PAGE = 50;
const SEARCH_DEPTH = 1000;

export function useRegisterSearch(q: string) {
  const text = q.trim();
  return useInfiniteQuery({
    queryKey: registerKeys.search(text),
    queryFn: ({ pageParam }) =>
      api.get<RegisterSearchResult>('/api/registers/search', {
        q: text,
        limit: SEARCH_PAGE,
        offset: pageParam,
      }),
    initialPageParam: 0,
    getNextPageParam: (last) => {
      const next = last.offset + last.limit;
      return last.more && next <= SEARCH_DEPTH ? next : undefined;
    },
    enabled: text.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function useRegisterStats() {
  return useQuery({
    queryKey: registerKeys.stats,
    queryFn: () => api.get<RegisterStats>('/api/registers/stats'),
    staleTime: 60_000,
  });
}

export function usePerson(id: Id) {
  return useQuery({
    queryKey: registerKeys.person(id),
    queryFn: () => api.get<PersonDetail>(`/api/people/${id}`),
    staleTime: 0,
  });
}

export function useHouse(id: Id | null) {
  return useQuery({
    queryKey: registerKeys.house(id ?? ''),
    queryFn: () => api.get<HouseDetail>(`/api/houses/${id}`),
    enabled: !!id,
    staleTime: 30_000,
  });
}

export function useUnit(id: Id) {
  return useQuery({
    queryKey: registerKeys.unit(id),
    queryFn: () => api.get<UnitDetail>(`/api/units/${id}`),
    staleTime: 0,
  });
}

export function useRegisterEvents(entity: RegisterEntity, id: Id) {
  return useQuery({
    queryKey: registerKeys.events(entity, id),
    queryFn: async () => (await api.get<Items<RegisterEvent>>(`/api/${entity}/${id}/events`)).items,
    staleTime: 0,
  });
}

export function useBuildingMatrix(id: Id) {
  return useQuery({
    queryKey: registerKeys.matrix(id),
    queryFn: () => api.get<BuildingMatrix>(`/api/buildings/${id}/matrix`),
    staleTime: 10_000,
  });
}

export const fetchHouse = (id: Id) => api.get<HouseDetail>(`/api/houses/${id}`);
export const fetchAddress = (id: Id) => api.get<AddressDetail>(`/api/addresses/${id}`);

export const revealPersonField = (id: Id, field: 'idNumber' | 'phone', reason: string) =>
  api.post<RevealResult>(`/api/people/${id}/reveal`, { field, reason });

export const updatePerson = (id: Id, patch: PersonPatch) =>
  api.patch<PersonDetail>(`/api/people/${id}`, patch);

export const changePersonStatus = (
  id: Id,
  body: { status: 'moved_out' | 'deregistered' | 'deceased'; effectiveDate?: string; reason?: string },
) => api.post<PersonDetail>(`/api/people/${id}/status`, body);

const groupBase = (family: GroupFamily) => (family === 'special' ? 'special-groups' : 'care-groups');

export const openGroupRecord = (
  family: GroupFamily,
  personId: Id,
  body: { typeCode: string; extra?: Record<string, unknown>; attentionLevel: string; openedOn?: string },
) => api.post<GroupRecord>(`/api/people/${personId}/${groupBase(family)}`, body);

export const closeGroupRecord = (family: GroupFamily, id: Id, body: { closedOn?: string; reason: string }) =>
  api.post<GroupRecord>(`/api/${groupBase(family)}/${id}/close`, body);
