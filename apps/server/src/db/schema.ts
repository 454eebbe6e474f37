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
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Bumped by triggers whenever the user's roles, assignments or their roles' permissions change. */
  authz_version: Generated<string>;
  /** Set until the user chooses their own password (migrations/0020_must_change_password.sql). */
  must_change_password: Generated<boolean>;
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
  /** Shown in "my sessions"; the token hash never leaves the server. */
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

/** Throttle counters shared by all app instances (access/throttle.ts, migrations/0019). */
export interface ThrottleBucketsTable {
  key: string;
  hits: number;
  window_ends_at: Date;
  blocked_until: Date | null;
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
  /** Chain link (migrations/0018_audit_chain.sql); null only on records older than the chain. */
  seq: string | null;
  prev_hash: Buffer | null;
  hash: Buffer | null;
}

export interface AuditAnchorsTable {
  id: Generated<string>;
  through_seq: string;
  hash: Buffer;
  cutoff: Date | null;
  pruned: number;
  mac: Buffer | null;
  created_at: Generated<Date>;
}

export interface CaseCategoriesTable {
  code: string;
  parent_code: string | null;
  domain: 'social' | 'urban';
  name_zh: string;
  name_en: string;
  filing_standard: string;
  closing_standard: string;
  filing_standard_en: ColumnType<string, string | undefined, string>;
  closing_standard_en: ColumnType<string, string | undefined, string>;
  limits: Json<Record<string, { amount: number; unit: 'hours' | 'days' }>>;
  default_department_kind: string | null;
  is_police: boolean;
  sort: number;
}

export interface WorkCalendarsTable {
  city_id: string;
  calendar: Json;
}

export interface CasesTable {
  id: Generated<string>;
  code: string;
  title: string;
  description: string;
  category_code: string;
  source: string;
  state: string;
  self_handled: boolean;
  is_police: boolean;
  lon: number;
  lat: number;
  address: string;
  grid_id: string;
  grid_path: string;
  owner_unit_id: string;
  owner_path: string;
  reporter_user_id: string | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  /** A link the reporter submitted (Open311 media_url), http(s) only; never fetched. */
  media_url: string | null;
  created_by: string | null;
  idempotency_key: string | null;
  version: Generated<number>;
  step_started_at: Timestamp;
  step_due_at: Date | null;
  light: Generated<'green' | 'yellow' | 'red'>;
  supervision: Generated<'none' | 'ordinary' | 'yellow_card' | 'red_card'>;
  extension_ms: ColumnType<string, string | number | undefined, string | number>;
  pending_extension: Json<{
    reason: string;
    amount: number;
    unit: 'hours' | 'days';
    requestedBy: string;
  } | null> | null;
  merged_into: string | null;
  satisfaction: number | null;
  satisfaction_comment: string | null;
  rating: number | null;
  reported_at: Timestamp;
  filed_at: Date | null;
  dispatched_at: Date | null;
  handled_at: Date | null;
  closed_at: Date | null;
  reworked: Generated<number>;
  updated_at: Timestamp;
  accept_on_time: boolean | null;
  dispatch_on_time: boolean | null;
  handle_on_time: boolean | null;
  verify_on_time: boolean | null;
}

export interface CaseAssignmentsTable {
  id: Generated<string>;
  case_id: string;
  org_unit_id: string | null;
  org_path: string | null;
  department_id: string | null;
  is_lead: Generated<boolean>;
  active: Generated<boolean>;
  assigned_at: Timestamp;
  ack_due_at: Date | null;
  acknowledged_at: Date | null;
  accepted_at: Date | null;
  ack_light: 'green' | 'yellow' | 'red' | null;
  ack_supervision: ColumnType<string, string | undefined, string>;
}

