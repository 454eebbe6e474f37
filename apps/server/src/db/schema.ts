import type { ErrandRequestState } from '@wangge/rules';
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { DB } from './generated.ts';

// Tables come from generated.ts (npm run gen:db, checked by gen:check); this file only
// narrows columns the database types loosely: state columns to string-literal unions, JSON to
// its shape and to the stringified form the repositories insert, dates to what pg returns.
// Narrow rejects a key the table does not have, so a renamed or dropped column fails to compile.
type Narrow<T, N extends { [K in keyof N]: K extends keyof T ? unknown : never }> = Omit<T, keyof N> & N;
type Json<T = unknown> = ColumnType<T, string, string>;

export type OrgLevel = 'city' | 'district' | 'street' | 'community' | 'grid';

export type OrgUnitsTable = Narrow<
  DB['org_units'],
  {
    level: OrgLevel;
  }
>;

export type BoundariesTable = Narrow<
  DB['boundaries'],
  {
    geometry: Json;
    valid_to: Date | string | null;
  }
>;

export type GridsTable = Narrow<
  DB['grids'],
  {
    kind: ColumnType<'base' | 'special', 'base' | 'special' | undefined, 'base' | 'special'>;
  }
>;

export type BuildingsTable = DB['buildings'];

export type DepartmentsTable = DB['departments'];

export type RolesTable = DB['roles'];

export type UsersTable = DB['users'];

export type UserRolesTable = DB['user_roles'];

export type UserAssignmentsTable = DB['user_assignments'];

export type GridTeamMembersTable = Narrow<
  DB['grid_team_members'],
  {
    team_role: 'leader' | 'instructor' | 'full_time' | 'part_time';
    since: ColumnType<Date, Date | string | undefined, Date | string>;
  }
>;

export type SessionsTable = DB['sessions'];

/** Throttle counters shared by all app instances (access/throttle.ts, migrations/0019). */
export type ThrottleBucketsTable = DB['throttle_buckets'];

export type ApiTokensTable = DB['api_tokens'];

export type AuditLogTable = Narrow<
  DB['audit_log'],
  {
    details: ColumnType<unknown, string | undefined, string>;
  }
>;

export type AuditAnchorsTable = DB['audit_anchors'];

export type CaseCategoriesTable = Narrow<
  DB['case_categories'],
  {
    domain: 'social' | 'urban';
    limits: Json<Record<string, { amount: number; unit: 'hours' | 'days' }>>;
  }
>;

export type WorkCalendarsTable = Narrow<
  DB['work_calendars'],
  {
    calendar: Json;
  }
>;

export type CasesTable = Narrow<
  DB['cases'],
  {
    light: Generated<'green' | 'yellow' | 'red'>;
    supervision: Generated<'none' | 'ordinary' | 'yellow_card' | 'red_card'>;
    extension_ms: ColumnType<string, string | number | undefined, string | number>;
  }
>;

export type CaseAssignmentsTable = Narrow<
  DB['case_assignments'],
  {
    ack_light: 'green' | 'yellow' | 'red' | null;
  }
>;

export type CaseStepsTable = Narrow<
  DB['case_steps'],
  {
    details: ColumnType<unknown, string | undefined, string>;
  }
>;

export type NotificationsTable = Narrow<
  DB['notifications'],
  {
    params: ColumnType<NotificationParams, string | undefined, string>;
  }
>;

/** A notification's title key (labels of @wangge/rules) and subject in both languages, migration 0024. */
export interface NotificationParams {
  key?: string;
  subject?: { zh: string; en: string };
  errandId?: string;
  /** Where the console opens a notification that has no case or errand (e.g. /assessment/reports). */
  link?: string;
}

export type AttachmentsTable = Narrow<
  DB['attachments'],
  {
    created_at: ColumnType<Date, Date | string | undefined, never>;
    mime: 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic' | 'image/heif';
  }
>;

// Registers (migrations/0008_registers.sql).
/** pg returns DATE as a Date at local midnight; presenters format it back to YYYY-MM-DD. */
type DateCol = ColumnType<Date | string, string, string>;
type NullableDate = ColumnType<Date | string | null, string | null | undefined, string | null>;

export type AddressLevel = 'road' | 'number' | 'building' | 'unit' | 'floor' | 'room';
export type AddressesTable = Narrow<
  DB['addresses'],
  {
    level: AddressLevel;
  }
>;

