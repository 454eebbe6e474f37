import { type ExpressionBuilder, type Insertable, type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface ChainHead {
  seq: string;
  hash: Buffer;
  /** The transaction's now(), as the record's time: read here so the signed value is the stored one. */
  now: Date;
}

export interface ChainRecord {
  id: string;
  seq: string;
  at: Date;
  user_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: unknown;
  prev_hash: Buffer;
  hash: Buffer;
}

/** What a record says: its MAC and its link sign these. */
const RECORD_COLUMNS = [
  'id',
  'at',
  'user_id',
  'action',
  'target_type',
  'target_id',
  'ip',
  'user_agent',
  'details',
] as const;

export type PendingRecord = Omit<ChainRecord, 'seq' | 'prev_hash' | 'hash'> & { mac: Buffer };

/** What an anchor through throughSeq with this cutoff lets the prune delete. */
const coveredBy = (throughSeq: string, cutoff: Date) => (eb: ExpressionBuilder<Database, 'audit_log'>) =>
  eb.or([eb('seq', '<=', throughSeq), eb.and([eb('seq', 'is', null), eb('at', '<', cutoff)])]);

export const auditRepository = {
  /**
   * Takes the chain lock (held until the caller's transaction ends) and reads the head, in one
   * call (migrations/0018_audit_chain.sql).
   */
  async lockHead(trx: Kysely<Database>): Promise<ChainHead> {
    const { rows } = await sql<ChainHead>`SELECT seq, hash, now FROM audit_chain_head()`.execute(trx);
    return rows[0]!;
  },

  async insertRecord(db: Kysely<Database>, record: Insertable<Database['audit_log']>): Promise<void> {
    await db.insertInto('audit_log').values(record).execute();
  },

  /** Records waiting for the linker, oldest first (after `afterId`, to page through them). */
  async pending(trx: Kysely<Database>, limit: number, afterId = '0'): Promise<PendingRecord[]> {
    return (await trx
      .selectFrom('audit_log')
      .select([...RECORD_COLUMNS, 'mac'])
      .where('seq', 'is', null)
      .where('mac', 'is not', null)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute()) as PendingRecord[];
  },

  /** Gives pending records their place in the chain, in one statement. */
  async link(trx: Kysely<Database>, links: { id: string; seq: string; prevHash: Buffer; hash: Buffer }[]) {
    if (links.length === 0) return;
    const values = sql.join(
      links.map((l) => sql`(${l.id}::bigint, ${l.seq}::bigint, ${l.prevHash}::bytea, ${l.hash}::bytea)`),
    );
    await sql`
      UPDATE audit_log a SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
      FROM (VALUES ${values}) AS v (id, seq, prev_hash, hash)
      WHERE a.id = v.id AND a.seq IS NULL`.execute(trx);
  },

  /** The anchor verification starts from: the one reaching furthest (the latest prune). */
  async latestAnchor(db: Kysely<Database>) {
    return db
      .selectFrom('audit_anchors')
      .select(['id', 'through_seq', 'hash', 'cutoff', 'mac'])
      .orderBy('through_seq', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
  },

  async linksAfter(db: Kysely<Database>, seq: string, limit: number): Promise<ChainRecord[]> {
    return (await db
      .selectFrom('audit_log')
      .select([...RECORD_COLUMNS, 'seq', 'prev_hash', 'hash'])
      .where('seq', '>', seq)
      .orderBy('seq')
      .limit(limit)
      .execute()) as ChainRecord[];
  },

  /** Records older than the chain (written before migration 0018): no link, no MAC. */
  async countUnchained(db: Kysely<Database>): Promise<number> {
    const row = await db
      .selectFrom('audit_log')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('seq', 'is', null)
      .where('mac', 'is', null)
      .executeTakeFirstOrThrow();
    return row.n;
  },

  /** A record whose MAC another record also carries: a copy written around the unique index. */
  async firstCopied(db: Kysely<Database>): Promise<string | null> {
    const row = await db
      .selectFrom('audit_log')
      .select(sql<string>`max(id)`.as('id'))
      .where('mac', 'is not', null)
      .groupBy('mac')
      .having(sql<boolean>`count(*) > 1`)
      .limit(1)
      .executeTakeFirst();
    return row?.id ?? null;
  },

  /**
   * The last link of the prefix older than the cutoff: everything before the first link at or
   * after it. Links are ordered by seq, and `at` (a transaction's start) is not strictly so.
   */
  async pruneBoundary(trx: Kysely<Database>, cutoff: Date) {
    const { rows } = await sql<{ seq: string; hash: Buffer }>`
      SELECT seq, hash FROM audit_log
      WHERE seq < coalesce(
        (SELECT min(seq) FROM audit_log WHERE seq IS NOT NULL AND at >= ${cutoff}),
        (SELECT max(seq) + 1 FROM audit_log))
      ORDER BY seq DESC LIMIT 1`.execute(trx);
    return rows[0] ?? null;
  },

  async insertAnchor(
    trx: Kysely<Database>,
    anchor: { throughSeq: string; hash: Buffer; cutoff: Date; mac: Buffer; pruned: number },
  ): Promise<void> {
    await trx
      .insertInto('audit_anchors')
      .values({
        through_seq: anchor.throughSeq,
        hash: anchor.hash,
        cutoff: anchor.cutoff,
        mac: anchor.mac,
        pruned: anchor.pruned,
      })
      .execute();
  },

  async countCovered(trx: Kysely<Database>, throughSeq: string, cutoff: Date): Promise<number> {
    const row = await trx
      .selectFrom('audit_log')
      .where(coveredBy(throughSeq, cutoff))
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  },

  /** Allowed by the append-only trigger only because the anchor covering them is already written. */
  async deleteCovered(trx: Kysely<Database>, throughSeq: string, cutoff: Date): Promise<number> {
    const result = await trx.deleteFrom('audit_log').where(coveredBy(throughSeq, cutoff)).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
