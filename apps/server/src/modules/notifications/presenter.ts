import { Type } from 'typebox';
import type { NotificationParams } from '../../db/schema.ts';
import { Id, iso, isoOrNull, Nullable, Timestamp } from '../../http/schemas.ts';

/** A notification of the signed-in user (the console's UserNotification, not the DOM's). */
export const UserNotification = Type.Object(
  {
    id: Id,
    kind: Type.String(),
    /** The Chinese title as stored; shown only for notifications older than titleKey. */
    title: Type.String(),
    /** Key of the title in the notification labels of @wangge/rules (notificationTitle renders it). */
    titleKey: Nullable(Type.String()),
    subject: Nullable(Type.Object({ zh: Type.String(), en: Type.String() })),
    body: Type.String(),
    caseId: Nullable(Id),
    errandId: Nullable(Id),
    /** A console path to open when the notification concerns no case or errand. */
    link: Nullable(Type.String()),
    createdAt: Timestamp,
    /** Absent in a live push (a pushed notification is new). */
    readAt: Type.Optional(Nullable(Timestamp)),
  },
  { title: 'UserNotification' },
);

export const NotificationPage = Type.Object(
  { items: Type.Array(UserNotification), unread: Type.Integer() },
  { title: 'NotificationPage' },
);

/** One inbox row as the API and the push socket show it. */
export function presentNotification(row: {
  id: string;
  kind: string;
  title: string;
  body: string;
  params: NotificationParams;
  case_id: string | null;
  created_at: Date;
  read_at?: Date | null;
}) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    titleKey: row.params.key ?? null,
    subject: row.params.subject ?? null,
    body: row.body,
    caseId: row.case_id,
    errandId: row.params.errandId ?? null,
    link: row.params.link ?? null,
    createdAt: iso(row.created_at),
    ...(row.read_at === undefined ? {} : { readAt: isoOrNull(row.read_at) }),
  };
}

export type NotificationItem = ReturnType<typeof presentNotification>;
