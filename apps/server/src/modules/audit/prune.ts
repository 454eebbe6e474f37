import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AuditChainKey } from './chain.ts';
import { auditRepository } from './repository.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The one sanctioned deletion: the prefix of the chain older than the retention (and unchained
 * records as old). A MAC'd anchor holding the last pruned link's hash is written first, in the
 * same transaction; the append-only trigger lets through only rows an anchor covers, and
 * verification starts from the anchor, so what remains still verifies.
 */
export async function pruneAuditLog(options: {
  db: Kysely<Database>;
  key: AuditChainKey;
  retentionDays: number;
  now?: Date;
}): Promise<{ pruned: number }> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.retentionDays * DAY_MS);
  return options.db.transaction().execute(async (trx) => {
    // With the chain held, no link is added while the boundary is chosen.
    await auditRepository.lockHead(trx);
    const anchor = await auditRepository.latestAnchor(trx);
    const boundary = (await auditRepository.pruneBoundary(trx, cutoff)) ?? {
      seq: anchor.through_seq,
      hash: anchor.hash,
    };
    const pruned = await auditRepository.countCovered(trx, boundary.seq, cutoff);
    if (pruned === 0) return { pruned };
    const link = { throughSeq: boundary.seq, hash: boundary.hash, cutoff };
    await auditRepository.insertAnchor(trx, { ...link, mac: options.key.anchorMac(link), pruned });
    await auditRepository.deleteCovered(trx, boundary.seq, cutoff);
    return { pruned };
  });
}
