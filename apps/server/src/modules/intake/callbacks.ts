import { HOTLINE_CALLBACK_MAX_ATTEMPTS, hotlineCallbackBackoffMs, label } from '@wangge/rules';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { ScheduledJob } from '../../jobs/queue.ts';
import { intakeRepository as repo } from './repository.ts';
import { signedHeaders } from './signature.ts';

const BATCH = 50;
const LEASE_SECONDS = 120;
const TIMEOUT_MS = 10_000;

/**
 * Sends the due call-backs of hotline cases, each signed like the pushes (signature.ts). A 2xx
 * answer delivers it; anything else (error status, refused connection, timeout) waits
 * hotlineCallbackBackoffMs and tries again, up to HOTLINE_CALLBACK_MAX_ATTEMPTS, then it is failed.
 * Each row carries its step's time, so a receiver orders call-backs that overtook each other.
 */
export async function deliverHotlineCallbacks(options: {
  db: Db;
  config: Pick<Config, 'hotline'>;
  log: { warn(obj: object, msg: string): void };
}): Promise<{ delivered: number; retried: number; failed: number }> {
  const { db, config } = options;
  const counts = { delivered: 0, retried: 0, failed: 0 };
  const { secret, callbackUrl } = config.hotline;
  if (!secret || !callbackUrl) return counts;
  for (const row of await repo.claimDueCallbacks(db, BATCH, LEASE_SECONDS)) {
    const body = JSON.stringify({
      orderNo: row.order_no,
      caseCode: row.case_code,
      state: row.state,
      stateName: label('caseState', row.state, 'zh'),
      action: row.action,
      note: row.public_note,
      at: row.created_at.toISOString(),
    });
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(callbackUrl, {
        method: 'POST',
        headers: signedHeaders(secret, body),
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      statusCode = res.status;
      await res.body?.cancel();
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (err) {
      error = (err as Error).message.slice(0, 200);
    }
    const attempts = row.attempts + 1;
    const status = !error ? 'delivered' : attempts >= HOTLINE_CALLBACK_MAX_ATTEMPTS ? 'failed' : 'pending';
    counts[status === 'pending' ? 'retried' : status]++;
    if (error) options.log.warn({ callback: row.id, attempts, error }, 'hotline call-back not delivered');
    await repo.recordAttempt(db, row.id, {
      status,
      attempts,
      statusCode,
      error,
      retryInMs: status === 'pending' ? hotlineCallbackBackoffMs(attempts) : 0,
    });
  }
  return counts;
}

/** Every minute: due call-backs, and nonces too old to matter (the timestamp window refuses them). */
export function hotlineCallbacksJob(options: {
  db: Db;
  config: Pick<Config, 'hotline'>;
  log: { warn(obj: object, msg: string): void };
}): ScheduledJob {
  return {
    queue: 'hotline-callbacks',
    cron: '* * * * *',
    async run() {
      await deliverHotlineCallbacks(options);
      await repo.pruneNonces(options.db, options.config.hotline.windowSeconds * 2);
    },
  };
}
