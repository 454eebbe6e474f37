// Types of the HTTP API. Those the server declares as response or body schemas are generated
// (generated.ts, `npm run gen`) and re-exported here; the rest are still transcribed by hand
// until their routes declare schemas.

export type {
  AddressDetail,
  AddressHit,
  AddressPage,
  AddressSummary,
  ApiToken,
  AppConfig,
  Assignment,
  Attachment,
  AuditEntry,
  BBox,
  BoundaryVersion,
  Building,
  BuildingMatrix,
  CaseAssignment,
  CaseCategoryLeaf,
  CaseCategoryMajor,
  CaseDetail,
  CaseDuplicate,
  CaseLight,
  CasePage,
  CasePhoto,
  CaseStats,
  CaseStepEntry,
  CaseSummary,
  CaseSupervision,
  CaseTargets,
  CodeRef,
  CreatedToken,
  Department,
  GridCollection,
  GridDetail,
  GridFeatureProps,
  GridKind,
  GridPatch,
  GridSummary,
  GroupRecord,
  HouseDetail,
  HouseHit,
  HouseholdStatus,
  HouseOccupant,
  HousePage,
  HouseSummary,
  ImportIssue,
  ImportReport,
  MatrixPerson,
  MatrixRoom,
  Me,
  MySession,
  NodeLevel,
  NotificationPage,
  OrgLevel,
  OrgNode,
  OrgUnitDetail,
  PersonDetail,
  PersonHit,
  PersonHouseLink,
  PersonPage,
  PersonRole,
  PersonStatus,
  PersonSummary,
  PersonUnitLink,
  Photo,
  RegisterEvent,
  RegisterSearchHit,
  RegisterSearchResult,
  RegisterStats,
  RevealResult,
  Role,
  RoleRef,
  ScopeUnit,
  Session,
  SpecialType,
  TeamMember,
  TeamRole,
  TimeLimit,
  TimeUnit,
  UnitDetail,
  UnitHit,
  UnitMember,
  UnitPage,
  UnitSummary,
  UserCreate,
  UserDetail,
  UserNotification,
  UserPatch,
  UserSummary,
} from './generated.ts';

import type { TimeLimit } from './generated.ts';

/** Ids are bigint in the database and travel as decimal strings; never do arithmetic on them. */
export type Id = string;

export interface Items<T> {
  items: T[];
}

export interface Page<T> extends Items<T> {
  total: number;
}

/** The contract leaves `changedBy` open: a name, or a user reference. */
export type ChangedBy = string | { id?: Id; username?: string; displayName?: string } | null;

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

// ── The case closed loop (docs/api-cases.md) ──────────────────────────────────────────────────

/** State and action names are those of @wangge/rules; unknown names from a newer server still show. */
export type CaseStateName = string;
export type CaseActionName = string;

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
export type CaseStep = 'accept' | 'dispatch' | 'handle' | 'verify' | 'close';

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

// ── Registers (一标三实): request bodies still transcribed ──

export interface PersonPatch {
  name?: string;
  phone?: string | null;
  ethnicity?: string | null;
  hukouPlace?: string | null;
}
