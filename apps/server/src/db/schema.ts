import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

// Hand-written mirror of migrations/*.sql; keep them in step.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export type OrgLevel = 'city' | 'district' | 'street' | 'community' | 'grid';

export interface OrgUnitsTable {
  id: Generated<string>;
  parent_id: string | null;
  level: OrgLevel;
  code: string;
  name: string;
  path: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BoundariesTable {
  id: Generated<string>;
  org_unit_id: string;
  geometry: Json;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
  area_m2: number;
  valid_from: Timestamp;
  valid_to: Date | string | null;
  changed_by: string | null;
  note: string | null;
}

export interface GridsTable {
  org_unit_id: string;
  kind: ColumnType<'base' | 'special', 'base' | 'special' | undefined, 'base' | 'special'>;
  special_type: string | null;
  households: ColumnType<number, number | undefined, number>;
  population: ColumnType<number, number | undefined, number>;
}

export interface BuildingsTable {
  id: Generated<string>;
  grid_id: string;
  code: string;
  name: string;
  address: string;
  lon: number;
  lat: number;
  floors: number;
  units: number;
  households: number;
}

export interface DepartmentsTable {
  id: Generated<string>;
  org_unit_id: string;
  code: string;
  name: string;
  kind: string;
  is_police: boolean;
}

export interface RolesTable {
  code: string;
  name_zh: string;
  name_en: string;
  permissions: string[];
  builtin: boolean;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  phone: string | null;
  password_hash: string;
  active: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserRolesTable {
  user_id: string;
  role_code: string;
}

export interface UserAssignmentsTable {
  id: Generated<string>;
  user_id: string;
  org_unit_id: string | null;
  department_id: string | null;
}

export interface GridTeamMembersTable {
  grid_id: string;
  user_id: string;
  team_role: 'leader' | 'instructor' | 'full_time' | 'part_time';
  since: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  user_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: ColumnType<unknown, string | undefined, string>;
}

export interface Database {
  org_units: OrgUnitsTable;
  boundaries: BoundariesTable;
  grids: GridsTable;
  buildings: BuildingsTable;
  departments: DepartmentsTable;
  roles: RolesTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  user_assignments: UserAssignmentsTable;
  grid_team_members: GridTeamMembersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
}

export type OrgUnitRow = Selectable<OrgUnitsTable>;
export type NewOrgUnit = Insertable<OrgUnitsTable>;
