import { Type } from 'typebox';
import { Id, Nullable, Timestamp } from '../../http/schemas.ts';

// Response shapes of the notice routes (presenter.ts); each `title` is the console's type name.

export const Notice = Type.Object(
  {
    id: Id,
    community: Type.Object({ id: Id, name: Type.String() }),
    title: Type.String(),
    body: Type.String(),
    publishAt: Timestamp,
    expireAt: Nullable(Timestamp),
    state: Type.Union([
      Type.Literal('scheduled'),
      Type.Literal('current'),
      Type.Literal('expired'),
      Type.Literal('withdrawn'),
    ]),
  },
  { title: 'Notice' },
);

export const NoticeList = Type.Object(
  { items: Type.Array(Notice), communities: Type.Array(Type.Object({ id: Id, name: Type.String() })) },
  { title: 'NoticeList' },
);

/** What residents see: no author, no state. */
export const PublicNotice = Type.Object(
  { id: Id, title: Type.String(), body: Type.String(), publishAt: Timestamp, expireAt: Nullable(Timestamp) },
  { title: 'PublicNotice' },
);
