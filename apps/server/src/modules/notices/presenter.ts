import { noticeState } from '@wangge/rules';
import type { NoticeRow } from './repository.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentNotice(row: NoticeRow) {
  return {
    id: row.id,
    community: { id: row.community_id, name: row.community_name },
    title: row.title,
    body: row.body,
    publishAt: row.publish_at.toISOString(),
    expireAt: iso(row.expire_at),
    state: noticeState(
      { publishAt: row.publish_at, expireAt: row.expire_at, withdrawnAt: row.withdrawn_at },
      new Date(),
    ),
  };
}

/** What residents see: no author, no state. */
export function presentPublicNotice(row: NoticeRow) {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    publishAt: row.publish_at.toISOString(),
    expireAt: iso(row.expire_at),
  };
}
