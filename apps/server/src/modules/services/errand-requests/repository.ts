import type { ErrandRequestState } from '@wangge/rules';
import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../access/actor.ts';
import { pathInScope } from '../../access/scope-sql.ts';

const COLUMNS = [
  'r.id',
  'r.user_id',
  'r.type_code',
  't.name_zh as type_zh',
  't.name_en as type_en',
  'r.grid_id',
  'r.grid_path',
  'g.name as grid_name',
  'r.applicant_name',
  'r.note',
  'r.state',
  'r.version',
  'r.errand_id',
  'e.code as errand_code',
  'e.state as errand_state',
  'r.reason',
  'r.decided_at',
  'r.created_at',
  'u.phone as requester_phone',
] as const;

function base(db: Db) {
  return db
    .selectFrom('errand_requests as r')
    .innerJoin('errand_types as t', 't.code', 'r.type_code')
    .innerJoin('org_units as g', 'g.id', 'r.grid_id')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .leftJoin('errands as e', 'e.id', 'r.errand_id')
    .select(COLUMNS);
}

export type ErrandRequestRow = Awaited<ReturnType<typeof errandRequestRepository.mine>>[number];

export const errandRequestRepository = {
  activeTypes(db: Db) {
    return db
      .selectFrom('errand_types')
      .select(['code', 'name_zh', 'name_en', 'required_documents', 'time_limit_days'])
      .where('active', '=', true)
      .orderBy('code')
      .execute();
  },

  byKey(db: Db, userId: string, key: string) {
    return db
      .selectFrom('errand_requests')
      .select('id')
      .where('user_id', '=', userId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  },

  insert(
    db: Db,
    values: {
      userId: string;
      typeCode: string;
      gridId: string;
      gridPath: string;
      applicantName: string;
      note: string;
      idempotencyKey: string | null;
    },
  ) {
    return db
      .insertInto('errand_requests')
      .values({
        user_id: values.userId,
        type_code: values.typeCode,
        grid_id: values.gridId,
        grid_path: values.gridPath,
        applicant_name: values.applicantName,
        note: values.note,
        idempotency_key: values.idempotencyKey,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  },

  mine(db: Db, userId: string, id?: string) {
    let query = base(db).where('r.user_id', '=', userId);
    if (id) query = query.where('r.id', '=', id);
    return query.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(100).execute();
  },

  /** Requests of the grids in the caller's scope, waiting ones first. */
  inScope(db: Db, actor: Actor, options: { state?: ErrandRequestState; limit: number; offset: number }) {
    let query = base(db).where(pathInScope(actor, 'r.grid_path'));
    if (options.state) query = query.where('r.state', '=', options.state);
    return query
      .orderBy(sql`r.state = 'requested'`, 'desc')
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(options.limit)
      .offset(options.offset)
      .execute();
  },

  async countInScope(db: Db, actor: Actor, state?: ErrandRequestState): Promise<number> {
    let query = db
      .selectFrom('errand_requests as r')
      .select(sql<number>`count(*)::int`.as('n'))
      .where(pathInScope(actor, 'r.grid_path'));
    if (state) query = query.where('r.state', '=', state);
    return (await query.executeTakeFirstOrThrow()).n;
  },

  one(db: Db, id: string) {
    return base(db).where('r.id', '=', id).executeTakeFirst();
  },

  lock(db: Db, id: string) {
    return db
      .selectFrom('errand_requests')
      .select([
        'id',
        'user_id',
        'type_code',
        'grid_id',
        'grid_path',
        'applicant_name',
        'note',
        'state',
        'version',
        'errand_id',
      ])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  },

  decide(
    db: Db,
    id: string,
    values: { state: ErrandRequestState; errandId?: string; reason?: string; decidedBy: string },
  ) {
    return db
      .updateTable('errand_requests')
      .set({
        state: values.state,
        errand_id: values.errandId ?? null,
        reason: values.reason ?? null,
        decided_by: values.decidedBy,
        decided_at: sql<Date>`now()`,
        version: sql<number>`version + 1`,
      })
      .where('id', '=', id)
      .execute();
  },

  /** The grid's team: who hears of a new request. */
  async gridTeam(db: Db, gridId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('grid_team_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select('m.user_id')
      .where('m.grid_id', '=', gridId)
      .where('u.active', '=', true)
      .execute();
    return rows.map((r) => r.user_id);
  },
};
