import type { Db } from '../../db/database.ts';
import type { ScheduledJob } from '../../jobs/queue.ts';
import { sweepThrottle } from './throttle.ts';

/** The hourly sweep of throttle rows that no longer count or block. */
export function throttleSweepJob(db: Db): ScheduledJob {
  return {
    queue: 'throttle-sweep',
    cron: '7 * * * *',
    async run() {
      await sweepThrottle(db);
    },
  };
}
