import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { ScheduledJob } from '../../jobs/queue.ts';
import type { PushHub } from '../notifications/hub.ts';
import { flush, newOutbox } from '../notifications/notify.ts';
import { detectAlerts } from './detect.ts';
import type { OnDutyWorkers } from './on-duty.ts';

/** The alert detectors once a minute. */
export function alertsJob(options: {
  db: Db;
  hub: PushHub;
  config: Pick<Config, 'alerts'>;
  onDuty: OnDutyWorkers;
  log: { info(obj: object, msg: string): void };
}): ScheduledJob {
  return {
    queue: 'alerts-detect',
    cron: '* * * * *',
    async run() {
      const outbox = newOutbox();
      const result = await detectAlerts({ ...options, outbox });
      flush(options.hub, outbox);
      if (result.noFix + result.outsideGrid + result.caseRed > 0) options.log.info(result, 'alerts raised');
    },
  };
}
