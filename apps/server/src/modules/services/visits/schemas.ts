import { Type } from 'typebox';
import { Id, Nullable, Timestamp } from '../../../http/schemas.ts';
import { CodeRef } from '../../grids/schemas.ts';

// Response shapes of the visit routes (presenter.ts, operations.ts visitSummary).

export const Visit = Type.Object(
  {
    id: Id,
    user: Type.Object({ id: Id, name: Type.String() }),
    person: Nullable(Type.Object({ id: Id, name: Nullable(Type.String()) })),
    houseId: Nullable(Id),
    grid: CodeRef,
    startedAt: Timestamp,
    endedAt: Timestamp,
    minutes: Type.Integer(),
    lon: Nullable(Type.Number()),
    lat: Nullable(Type.Number()),
    note: Type.String(),
    createdAt: Timestamp,
  },
  { title: 'Visit' },
);

export const VisitDay = Type.Object(
  { date: Type.String(), targetMinutes: Type.Integer(), items: Type.Array(Visit) },
  { title: 'VisitDay' },
);

export const VisitSummary = Type.Object(
  {
    date: Type.String(),
    items: Type.Array(
      Type.Object({
        user: Type.Object({ id: Id, username: Type.String(), displayName: Type.String() }),
        grids: Type.Array(CodeRef),
        visits: Type.Integer(),
        minutes: Type.Integer(),
        targetMinutes: Type.Integer(),
        metTarget: Type.Boolean(),
        households: Type.Integer(),
      }),
    ),
    totals: Type.Object({
      workers: Type.Integer(),
      metTarget: Type.Integer(),
      visits: Type.Integer(),
      minutes: Type.Integer(),
    }),
  },
  { title: 'VisitSummary' },
);
