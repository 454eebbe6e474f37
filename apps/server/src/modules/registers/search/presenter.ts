import { presentPersonSummary } from '../people/presenter.ts';
import type { DataCipher } from '../privacy/crypto.ts';
import type { Candidate } from './repository.ts';

/**
 * A person hit: the masked summary plus what a worker scans a result list for — current roles,
 * open care groups, the special groups the caller may see, whether their home is let, and the
 * building of their address (the matrix link).
 */
export function presentPersonHit(
  cipher: DataCipher,
  row: Parameters<typeof presentPersonSummary>[1] & {
    building_id: string | null;
    is_rental: boolean | null;
    roles: string[];
    care_groups: string[];
    special_groups: string[];
  },
) {
  return {
    type: 'person' as const,
    ...presentPersonSummary(cipher, row),
    roles: row.roles,
    careGroups: row.care_groups,
    specialGroups: row.special_groups,
    rental: row.is_rental === true,
    buildingId: row.building_id,
  };
}

export function presentUnitHit(row: {
  id: string;
  name: string;
  kind: string;
  credit_code: string | null;
  address: string | null;
  grid_id: string;
}) {
  return {
    type: 'unit' as const,
    id: String(row.id),
    name: row.name,
    kind: row.kind,
    creditCode: row.credit_code,
    address: row.address,
    gridId: String(row.grid_id),
  };
}

export function presentHouseHit(c: Candidate) {
  return {
    type: 'house' as const,
    id: c.house_id!,
    address: c.label,
    addressId: c.entity_id,
    isRental: c.is_rental,
    gridId: c.grid_id,
    buildingId: c.building_id,
  };
}

export function presentAddressHit(c: Candidate) {
  return {
    type: 'address' as const,
    id: c.entity_id,
    level: c.level!,
    fullName: c.label,
    gridId: c.grid_id,
    buildingId: c.building_id,
  };
}
