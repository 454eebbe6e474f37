import { Type } from 'typebox';
import { Id, Nullable, Timestamp } from '../../http/schemas.ts';

// Response shapes of the register routes (people, search); each `title` is the console's type
// name. Dates of the registers (birth, validity) travel as YYYY-MM-DD; ID numbers and phones are
// always masked here — plaintext only ever comes from the audited reveal.

const DateOnly = Type.String({ description: 'YYYY-MM-DD' });
const Data = Nullable(Type.Record(Type.String(), Type.Unknown()));

export const PersonStatus = Type.Union(
  [Type.Literal('active'), Type.Literal('moved_out'), Type.Literal('deregistered'), Type.Literal('deceased')],
  { title: 'PersonStatus' },
);

const personSummaryProperties = {
  id: Id,
  name: Type.String(),
  gender: Type.String(),
  birthDate: Nullable(DateOnly),
  idNumber: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  gridId: Id,
  addressId: Nullable(Id),
  address: Nullable(Type.String()),
  status: PersonStatus,
  statusDate: Nullable(DateOnly),
};

/** A person as lists and details show them: ID and phone always masked. */
export const PersonSummary = Type.Object(personSummaryProperties, { title: 'PersonSummary' });

export const PersonRole = Type.Object(
  {
    id: Id,
    kind: Type.String(),
    data: Data,
    validFrom: Nullable(DateOnly),
    validTo: Nullable(DateOnly),
    current: Type.Boolean(),
  },
  { title: 'PersonRole' },
);

export const GroupRecord = Type.Object(
  {
    id: Id,
    personId: Id,
    typeCode: Type.String(),
    extra: Data,
    attentionLevel: Type.String(),
    openedOn: Nullable(DateOnly),
    closedOn: Nullable(DateOnly),
    closeReason: Nullable(Type.String()),
    open: Type.Boolean(),
  },
  { title: 'GroupRecord' },
);

export const PersonHouseLink = Type.Object(
  {
    linkId: Id,
    houseId: Id,
    kind: Type.String(),
    address: Nullable(Type.String()),
    validFrom: Nullable(DateOnly),
    validTo: Nullable(DateOnly),
  },
  { title: 'PersonHouseLink' },
);

export const PersonUnitLink = Type.Object(
  {
    linkId: Id,
    unitId: Id,
    role: Type.String(),
    unitName: Type.String(),
    validFrom: Nullable(DateOnly),
    validTo: Nullable(DateOnly),
  },
  { title: 'PersonUnitLink' },
);

export const PersonDetail = Type.Object(
  {
    ...personSummaryProperties,
    gridName: Type.String(),
    ethnicity: Nullable(Type.String()),
    hukouPlace: Nullable(Type.String()),
    roles: Type.Array(PersonRole),
    houses: Type.Array(PersonHouseLink),
    units: Type.Array(PersonUnitLink),
    specialGroups: Type.Array(GroupRecord),
    careGroups: Type.Array(GroupRecord),
    actions: Type.Array(Type.String()),
  },
  { title: 'PersonDetail' },
);

export const PersonPage = Type.Object(
  { items: Type.Array(PersonSummary), total: Type.Integer() },
  { title: 'PersonPage' },
);

export const RevealResult = Type.Object(
  {
    field: Type.Union([Type.Literal('idNumber'), Type.Literal('phone')]),
    value: Type.String(),
    /** Who revealed it and when ("查看人 张三（zhangsan）· 2026-12-04 19:30 · 仅限工作使用"), shown beside it. */
    watermark: Type.String(),
  },
  { title: 'RevealResult' },
);

export const PersonHit = Type.Object(
  {
    type: Type.Literal('person'),
    ...personSummaryProperties,
    /** Current roles: registered, floating, overseas, left_behind. */
    roles: Type.Array(Type.String()),
    careGroups: Type.Array(Type.String()),
    /** Open special groups of the types the caller may see. */
    specialGroups: Type.Array(Type.String()),
    /** The house at their address is let. */
    rental: Type.Boolean(),
    /** The building of their address, for the matrix; null when not in a building. */
    buildingId: Nullable(Id),
  },
  { title: 'PersonHit' },
);
export const UnitHit = Type.Object(
  {
    type: Type.Literal('unit'),
    id: Id,
    name: Type.String(),
    kind: Type.String(),
    creditCode: Nullable(Type.String()),
    address: Nullable(Type.String()),
    gridId: Id,
  },
  { title: 'UnitHit' },
);
export const HouseHit = Type.Object(
  {
    type: Type.Literal('house'),
    id: Id,
    address: Type.String(),
    addressId: Id,
    isRental: Nullable(Type.Boolean()),
    gridId: Id,
    buildingId: Nullable(Id),
  },
  { title: 'HouseHit' },
);
export const AddressHit = Type.Object(
  {
    type: Type.Literal('address'),
    id: Id,
    level: Type.String(),
    fullName: Type.String(),
    gridId: Id,
    buildingId: Nullable(Id),
  },
  { title: 'AddressHit' },
);
export const RegisterSearchHit = Type.Union([PersonHit, UnitHit, HouseHit, AddressHit], {
  title: 'RegisterSearchHit',
});

