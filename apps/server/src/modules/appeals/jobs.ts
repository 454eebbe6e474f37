import { addMonths, monthOf } from '@wangge/rules';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { ScheduledJob } from '../../jobs/queue.ts';
import type { PushHub } from '../notifications/hub.ts';
import { generateMonthlyReports } from './monthly-reports.ts';

/** The month before the one `now` falls in, China time (the month a report on the 1st is about). */
export const previousMonth = (now: Date = new Date()) => addMonths(monthOf(now), -1);

/**
 * Last month's assessment report of every district, on the 1st at 01:30 Asia/Shanghai (after the
 * day's other upkeep); a district already reported (a rerun, another process) is skipped.
 */
export function monthlyReportsJob(options: {
  db: Db;
  config: Config;
  hub: PushHub;
  log: { info(obj: object, msg: string): void };
}): ScheduledJob {
  return {
    queue: 'assessment-monthly-reports',
    cron: '30 1 1 * *',
    async run() {
      const period = previousMonth();
      const result = await generateMonthlyReports({
        db: options.db,
        hub: options.hub,
        period,
        font: options.config.pdfFont,
      });
      options.log.info({ period, ...result }, 'monthly assessment reports generated');
    },
  };
}
