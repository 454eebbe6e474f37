// Personal data shown or handed out carries who and when, so a screenshot or a leaked file points
// back to the person it was given to (and to their audit record).
import type { Actor } from '../../access/actor.ts';

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai (UTC+8 all year). */
export function chinaMinute(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

export function personOf(actor: Pick<Actor, 'displayName' | 'username'>): string {
  return `${actor.displayName}（${actor.username}）`;
}

/** e.g. "查看人 张三（zhangsan）· 2026-12-04 19:30 · 仅限工作使用" */
export function watermark(
  role: '导出人' | '查看人',
  actor: Pick<Actor, 'displayName' | 'username'>,
  at: Date,
) {
  return `${role} ${personOf(actor)} · ${chinaMinute(at)} · 仅限工作使用`;
}