export type PersonStatus = 'active' | 'moved_out' | 'deregistered' | 'deceased';
export type PeopleTable = Narrow<
  DB['people'],
  {
    gender: 'male' | 'female';
    birth_date: DateCol;
    status: ColumnType<PersonStatus, PersonStatus | undefined, PersonStatus>;
    status_date: NullableDate;
  }
>;

export type PersonRoleKind = 'registered' | 'floating' | 'overseas' | 'left_behind';
export type PersonRolesTable = Narrow<
  DB['person_roles'],
  {
    kind: PersonRoleKind;
    data: ColumnType<Record<string, unknown>, string | undefined, string>;
    valid_from: DateCol;
    valid_to: NullableDate;
  }
>;

export type HousesTable = DB['houses'];

export type HouseLinkKind = 'owner' | 'tenant' | 'resident';
export type PersonHouseLinksTable = Narrow<
  DB['person_house_links'],
  {
    kind: HouseLinkKind;
    valid_from: DateCol;
    valid_to: NullableDate;
  }
>;

export type UnitsTable = DB['units'];

export type UnitPeopleTable = Narrow<
  DB['unit_people'],
  {
    role: 'legal_rep' | 'manager' | 'employee' | 'contact';
    valid_from: DateCol;
    valid_to: NullableDate;
  }
>;

export type GroupRecordsTable = Narrow<
  DB['special_group_records'],
  {
    extra: ColumnType<Record<string, unknown>, string | undefined, string>;
    attention_level: 'normal' | 'medium' | 'serious';
    opened_on: DateCol;
    closed_on: NullableDate;
  }
>;

export type RegisterEventsTable = Narrow<
  DB['register_events'],
  {
    entity_type: 'address' | 'house' | 'person' | 'unit';
    effective_date: DateCol;
    changes: ColumnType<unknown, string | undefined, never>;
  }
>;

export type RegisterGramsTable = DB['register_grams'];

export type RegisterDigitKeysTable = DB['register_digit_keys'];

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
export type PositionsTable = Narrow<
  DB['positions'],
  {
    source: PositionSource;
  }
>;

export type TrackerDevicesTable = Narrow<
  DB['tracker_devices'],
  {
    protocol: 'osmand' | 'owntracks';
  }
>;

export type PatrolEventsTable = Narrow<
  DB['patrol_events'],
  {
    kind: 'region_enter' | 'region_leave';
    source: PositionSource;
  }
>;

export interface Database {
  positions: PositionsTable;
  tracker_devices: TrackerDevicesTable;
  patrol_events: PatrolEventsTable;
}

// Visits and service errands (migrations/0012_services.sql).
export type VisitsTable = DB['visits'];

export type VisitTargetsTable = DB['visit_targets'];

export type ErrandTypesTable = Narrow<
  DB['errand_types'],
  {
    required_fields: Json;
    required_documents: Json;
  }
>;

export type ErrandsTable = Narrow<
  DB['errands'],
  {
    fields: Json<Record<string, unknown>>;
    idempotency_key: ColumnType<string | null, string | null | undefined, never>;
  }
>;

export type ErrandStepsTable = Narrow<
  DB['errand_steps'],
  {
    details: Json<Record<string, unknown>>;
  }
>;

export type ErrandDocumentsTable = DB['errand_documents'];

export interface Database {
  visits: VisitsTable;
  visit_targets: VisitTargetsTable;
  errand_types: ErrandTypesTable;
  errands: ErrandsTable;
  errand_steps: ErrandStepsTable;
  errand_documents: ErrandDocumentsTable;
}

// Venue inspections (migrations/0013_inspections.sql).
export type InspectionChecklistsTable = DB['inspection_checklists'];

export type InspectionChecklistItemsTable = DB['inspection_checklist_items'];

export interface InspectionResultJson {
  key: string;
  labelZh: string;
  labelEn: string;
  result: 'pass' | 'fail' | 'na';
  note: string | null;
  photoIds: string[];
}

export type InspectionsTable = Narrow<
  DB['inspections'],
  {
    outcome: 'pass' | 'fail';
    results: Json<InspectionResultJson[]>;
  }
>;

export type InspectionPhotosTable = DB['inspection_photos'];

export interface Database {
  inspection_checklists: InspectionChecklistsTable;
  inspection_checklist_items: InspectionChecklistItemsTable;
  inspections: InspectionsTable;
  inspection_photos: InspectionPhotosTable;
}

