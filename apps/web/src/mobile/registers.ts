// Register search hits as the field app uses them (GET /api/registers/search).
import { get } from './api';

export interface Hit {
  type: 'person' | 'house' | 'unit' | 'address';
  id: string;
  name?: string;
  fullName?: string;
  address?: string | null;
  phone?: string | null;
  kind?: string;
  level?: string;
}

export const HIT_TYPE: Record<Hit['type'], string> = {
  person: '人员',
  house: '房屋',
  unit: '单位',
  address: '地址',
};

export function searchRegisters(q: string, types?: Hit['type'][]): Promise<Hit[]> {
  const only = types ? `&types=${types.join(',')}` : '';
  return get<{ items: Hit[] }>(
    `/api/registers/search?q=${encodeURIComponent(q.trim())}&limit=50${only}`,
  ).then((r) => r.items);
}

export const hitTitle = (h: Hit) => h.name ?? h.fullName ?? h.address ?? '';
