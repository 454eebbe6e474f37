import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type AuditChainKey, GENESIS_HASH, sameHash } from './chain.ts';
import { recordFields } from './linker.ts';
import { auditRepository } from './repository.ts';

const BATCH = 5000;

/**
 * anchor_forged: the anchor verification starts from carries no valid MAC (written without the key);
 * missing_before: links before this record are gone (a deletion, or a prune without its anchor);
 * prev_mismatch: the record's stored previous hash is not the previous link's hash;
 * hash_mismatch: the record differs from what was signed (edited);
 * record_forged: a record not yet linked differs from what its MAC signed (edited);
 * copied: the record repeats another's MAC (a copy written around the unique index).
 */
export type BrokenReason =
  | 'anchor_forged'
  | 'missing_before'
  | 'prev_mismatch'
  | 'hash_mismatch'
  | 'record_forged'
  | 'copied';

export interface VerifyResult {
  ok: boolean;
  /** Links checked (up to and including the first broken one). */
  checked: number;
  /** Records older than the chain (written before migration 0018): kept, not covered. */
  unchained: number;
  /** Records written and not yet linked (the linker follows each commit): their MACs checked. */
  pending: number;
  firstBroken?: { id: string | null; reason: BrokenReason };
}

/**
 * Walks the chain from its anchor in seq order, recomputing every link with the key, then checks
 * the MAC of every record still waiting for its link.
 */
export async function verifyAuditChain(db: Kysely<Database>, key: AuditChainKey): Promise<VerifyResult> {
  const chain = await verifyLinks(db, key);
  if (!chain.ok) return { ...chain, pending: 0 };
  const copied = await auditRepository.firstCopied(db);
  if (copied) return { ...chain, ok: false, pending: 0, firstBroken: { id: copied, reason: 'copied' } };
  let pending = 0;
  let after = '0';
  for (;;) {
    const batch = await auditRepository.pending(db, BATCH, after);
    for (const r of batch) {
      pending++;
      if (!key.recordMacHolds(r.mac, recordFields(r))) {
        return { ...chain, ok: false, pending, firstBroken: { id: r.id, reason: 'record_forged' } };
      }
    }
    if (batch.length < BATCH) return { ...chain, pending };
    after = batch.at(-1)!.id;
  }
}

async function verifyLinks(db: Kysely<Database>, key: AuditChainKey): Promise<Omit<VerifyResult, 'pending'>> {
  const unchained = await auditRepository.countUnchained(db);
  const anchor = await auditRepository.latestAnchor(db);
  const genesis = anchor.through_seq === '0' && sameHash(anchor.hash, GENESIS_HASH) && anchor.mac === null;
  if (
    !genesis &&
    !sameHash(
      anchor.mac,
      key.anchorMac({ throughSeq: anchor.through_seq, hash: anchor.hash, cutoff: anchor.cutoff }),
    )
  ) {
    return { ok: false, checked: 0, unchained, firstBroken: { id: null, reason: 'anchor_forged' } };
  }
  let prev = anchor.hash;
  let expectedSeq = BigInt(anchor.through_seq) + 1n;
  let checked = 0;
  for (;;) {
    const links = await auditRepository.linksAfter(db, (expectedSeq - 1n).toString(), BATCH);
    for (const r of links) {
      checked++;
      const broken = (reason: BrokenReason) => ({
        ok: false,
        checked,
        unchained,
        firstBroken: { id: r.id, reason },
      });
      if (BigInt(r.seq) !== expectedSeq) return broken('missing_before');
      if (!sameHash(r.prev_hash, prev)) return broken('prev_mismatch');
      const signed = key.link(prev, { ...recordFields(r), seq: r.seq });
      if (!sameHash(r.hash, signed)) return broken('hash_mismatch');
      prev = r.hash;
      expectedSeq++;
    }
    if (links.length < BATCH) return { ok: true, checked, unchained };
  }
}
