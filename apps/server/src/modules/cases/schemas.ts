import { Type } from 'typebox';
import { Id, Nullable, OrgLevel, Timestamp } from '../../http/schemas.ts';
import { CodeRef } from '../grids/schemas.ts';

// Response shapes of the case routes (presenter.ts); each `title` is the console's type name.
// State, action and source names stay open strings: a newer server's names still show (labelled
// by @wangge/rules, or as they are).

export const CaseLight = Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red')], {
  title: 'CaseLight',
});
export const CaseSupervision = Type.Union(
  [Type.Literal('none'), Type.Literal('ordinary'), Type.Literal('yellow_card'), Type.Literal('red_card')],
  { title: 'CaseSupervision' },
);
export const TimeUnit = Type.Union([Type.Literal('hours'), Type.Literal('days')], { title: 'TimeUnit' });
export const TimeLimit = Type.Object({ amount: Type.Number(), unit: TimeUnit }, { title: 'TimeLimit' });

const ScopeUnitRef = Type.Object({ id: Id, code: Type.String(), name: Type.String(), level: OrgLevel });

export const CaseSummary = Type.Object(
  {
    id: Id,
    code: Type.String(),
    title: Type.String(),
    categoryCode: Type.String(),
    categoryName: Type.String(),
    categoryNameEn: Type.String(),
    state: Type.String(),
    source: Type.String(),
    light: CaseLight,
    supervision: CaseSupervision,
    reportedAt: Timestamp,
    stepDueAt: Nullable(Timestamp),
    address: Type.String(),
    isPolice: Type.Boolean(),
    selfHandled: Type.Boolean(),
    grid: CodeRef,
    owner: ScopeUnitRef,
  },
  { title: 'CaseSummary' },
);

export const Photo = Type.Object(
  { id: Id, url: Type.String(), thumbnailUrl: Type.String() },
  { title: 'Photo' },
);
/** 处置前 (the report's) or 处置后 (the handling's). */
export const CasePhoto = Type.Object(
  {
    id: Id,
    url: Type.String(),
    thumbnailUrl: Type.String(),
    phase: Type.Union([Type.Literal('before'), Type.Literal('after')]),
  },
  { title: 'CasePhoto' },
);

export const CaseAssignment = Type.Object(
  {
    id: Id,
    target: Type.Object({
      type: Type.Union([Type.Literal('unit'), Type.Literal('department')]),
      id: Id,
      name: Type.String(),
    }),
    isLead: Type.Boolean(),
    active: Type.Boolean(),
    assignedAt: Timestamp,
    ackDueAt: Nullable(Timestamp),
    acknowledgedAt: Nullable(Timestamp),
    ackLight: Nullable(CaseLight),
    ackSupervision: CaseSupervision,
    acceptedAt: Nullable(Timestamp),
  },
  { title: 'CaseAssignment' },
);

export const CaseStepEntry = Type.Object(
  {
    seq: Type.Integer(),
    action: Type.String(),
    fromState: Nullable(Type.String()),
    toState: Type.String(),
    actorName: Type.String(),
    /** A step no person took: who in the system took it (label kind systemActor). */
    systemActor: Nullable(Type.String()),
    actorRoles: Type.Array(Type.String()),
    at: Timestamp,
    note: Nullable(Type.String()),
    reason: Nullable(Type.String()),
    /** Shown to the public (Open311, the resident app); note and reason are internal. */
    publicNote: Nullable(Type.String()),
    details: Type.Record(Type.String(), Type.Unknown()),
    deadline: Nullable(Timestamp),
    lon: Nullable(Type.Number()),
    lat: Nullable(Type.Number()),
    photos: Type.Array(Photo),
  },
  { title: 'CaseStepEntry' },
);

export const CaseDetail = Type.Object(
  {
    ...CaseSummary.properties,
    description: Type.String(),
    closingStandard: Type.String(),
    closingStandardEn: Type.String(),
    lon: Type.Number(),
    lat: Type.Number(),
    version: Type.Integer(),
    reporter: Nullable(Type.Object({ name: Type.String(), phone: Nullable(Type.String()) })),
    /** An http(s) link the reporter submitted (Open311 media_url). */
    mediaUrl: Nullable(Type.String()),
    photos: Type.Array(CasePhoto),
    assignments: Type.Array(CaseAssignment),
    steps: Type.Array(CaseStepEntry),
    pendingExtension: Nullable(Type.Object({ reason: Type.String(), amount: Type.Number(), unit: TimeUnit })),
    satisfaction: Nullable(Type.Integer()),
    satisfactionComment: Nullable(Type.String()),
    rating: Nullable(Type.Integer()),
    mergedInto: Nullable(Id),
    /** Residents who reported the same problem with "+1" instead of a duplicate. */
    plusOnes: Type.Integer(),
    /** What the caller may do now: action names of @wangge/rules, plus 'merge'. */
    actions: Type.Array(Type.String()),
  },
  { title: 'CaseDetail' },
);

export const CasePage = Type.Object(
  { items: Type.Array(CaseSummary), total: Type.Integer() },
  { title: 'CasePage' },
);

export const CaseDuplicate = Type.Object(
  { ...CaseSummary.properties, distanceM: Type.Integer(), score: Type.Number() },
  { title: 'CaseDuplicate' },
);

