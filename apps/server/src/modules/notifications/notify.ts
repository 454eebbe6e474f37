import type { Db } from '../../db/database.ts';
import type { PushHub, PushMessage } from './hub.ts';

export interface Outbox {
  messages: { userIds: string[]; message: PushMessage }[];
}

export function newOutbox(): Outbox {
  return { messages: [] };
}

/** Writes inbox rows inside the caller's transaction and queues their push for after commit. */
export async function notifyUsers(
  db: Db,
  outbox: Outbox,
  values: { userIds: string[]; caseId: string | null; kind: string; title: string; body?: string },
): Promise<void> {
  const userIds = [...new Set(values.userIds)];
  if (userIds.length === 0) return;
  const rows = await db
    .insertInto('notifications')
    .values(
      userIds.map((user_id) => ({
        user_id,
        case_id: values.caseId,
        kind: values.kind,
        title: values.title,
        body: values.body ?? '',
      })),
    )
    .returning(['id', 'user_id', 'kind', 'title', 'body', 'case_id', 'created_at'])
    .execute();
  for (const row of rows) {
    outbox.messages.push({
      userIds: [row.user_id],
      message: {
        type: 'notification',
        item: {
          id: row.id,
          kind: row.kind,
          title: row.title,
          body: row.body,
          caseId: row.case_id,
          createdAt: row.created_at,
        },
      },
    });
  }
}

export function flush(hub: PushHub, outbox: Outbox): void {
  for (const { userIds, message } of outbox.messages) hub.send(userIds, message);
  outbox.messages.length = 0;
}
