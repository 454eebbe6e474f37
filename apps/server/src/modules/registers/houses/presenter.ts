import { isoOrNull } from '../../../http/schemas.ts';
import type { HouseRow } from './repository.ts';

export function presentHouse(row: HouseRow) {
  return {
    id: row.id,
    addressId: row.address_id,
    address: row.address,
    buildingId: row.building_id,
    gridId: row.grid_id,
    use: row.use,
    structure: row.structure,
    areaM2: row.area_m2 === null ? null : Number(row.area_m2),
    isRental: row.is_rental,
    rentalHazard: row.rental_hazard,
    isDangerous: row.is_dangerous,
    note: row.note,
    ownership: row.ownership,
    occupancy: row.occupancy,
    retiredAt: isoOrNull(row.retired_at),
  };
}
