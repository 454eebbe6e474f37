// Types of the HTTP API. Those the server declares as response or body schemas are generated
// (generated.ts, `npm run gen`) and re-exported here; the rest are still transcribed by hand
// until their routes declare schemas.
import type { FeatureCollection, Geometry } from 'geojson';

export type {
  ApiToken,
  AppConfig,
  Assignment,
  AuditEntry,
  CreatedToken,
  Department,
  Me,
  MySession,
  NodeLevel,
  OrgLevel,
  OrgNode,
  OrgUnitDetail,
  Role,
  RoleRef,
  ScopeUnit,
  Session,
  UserCreate,
  UserDetail,
  UserPatch,
  UserSummary,
} from './generated.ts';

import type { OrgLevel, ScopeUnit } from './generated.ts';

/** Ids are bigint in the database and travel as decimal strings; never do arithmetic on them. */
export type Id = string;

export interface Items<T> {
  items: T[];
}

export interface Page<T> extends Items<T> {
  total: number;
}

export type GridKind = 'base' | 'special';
export type HouseholdStatus = 'under' | 'ok' | 'over';

export interface CodeRef {
  id: Id;
  code: string;
  name: string;
}

export interface GridSummary {
  id: Id;
  code: string;
  name: string;
  kind: GridKind;
  specialType: string | null;
  households: number | null;
  householdStatus: HouseholdStatus | null;
  population?: number | null;
  community: CodeRef;
}

export interface GridFeatureProps {
  id: Id;
  code: string;
  name: string;
  kind: GridKind;
  households: number | null;
  householdStatus: HouseholdStatus | null;
  communityName: string;
}

export type GridCollection = FeatureCollection<Geometry, GridFeatureProps>;

export interface Building {
  id: Id;
  code: string;
  name: string;
  address: string | null;
  lon: number;
  lat: number;
  floors: number | null;
  units: number | null;
  households: number | null;
}

export type TeamRole = 'leader' | 'instructor' | 'full_time' | 'part_time';

export interface TeamMember {
  userId: Id;
  displayName: string;
  teamRole: TeamRole;
  phone: string | null;
}

export type BBox = [number, number, number, number];

export interface GridDetail extends GridSummary {
  street: CodeRef | null;
  district: CodeRef | null;
  city?: CodeRef | null;
  boundary: Geometry | null;
  bbox: BBox | null;
  areaM2: number | null;
  population: number | null;
  /** What the registers count now; `households`/`population` are the declared figures. */
  registered: { households: number; population: number };
  buildings: Building[];
  team: TeamMember[];
  actions: string[];
  /** PUT /boundary may answer with non-blocking issues. */
  warnings?: ImportIssue[];
}

export interface GridPatch {
  name?: string;
  kind?: GridKind;
  specialType?: string | null;
  households?: number;
}

/** The contract leaves `changedBy` open: a name, or a user reference. */
export type ChangedBy = string | { id?: Id; username?: string; displayName?: string } | null;

export interface BoundaryVersion {
  id: Id;
  validFrom: string;
  validTo: string | null;
  note: string | null;
  changedBy: ChangedBy;
  areaM2?: number;
  geometry: Geometry;
}

export type IssueRule =
  | 'invalid_feature'
  | 'invalid_code'
  | 'unknown_community'
  | 'duplicate_code'
  | 'invalid_geometry'
  | 'self_intersection'
  | 'outside_community'
  | 'overlap'
  | 'coverage_gap';

export interface ImportIssue {
  featureIndex: number | null;
  code: string | null;
  severity: 'error' | 'warning';
  rule: IssueRule | string;
  message: string;
}

export interface ImportReport {
  applied: boolean;
  dryRun: boolean;
  summary: {
    features: number;
    created: number;
    updated: number;
    /** Not in the contract; the server reports features identical to the current state. */
    unchanged?: number;
    errors: number;
    warnings: number;
  };
  /** The first issues only (the server lists at most 200); `total` counts them all. */
  issues: ImportIssue[];
  total: number;
  truncated: boolean;
}

