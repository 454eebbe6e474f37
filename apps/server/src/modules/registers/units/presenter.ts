import { isoOrNull } from '../../../http/schemas.ts';
import type { UnitRow } from './repository.ts';

export function presentUnit(row: UnitRow) {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    creditCode: row.credit_code,
    legalRep: row.legal_rep_person_id
      ? { personId: row.legal_rep_person_id, name: row.legal_rep_name }
      : null,
    employees: row.employees,
    supervisingDepartment: row.supervising_department_id
      ? { id: row.supervising_department_id, name: row.department_name }
      : null,
    fireSafetyLevel: row.fire_safety_level,
    addressId: row.address_id,
    address: row.address,
    gridId: row.grid_id,
    retiredAt: isoOrNull(row.retired_at),
  };
}
