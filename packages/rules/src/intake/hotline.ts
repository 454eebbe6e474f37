// 12345 hotline transfer (issue 14 point 2): the signed request's freshness and the call-back's
// retry schedule. The HMAC itself is computed by the server (node:crypto).
import type { Bilingual } from '../labels/index.ts';

/** What is signed: timestamp, nonce and the raw body, joined by newlines. */
export function hotlineSigningString(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}`;
}

/**
 * The timestamp header (Unix seconds) must lie within ±windowSeconds of now; outside it the
 * request is a replay (or a badly wrong clock) and is refused.
 */
export function hotlineTimestampProblem(
  header: string | undefined,
  nowMs: number,
  windowSeconds: number,
): 'missing' | 'malformed' | 'stale' | null {
  if (header === undefined || header === '') return 'missing';
  if (!/^\d{1,12}$/.test(header)) return 'malformed';
  const skew = Math.abs(nowMs / 1000 - Number(header));
  return skew > windowSeconds ? 'stale' : null;
}

/** Attempts of one call-back before it is given up (marked failed, visible in the delivery log). */
export const HOTLINE_CALLBACK_MAX_ATTEMPTS = 8;

/** Wait before the next attempt after `attempts` failures: 30 s doubling, at most 1 hour. */
export function hotlineCallbackBackoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export const HOTLINE_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type HotlineDeliveryStatus = (typeof HOTLINE_DELIVERY_STATUSES)[number];

export const HOTLINE_DELIVERY_LABELS: Readonly<Record<HotlineDeliveryStatus, Bilingual>> = {
  pending: { zh: '待发送', en: 'Pending' },
  delivered: { zh: '已送达', en: 'Delivered' },
  failed: { zh: '发送失败', en: 'Failed' },
};
