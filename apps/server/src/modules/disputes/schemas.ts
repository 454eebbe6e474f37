import { Type } from 'typebox';
import { Id, Nullable, Timestamp } from '../../http/schemas.ts';

// Response shapes of the dispute routes (presenter.ts); each `title` is the console's type name.
// States, risk levels, roles and mediator kinds stay open strings (labelled by @wangge/rules).

export const DisputeSummary = Type.Object(
  {
    caseId: Id,
    caseCode: Type.String(),
    caseTitle: Type.String(),
    categoryCode: Type.String(),
    caseState: Type.String(),
    gridName: Type.String(),
    state: Type.String(),
    version: Type.Integer(),
    riskLevel: Type.String(),
    summary: Type.String(),
    escalatedAt: Nullable(Timestamp),
    agreedAt: Nullable(Timestamp),
    followUpsDone: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'DisputeSummary' },
);

export const DisputePage = Type.Object(
  {
    items: Type.Array(DisputeSummary),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  },
  { title: 'DisputePage' },
);

export const DisputeStatus = Type.Object(
  { record: Nullable(DisputeSummary), actions: Type.Array(Type.String()) },
  { title: 'DisputeStatus' },
);

export const DisputeDetail = Type.Object(
  {
    ...DisputeSummary.properties,
    agreement: Nullable(Type.Object({ attachmentId: Id, url: Type.String(), thumbnailUrl: Type.String() })),
    followUps: Type.Array(Type.Object({ dueDate: Type.String(), done: Type.Boolean() })),
    parties: Type.Array(
      Type.Object({
        id: Id,
        role: Type.String(),
        name: Type.String(),
        personId: Nullable(Id),
        note: Type.String(),
      }),
    ),
    mediators: Type.Array(
      Type.Object({
        id: Id,
        kind: Type.String(),
        userId: Nullable(Id),
        name: Type.String(),
        organisation: Type.String(),
        addedAt: Timestamp,
      }),
    ),
    steps: Type.Array(
      Type.Object({
        seq: Type.Integer(),
        action: Type.String(),
        fromState: Nullable(Type.String()),
        toState: Type.String(),
        actorName: Type.String(),
        note: Nullable(Type.String()),
        reason: Nullable(Type.String()),
        details: Type.Record(Type.String(), Type.Unknown()),
        at: Timestamp,
      }),
    ),
    /** What the caller may do now (DISPUTE_WORKFLOW of @wangge/rules). */
    actions: Type.Array(Type.String()),
  },
  { title: 'DisputeDetail' },
);
