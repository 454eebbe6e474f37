import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { ScheduledJob } from '../../jobs/queue.ts';
import type { PositionPipeline } from './pipeline.ts';
import { addDays, dayOf, patrolRepository as repo } from './repository.ts';

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

/** The daily partition upkeep (00:05 Asia/Shanghai); start-up also runs it once, before serving. */
export function positionPartitionsJob(options: {
  db: Db;
  config: Config;
  positions: PositionPipeline;
  log: { info(obj: object, msg: string): void };
}): ScheduledJob {
  return {
    queue: 'position-partitions',
    cron: '5 0 * * *',
    async run() {
      const result = await maintainPositionPartitions({
        db: options.db,
        retentionDays: options.config.patrol.retentionDays,
        positions: options.positions,
      });
      if (result.created.length || result.dropped.length)
        options.log.info(result, 'position partitions maintained');
    },
  };
}
