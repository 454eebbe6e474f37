import PgBoss from 'pg-boss';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { auditKey } from './chain.ts';
import { pruneAuditLog } from './prune.ts';

export const AUDIT_PRUNE_QUEUE = 'audit-prune';

/** Daily retention prune of the audit log (00:20 Asia/Shanghai) on pg-boss: one process does it. */
export async function startAuditJobs(options: {
  databaseUrl: string;
  db: Db;
  config: Config;
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}): Promise<{ stop(): Promise<void> }> {
  const boss = new PgBoss({ connectionString: options.databaseUrl, max: 2 });
  boss.on('error', (err) => options.log.error({ err }, 'job queue error'));
  await boss.start();
  await boss.createQueue(AUDIT_PRUNE_QUEUE);
  await boss.schedule(AUDIT_PRUNE_QUEUE, '20 0 * * *', {}, { tz: 'Asia/Shanghai' });
  await boss.work(AUDIT_PRUNE_QUEUE, async () => {
    const result = await pruneAuditLog({
      db: options.db,
      key: auditKey(),
      retentionDays: options.config.audit.retentionDays,
    });
    if (result.pruned) options.log.info(result, 'audit log pruned past retention');
  });
  return { stop: () => boss.stop({ graceful: true, timeout: 5000 }) };
}