// ── The case closed loop (docs/api-cases.md) ──────────────────────────────────────────────────

/** State and action names are those of @wangge/rules; unknown names from a newer server still show. */
export type CaseStateName = string;
export type CaseActionName = string;

export type CaseLight = 'green' | 'yellow' | 'red';
export type CaseSupervision = 'none' | 'ordinary' | 'yellow_card' | 'red_card';
export type CaseSource =
  | 'patrol'
  | 'resident_app'
  | 'hotline'
  | 'wechat'
  | 'web'
  | 'iot'
  | 'department'
  | 'leader'
  | 'open311';
export type TimeUnit = 'hours' | 'days';
export type CaseStep = 'accept' | 'dispatch' | 'handle' | 'verify' | 'close';

export interface TimeLimit {
  amount: number;
  unit: TimeUnit;
}

export interface CaseCategoryLeaf {
  code: string;
  nameZh: string;
  nameEn: string;
  limits: Partial<Record<CaseStep, TimeLimit>>;
  isPolice: boolean;
  filingStandard: string;
  closingStandard: string;
  filingStandardEn: string;
  closingStandardEn: string;
  defaultDepartmentKind: string | null;
}

export interface CaseCategoryMajor {
  code: string;
  nameZh: string;
  nameEn: string;
  domain: 'social' | 'urban';
  children: CaseCategoryLeaf[];
}

export interface CaseSummary {
  id: Id;
  code: string;
  title: string;
  categoryCode: string;
  categoryName: string;
  categoryNameEn: string;
  state: CaseStateName;
  source: CaseSource | string;
  light: CaseLight;
  supervision: CaseSupervision;
  reportedAt: string;
  stepDueAt: string | null;
  address: string | null;
  isPolice: boolean;
  selfHandled: boolean;
  grid: CodeRef;
  owner: ScopeUnit;
}

export interface Photo {
  id: Id;
  url: string;
  thumbnailUrl: string;
}

/** A case's photo: 处置前 (the report's) or 处置后 (the handling's). */
export interface CasePhoto extends Photo {
  phase: 'before' | 'after';
}

export interface CaseAssignment {
  id: Id;
  target: { type: 'unit' | 'department'; id: Id; name: string };
  isLead: boolean;
  active: boolean;
  assignedAt: string;
  ackDueAt: string | null;
  acknowledgedAt: string | null;
  acceptedAt: string | null;
}

export interface CaseStepEntry {
  seq: number;
  action: CaseActionName;
  fromState: CaseStateName | null;
  toState: CaseStateName;
  actorName: string;
  /** A step no person took: who in the system took it (label kind systemActor). */
  systemActor: string | null;
  actorRoles: string[];
  at: string;
  note: string | null;
  reason: string | null;
  /** Shown to the public through Open311; note and reason are internal. */
  publicNote: string | null;
  details: Record<string, unknown> | null;
  deadline: string | null;
  photos: Photo[];
}

export interface CaseDetail extends CaseSummary {
  description: string;
  /** Not in the contract; the server adds the category's closing standard. */
  closingStandard?: string;
  closingStandardEn?: string;
  lon: number;
  lat: number;
  version: number;
  reporter: { name: string | null; phone: string | null } | null;
  /** An http(s) link the reporter submitted (Open311 media_url). */
  mediaUrl: string | null;
  photos: CasePhoto[];
  assignments: CaseAssignment[];
  steps: CaseStepEntry[];
  pendingExtension: { reason: string; amount: number; unit: TimeUnit } | null;
  satisfaction: number | null;
  satisfactionComment: string | null;
  rating: number | null;
  mergedInto: Id | null;
  /** What the caller may do now: action names of @wangge/rules, plus 'merge'. */
  actions: string[];
}

