import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { ScheduledJob } from '../../jobs/queue.ts';
import { auditKey } from './chain.ts';
import { pruneAuditLog } from './prune.ts';

/** The daily retention prune of the audit log (00:20 Asia/Shanghai). */
export function auditPruneJob(options: {
  db: Db;
  config: Config;
  log: { info(obj: object, msg: string): void };
}): ScheduledJob {
  return {
    queue: 'audit-prune',
    cron: '20 0 * * *',
    async run() {
      const result = await pruneAuditLog({
        db: options.db,
        key: auditKey(),
        retentionDays: options.config.audit.retentionDays,
      });
      if (result.pruned) options.log.info(result, 'audit log pruned past retention');
    },
  };
}
