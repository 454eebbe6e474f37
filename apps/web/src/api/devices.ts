import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DeviceType } from '@wangge/rules';
import { api, withQuery } from './client';
import type { Id, Page } from './types';

export interface DeviceItem {
  id: Id;
  code: string;
  name: string;
  type: DeviceType;
  lon: number;
  lat: number;
  address: string;
  grid: { id: Id; code: string; name: string };
  ownerUnit: string;
  streamUrl: string | null;
  status: string;
  lastHeartbeatAt: string | null;
  lastSeenAt: string;
  openCaseId: Id | null;
  lastAlarmAt: string | null;
  actions: string[];
}

export interface DeviceAlarm {
  id: Id;
  kind: 'alarm' | 'recovery';
  channel: string;
  value: number | null;
  message: string | null;
  receivedAt: string;
  case: { id: Id; code: string; state: string } | null;
}

export interface DeviceFilter {
  type?: string;
  status?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface NewDevice {
  code: string;
  name: string;
  type: DeviceType;
  lon: number;
  lat: number;
  address?: string;
  ownerUnit?: string;
}

export interface HotlineCallback {
  id: Id;
  orderNo: string;
  case: { id: Id; code: string; title: string };
  state: string;
  action: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export const deviceKeys = {
  all: ['devices'] as const,
  list: (filter: DeviceFilter) => ['devices', 'list', filter] as const,
  one: (id: Id) => ['devices', 'one', id] as const,
};

export function useDevices(filter: DeviceFilter) {
  return useQuery({
    queryKey: deviceKeys.list(filter),
    queryFn: () =>
      api.get<Page<DeviceItem> & { canCreate: boolean }>(withQuery('/api/devices', { ...filter })),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

export function useDevice(id: Id | null) {
  return useQuery({
    queryKey: deviceKeys.one(id ?? ''),
    queryFn: () => api.get<DeviceItem & { alarms: DeviceAlarm[] }>(`/api/devices/${id}`),
    enabled: id !== null,
  });
}

export const createDevice = (device: NewDevice) =>
  api.post<DeviceItem & { token: string }>('/api/devices', device);

export function useHotlineCallbacks(filter: { status?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['hotline-callbacks', filter],
    queryFn: () => api.get<Page<HotlineCallback>>(withQuery('/api/intake/hotline/callbacks', { ...filter })),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}
