import { Type } from 'typebox';
import { Id, Nullable, Timestamp } from '../../http/schemas.ts';

// Response shapes of the venue-inspection routes (presenter.ts); each `title` is the console's type name.

export const InspectionOutcome = Type.Union([Type.Literal('pass'), Type.Literal('fail')], {
  title: 'InspectionOutcome',
});
export const InspectionDueStatus = Type.Union(
  [Type.Literal('due'), Type.Literal('overdue'), Type.Literal('done')],
  {
    title: 'InspectionDueStatus',
  },
);

export const InspectionChecklist = Type.Object(
  {
    code: Type.String(),
    nameZh: Type.String(),
    nameEn: Type.String(),
    unitKinds: Type.Array(Type.String()),
    cycleDays: Type.Integer(),
    items: Type.Array(
      Type.Object({
        key: Type.String(),
        labelZh: Type.String(),
        labelEn: Type.String(),
        hazardCategoryCode: Nullable(Type.String()),
      }),
    ),
  },
  { title: 'InspectionChecklist' },
);

export const Inspection = Type.Object(
  {
    id: Id,
    unit: Type.Object({ id: Id, name: Type.String(), kind: Type.String() }),
    checklistCode: Type.String(),
    checklistName: Type.String(),
    inspector: Type.Object({ id: Id, name: Type.String() }),
    observedAt: Timestamp,
    createdAt: Timestamp,
    outcome: InspectionOutcome,
    failedCount: Type.Integer(),
    results: Type.Array(
      Type.Object({
        key: Type.String(),
        labelZh: Type.String(),
        labelEn: Type.String(),
        result: Type.String(),
        note: Type.Optional(Nullable(Type.String())),
        photoIds: Type.Optional(Type.Array(Id)),
      }),
    ),
    note: Nullable(Type.String()),
    caseId: Nullable(Id),
    caseCode: Nullable(Type.String()),
    lon: Nullable(Type.Number()),
    lat: Nullable(Type.Number()),
    gridId: Id,
  },
  { title: 'Inspection' },
);

export const InspectionDueItem = Type.Object(
  {
    unit: Type.Object({
      id: Id,
      name: Type.String(),
      kind: Type.String(),
      fireSafetyLevel: Type.String(),
      address: Nullable(Type.String()),
      gridId: Id,
      gridName: Type.String(),
      lon: Nullable(Type.Number()),
      lat: Nullable(Type.Number()),
    }),
    checklistCode: Type.String(),
    checklistName: Type.String(),
    cycleDays: Type.Integer(),
    lastInspectedAt: Nullable(Timestamp),
    lastOutcome: Nullable(InspectionOutcome),
    dueOn: Type.String({ description: 'YYYY-MM-DD' }),
    status: InspectionDueStatus,
  },
  { title: 'InspectionDueItem' },
);

export const InspectionDuePage = Type.Object(
  {
    items: Type.Array(InspectionDueItem),
    total: Type.Integer(),
    counts: Type.Record(Type.String(), Type.Integer()),
    today: Type.String({ description: 'YYYY-MM-DD, China time' }),
  },
  { title: 'InspectionDuePage' },
);

export const InspectionSaved = Type.Object(
  { inspection: Inspection, caseId: Nullable(Id), caseCode: Nullable(Type.String()) },
  { title: 'InspectionSaved' },
);
