import { Type } from 'typebox';
import { Id, Nullable, Timestamp } from '../../http/schemas.ts';

// Response shapes of the 12345 hotline routes (routes.ts, presenter.ts); each `title` is the
// console's type name.

/** The pushed order's receipt: its case, new (201) or already received (200). */
export const HotlineReceipt = Type.Object(
  {
    orderNo: Type.String(),
    caseId: Id,
    caseCode: Type.String(),
    state: Type.String(),
    created: Type.Boolean(),
  },
  { title: 'HotlineReceipt' },
);

export const HotlineCallback = Type.Object(
  {
    id: Id,
    orderNo: Type.String(),
    case: Type.Object({ id: Id, code: Type.String(), title: Type.String() }),
    state: Type.String(),
    stateName: Type.Object({ zh: Type.String(), en: Type.String() }),
    action: Type.String(),
    status: Type.String(),
    attempts: Type.Integer(),
    lastStatusCode: Nullable(Type.Integer()),
    lastError: Nullable(Type.String()),
    nextAttemptAt: Nullable(Timestamp),
    createdAt: Timestamp,
    deliveredAt: Nullable(Timestamp),
  },
  { title: 'HotlineCallback' },
);

export const HotlineCallbackPage = Type.Object(
  {
    items: Type.Array(HotlineCallback),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  },
  { title: 'HotlineCallbackPage' },
);