const CaseStep = ['accept', 'dispatch', 'handle', 'verify', 'close'] as const;
export const CaseCategoryLeaf = Type.Object(
  {
    code: Type.String(),
    nameZh: Type.String(),
    nameEn: Type.String(),
    limits: Type.Partial(Type.Object(Object.fromEntries(CaseStep.map((s) => [s, TimeLimit])))),
    isPolice: Type.Boolean(),
    filingStandard: Type.String(),
    closingStandard: Type.String(),
    filingStandardEn: Type.String(),
    closingStandardEn: Type.String(),
    defaultDepartmentKind: Nullable(Type.String()),
  },
  { title: 'CaseCategoryLeaf' },
);
export const CaseCategoryMajor = Type.Object(
  {
    code: Type.String(),
    nameZh: Type.String(),
    nameEn: Type.String(),
    domain: Type.Union([Type.Literal('social'), Type.Literal('urban')]),
    children: Type.Array(CaseCategoryLeaf),
  },
  { title: 'CaseCategoryMajor' },
);

export const CaseTargets = Type.Object(
  {
    units: Type.Array(Type.Object({ id: Id, code: Type.String(), name: Type.String(), level: OrgLevel })),
    /** level: the level of the unit the department belongs to (district bureaus, street stations). */
    departments: Type.Array(
      Type.Object({
        id: Id,
        name: Type.String(),
        kind: Type.String(),
        isPolice: Type.Boolean(),
        level: OrgLevel,
      }),
    ),
  },
  { title: 'CaseTargets' },
);

const Rate = Nullable(Type.Number());
export const CaseStats = Type.Object(
  {
    reported: Type.Integer(),
    filed: Type.Integer(),
    voided: Type.Integer(),
    closed: Type.Integer(),
    closureRate: Rate,
    onTime: Type.Partial(Type.Object({ accept: Rate, dispatch: Rate, handle: Rate, verify: Rate })),
    reworkRate: Rate,
    overdue: Type.Integer(),
    byCategory: Type.Array(
      Type.Object({
        code: Type.String(),
        name: Type.String(),
        nameEn: Type.String(),
        reported: Type.Integer(),
        closed: Type.Integer(),
      }),
    ),
    bySource: Type.Array(
      Type.Object({ source: Type.String(), reported: Type.Integer(), closed: Type.Integer() }),
    ),
  },
  { title: 'CaseStats' },
);

/** A worker on shift with a fresh fix, nearest first (nearest-workers.ts nearestFreshWorkers). */
export const NearestWorker = Type.Object(
  {
    userId: Id,
    displayName: Type.String(),
    username: Type.String(),
    distanceM: Type.Integer(),
    lastFixAt: Timestamp,
    lastFixAgeS: Type.Integer(),
    gridId: Nullable(Id),
    lon: Type.Number(),
    lat: Type.Number(),
    /** Open cases of the grids the worker serves. */
    openCases: Type.Integer(),
    /** Tasks given to the worker and not yet done (duty module). */
    openTasks: Type.Integer(),
  },
  { title: 'NearestWorker' },
);

export const CaseNearestWorkers = Type.Object(
  {
    case: Type.Object({ id: Id, lon: Type.Number(), lat: Type.Number() }),
    items: Type.Array(NearestWorker),
  },
  { title: 'CaseNearestWorkers' },
);

/** A cluster of recent cases: one category within a radius, or one address (hotspots.ts). */
export const CaseHotspot = Type.Object(
  {
    kind: Type.Union([Type.Literal('category'), Type.Literal('address')]),
    key: Type.String(),
    categoryCode: Nullable(Type.String()),
    address: Nullable(Type.String()),
    lon: Type.Number(),
    lat: Type.Number(),
    from: Timestamp,
    to: Timestamp,
    count: Type.Integer(),
    cases: Type.Array(
      Type.Object({
        id: Id,
        code: Type.String(),
        title: Type.String(),
        state: Type.String(),
        reportedAt: Timestamp,
      }),
    ),
  },
  { title: 'CaseHotspot' },
);

export const CaseHotspots = Type.Object(
  {
    rule: Type.Object({ radiusM: Type.Number(), days: Type.Number(), minCount: Type.Integer() }),
    since: Timestamp,
    items: Type.Array(CaseHotspot),
  },
  { title: 'CaseHotspots' },
);

/** A hotspot instruction's outcome: the cases now supervised, and those skipped (not open). */
export const HotspotInstructionResult = Type.Object(
  {
    instructed: Type.Array(Type.Object({ id: Id, code: Type.String() })),
    skipped: Type.Array(Type.Object({ id: Id, code: Type.String(), state: Type.String() })),
  },
  { title: 'HotspotInstructionResult' },
);

/** The city's work calendar (@wangge/rules WorkCalendar): CST working periods, holidays, make-up days. */
export const WorkCalendarView = Type.Object(
  {
    calendar: Type.Object({
      workingHours: Type.Array(Type.Object({ start: Type.String(), end: Type.String() })),
      holidays: Type.Array(Type.String()),
      workdays: Type.Array(Type.String()),
    }),
  },
  { title: 'WorkCalendarView' },
);
