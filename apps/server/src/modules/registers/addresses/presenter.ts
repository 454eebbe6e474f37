import { isoOrNull } from '../../../http/schemas.ts';
import type { AddressRow } from './repository.ts';

export function presentAddress(row: AddressRow) {
  return {
    id: row.id,
    parentId: row.parent_id,
    level: row.level,
    code: row.code,
    name: row.name,
    fullName: row.full_name,
    gridId: row.grid_id,
    buildingId: row.building_id,
    unitNo: row.unit_no,
    floor: row.floor,
    room: row.room,
    retiredAt: isoOrNull(row.retired_at),
  };
}