export interface CaseDuplicate extends CaseSummary {
  distanceM: number;
  score: number;
}

export interface CaseCreate {
  categoryCode: string;
  description: string;
  title?: string;
  lon: number;
  lat: number;
  address?: string;
  source: CaseSource;
  photoIds?: Id[];
  selfHandled?: boolean;
  afterPhotoIds?: Id[];
  reporterName?: string;
  reporterPhone?: string;
}

export interface CaseActionBody {
  version: number;
  note?: string;
  reason?: string;
  publicNote?: string;
  photoIds?: Id[];
  target?: { type: 'unit' | 'department'; id: Id };
  targets?: { departmentId: Id; lead: boolean }[];
  rating?: number;
  satisfaction?: number;
  comment?: string;
  extension?: TimeLimit;
  lon?: number;
  lat?: number;
}

export interface CaseTargets {
  units: { id: Id; code: string; name: string; level: OrgLevel }[];
  /** level: the level of the unit the department belongs to (district bureaus, street stations). */
  departments: { id: Id; name: string; kind: string; isPolice: boolean; level: OrgLevel }[];
}

export interface CaseStats {
  reported: number;
  filed: number;
  voided: number;
  closed: number;
  closureRate: number | null;
  onTime: Partial<Record<'accept' | 'dispatch' | 'handle' | 'verify', number | null>>;
  reworkRate: number | null;
  overdue: number;
  byCategory: { code: string; name: string; nameEn: string; reported: number; closed: number }[];
  bySource: { source: CaseSource | string; reported: number; closed: number }[];
}

export interface Attachment {
  id: Id;
  thumbnailUrl: string;
  url?: string;
}

/** A notification of the signed-in user (not the DOM Notification). */
export interface UserNotification {
  id: Id;
  kind: string;
  /** The Chinese title as stored; shown only for notifications older than titleKey. */
  title: string;
  /** Key of the title in the notification labels of @wangge/rules (notificationTitle renders it). */
  titleKey: string | null;
  subject: { zh: string; en: string } | null;
  body: string;
  caseId: Id | null;
  errandId: Id | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: UserNotification[];
  unread: number;
}

// ── Registers (一标三实): apps/server/src/modules/registers presenters ──

export type PersonStatus = 'active' | 'moved_out' | 'deregistered' | 'deceased';

/** A person as lists and details show them: ID and phone always masked. */
export interface PersonSummary {
  id: Id;
  name: string;
  gender: string;
  birthDate: string | null;
  idNumber: string | null;
  phone: string | null;
  gridId: Id;
  addressId: Id | null;
  address: string | null;
  status: PersonStatus;
  statusDate: string | null;
}

export interface PersonRole {
  id: Id;
  kind: string;
  data: Record<string, unknown> | null;
  validFrom: string | null;
  validTo: string | null;
  current: boolean;
}

export interface GroupRecord {
  id: Id;
  personId: Id;
  typeCode: string;
  extra: Record<string, unknown> | null;
  attentionLevel: string;
  openedOn: string | null;
  closedOn: string | null;
  closeReason: string | null;
  open: boolean;
}

