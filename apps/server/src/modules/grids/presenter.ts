import { householdStatus, maskPhone } from '@wangge/rules';
import type { Static } from 'typebox';
import { iso } from '../../http/schemas.ts';
import type { GridRow } from './repository.ts';
import type { SpecialType, TeamRole } from './schemas.ts';

export function presentGridSummary(row: GridRow) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    specialType: row.special_type as Static<typeof SpecialType> | null,
    households: row.households,
    population: row.population,
    householdStatus: householdStatus(row.households),
    community: { id: row.community_id, code: row.community_code, name: row.community_name },
  };
}

export function presentBuilding(row: {
  id: string;
  code: string;
  name: string;
  address: string;
  lon: number;
  lat: number;
  floors: number;
  units: number;
  households: number;
}) {
  return { ...row };
}

export function presentTeamMember(row: {
  user_id: string;
  display_name: string;
  phone: string | null;
  team_role: string;
  since: Date;
}) {
  return {
    userId: row.user_id,
    displayName: row.display_name,
    teamRole: row.team_role as Static<typeof TeamRole>,
    phone: maskPhone(row.phone),
    since: iso(row.since),
  };
}

export function gridFeatureProperties(row: GridRow & { valid_from?: Date; area_m2?: number }) {
  const { community, ...summary } = presentGridSummary(row);
  return {
    ...summary,
    communityCode: community.code,
    communityName: community.name,
    ...(row.valid_from ? { validFrom: iso(row.valid_from) } : {}),
    ...(row.area_m2 !== undefined ? { areaM2: Math.round(row.area_m2) } : {}),
  };
}
