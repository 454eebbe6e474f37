import { Type } from 'typebox';
import { GeoJsonGeometry, Id, Nullable, Timestamp } from '../../http/schemas.ts';

// Response shapes of the grid routes; each `title` is the console's type name (scripts/gen-api.ts).

export const GridKind = Type.Union([Type.Literal('base'), Type.Literal('special')], { title: 'GridKind' });
export const HouseholdStatus = Type.Union([Type.Literal('under'), Type.Literal('ok'), Type.Literal('over')], {
  title: 'HouseholdStatus',
});
export const SpecialType = Type.Union(
  ['school', 'hospital', 'park', 'market', 'enterprise', 'other'].map((t) => Type.Literal(t)),
  { title: 'SpecialType' },
);
export const CodeRef = Type.Object(
  { id: Id, code: Type.String(), name: Type.String() },
  { title: 'CodeRef' },
);

export const GridSummary = Type.Object(
  {
    id: Id,
    code: Type.String(),
    name: Type.String(),
    kind: GridKind,
    specialType: Nullable(SpecialType),
    /** Declared figures of the grid; `registered` on the detail is what the registers count. */
    households: Type.Integer(),
    population: Type.Integer(),
    householdStatus: HouseholdStatus,
    community: CodeRef,
  },
  { title: 'GridSummary' },
);

export const GridFeatureProps = Type.Object(
  {
    id: Id,
    code: Type.String(),
    name: Type.String(),
    kind: GridKind,
    specialType: Nullable(SpecialType),
    households: Type.Integer(),
    population: Type.Integer(),
    householdStatus: HouseholdStatus,
    communityCode: Type.String(),
    communityName: Type.String(),
    validFrom: Type.Optional(Timestamp),
    areaM2: Type.Optional(Type.Integer()),
  },
  { title: 'GridFeatureProps' },
);

export const GridCollection = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(
      Type.Object({
        type: Type.Literal('Feature'),
        id: Type.Integer(),
        geometry: GeoJsonGeometry,
        properties: GridFeatureProps,
      }),
    ),
  },
  { title: 'GridCollection' },
);

export const Building = Type.Object(
  {
    id: Id,
    code: Type.String(),
    name: Type.String(),
    address: Nullable(Type.String()),
    lon: Type.Number(),
    lat: Type.Number(),
    floors: Nullable(Type.Integer()),
    units: Nullable(Type.Integer()),
    households: Nullable(Type.Integer()),
  },
  { title: 'Building' },
);

export const TeamRole = Type.Union(
  ['leader', 'instructor', 'full_time', 'part_time'].map((r) => Type.Literal(r)),
  { title: 'TeamRole' },
);

export const TeamMember = Type.Object(
  {
    userId: Id,
    displayName: Type.String(),
    teamRole: TeamRole,
    /** Masked (138****0000). */
    phone: Nullable(Type.String()),
    since: Timestamp,
  },
  { title: 'TeamMember' },
);

export const ImportIssue = Type.Object(
  {
    featureIndex: Nullable(Type.Integer()),
    code: Nullable(Type.String()),
    severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
    rule: Type.String(),
    message: Type.String(),
  },
  { title: 'ImportIssue' },
);

export const ImportReport = Type.Object(
  {
    applied: Type.Boolean(),
    dryRun: Type.Boolean(),
    summary: Type.Object({
      features: Type.Integer(),
      created: Type.Integer(),
      updated: Type.Integer(),
      unchanged: Type.Integer(),
      errors: Type.Integer(),
      warnings: Type.Integer(),
    }),
    /** The first issues only (at most 200), features in input order; `total` counts them all. */
    issues: Type.Array(ImportIssue),
    total: Type.Integer(),
    truncated: Type.Boolean(),
  },
  { title: 'ImportReport' },
);

const BBox = Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], { title: 'BBox' });

export const GridDetail = Type.Object(
  {
    ...GridSummary.properties,
    /** What the registers count now; `households`/`population` are the declared figures. */
    registered: Type.Object({ households: Type.Integer(), population: Type.Integer() }),
    street: Nullable(CodeRef),
    district: Nullable(CodeRef),
    city: Nullable(CodeRef),
    boundary: Nullable(GeoJsonGeometry),
    bbox: Nullable(BBox),
    areaM2: Nullable(Type.Integer()),
    boundaryValidFrom: Nullable(Timestamp),
    buildings: Type.Array(Building),
    team: Type.Array(TeamMember),
    actions: Type.Array(Type.String()),
    /** PUT /boundary may answer with non-blocking issues. */
    warnings: Type.Optional(Type.Array(ImportIssue)),
  },
  { title: 'GridDetail' },
);

export const BoundaryVersion = Type.Object(
  {
    id: Id,
    validFrom: Timestamp,
    validTo: Nullable(Timestamp),
    note: Nullable(Type.String()),
    /** Display name of who changed it. */
    changedBy: Nullable(Type.String()),
    areaM2: Type.Integer(),
    geometry: GeoJsonGeometry,
  },
  { title: 'BoundaryVersion' },
);

export const Located = Type.Object(
  {
    grid: Type.Object({ id: Id, code: Type.String(), name: Type.String(), kind: Type.String() }),
    community: Nullable(CodeRef),
    street: Nullable(CodeRef),
    district: Nullable(CodeRef),
    city: Nullable(CodeRef),
  },
  { title: 'Located' },
);
