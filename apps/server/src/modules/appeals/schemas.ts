import { Type } from 'typebox';
import { Id, Nullable, Timestamp } from '../../http/schemas.ts';

// Response shapes of the appeal and bonus routes; each `title` is the console's type name.

export const AppealStateSchema = Type.Union([
  Type.Literal('submitted'),
  Type.Literal('upheld'),
  Type.Literal('overturned'),
]);
export const EventKind = Type.Union([
  Type.Literal('case'),
  Type.Literal('visit'),
  Type.Literal('inspection'),
  Type.Literal('register_event'),
]);

export const AppealPhoto = Type.Object(
  { attachmentId: Id, url: Type.String(), thumbnailUrl: Type.String() },
  { title: 'AppealPhoto' },
);

export const Appeal = Type.Object(
  {
    id: Id,
    state: AppealStateSchema,
    version: Type.Integer(),
    appellant: Type.Object({ id: Id, name: Type.String() }),
    unitName: Nullable(Type.String()),
    event: Type.Object({
      kind: EventKind,
      id: Type.String(),
      code: Nullable(Type.String()),
      title: Nullable(Type.String()),
      at: Nullable(Timestamp),
      link: Nullable(Type.String()),
    }),
    countName: Type.String(),
    period: Type.String(),
    reason: Type.String(),
    photos: Type.Array(AppealPhoto),
    decision: Nullable(
      Type.Object({ by: Type.Object({ id: Id, name: Type.String() }), at: Timestamp, reason: Type.String() }),
    ),
    createdAt: Timestamp,
    actions: Type.Array(Type.String()),
  },
  { title: 'Appeal' },
);

export const AppealList = Type.Object(
  { items: Type.Array(Appeal), total: Type.Integer(), actions: Type.Array(Type.String()) },
  { title: 'AppealList' },
);

const UnitRef = Type.Object({ id: Id, name: Type.String(), level: Type.String() });

export const BonusItemSchema = Type.Object(
  {
    count: Type.String({ pattern: '^[a-z][a-z_.]{0,59}$' }),
    amountFen: Type.Integer({ minimum: -100_000_000, maximum: 100_000_000 }),
    cap: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000 }))),
  },
  { additionalProperties: false },
);

export const BonusScheme = Type.Object(
  {
    id: Id,
    unitId: Id,
    effectiveFrom: Type.String(),
    items: Type.Array(
      Type.Object({ count: Type.String(), amountFen: Type.Integer(), cap: Nullable(Type.Integer()) }),
    ),
    note: Type.String(),
    createdBy: Nullable(Type.Object({ id: Id, name: Type.String() })),
    createdAt: Timestamp,
  },
  { title: 'BonusScheme' },
);

export const BonusSchemeList = Type.Object(
  {
    unit: UnitRef,
    items: Type.Array(BonusScheme),
    counts: Type.Array(Type.String()),
    actions: Type.Array(Type.String()),
  },
  { title: 'BonusSchemeList' },
);

const Line = Type.Object({
  count: Type.String(),
  events: Type.Integer(),
  counted: Type.Integer(),
  amountFen: Type.Integer(),
  totalFen: Type.Integer(),
});

export const BonusSheetResponse = Type.Object(
  {
    period: Type.String(),
    unit: UnitRef,
    schemes: Type.Array(Type.Object({ id: Id, unitId: Id, effectiveFrom: Type.String() })),
    items: Type.Array(
      Type.Object({ count: Type.String(), amountFen: Type.Integer(), cap: Nullable(Type.Integer()) }),
    ),
    rows: Type.Array(
      Type.Object({
        worker: Type.Object({
          id: Id,
          name: Type.String(),
          username: Type.String(),
          unitName: Type.String(),
        }),
        lines: Type.Array(Line),
        bonusFen: Type.Integer(),
        deductionFen: Type.Integer(),
        totalFen: Type.Integer(),
      }),
    ),
    totals: Type.Object({ bonusFen: Type.Integer(), deductionFen: Type.Integer(), totalFen: Type.Integer() }),
  },
  { title: 'BonusSheet' },
);
