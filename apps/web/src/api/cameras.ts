import { useQuery } from '@tanstack/react-query';
import { hasPermission, useMe } from './auth';
import { api, withQuery } from './client';
import type { DeviceItem } from './devices';
import type { CaseCameraList } from './generated';

/** The cameras in the caller's scope (devices of type camera), for the map layers and linking. */
export function useCameras() {
  const me = useMe();
  return useQuery({
    queryKey: ['devices', 'cameras'],
    queryFn: () =>
      api.get<{ items: DeviceItem[] }>(withQuery('/api/devices', { type: 'camera', pageSize: 1000 })),
    enabled: hasPermission(me, 'devices.read'),
    staleTime: 60_000,
  });
}

export function useCaseCameras(caseId: string) {
  return useQuery({
    queryKey: ['case-cameras', caseId],
    queryFn: () => api.get<CaseCameraList>(`/api/cases/${caseId}/cameras`),
  });
}

export const linkCaseCamera = (caseId: string, deviceId: string) =>
  api.post<CaseCameraList>(`/api/cases/${caseId}/cameras`, { deviceId });
