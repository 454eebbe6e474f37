import {
  ADJUSTMENT_WORKFLOW,
  type AdjustmentAction,
  type AdjustmentState,
  type AssessmentSubject,
  adjustmentRelations,
  allowedAdjustmentActions,
  isValidAdjustmentDelta,
  isWithinScope,
} from '@wangge/rules';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { can } from '../access/authorize.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import { decideTransition } from '../workflow/decide.ts';
import { assessmentRepository as assessment } from './repository.ts';

// Adjustments (考核调整): a frozen month's result moves only by an explicit delta with a reason,
// proposed by an assessment manager and approved or rejected by another one (four eyes) through
// the one workflow mechanism (ADJUSTMENT_WORKFLOW), audited in the same transaction.

export interface AdjustmentRow {
  id: string;
  period: string;
  subject_type: AssessmentSubject;
  subject_id: string;
  unit_id: string;
  unit_path: string;
  delta: number;
  reason: string;
  state: AdjustmentState;
  version: number;
  proposed_by: string;
  proposed_by_name: string;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_reason: string;
  created_at: Date;
}

const SELECT = sql`SELECT a.id::text AS id, a.period, a.subject_type, a.subject_id::text AS subject_id,
    a.unit_id::text AS unit_id, o.path AS unit_path, a.delta::float8 AS delta, a.reason, a.state, a.version,
    a.proposed_by::text AS proposed_by, p.display_name AS proposed_by_name,
    a.decided_by::text AS decided_by, d.display_name AS decided_by_name, a.decided_at, a.decision_reason,
    a.created_at
  FROM assessment_adjustments a JOIN org_units o ON o.id = a.unit_id
  JOIN users p ON p.id = a.proposed_by LEFT JOIN users d ON d.id = a.decided_by`;

export const adjustmentRepository = {
  async find(db: Db, id: string, lock = false): Promise<AdjustmentRow | undefined> {
    const { rows } = await sql<AdjustmentRow>`${SELECT} WHERE a.id = ${id}
      ${lock ? sql`FOR UPDATE OF a` : sql``}`.execute(db);
    return rows[0];
  },

  async ofSubject(db: Db, period: string, type: AssessmentSubject, id: string): Promise<AdjustmentRow[]> {
    const { rows } = await sql<AdjustmentRow>`${SELECT}
      WHERE a.period = ${period} AND a.subject_type = ${type} AND a.subject_id = ${id}
      ORDER BY a.id`.execute(db);
    return rows;
  },
};

/** The sum of the approved deltas of each subject for a month, by subject id (absent = none). */
export async function approvedDeltas(
  db: Db,
  period: string,
  subjectType: AssessmentSubject,
  ids: readonly string[],
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<{ id: string; delta: number }>`
    SELECT subject_id::text AS id, sum(delta)::float8 AS delta FROM assessment_adjustments
    WHERE period = ${period} AND subject_type = ${subjectType} AND state = 'approved'
      AND subject_id = ANY (${ids.map(String)}::bigint[])
    GROUP BY subject_id`.execute(db);
  return new Map(rows.map((r) => [r.id, Number(r.delta)]));
}

/** A subject's adjustments of a month, oldest first, as the score shows them. */
export async function adjustmentsOf(db: Db, period: string, subjectType: AssessmentSubject, id: string) {
  return (await adjustmentRepository.ofSubject(db, period, subjectType, id)).map((r) => ({
    id: r.id,
    delta: r.delta,
    reason: r.reason,
    state: r.state,
    by: r.proposed_by_name,
    at: r.created_at.toISOString(),
  }));
}

/** The caller's relations to an adjustment: a manager in scope who did not propose it decides. */
function relationsOf(actor: Actor, row: AdjustmentRow) {
  return adjustmentRelations({
    mayManage: can(actor, 'assessment.manage') && isWithinScope(row.unit_path, actor.scopePaths),
    isProposer: row.proposed_by === actor.userId,
  });
}