export const RegisterSearchResult = Type.Object(
  {
    query: Type.Object({ kind: Type.String() }),
    items: Type.Array(RegisterSearchHit),
    offset: Type.Integer(),
    limit: Type.Integer(),
    /** Another page follows (offset + limit). */
    more: Type.Boolean(),
  },
  { title: 'RegisterSearchResult' },
);

export const HouseOccupant = Type.Object(
  { linkId: Id, kind: Type.String(), validFrom: Nullable(DateOnly), person: PersonSummary },
  { title: 'HouseOccupant' },
);
const houseProperties = {
  id: Id,
  addressId: Id,
  address: Nullable(Type.String()),
  buildingId: Nullable(Id),
  gridId: Id,
  use: Type.String(),
  structure: Type.String(),
  areaM2: Nullable(Type.Number()),
  isRental: Type.Boolean(),
  rentalHazard: Nullable(Type.String()),
  isDangerous: Type.Boolean(),
  note: Nullable(Type.String()),
  ownership: Nullable(Type.String()),
  occupancy: Nullable(Type.String()),
  retiredAt: Nullable(Timestamp),
};
export const HouseSummary = Type.Object(houseProperties, { title: 'HouseSummary' });
export const HouseDetail = Type.Object(
  { ...houseProperties, people: Type.Array(HouseOccupant), actions: Type.Array(Type.String()) },
  { title: 'HouseDetail' },
);

export const UnitMember = Type.Object(
  { linkId: Id, role: Type.String(), validFrom: Nullable(DateOnly), person: PersonSummary },
  { title: 'UnitMember' },
);
const unitProperties = {
  id: Id,
  kind: Type.String(),
  name: Type.String(),
  creditCode: Nullable(Type.String()),
  legalRep: Nullable(Type.Object({ personId: Id, name: Nullable(Type.String()) })),
  employees: Type.Integer(),
  supervisingDepartment: Nullable(Type.Object({ id: Id, name: Nullable(Type.String()) })),
  fireSafetyLevel: Type.String(),
  addressId: Nullable(Id),
  address: Nullable(Type.String()),
  gridId: Id,
  retiredAt: Nullable(Timestamp),
};
export const UnitSummary = Type.Object(unitProperties, { title: 'UnitSummary' });
export const UnitDetail = Type.Object(
  { ...unitProperties, people: Type.Array(UnitMember), actions: Type.Array(Type.String()) },
  { title: 'UnitDetail' },
);

const addressProperties = {
  id: Id,
  parentId: Nullable(Id),
  level: Type.String(),
  code: Type.String(),
  name: Type.String(),
  fullName: Type.String(),
  gridId: Id,
  buildingId: Nullable(Id),
  unitNo: Nullable(Type.Integer()),
  floor: Nullable(Type.Integer()),
  room: Nullable(Type.String()),
  retiredAt: Nullable(Timestamp),
};
export const AddressSummary = Type.Object(addressProperties, { title: 'AddressSummary' });
export const AddressDetail = Type.Object(
  {
    ...addressProperties,
    /** From the top (a road or community) down to the parent. */
    ancestors: Type.Array(
      Type.Object({ id: Id, level: Type.String(), name: Type.String(), code: Type.String() }),
    ),
    actions: Type.Array(Type.String()),
  },
  { title: 'AddressDetail' },
);

export const HousePage = Type.Object(
  { items: Type.Array(HouseSummary), total: Type.Integer() },
  { title: 'HousePage' },
);
export const UnitPage = Type.Object(
  { items: Type.Array(UnitSummary), total: Type.Integer() },
  { title: 'UnitPage' },
);
export const AddressPage = Type.Object(
  { items: Type.Array(AddressSummary), total: Type.Integer() },
  { title: 'AddressPage' },
);

