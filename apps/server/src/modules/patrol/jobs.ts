import PgBoss from 'pg-boss';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { PositionPipeline } from './pipeline.ts';
import { addDays, dayOf, patrolRepository as repo } from './repository.ts';

export const POSITION_PARTITIONS_QUEUE = 'position-partitions';

/**
 * Daily upkeep of the positions table: partitions for today..+2 days exist, and partitions
 * older than the retention (config.patrol.retentionDays) are dropped with their region events.
 */
export async function maintainPositionPartitions(options: {
  db: Db;
  retentionDays: number;
  now?: Date;
  positions?: PositionPipeline;
}): Promise<{ created: string[]; dropped: string[] }> {
  const today = dayOf(options.now ?? new Date());
  const created = await repo.ensurePartitions(
    options.db,
    [0, 1, 2].map((n) => addDays(today, n)),
  );
  const dropped = await repo.dropPartitionsBefore(options.db, addDays(today, -options.retentionDays));
  options.positions?.forgetPartitions(dropped);
  return { created, dropped };
}

/** Registers the daily partition job on pg-boss (00:05 Asia/Shanghai) and runs it once now. */
export async function startPatrolJobs(options: {
  databaseUrl: string;
  db: Db;
  config: Config;
  positions: PositionPipeline;
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}): Promise<{ stop(): Promise<void> }> {
  const run = async () => {
    const result = await maintainPositionPartitions({
      db: options.db,
      retentionDays: options.config.patrol.retentionDays,
      positions: options.positions,
    });
    if (result.created.length || result.dropped.length)
      options.log.info(result, 'position partitions maintained');
  };
  await run();
  const boss = new PgBoss({ connectionString: options.databaseUrl, max: 2 });
  boss.on('error', (err) => options.log.error({ err }, 'job queue error'));
  await boss.start();
  await boss.createQueue(POSITION_PARTITIONS_QUEUE);
  await boss.schedule(POSITION_PARTITIONS_QUEUE, '5 0 * * *', {}, { tz: 'Asia/Shanghai' });
  await boss.work(POSITION_PARTITIONS_QUEUE, run);
  return { stop: () => boss.stop({ graceful: true, timeout: 5000 }) };
}
