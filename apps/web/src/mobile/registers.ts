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
  /** house hits: the address the house stands at (also found as an address hit). */
  addressId?: string;
}

/** Search hits, a room listed once: its house, not also its address. */
export function searchRegisters(q: string, types?: Hit['type'][]): Promise<Hit[]> {
  const only = types ? `&types=${types.join(',')}` : '';
  return get<{ items: Hit[] }>(
    `/api/registers/search?q=${encodeURIComponent(q.trim())}&limit=50${only}`,
  ).then((r) => {
    const housed = new Set(r.items.flatMap((h) => (h.type === 'house' && h.addressId ? [h.addressId] : [])));
    return r.items.filter((h) => h.type !== 'address' || !housed.has(h.id));
  });
}

export const hitTitle = (h: Hit) => h.name ?? h.fullName ?? h.address ?? '';

/** The line under a hit: where a person or a unit is; nothing for a house or address (the title is the address). */
export const hitDescription = (h: Hit) =>
  h.type === 'person'
    ? (h.address ?? h.phone ?? undefined)
    : h.type === 'unit'
      ? (h.address ?? undefined)
      : undefined;
