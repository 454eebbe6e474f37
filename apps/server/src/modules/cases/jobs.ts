import PgBoss from 'pg-boss';
import type { Db } from '../../db/database.ts';
import type { PushHub } from '../notifications/hub.ts';
import { flush, newOutbox } from '../notifications/notify.ts';
import type { CalendarService } from './calendar-service.ts';
import { refreshCaseTimers } from './timers.ts';

export const CASE_TIMERS_QUEUE = 'case-timers';

/**
 * Background work on the Postgres-backed queue: the case timers run once a minute in whichever
 * process picks the job up, so several server processes never double the work.
 */
export async function startCaseJobs(options: {
  databaseUrl: string;
  db: Db;
  calendars: CalendarService;
  hub: PushHub;
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}): Promise<{ stop(): Promise<void> }> {
  const boss = new PgBoss({ connectionString: options.databaseUrl, max: 2 });
  boss.on('error', (err) => options.log.error({ err }, 'job queue error'));
  await boss.start();
  await boss.createQueue(CASE_TIMERS_QUEUE);
  await boss.schedule(CASE_TIMERS_QUEUE, '* * * * *', {}, { tz: 'Asia/Shanghai' });
  await boss.work(CASE_TIMERS_QUEUE, async () => {
    const outbox = newOutbox();
    const result = await refreshCaseTimers({ db: options.db, calendars: options.calendars, outbox });
    flush(options.hub, outbox);
    if (result.changed) options.log.info(result, 'case timers refreshed');
  });
  return { stop: () => boss.stop({ graceful: true, timeout: 5000 }) };
}
