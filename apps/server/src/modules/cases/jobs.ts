import type { Db } from '../../db/database.ts';
import type { ScheduledJob } from '../../jobs/queue.ts';
import type { PushHub } from '../notifications/hub.ts';
import { flush, newOutbox } from '../notifications/notify.ts';
import type { CalendarService } from './calendar-service.ts';
import { refreshCaseTimers } from './timers.ts';

/** The case timers (traffic lights, supervision) once a minute. */
export function caseTimersJob(options: {
  db: Db;
  calendars: CalendarService;
  hub: PushHub;
  log: { info(obj: object, msg: string): void };
}): ScheduledJob {
  return {
    queue: 'case-timers',
    cron: '* * * * *',
    async run() {
      const outbox = newOutbox();
      const result = await refreshCaseTimers({ db: options.db, calendars: options.calendars, outbox });
      flush(options.hub, outbox);
      if (result.changed) options.log.info(result, 'case timers refreshed');
    },
  };
}
