import { Type } from 'typebox';
import { Id, Nullable, Timestamp } from '../../../http/schemas.ts';

// Response shapes of the errand routes (presenter.ts); each `title` is the console's type name.
// States and actions stay open strings (labelled by @wangge/rules).

const Vocabulary = Type.Object({ key: Type.String(), labelZh: Type.String(), labelEn: Type.String() });

/** An extra field an errand type asks for (ExtraFieldSpec of @wangge/rules). */
export const ErrandFieldSpec = Type.Object(
  {
    key: Type.String(),
    labelZh: Type.String(),
    labelEn: Type.String(),
    type: Type.String(),
    required: Type.Boolean(),
    options: Type.Optional(Type.Array(Vocabulary)),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    integer: Type.Optional(Type.Boolean()),
    maxLength: Type.Optional(Type.Integer()),
    format: Type.Optional(Type.String()),
    notBefore: Type.Optional(Type.String()),
  },
  { title: 'ErrandFieldSpec' },
);

export const ErrandType = Type.Object(
  {
    code: Type.String(),
    nameZh: Type.String(),
    nameEn: Type.String(),
    requiredFields: Type.Array(ErrandFieldSpec),
    requiredDocuments: Type.Array(Vocabulary),
    departmentKind: Type.String(),
    timeLimitDays: Type.Integer(),
    active: Type.Boolean(),
  },
  { title: 'ErrandType' },
);

export const ErrandTypeList = Type.Object({ items: Type.Array(ErrandType) }, { title: 'ErrandTypeList' });

const Named = Type.Object({ id: Id, name: Type.String() });

export const ErrandSummary = Type.Object(
  {
    id: Id,
    code: Type.String(),
    type: Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
    person: Named,
    grid: Type.Object({ id: Id, code: Type.String(), name: Type.String() }),
    state: Type.String(),
    stateLabel: Type.Object({ zh: Type.String(), en: Type.String() }),
    version: Type.Integer(),
    startedBy: Named,
    department: Nullable(Type.Object({ id: Id, name: Nullable(Type.String()) })),
    startedAt: Timestamp,
    submittedAt: Nullable(Timestamp),
    dueAt: Nullable(Timestamp),
    completedAt: Nullable(Timestamp),
    overdue: Type.Boolean(),
    elapsed: Type.Object({ days: Type.Number(), completed: Type.Boolean() }),
  },
  { title: 'ErrandSummary' },
);

export const ErrandPage = Type.Object(
  { items: Type.Array(ErrandSummary), total: Type.Integer() },
  { title: 'ErrandPage' },
);

export const ErrandFile = Type.Object(
  { attachmentId: Id, url: Type.String(), thumbnailUrl: Type.String() },
  { title: 'ErrandFile' },
);

export const ErrandDetail = Type.Object(
  {
    ...ErrandSummary.properties,
    person: Type.Object({
      id: Id,
      name: Type.String(),
      gender: Nullable(Type.String()),
      idNumber: Nullable(Type.String()),
    }),
    fieldSpec: Type.Array(ErrandFieldSpec),
    fields: Type.Record(Type.String(), Type.Unknown()),
    note: Type.String(),
    completionNote: Nullable(Type.String()),
    timeLimitDays: Type.Integer(),
    requiredDocuments: Type.Array(
      Type.Object({
        ...Vocabulary.properties,
        present: Type.Boolean(),
        file: Nullable(ErrandFile),
        addedAt: Nullable(Timestamp),
        addedBy: Nullable(Type.String()),
      }),
    ),
    documents: Type.Array(
      Type.Object({
        documentKey: Type.String(),
        ...ErrandFile.properties,
        addedAt: Timestamp,
        addedBy: Type.String(),
        current: Type.Boolean(),
      }),
    ),
    steps: Type.Array(
      Type.Object({
        seq: Type.Integer(),
        action: Type.String(),
        fromState: Nullable(Type.String()),
        toState: Type.String(),
        actorName: Type.String(),
        actorRole: Type.String(),
        at: Timestamp,
        note: Nullable(Type.String()),
        reason: Nullable(Type.String()),
        details: Type.Record(Type.String(), Type.Unknown()),
        /** A delivery's handover photo. */
        photo: Nullable(ErrandFile),
      }),
    ),
    /** What the caller may do now (the errand workflow of @wangge/rules). */
    actions: Type.Array(Type.String()),
  },
  { title: 'ErrandDetail' },
);
