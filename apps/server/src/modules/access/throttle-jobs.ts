import PgBoss from 'pg-boss';
import type { Db } from '../../db/database.ts';
import { sweepThrottle } from './throttle.ts';

export const THROTTLE_SWEEP_QUEUE = 'throttle-sweep';

/** Hourly sweep of throttle rows that no longer count or block, on pg-boss: one process does it. */
export async function startThrottleJobs(options: {
  databaseUrl: string;
  db: Db;
  log: { error(obj: object, msg: string): void };
}): Promise<{ stop(): Promise<void> }> {
  const boss = new PgBoss({ connectionString: options.databaseUrl, max: 1 });
  boss.on('error', (err) => options.log.error({ err }, 'job queue error'));
  await boss.start();
  await boss.createQueue(THROTTLE_SWEEP_QUEUE);
  await boss.schedule(THROTTLE_SWEEP_QUEUE, '7 * * * *');
  await boss.work(THROTTLE_SWEEP_QUEUE, async () => {
    await sweepThrottle(options.db);
  });
  return { stop: () => boss.stop({ graceful: true, timeout: 5000 }) };
}