export interface CaseStepsTable {
  id: Generated<string>;
  case_id: string;
  seq: number;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_user_id: string | null;
  actor_name: string;
  actor_roles: string[];
  actor_unit_id: string | null;
  at: Timestamp;
  lon: number | null;
  lat: number | null;
  note: string | null;
  reason: string | null;
  /** Shown to the public (Open311 status_notes); note and reason are internal. */
  public_note: string | null;
  details: ColumnType<unknown, string | undefined, string>;
  deadline: Date | null;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  case_id: string | null;
  kind: string;
  title: string;
  body: string;
  params: ColumnType<NotificationParams, string | undefined, string>;
  created_at: Timestamp;
  read_at: Date | null;
}

/** A notification's title key (labels of @wangge/rules) and subject in both languages, migration 0024. */
export interface NotificationParams {
  key?: string;
  subject?: { zh: string; en: string };
  errandId?: string;
}

export interface AttachmentsTable {
  id: Generated<string>;
  uploaded_by: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  original_name: string;
  mime: 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic' | 'image/heif';
  size_bytes: number;
  sha256: string;
  width: number;
  height: number;
  taken_at: Date | null;
  lon: number | null;
  lat: number | null;
  storage_key: string;
  thumb_key: string;
  case_id: string | null;
  /** The case step the photo belongs to (set when it is attached to a case). */
  step_id: string | null;
}

// Registers (migrations/0008_registers.sql).
/** pg returns DATE as a Date at local midnight; presenters format it back to YYYY-MM-DD. */
type DateCol = ColumnType<Date | string, string, string>;
type NullableDate = ColumnType<Date | string | null, string | null | undefined, string | null>;
type Bytes = ColumnType<Buffer, Buffer, Buffer>;

export type AddressLevel = 'road' | 'number' | 'building' | 'unit' | 'floor' | 'room';
export interface AddressesTable {
  id: Generated<string>;
  parent_id: string | null;
  level: AddressLevel;
  code: string;
  name: string;
  full_name: string;
  grid_id: string;
  grid_path: string;
  building_id: string | null;
  unit_no: number | null;
  floor: number | null;
  room: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  retired_at: Date | null;
}

