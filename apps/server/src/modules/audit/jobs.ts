import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { ScheduledJob } from '../../jobs/queue.ts';
import { auditKey } from './chain.ts';
import { linkPendingAudit } from './linker.ts';
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

/**
 * Every minute, whatever no commit's poke linked: records of a process stopped between its commit
 * and the link, or written while the database was briefly away from the linker.
 */
export function auditLinkJob(options: {
  db: Db;
  log: { error(obj: object, msg: string): void };
}): ScheduledJob {
  return {
    queue: 'audit-link',
    cron: '* * * * *',
    async run() {
      const { forged } = await linkPendingAudit({ db: options.db, key: auditKey() });
      if (forged.length)
        options.log.error({ ids: forged }, 'audit records whose MAC does not hold were not linked');
    },
  };
}
