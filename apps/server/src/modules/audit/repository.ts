import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
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

  async insertLink(
    trx: Kysely<Database>,
    link: Omit<ChainRecord, 'id' | 'details'> & { details: string },
  ): Promise<void> {
    await trx.insertInto('audit_log').values(link).execute();
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
      .select([
        'id',
        'seq',
        'at',
        'user_id',
        'action',
        'target_type',
        'target_id',
        'ip',
        'user_agent',
        'details',
        'prev_hash',
        'hash',
      ])
      .where('seq', '>', seq)
      .orderBy('seq')
      .limit(limit)
      .execute()) as ChainRecord[];
  },

  async countUnchained(db: Kysely<Database>): Promise<number> {
    const row = await db
      .selectFrom('audit_log')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('seq', 'is', null)
      .executeTakeFirstOrThrow();
    return row.n;
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
