import { type Bilingual, type NotificationKey, notificationTitle } from '@wangge/rules';
import type { Db } from '../../db/database.ts';
import type { NotificationParams } from '../../db/schema.ts';
import type { FeedItem } from '../../events/messages.ts';
import type { PushHub, PushMessage } from './hub.ts';
import { presentNotification } from './presenter.ts';

export interface Outbox {
  messages: { userIds: string[]; message: PushMessage }[];
  /** Lines for the command centre's live feed, published with the pushes (modules/command/feed.ts). */
  feed?: FeedItem[];
}

export function newOutbox(): Outbox {
  return { messages: [], feed: [] };
}

export interface NotifyValues {
  userIds: string[];
  caseId: string | null;
  kind: NotificationKey;
  /** The title's key in the notification labels of @wangge/rules when it is not the kind itself. */
  titleKey?: NotificationKey;
  /** What the notification is about (a case title, a category, an errand), in both languages. */
  subject?: Bilingual;
  body?: string;
  errandId?: string;
  /** Where the console opens it when it concerns no case or errand (a path of the console). */
  link?: string;
}

/**
 * Writes inbox rows inside the caller's transaction and queues their push for after commit. The
 * title is stored as data, so each reader's client renders it in the reader's language; the
 * Chinese text is kept beside it for clients that read only `title`.
 */
export async function notifyUsers(db: Db, outbox: Outbox, values: NotifyValues): Promise<void> {
  const userIds = [...new Set(values.userIds)];
  if (userIds.length === 0) return;
  const row = notificationRow(values);
  const rows = await db
    .insertInto('notifications')
    .values(userIds.map((user_id) => ({ user_id, ...row })))
    .returning(NOTIFICATION_COLUMNS)
    .execute();
  queueNotifications(outbox, rows);
}

/** The columns every recipient's copy shares (all but the user). */
export function notificationRow(values: Omit<NotifyValues, 'userIds'>) {
  const params: NotificationParams = {
    key: values.titleKey ?? values.kind,
    ...(values.subject ? { subject: values.subject } : {}),
    ...(values.errandId ? { errandId: values.errandId } : {}),
    ...(values.link ? { link: values.link } : {}),
  };
  return {
    case_id: values.caseId,
    kind: values.kind,
    title: notificationTitle({ titleKey: params.key, subject: params.subject }, 'zh'),
    body: values.body ?? '',
    params: JSON.stringify(params),
  };
}

export const NOTIFICATION_COLUMNS = [
  'id',
  'user_id',
  'kind',
  'title',
  'body',
  'params',
  'case_id',
  'created_at',
] as const;

/** Queues the push of written inbox rows, sent by flush() after commit. */
export function queueNotifications(
  outbox: Outbox,
  rows: (Parameters<typeof presentNotification>[0] & { user_id: string })[],
): void {
  for (const row of rows) {
    outbox.messages.push({
      userIds: [row.user_id],
      message: { type: 'notification', item: presentNotification(row) },
    });
  }
}

export function flush(hub: PushHub, outbox: Outbox): void {
  for (const { userIds, message } of outbox.messages) hub.send(userIds, message);
  outbox.messages.length = 0;
  for (const item of outbox.feed ?? []) hub.publishFeed(item);
  if (outbox.feed) outbox.feed.length = 0;
}
