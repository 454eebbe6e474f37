import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { pathInScope } from '../access/scope-sql.ts';

/** Spaces and full-width spaces do not tell two addresses apart. */
export const normaliseAddress = (address: string) => address.replace(/[\s\u3000]+/g, '');

export const intakeRepository = {
  order(db: Db, orderNo: string) {
    return db.selectFrom('hotline_orders').selectAll().where('order_no', '=', orderNo).executeTakeFirst();
  },

  /**
   * A standard address by its full name, with a place: the building it is in (room, floor, unit,
   * building) or, for a road or door number, the first building under it.
   */
  async locateAddress(db: Db, address: string) {
    const { rows } = await sql<{ full_name: string; lon: number; lat: number }>`
      WITH RECURSIVE hit AS (
        SELECT id, full_name FROM addresses
        WHERE replace(replace(full_name, ' ', ''), '　', '') = ${normaliseAddress(address)}
          AND retired_at IS NULL
        ORDER BY id LIMIT 1
      ), up AS (
        SELECT a.id, a.parent_id, a.building_id, 0 AS depth FROM addresses a JOIN hit ON a.id = hit.id
        UNION ALL
        SELECT p.id, p.parent_id, p.building_id, up.depth + 1 FROM addresses p JOIN up ON p.id = up.parent_id
      ), down AS (
        SELECT a.id, a.building_id, 0 AS depth FROM addresses a JOIN hit ON a.id = hit.id
        UNION ALL
        SELECT c.id, c.building_id, down.depth + 1 FROM addresses c JOIN down ON c.parent_id = down.id
        WHERE down.building_id IS NULL AND down.depth < 3
      )
      SELECT hit.full_name, b.lon, b.lat FROM hit,
        LATERAL (
          SELECT building_id, depth FROM up WHERE building_id IS NOT NULL
          UNION ALL
          SELECT building_id, depth + 100 FROM down WHERE building_id IS NOT NULL
          ORDER BY 2 LIMIT 1
        ) place
        JOIN buildings b ON b.id = place.building_id
      WHERE b.lon IS NOT NULL AND b.lat IS NOT NULL`.execute(db);
    return rows[0] ?? null;
  },

  callbacksForEarlierSteps(db: Db, orderNo: string, caseId: string) {
    return sql`
      INSERT INTO hotline_callbacks (order_no, case_id, step_id, state, action, public_note)
      SELECT ${orderNo}, case_id, id, to_state, action, public_note FROM case_steps
      WHERE case_id = ${caseId} AND to_state IS DISTINCT FROM from_state
      ORDER BY seq
      ON CONFLICT (step_id) DO NOTHING`.execute(db);
  },

  /** Records a pushed nonce; false when it was seen before (a replay). */
  async claimNonce(db: Db, nonce: string): Promise<boolean> {
    const row = await db
      .insertInto('hotline_nonces')
      .values({ nonce })
      .onConflict((oc) => oc.column('nonce').doNothing())
      .returning('nonce')
      .executeTakeFirst();
    return row !== undefined;
  },

  pruneNonces(db: Db, olderThanSeconds: number) {
    return db
      .deleteFrom('hotline_nonces')
      .where('seen_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`)
      .execute();
  },

  /** Takes due call-backs for one attempt; the lease keeps another instance off them meanwhile. */
  claimDueCallbacks(db: Db, limit: number, leaseSeconds: number) {
    return (
      sql<{
        id: string;
        order_no: string;
        case_id: string;
        case_code: string;
        state: string;
        action: string;
        public_note: string | null;
        attempts: number;
        created_at: Date;
      }>`
      UPDATE hotline_callbacks h
      SET next_attempt_at = now() + make_interval(secs => ${leaseSeconds})
      FROM cases c
      WHERE c.id = h.case_id AND h.id IN (
        SELECT id FROM hotline_callbacks
        WHERE status = 'pending' AND next_attempt_at <= now()
        ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING h.id, h.order_no, h.case_id, c.code AS case_code, h.state, h.action, h.public_note,
        h.attempts, h.created_at`
        .execute(db)
        // RETURNING keeps no order: a case's changes go out oldest first.
        .then((r) => r.rows.sort((a, b) => Number(a.id) - Number(b.id)))
    );
  },

  recordAttempt(
    db: Db,
    id: string,
    result: {
      status: 'pending' | 'delivered' | 'failed';
      attempts: number;
      statusCode: number | null;
      error: string | null;
      retryInMs: number;
    },
  ) {
    return db
      .updateTable('hotline_callbacks')
      .set({
        status: result.status,
        attempts: result.attempts,
        last_status_code: result.statusCode,
        last_error: result.error,
        next_attempt_at: sql<Date>`now() + make_interval(secs => ${result.retryInMs / 1000})`,
        delivered_at: result.status === 'delivered' ? sql<Date>`now()` : null,
      })
      .where('id', '=', id)
      .execute();
  },

  /** The delivery log in the caller's scope (the case's owner), newest first. */
  callbacks(
    db: Db,
    actor: Actor,
    filter: { status?: 'pending' | 'delivered' | 'failed'; caseId?: string; limit: number; offset: number },
  ) {
    let q = db
      .selectFrom('hotline_callbacks as h')
      .innerJoin('cases as c', 'c.id', 'h.case_id')
      .where(pathInScope(actor, 'c.owner_path'));
    if (filter.status) q = q.where('h.status', '=', filter.status);
    if (filter.caseId) q = q.where('h.case_id', '=', filter.caseId);
    return Promise.all([
      q
        .select([
          'h.id',
          'h.order_no',
          'h.case_id',
          'c.code as case_code',
          'c.title as case_title',
          'h.state',
          'h.action',
          'h.status',
          'h.attempts',
          'h.last_status_code',
          'h.last_error',
          'h.next_attempt_at',
          'h.created_at',
          'h.delivered_at',
        ])
        .orderBy('h.id', 'desc')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
      q.select(sql<string>`count(*)`.as('n')).where(sql<SqlBool>`true`).executeTakeFirstOrThrow(),
    ]);
  },
};