export interface PersonHouseLink {
  linkId: Id;
  houseId: Id;
  kind: string;
  address: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface PersonUnitLink {
  linkId: Id;
  unitId: Id;
  role: string;
  unitName: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface PersonDetail extends PersonSummary {
  gridName: string;
  ethnicity: string | null;
  hukouPlace: string | null;
  roles: PersonRole[];
  houses: PersonHouseLink[];
  units: PersonUnitLink[];
  specialGroups: GroupRecord[];
  careGroups: GroupRecord[];
  actions: string[];
}

export interface PersonPatch {
  name?: string;
  phone?: string | null;
  ethnicity?: string | null;
  hukouPlace?: string | null;
}

export interface RevealResult {
  field: 'idNumber' | 'phone';
  value: string;
  /** Who revealed it and when ("查看人 张三（zhangsan）· 2026-12-04 19:30 · 仅限工作使用"), shown beside it. */
  watermark: string;
}

export interface HouseDetail {
  id: Id;
  addressId: Id;
  address: string | null;
  buildingId: Id | null;
  gridId: Id;
  use: string | null;
  structure: string | null;
  areaM2: number | null;
  isRental: boolean;
  rentalHazard: string | null;
  isDangerous: boolean;
  note: string | null;
  retiredAt: string | null;
  people: { linkId: Id; kind: string; validFrom: string | null; person: PersonSummary }[];
  actions: string[];
}

export interface UnitDetail {
  id: Id;
  kind: string;
  name: string;
  creditCode: string | null;
  legalRep: { personId: Id; name: string | null } | null;
  employees: number | null;
  supervisingDepartment: { id: Id; name: string | null } | null;
  fireSafetyLevel: string | null;
  addressId: Id | null;
  address: string | null;
  gridId: Id;
  retiredAt: string | null;
  people: { linkId: Id; role: string; validFrom: string | null; person: PersonSummary }[];
  actions: string[];
}

export interface AddressDetail {
  id: Id;
  parentId: Id | null;
  level: string;
  code: string;
  name: string;
  fullName: string;
  gridId: Id;
  buildingId: Id | null;
  unitNo: number | null;
  floor: number | null;
  room: string | null;
  retiredAt: string | null;
  ancestors: unknown[];
  actions: string[];
}

export interface RegisterEvent {
  id: Id;
  kind: string;
  effectiveDate: string | null;
  at: string;
  actor: string | null;
  changes: Record<string, unknown> | null;
}

export type RegisterSearchHit =
  | ({
      type: 'person';
      /** Open special groups of the types the caller may see. */
      specialGroups: string[];
      careGroups: string[];
      /** Current roles: registered, floating, overseas, left_behind. */
      roles: string[];
      /** The house at their address is let. */
      rental: boolean;
      /** The building of their address, for the matrix; null when not in a building. */
      buildingId: Id | null;
    } & PersonSummary)
  | {
      type: 'unit';
      id: Id;
      name: string;
      kind: string;
      creditCode: string | null;
      address: string | null;
      gridId: Id;
    }
  | {
      type: 'house';
      id: Id;
      address: string;
      addressId: Id;
      isRental: boolean | null;
      gridId: Id;
      buildingId: Id | null;
    }
  | { type: 'address'; id: Id; level: string; fullName: string; gridId: Id; buildingId: Id | null };

export interface RegisterSearchResult {
  query: { kind: string };
  items: RegisterSearchHit[];
  offset: number;
  limit: number;
  /** Another page follows (offset + limit). */
  more: boolean;
}

export interface RegisterStats {
  peopleByStatus: Record<string, number>;
  activeByRole: Record<string, number>;
  specialGroups: Record<string, number>;
  careGroups: Record<string, number>;
  grids: { gridId: Id; code: string; name: string; households: number; people: number }[];
}

export interface MatrixPerson extends PersonSummary {
  linkKind: string;
  roles: string[];
  specialGroups: string[];
  careGroups: string[];
}

export interface MatrixRoom {
  addressId: Id;
  room: string | null;
  houseId: Id | null;
  use: string | null;
  flags: {
    rental: boolean;
    rentalHazard: string | null;
    dangerous: boolean;
    vacant: boolean;
    specialGroup: boolean;
    careGroup: boolean;
    floating: boolean;
  };
  people: MatrixPerson[];
}

export interface BuildingMatrix {
  building: {
    id: Id;
    code: string;
    name: string;
    address: string | null;
    floors: number | null;
    units: number | null;
    grid: { id: Id; name: string };
  };
  households: number;
  rooms: number;
  units: { unitNo: number; floors: { floor: number; rooms: MatrixRoom[] }[] }[];
}
