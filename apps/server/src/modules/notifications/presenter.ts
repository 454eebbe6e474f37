import type { NotificationParams } from '../../db/schema.ts';

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
    createdAt: row.created_at,
    ...(row.read_at === undefined ? {} : { readAt: row.read_at }),
  };
}

export type NotificationItem = ReturnType<typeof presentNotification>;