export const RegisterEvent = Type.Object(
  {
    id: Id,
    kind: Type.String(),
    effectiveDate: Nullable(DateOnly),
    at: Timestamp,
    actor: Nullable(Type.String()),
    changes: Data,
  },
  { title: 'RegisterEvent' },
);

const Counts = Type.Record(Type.String(), Type.Integer());
export const RegisterStats = Type.Object(
  {
    peopleByStatus: Counts,
    activeByRole: Counts,
    specialGroups: Counts,
    careGroups: Counts,
    grids: Type.Array(
      Type.Object({
        gridId: Id,
        code: Type.String(),
        name: Type.String(),
        households: Type.Integer(),
        people: Type.Integer(),
      }),
    ),
  },
  { title: 'RegisterStats' },
);

export const MatrixPerson = Type.Object(
  {
    ...personSummaryProperties,
    /** The first of linkKinds: how the person is linked to the room (resident, owner, …). */
    linkKind: Type.String(),
    linkKinds: Type.Array(Type.String()),
    roles: Type.Array(Type.String()),
    specialGroups: Type.Array(Type.String()),
    careGroups: Type.Array(Type.String()),
  },
  { title: 'MatrixPerson' },
);
export const MatrixRoom = Type.Object(
  {
    addressId: Id,
    room: Nullable(Type.String()),
    houseId: Nullable(Id),
    use: Nullable(Type.String()),
    residents: Type.Integer(),
    flags: Type.Object({
      rental: Type.Boolean(),
      rentalHazard: Nullable(Type.String()),
      dangerous: Type.Boolean(),
      vacant: Type.Boolean(),
      specialGroup: Type.Boolean(),
      careGroup: Type.Boolean(),
      floating: Type.Boolean(),
    }),
    people: Type.Array(MatrixPerson),
  },
  { title: 'MatrixRoom' },
);
export const BuildingMatrix = Type.Object(
  {
    building: Type.Object({
      id: Id,
      code: Type.String(),
      name: Type.String(),
      address: Nullable(Type.String()),
      floors: Nullable(Type.Integer()),
      units: Nullable(Type.Integer()),
      grid: Type.Object({ id: Id, name: Type.String() }),
    }),
    households: Type.Integer(),
    rooms: Type.Integer(),
    units: Type.Array(
      Type.Object({
        unitNo: Type.Integer(),
        floors: Type.Array(Type.Object({ floor: Type.Integer(), rooms: Type.Array(MatrixRoom) })),
      }),
    ),
  },
  { title: 'BuildingMatrix' },
);

/** A household member added: the house's detail and who was added (created: a new link). */
export const HouseMemberAdded = Type.Object(
  {
    ...HouseDetail.properties,
    added: Type.Object({ personId: Id, linkId: Id, created: Type.Boolean() }),
  },
  { title: 'HouseMemberAdded' },
);

/** A person linked to a house or unit. */
export const RegisterLinkCreated = Type.Object({ linkId: Id }, { title: 'RegisterLinkCreated' });
export const RegisterLinkEnded = Type.Object({ ok: Type.Boolean() }, { title: 'RegisterLinkEnded' });

/** An Excel import job (import/routes.ts presentImport): progress, counts, the first bad rows. */
export const RegisterImportJob = Type.Object(
  {
    id: Id,
    register: Type.String(),
    dryRun: Type.Boolean(),
    fileName: Nullable(Type.String()),
    status: Type.Union([
      Type.Literal('running'),
      Type.Literal('succeeded'),
      Type.Literal('rejected'),
      Type.Literal('failed'),
    ]),
    rowsTotal: Type.Integer(),
    rowsDone: Type.Integer(),
    /** How far the file has been read, 0–1 (1 when finished). */
    progress: Type.Number(),
    rowsCreated: Type.Integer(),
    errorsTotal: Type.Integer(),
    /** The first 10,000 bad rows (errorsTotal counts them all): Excel row, column header, field, reason. */
    errors: Type.Array(
      Type.Object({
        row: Type.Integer(),
        column: Type.String(),
        field: Type.String(),
        reason: Type.String(),
      }),
    ),
    message: Nullable(Type.String()),
    createdAt: Timestamp,
    finishedAt: Nullable(Timestamp),
  },
  { title: 'RegisterImportJob' },
);
