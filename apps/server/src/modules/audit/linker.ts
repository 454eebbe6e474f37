// Chains audit records after their transactions commit (migrations/0061). Records arrive with
// their own MAC and no place in the chain; here, under the chain's lock, each is checked and given
// the next seq and a link, a batch per statement. One linker runs at a time across all instances
// (the advisory lock), so the chain stays one sequence.
import { setTimeout } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { afterCommitOf, type Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { AuditChainKey, RecordFields } from './chain.ts';
import { auditRepository, type PendingRecord } from './repository.ts';

const BATCH = 500;
const BATCH_WINDOW_MS = 50;

export interface LinkResult {
  linked: number;
  /** Ids of pending records whose MAC does not hold: edited since written; left unlinked. */
  forged: string[];
}

/** A stored record as its MAC and its link signed it. */
export function recordFields(r: Omit<PendingRecord, 'id' | 'mac'>): RecordFields {
  return {
    at: r.at,
    userId: r.user_id,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    ip: r.ip,
    userAgent: r.user_agent,
    details: r.details,
  };
}

/** Links every record pending now; a forged one stays pending, for verification to report. */
export async function linkPendingAudit(options: {
  db: Kysely<Database>;
  key: AuditChainKey;
}): Promise<LinkResult> {
  const result: LinkResult = { linked: 0, forged: [] };
  for (;;) {
    const batch = await options.db.transaction().execute(async (trx) => {
      const head = await auditRepository.lockHead(trx);
      const pending = await auditRepository.pending(trx, BATCH + result.forged.length);
      let prev = head.hash;
      let seq = BigInt(head.seq);
      const links = [];
      for (const r of pending) {
        const fields = recordFields(r);
        if (!options.key.recordMacHolds(r.mac, fields)) {
          if (!result.forged.includes(r.id)) result.forged.push(r.id);
          continue;
        }
        seq++;
        const hash = options.key.link(prev, { ...fields, seq: seq.toString() });
        links.push({ id: r.id, seq: seq.toString(), prevHash: prev, hash });
        prev = hash;
      }
      await auditRepository.link(trx, links);
      return links.length;
    });
    result.linked += batch;
    if (batch < BATCH) return result;
  }
}

/**
 * Runs the linker whenever an audited transaction commits (poke), one pass at a time; a poke
 * during a pass asks for another, so a record committed meanwhile is not left for the sweep.
 */
export class AuditLinker {
  private running: Promise<void> | null = null;
  private again = false;
  private readonly reported = new Set<string>();

  constructor(
    private readonly options: {
      db: Kysely<Database>;
      key: AuditChainKey;
      log: { error(obj: object, msg: string): void };
    },
  ) {}

  poke(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  /** Waits for the pass under way (shutdown, tests). */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        const { forged } = await linkPendingAudit(this.options);
        const fresh = forged.filter((id) => !this.reported.has(id));
        for (const id of fresh) this.reported.add(id);
        if (fresh.length)
          this.options.log.error({ ids: fresh }, 'audit records whose MAC does not hold were not linked');
      } catch (err) {
        // The database away: the records wait, and the next poke or the minute's sweep links them.
        this.options.log.error({ err }, 'audit linker pass failed');
        return;
      }
      // Records committed during a pass wait a moment for their companions: a pass costs five
      // statements whether it links one record or fifty, and under load one pass per record cost
      // more than the reports' own writes (BENCHMARKS.md, cases). A quiet linker answers at once.
      if (this.again) await setTimeout(BATCH_WINDOW_MS);
    } while (this.again);
  }
}

export interface AuditLinkerHandle {
  /** Waits until the pass under way, and those it asked for, are done. */
  drain(): Promise<void>;
  /** No more pokes; waits for the pass under way (shutdown). */
  stop(): Promise<void>;
}

/** The app's linker: poked by every commit that wrote an audit record, and once at start. */
export function startAuditLinker(options: {
  db: Db;
  key: AuditChainKey;
  log: { error(obj: object, msg: string): void };
}): AuditLinkerHandle {
  const linker = new AuditLinker(options);
  const unwatch = afterCommitOf(options.db, 'audit_log', () => linker.poke());
  // Records a stopped process left unlinked.
  linker.poke();
  return {
    drain: () => linker.drain(),
    async stop() {
      unwatch();
      await linker.drain();
    },
  };
}