export function adjustmentActionsFor(actor: Actor, row: AdjustmentRow): AdjustmentAction[] {
  return allowedAdjustmentActions(row.state, relationsOf(actor, row));
}

/**
 * Proposes a correction of a subject's frozen month: the caller manages assessment in the subject's
 * district; the month must be frozen there (an open month still moves with its events: 409).
 */
export async function proposeAdjustment(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  subjectType: AssessmentSubject;
  subjectId: string;
  period: string;
  delta: number;
  reason: string;
}): Promise<string> {
  const { db, actor, subjectType, subjectId, period } = options;
  if (!can(actor, 'assessment.manage'))
    throw forbidden('缺少权限 assessment.manage (missing permission assessment.manage)', {
      permission: 'assessment.manage',
    });
  if (!isValidAdjustmentDelta(options.delta))
    throw badRequest(
      'delta',
      '调整分值应为非零、不超过 ±100、最多两位小数 (non-zero, within ±100, 2 decimals)',
    );
  const reason = options.reason.trim();
  if (!reason) throw badRequest('reason', '请填写调整理由 (a reason is required)');
  const subject = await assessment.subject(db, subjectType, subjectId);
  if (!subject || !isWithinScope(subject.path, actor.scopePaths)) throw notFound('考核对象', subjectId);
  const district = await assessment.districtOf(db, subject.path);
  if (!district) throw badRequest('subjectId', '该对象不属于任何区县 (the subject belongs to no district)');
  return db.transaction().execute(async (trx) => {
    if (!(await assessment.isFrozen(trx, String(district.id), period)))
      throw conflict('只能调整已冻结月份的结果 (only a frozen month is adjusted)', { period, state: 'open' });
    const row = await trx
      .insertInto('assessment_adjustments')
      .values({
        period,
        subject_type: subjectType,
        subject_id: subjectId,
        unit_id: String(district.id),
        delta: options.delta,
        reason,
        proposed_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = String(row.id);
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'assessment.adjustment.proposed',
      targetType: 'assessment_adjustment',
      targetId: id,
      details: { period, subjectType, subjectId, delta: options.delta, reason },
    });
    return id;
  });
}

/** Approves or rejects a proposed adjustment through the workflow mechanism; audited. */
export async function decideAdjustment(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  id: string;
  action: AdjustmentAction;
  input: { version: number; reason?: string };
}): Promise<void> {
  const { actor, id, action } = options;
  await options.db.transaction().execute(async (trx) => {
    const row = await adjustmentRepository.find(trx, id, true);
    if (!row || !isWithinScope(row.unit_path, actor.scopePaths)) throw notFound('考核调整', id);
    const reason = options.input.reason?.trim() ?? '';
    const to = decideTransition({
      workflow: ADJUSTMENT_WORKFLOW,
      noun: { zh: '考核调整', en: 'adjustment' },
      item: { state: row.state, version: row.version },
      action,
      expectedVersion: options.input.version,
      relations: relationsOf(actor, row),
      input: { reason: reason || undefined },
    });
    await trx
      .updateTable('assessment_adjustments')
      .set({
        state: to,
        version: row.version + 1,
        decided_by: actor.userId,
        decided_at: new Date(),
        decision_reason: reason,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: `assessment.adjustment.${to}`,
      targetType: 'assessment_adjustment',
      targetId: id,
      details: {
        period: row.period,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        delta: row.delta,
        reason,
      },
    });
  });
}

export function presentAdjustment(row: AdjustmentRow, actions: readonly AdjustmentAction[]) {
  return {
    id: row.id,
    period: row.period,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    unitId: row.unit_id,
    delta: row.delta,
    reason: row.reason,
    state: row.state,
    version: row.version,
    proposedBy: { id: row.proposed_by, name: row.proposed_by_name },
    proposedAt: row.created_at.toISOString(),
    decidedBy: row.decided_by ? { id: row.decided_by, name: row.decided_by_name ?? '' } : null,
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    decisionReason: row.decision_reason,
    actions: [...actions],
  };
}
