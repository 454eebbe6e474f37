import type { Bilingual } from '../labels/index.ts';

// A community notice (通知公告) is shown to residents from its publication until its expiry,
// unless withdrawn; the console shows which of the four it is.

export const NOTICE_STATES = ['scheduled', 'current', 'expired', 'withdrawn'] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];

export const NOTICE_STATE_LABELS: Readonly<Record<NoticeState, Bilingual>> = {
  scheduled: { zh: '待发布', en: 'Scheduled' },
  current: { zh: '展示中', en: 'Shown' },
  expired: { zh: '已过期', en: 'Expired' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

export function noticeState(
  notice: { publishAt: Date; expireAt: Date | null; withdrawnAt: Date | null },
  now: Date,
): NoticeState {
  if (notice.withdrawnAt) return 'withdrawn';
  if (notice.publishAt > now) return 'scheduled';
  if (notice.expireAt && notice.expireAt <= now) return 'expired';
  return 'current';
}