// migrations/0027_basemap_features.sql
export type BasemapKind = 'road' | 'building' | 'water' | 'green';
export type BasemapFeaturesTable = Narrow<
  DB['basemap_features'],
  {
    kind: BasemapKind;
    class: 'main' | 'lane' | null;
    geometry: Json;
  }
>;

export interface Database {
  basemap_features: BasemapFeaturesTable;
}

// migrations/0039_intake_devices.sql: the 12345 hotline transfer and IoT devices.
export interface Database {
  hotline_orders: DB['hotline_orders'];
  hotline_nonces: DB['hotline_nonces'];
  hotline_callbacks: Narrow<DB['hotline_callbacks'], { status: 'pending' | 'delivered' | 'failed' }>;
  devices: DB['devices'];
  device_alarms: Narrow<DB['device_alarms'], { kind: 'alarm' | 'recovery'; channel: 'mqtt' | 'http' }>;
}

// The camera(s) that saw a case (migrations/0054_dispute_kinds_case_cameras.sql).
export interface Database {
  case_cameras: DB['case_cameras'];
}

// Dispute mediation (migrations/0041_disputes.sql).
export interface Database {
  disputes: DB['disputes'];
  dispute_parties: DB['dispute_parties'];
  dispute_mediators: DB['dispute_mediators'];
  dispute_steps: Narrow<DB['dispute_steps'], { details: Json<Record<string, unknown>> }>;
}

// Duty rota and worker tasks (migrations/0034_duty.sql).
export interface Database {
  duty_shifts: DB['duty_shifts'];
  worker_tasks: DB['worker_tasks'];
}

// Alerts for the command centre (migrations/0035_alerts.sql).
type AlertState = 'raised' | 'acknowledged' | 'closed';
export interface Database {
  alerts: Narrow<
    DB['alerts'],
    {
      state: ColumnType<AlertState, 'raised' | undefined, AlertState>;
      details: Json<Record<string, unknown>>;
    }
  >;
}

// The resident app: sign-in codes, accounts, "+1" and ratings (migrations/0038_residents.sql).
export interface Database {
  resident_sign_in_codes: DB['resident_sign_in_codes'];
  resident_accounts: DB['resident_accounts'];
  case_plus_ones: DB['case_plus_ones'];
  resident_case_ratings: DB['resident_case_ratings'];
}

// Community notices (通知公告) shown in the resident app (migrations/0047_resident_home_grid.sql).
export interface Database {
  community_notices: DB['community_notices'];
}

// Errands residents ask for from the resident app (migrations/0059_errand_requests.sql).
export interface Database {
  errand_requests: Narrow<
    DB['errand_requests'],
    { state: ColumnType<ErrandRequestState, ErrandRequestState | undefined, ErrandRequestState> }
  >;
}

// Reporting without an account: photos held for a report, tracking codes (migrations/0057_resident_tracking.sql).
export interface Database {
  anonymous_photos: DB['anonymous_photos'];
  case_tracking_codes: DB['case_tracking_codes'];
}

// Events left out of assessment counts, e.g. by an upheld appeal (migrations/0037_assessment_exclusions.sql).
export interface Database {
  assessment_exclusions: Narrow<
    DB['assessment_exclusions'],
    { subject_type: ColumnType<'user' | 'unit', 'user' | 'unit' | undefined, 'user' | 'unit'> }
  >;
}

// Adjustments of frozen assessment results (migrations/0056_assessment_adjustments.sql).
export interface Database {
  assessment_adjustments: Narrow<
    DB['assessment_adjustments'],
    {
      state: ColumnType<
        'proposed' | 'approved' | 'rejected',
        'proposed' | 'approved' | 'rejected' | undefined,
        'proposed' | 'approved' | 'rejected'
      >;
    }
  >;
}

// Monthly assessment reports kept per district and month (migrations/0060_assessment_reports.sql).
export interface Database {
  assessment_reports: DB['assessment_reports'];
}

// Careers (职业发展) and training (网格学院) (migrations/0052_careers_training.sql).
export interface Database {
  career_pay_ladders: DB['career_pay_ladders'];
  career_grades: Narrow<DB['career_grades'], { effective_on: ColumnType<Date | string, string, string> }>;
  career_ratings: DB['career_ratings'];
  career_promotions: DB['career_promotions'];
  training_courses: DB['training_courses'];
  training_course_materials: DB['training_course_materials'];
  training_sessions: DB['training_sessions'];
  training_attendance: Narrow<
    DB['training_attendance'],
    { certificate_issued_on: ColumnType<Date | string | null, string | null | undefined, string | null> }
  >;
}
