import PgBoss from 'pg-boss';

/** A recurring job of some module: its queue, when it runs (cron, Asia/Shanghai) and what it does. */
export interface ScheduledJob {
  queue: string;
  cron: string;
  run(): Promise<void>;
}

/**
 * One Postgres-backed queue (pg-boss) per process for every module's recurring work: each job runs
 * in whichever process picks it up, so several server processes never double it.
 */
export async function startJobQueue(options: {
  databaseUrl: string;
  jobs: readonly ScheduledJob[];
  log: { error(obj: object, msg: string): void };
}): Promise<{ stop(): Promise<void> }> {
  const boss = new PgBoss({ connectionString: options.databaseUrl, max: 2 });
  boss.on('error', (err) => options.log.error({ err }, 'job queue error'));
  await boss.start();
  for (const job of options.jobs) {
    await boss.createQueue(job.queue);
    await boss.schedule(job.queue, job.cron, {}, { tz: 'Asia/Shanghai' });
    await boss.work(job.queue, () => job.run());
  }
  return { stop: () => boss.stop({ graceful: true, timeout: 5000 }) };
}
