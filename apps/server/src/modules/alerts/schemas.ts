import { Type } from 'typebox';
import { Id, Nullable, Timestamp } from '../../http/schemas.ts';

// Response shape of the alert routes (presenter.ts), also the item pushed to the live sockets.

export const AlertItem = Type.Object(
  {
    id: Id,
    kind: Type.String(),
    state: Type.String(),
    version: Type.Integer(),
    subject: Type.Object({
      type: Type.Union([Type.Literal('user'), Type.Literal('case'), Type.Literal('device')]),
      id: Type.String(),
      name: Type.String(),
      code: Type.Optional(Type.String()),
    }),
    unit: Type.Object({ path: Type.String(), name: Type.String() }),
    lon: Nullable(Type.Number()),
    lat: Nullable(Type.Number()),
    summary: Type.String(),
    details: Type.Record(Type.String(), Type.Unknown()),
    raisedAt: Timestamp,
    ack: Nullable(
      Type.Object({ at: Timestamp, userId: Nullable(Id), name: Type.String(), note: Type.String() }),
    ),
    closedAt: Nullable(Timestamp),
    /** What the caller may do now (ALERT_WORKFLOW of @wangge/rules). */
    actions: Type.Array(Type.String()),
  },
  { title: 'AlertItem' },
);

export const AlertPage = Type.Object(
  { items: Type.Array(AlertItem), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() },
  { title: 'AlertPage' },
);

/** An SOS sent: the alert raised (null: an open SOS of the caller already stands) and who was told. */
export const SosReceipt = Type.Object(
  { alertId: Nullable(Id), notified: Type.Array(Id) },
  { title: 'SosReceipt' },
);
