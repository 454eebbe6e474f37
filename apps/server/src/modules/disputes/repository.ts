import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { caseVisible } from '../cases/visibility.ts';

const columns = [
  'd.case_id',
  'd.state',
  'd.version',
  'd.risk_level',
  'd.summary',
  'd.escalated_at',
  'd.agreed_at',
  'd.agreement_attachment_id',
  'd.follow_ups_done',
  'd.created_at',
  'd.updated_at',
  'c.code as case_code',
  'c.title as case_title',
  'c.category_code',
  'c.grid_path',
  'c.state as case_state',
  'g.name as grid_name',
] as const;

/** Who sees a mediation record: whoever sees its case, and the mediators named on it. */
function disputeVisible(actor: Actor): Expression<SqlBool> {
  return sql<SqlBool>`(${caseVisible(actor)} OR EXISTS (
    SELECT 1 FROM dispute_mediators m WHERE m.case_id = d.case_id AND m.user_id = ${actor.userId}))`;
}

export interface DisputeFilters {
  states?: string[];
  riskLevel?: string;
  escalated?: boolean;
}

export const disputeRepository = {
  /** The case a record is opened on, if the caller sees it. */
  visibleCase(db: Db, actor: Actor, caseId: string) {
    return db
      .selectFrom('cases as c')
      .select(['c.id', 'c.category_code', 'c.grid_path', 'c.state'])
      .where('c.id', '=', caseId)
      .where(caseVisible(actor))
      .executeTakeFirst();
  },

  findVisible(db: Db, actor: Actor, caseId: string, options: { lock?: boolean } = {}) {
    const q = db
      .selectFrom('disputes as d')
      .innerJoin('cases as c', 'c.id', 'd.case_id')
      .innerJoin('org_units as g', 'g.id', 'c.grid_id')
      .select(columns)
      .where('d.case_id', '=', caseId)
      .where(disputeVisible(actor));
    return (options.lock ? q.forUpdate('d') : q).executeTakeFirst();
  },

  lockVisible(db: Db, actor: Actor, caseId: string) {
    return disputeRepository.findVisible(db, actor, caseId, { lock: true });
  },

  async list(db: Db, actor: Actor, filters: DisputeFilters, page: number, pageSize: number) {
    let q = db
      .selectFrom('disputes as d')
      .innerJoin('cases as c', 'c.id', 'd.case_id')
      .innerJoin('org_units as g', 'g.id', 'c.grid_id')
      .where(disputeVisible(actor));
    if (filters.states?.length) q = q.where('d.state', 'in', filters.states);
    if (filters.riskLevel) q = q.where('d.risk_level', '=', filters.riskLevel);
    if (filters.escalated !== undefined) {
      q = q.where('d.escalated_at', filters.escalated ? 'is not' : 'is', null);
    }
    const [items, total] = await Promise.all([
      q
        .select(columns)
        .orderBy(sql`d.escalated_at IS NULL`)
        .orderBy('d.updated_at', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(total.n) };
  },

  parties(db: Db, caseId: string) {
    return db.selectFrom('dispute_parties').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
  },

  mediators(db: Db, caseId: string) {
    return db
      .selectFrom('dispute_mediators')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute();
  },

  steps(db: Db, caseId: string) {
    return db.selectFrom('dispute_steps').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
  },

  attachment(db: Db, id: string) {
    return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  },

  isNamedMediator(db: Db, caseId: string, userId: string) {
    return db
      .selectFrom('dispute_mediators')
      .select('id')
      .where('case_id', '=', caseId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
      .then((row) => row !== undefined);
  },

  /** Users of a police department above the grid (the nearest first), for an escalation. */
  async policeOf(db: Db, gridPath: string) {
    const police = await db
      .selectFrom('departments as d')
      .innerJoin('org_units as o', 'o.id', 'd.org_unit_id')
      .select(['d.id', 'd.name'])
      .where('d.is_police', '=', true)
      .where(sql<boolean>`${gridPath} LIKE o.path || '%'`)
      .orderBy(sql`length(o.path)`, 'desc')
      .executeTakeFirst();
    if (!police) return null;
    const members = await db
      .selectFrom('user_assignments as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .select('u.id')
      .where('a.department_id', '=', police.id)
      .where('u.active', '=', true)
      .execute();
    return { ...police, userIds: members.map((m) => m.id) };
  },

  /** The grid's leader and team: they hear of an escalation in their grid. */
  gridTeam(db: Db, gridPath: string) {
    return db
      .selectFrom('grid_team_members as t')
      .innerJoin('org_units as g', 'g.id', 't.grid_id')
      .select('t.user_id')
      .where('g.path', '=', gridPath)
      .execute()
      .then((rows) => rows.map((r) => r.user_id));
  },

  async appendStep(
    db: Db,
    step: {
      caseId: string;
      action: string;
      from: string | null;
      to: string;
      actor: Actor;
      note: string | null;
      reason: string | null;
      details: Record<string, unknown>;
    },
  ) {
    await db
      .insertInto('dispute_steps')
      .values((eb) => ({
        case_id: step.caseId,
        seq: eb
          .selectFrom('dispute_steps')
          .select(sql<number>`coalesce(max(seq), 0) + 1`.as('next'))
          .where('case_id', '=', step.caseId),
        action: step.action,
        from_state: step.from,
        to_state: step.to,
        actor_user_id: step.actor.userId,
        actor_name: step.actor.displayName,
        note: step.note,
        reason: step.reason,
        details: JSON.stringify(step.details),
      }))
      .execute();
  },
};

export type DisputeRow = NonNullable<Awaited<ReturnType<typeof disputeRepository.findVisible>>>;
export type PartyRow = Awaited<ReturnType<typeof disputeRepository.parties>>[number];
export type MediatorRow = Awaited<ReturnType<typeof disputeRepository.mediators>>[number];
export type StepRow = Awaited<ReturnType<typeof disputeRepository.steps>>[number];