export type PersonStatus = 'active' | 'moved_out' | 'deregistered' | 'deceased';
export interface PeopleTable {
  id: Generated<string>;
  name: string;
  gender: 'male' | 'female';
  birth_date: DateCol;
  ethnicity: string | null;
  id_number_enc: Bytes;
  id_number_hash: Bytes;
  phone_enc: Buffer | null;
  phone_hash: Buffer | null;
  hukou_place: string | null;
  address_id: string | null;
  grid_id: string;
  grid_path: string;
  status: ColumnType<PersonStatus, PersonStatus | undefined, PersonStatus>;
  status_date: NullableDate;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type PersonRoleKind = 'registered' | 'floating' | 'overseas' | 'left_behind';
export interface PersonRolesTable {
  id: Generated<string>;
  person_id: string;
  kind: PersonRoleKind;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  valid_from: DateCol;
  valid_to: NullableDate;
}

export interface HousesTable {
  id: Generated<string>;
  address_id: string;
  grid_id: string;
  grid_path: string;
  use: string;
  structure: string;
  area_m2: number | null;
  is_rental: ColumnType<boolean, boolean | undefined, boolean>;
  rental_hazard: string | null;
  is_dangerous: ColumnType<boolean, boolean | undefined, boolean>;
  note: string | null;
  ownership: string | null;
  occupancy: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  retired_at: Date | null;
}

export type HouseLinkKind = 'owner' | 'tenant' | 'resident';
export interface PersonHouseLinksTable {
  id: Generated<string>;
  person_id: string;
  house_id: string;
  kind: HouseLinkKind;
  valid_from: DateCol;
  valid_to: NullableDate;
  end_reason: string | null;
}

export interface UnitsTable {
  id: Generated<string>;
  kind: string;
  name: string;
  credit_code: string | null;
  legal_rep_person_id: string | null;
  employees: ColumnType<number, number | undefined, number>;
  supervising_department_id: string | null;
  fire_safety_level: ColumnType<string, string | undefined, string>;
  address_id: string | null;
  grid_id: string;
  grid_path: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  retired_at: Date | null;
}

export interface UnitPeopleTable {
  id: Generated<string>;
  unit_id: string;
  person_id: string;
  role: 'legal_rep' | 'manager' | 'employee' | 'contact';
  valid_from: DateCol;
  valid_to: NullableDate;
}

export interface GroupRecordsTable {
  id: Generated<string>;
  person_id: string;
  type_code: string;
  extra: ColumnType<Record<string, unknown>, string | undefined, string>;
  attention_level: 'normal' | 'medium' | 'serious';
  opened_on: DateCol;
  closed_on: NullableDate;
  close_reason: string | null;
}

export interface RegisterEventsTable {
  id: Generated<string>;
  entity_type: 'address' | 'house' | 'person' | 'unit';
  entity_id: string;
  kind: string;
  effective_date: DateCol;
  at: Timestamp;
  actor_user_id: string | null;
  grid_path: string;
  special_type: string | null;
  changes: ColumnType<unknown, string | undefined, never>;
}

export interface RegisterGramsTable {
  gram: string;
  entity_type: number;
  entity_id: string;
  grid_path: string;
}

export interface RegisterDigitKeysTable {
  digest: Buffer;
  entity_type: number;
  entity_id: string;
  grid_path: string;
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
  throttle_buckets: ThrottleBucketsTable;
  audit_log: AuditLogTable;
  audit_anchors: AuditAnchorsTable;
  case_categories: CaseCategoriesTable;
  work_calendars: WorkCalendarsTable;
  cases: CasesTable;
  case_assignments: CaseAssignmentsTable;
  case_steps: CaseStepsTable;
  notifications: NotificationsTable;
  attachments: AttachmentsTable;
  addresses: AddressesTable;
  people: PeopleTable;
  person_roles: PersonRolesTable;
  houses: HousesTable;
  person_house_links: PersonHouseLinksTable;
  units: UnitsTable;
  unit_people: UnitPeopleTable;
  special_group_records: GroupRecordsTable;
  care_group_records: GroupRecordsTable;
  register_events: RegisterEventsTable;
  register_grams: RegisterGramsTable;
  register_digit_keys: RegisterDigitKeysTable;
}

export type OrgUnitRow = Selectable<OrgUnitsTable>;
export type NewOrgUnit = Insertable<OrgUnitsTable>;

// Patrol (migrations/0010_positions.sql). Declaration merging adds the tables to Database.
export type PositionSource = 'app' | 'osmand' | 'owntracks';
export interface PositionsTable {
  user_id: string;
  device_id: string | null;
  recorded_at: Date;
  received_at: Timestamp;
  lon: number;
  lat: number;
  accuracy_m: number | null;
  speed_mps: number | null;
  heading: number | null;
  altitude: number | null;
  battery: number | null;
  grid_id: string | null;
  source: PositionSource;
}

export interface TrackerDevicesTable {
  id: Generated<string>;
  device_id: string;
  user_id: string;
  protocol: 'osmand' | 'owntracks';
  bound_at: Timestamp;
  revoked_at: Date | null;
}

export interface PatrolEventsTable {
  id: Generated<string>;
  user_id: string;
  device_id: string | null;
  kind: 'region_enter' | 'region_leave';
  region_id: string | null;
  region_name: string | null;
  recorded_at: Date;
  received_at: Timestamp;
  lon: number;
  lat: number;
  accuracy_m: number | null;
  grid_id: string | null;
  source: PositionSource;
}

export interface Database {
  positions: PositionsTable;
  tracker_devices: TrackerDevicesTable;
  patrol_events: PatrolEventsTable;
}

// Visits and service errands (migrations/0012_services.sql).
export interface VisitsTable {
  id: Generated<string>;
  user_id: string;
  person_id: string | null;
  house_id: string | null;
  grid_id: string;
  grid_path: string;
  household_key: string;
  started_at: Date;
  ended_at: Date;
  lon: number | null;
  lat: number | null;
  note: ColumnType<string, string | undefined, string>;
  idempotency_key: string;
  created_at: Timestamp;
}

export interface VisitTargetsTable {
  org_unit_id: string;
  daily_minutes: number;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface ErrandTypesTable {
  code: string;
  name_zh: string;
  name_en: string;
  required_fields: Json;
  required_documents: Json;
  department_kind: string;
  time_limit_days: number;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: Timestamp;
}

export interface ErrandsTable {
  id: Generated<string>;
  code: string;
  type_code: string;
  person_id: string;
  grid_id: string;
  grid_path: string;
  started_by: string;
  department_id: string | null;
  state: string;
  fields: Json<Record<string, unknown>>;
  note: ColumnType<string, string | undefined, string>;
  version: ColumnType<number, number | undefined, number>;
  started_at: Timestamp;
  submitted_at: Date | null;
  due_at: Date | null;
  completed_at: Date | null;
  completion_note: string | null;
  updated_at: Timestamp;
  idempotency_key: ColumnType<string | null, string | null | undefined, never>;
}

export interface ErrandStepsTable {
  id: Generated<string>;
  errand_id: string;
  seq: number;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_user_id: string | null;
  actor_name: string;
  actor_role: string;
  note: string | null;
  reason: string | null;
  details: Json<Record<string, unknown>>;
  at: Timestamp;
}

export interface ErrandDocumentsTable {
  id: Generated<string>;
  errand_id: string;
  document_key: string;
  attachment_id: string;
  step_id: string | null;
  added_by: string;
  added_at: Timestamp;
}

export interface Database {
  visits: VisitsTable;
  visit_targets: VisitTargetsTable;
  errand_types: ErrandTypesTable;
  errands: ErrandsTable;
  errand_steps: ErrandStepsTable;
  errand_documents: ErrandDocumentsTable;
}

// Venue inspections (migrations/0013_inspections.sql).
export interface InspectionChecklistsTable {
  code: string;
  name_zh: string;
  name_en: string;
  unit_kinds: string[];
  cycle_days: number;
  active: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface InspectionChecklistItemsTable {
  checklist_code: string;
  key: string;
  label_zh: string;
  label_en: string;
  hazard_category_code: string | null;
  sort: number;
}

export interface InspectionResultJson {
  key: string;
  labelZh: string;
  labelEn: string;
  result: 'pass' | 'fail' | 'na';
  note: string | null;
  photoIds: string[];
}

export interface InspectionsTable {
  id: Generated<string>;
  unit_id: string;
  checklist_code: string;
  inspector_id: string;
  grid_id: string;
  grid_path: string;
  observed_at: Date;
  created_at: Timestamp;
  outcome: 'pass' | 'fail';
  failed_count: number;
  results: Json<InspectionResultJson[]>;
  note: string | null;
  lon: number | null;
  lat: number | null;
  case_id: string | null;
  idempotency_key: string;
}

export interface InspectionPhotosTable {
  attachment_id: string;
  inspection_id: string;
  item_key: string;
}

export interface Database {
  inspection_checklists: InspectionChecklistsTable;
  inspection_checklist_items: InspectionChecklistItemsTable;
  inspections: InspectionsTable;
  inspection_photos: InspectionPhotosTable;
}

// migrations/0027_basemap_features.sql
export type BasemapKind = 'road' | 'building' | 'water' | 'green';
export interface BasemapFeaturesTable {
  id: Generated<string>;
  kind: BasemapKind;
  class: 'main' | 'lane' | null;
  name: string | null;
  levels: number | null;
  min_zoom: number;
  geometry: Json;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
}

export interface Database {
  basemap_features: BasemapFeaturesTable;
}
