import pg from 'pg';
import PgBoss from 'pg-boss';

/** A recurring job of some module: its queue, when it runs (cron, Asia/Shanghai) and what it does. */
export interface ScheduledJob {
  queue: string;
  cron: string;
  run(): Promise<void>;
}

/**
 * Work that runs more often than cron allows (every few seconds): each run queues the next one
 * itself, `everySeconds` later, while `enabled()` holds. The queue keeps at most one waiting job
 * (policy 'short'), so several processes never multiply it.
 */
export interface RepeatingJob {
  queue: string;
  everySeconds: number;
  enabled(): boolean;
  run(): Promise<void>;
}

/**
 * One Postgres-backed queue (pg-boss) per process for every module's recurring work: each job runs
 * in whichever process picks it up, so several server processes never double it.
 */
export async function startJobQueue(options: {
  databaseUrl: string;
  jobs: readonly ScheduledJob[];
  repeating?: readonly RepeatingJob[];
  log: { error(obj: object, msg: string): void };
}): Promise<{ stop(): Promise<void> }> {
  const repeating = options.repeating ?? [];
  const boss = new PgBoss({ connectionString: options.databaseUrl, max: 2 });
  boss.on('error', (err) => options.log.error({ err }, 'job queue error'));
  // Instances starting together on a new database deadlock in createQueue (each makes the same
  // queue tables); a session lock lets one set the queues up while the others wait.
  const lock = new pg.Client({ connectionString: options.databaseUrl });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', ['wangge.job-queue-setup']);
    await boss.start();
    for (const job of options.jobs) {
      await boss.createQueue(job.queue);
      await boss.schedule(job.queue, job.cron, {}, { tz: 'Asia/Shanghai' });
    }
    for (const job of repeating) {
      await boss.createQueue(job.queue, { name: job.queue, policy: 'short' });
      if (job.enabled()) await boss.send(job.queue, {});
    }
  } finally {
    await lock.end();
  }
  for (const job of options.jobs) await boss.work(job.queue, () => job.run());
  for (const job of repeating) {
    await boss.work(job.queue, { pollingIntervalSeconds: 1 }, async () => {
      try {
        await job.run();
      } finally {
        if (job.enabled()) await boss.send(job.queue, {}, { startAfter: job.everySeconds });
      }
    });
  }
  return { stop: () => boss.stop({ graceful: true, timeout: 5000 }) };
}
