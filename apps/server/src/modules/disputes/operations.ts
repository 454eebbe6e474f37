import {
  DISPUTE_WORKFLOW,
  type DisputeAction,
  type DisputeRiskLevel,
  type DisputeState,
  followUpsComplete,
  isDisputeCategory,
  type MediatorKind,
  type PartyRole,
} from '@wangge/rules';
import type { Db } from '../../db/database.ts';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import { notifyUsers, type Outbox } from '../notifications/notify.ts';
import { decideTransition } from '../workflow/decide.ts';
import { disputeRelationsOf } from './relations.ts';
import { type DisputeRow, disputeRepository as repo } from './repository.ts';

export interface PartyInput {
  role: PartyRole;
  name: string;
  personId?: string;
  note?: string;
}

export interface MediatorInput {
  kind: MediatorKind;
  /** A user with an account; else `name` (and `organisation`) of someone from outside. */
  userId?: string;
  name?: string;
  organisation?: string;
}

/** Resolves mediators to rows: a user's own name, or the name given for someone from outside. */
async function mediatorRows(trx: Db, caseId: string, actor: Actor, mediators: readonly MediatorInput[]) {
  const rows = [];
  for (const [i, m] of mediators.entries()) {
    if (m.userId) {
      const user = await trx
        .selectFrom('users')
        .select(['id', 'display_name'])
        .where('id', '=', m.userId)
        .where('active', '=', true)
        .executeTakeFirst();
      if (!user) throw badRequest(`mediators/${i}/userId`, `用户 ${m.userId} 不存在 (no such user)`);
      rows.push({
        case_id: caseId,
        kind: m.kind,
        user_id: user.id,
        name: user.display_name,
        organisation: m.organisation ?? '',
        added_by: actor.userId,
      });
    } else {
      const name = m.name?.trim();
      if (!name)
        throw badRequest(
          `mediators/${i}/name`,
          '请填写调解人姓名或选择用户 (a mediator needs a user or a name)',
        );
      rows.push({
        case_id: caseId,
        kind: m.kind,
        user_id: null,
        name,
        organisation: m.organisation ?? '',
        added_by: actor.userId,
      });
    }
  }
  return rows;
}

async function notifyMediators(
  trx: Db,
  outbox: Outbox,
  actor: Actor,
  caseId: string,
  rows: { user_id: string | null }[],
) {
  const userIds = rows.flatMap((r) => (r.user_id && r.user_id !== actor.userId ? [r.user_id] : []));
  await notifyUsers(trx, outbox, { userIds, caseId, kind: 'dispute_mediator' });
}

/**
 * Opens the mediation record of a dispute case: the parties, the risk, the mediators (named
 * users are notified). One record per case (409 when it exists); only dispute categories (422).
 */
export async function openDispute(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  outbox: Outbox;
  caseId: string;
  riskLevel: DisputeRiskLevel;
  summary: string;
  parties: readonly PartyInput[];
  mediators: readonly MediatorInput[];
}): Promise<void> {
  const { actor, caseId } = options;
  await options.db.transaction().execute(async (trx) => {
    const found = await repo.visibleCase(trx, actor, caseId);
    if (!found) throw notFound('事件', caseId);
    if (!disputeRelationsOf(actor, found, false).has('mediator')) {
      throw forbidden('您不能为该事件登记调解 (not permitted to mediate this case)');
    }
    if (!isDisputeCategory(found.category_code)) {
      throw unprocessable(
        'not_a_dispute',
        `事件类别 ${found.category_code} 不是矛盾纠纷 (not a dispute category)`,
        {
          field: 'caseId',
          categoryCode: found.category_code,
        },
      );
    }
    const inserted = await trx
      .insertInto('disputes')
      .values({
        case_id: caseId,
        risk_level: options.riskLevel,
        summary: options.summary,
        created_by: actor.userId,
      })
      .onConflict((oc) => oc.column('case_id').doNothing())
      .returning('case_id')
      .executeTakeFirst();
    if (!inserted)
      throw conflict('该事件已有调解记录 (this case already has a mediation record)', { caseId });
    if (options.parties.length) {
      await trx
        .insertInto('dispute_parties')
        .values(
          options.parties.map((p) => ({
            case_id: caseId,
            role: p.role,
            name: p.name.trim(),
            person_id: p.personId ?? null,
            note: p.note ?? '',
          })),
        )
        .execute();
    }
    const mediators = await mediatorRows(trx, caseId, actor, options.mediators);
    if (mediators.length) await trx.insertInto('dispute_mediators').values(mediators).execute();
    await repo.appendStep(trx, {
      caseId,
      action: 'register',
      from: null,
      to: 'registered',
      actor,
      note: options.summary,
      reason: null,
      details: { riskLevel: options.riskLevel, parties: options.parties.length, mediators: mediators.length },
    });
    await notifyMediators(trx, options.outbox, actor, caseId, mediators);
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'disputes.open',
      targetType: 'case',
      targetId: caseId,
      details: { riskLevel: options.riskLevel },
    });
  });
}

/** Names one more mediator on a live record (a lawyer joins, the judicial office sends someone). */
export async function addMediator(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  outbox: Outbox;
  caseId: string;
  mediator: MediatorInput;
}): Promise<void> {
  const { actor, caseId } = options;
  await options.db.transaction().execute(async (trx) => {
    const dispute = await repo.lockVisible(trx, actor, caseId);
    if (!dispute) throw notFound('调解记录', caseId);
    const relations = disputeRelationsOf(
      actor,
      dispute,
      await repo.isNamedMediator(trx, caseId, actor.userId),
    );
    if (!relations.size) throw forbidden('您不能为该纠纷添加调解人 (not permitted)');
    if (dispute.state === 'closed' || dispute.state === 'failed') {
      throw conflict('调解已结束 (mediation has ended)', { state: dispute.state });
    }
    const rows = await mediatorRows(trx, caseId, actor, [options.mediator]);
    const added = await trx
      .insertInto('dispute_mediators')
      .values(rows)
      .onConflict((oc) => oc.columns(['case_id', 'user_id']).doNothing())
      .returning('id')
      .execute();
    if (!added.length)
      throw conflict('该用户已是调解人 (already a mediator)', { userId: options.mediator.userId });
    await notifyMediators(trx, options.outbox, actor, caseId, rows);
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'disputes.addMediator',
      targetType: 'case',
      targetId: caseId,
      details: { kind: options.mediator.kind, userId: options.mediator.userId ?? null },
    });
  });
}

export interface DisputeActionInput {
  version: number;
  note?: string;
  reason?: string;
  /** recordAgreement: the signed agreement (the caller's own upload). */
  attachmentId?: string;
}

/** What an action changes on the record beside its state. */
async function effects(
  trx: Db,
  ctx: {
    action: DisputeAction;
    dispute: DisputeRow;
    input: DisputeActionInput;
    actor: Actor;
    outbox: Outbox;
    details: Record<string, unknown>;
  },
) {
  const set: Record<string, unknown> = {};
  switch (ctx.action) {
    case 'recordAgreement': {
      set.agreed_at = new Date();
      if (ctx.input.attachmentId) {
        const photo = await trx
          .selectFrom('attachments')
          .select('id')
          .where('id', '=', ctx.input.attachmentId)
          .where('uploaded_by', '=', ctx.actor.userId)
          .executeTakeFirst();
        if (!photo)
          throw badRequest(
            'attachmentId',
            `照片 ${ctx.input.attachmentId} 不存在或不是您上传的 (unknown or not your upload)`,
          );
        set.agreement_attachment_id = photo.id;
        ctx.details.attachmentId = photo.id;
      }
      break;
    }
    case 'followUp':
      set.follow_ups_done = ctx.dispute.follow_ups_done + 1;
      ctx.details.visit = ctx.dispute.follow_ups_done + 1;
      break;
    case 'close':
      if (!followUpsComplete(ctx.dispute.follow_ups_done)) {
        throw conflict('回访未完成，不能办结 (follow-up visits are not complete)', {
          state: ctx.dispute.state,
          followUpsDone: ctx.dispute.follow_ups_done,
        });
      }
      break;
    case 'flagEscalation': {
      set.escalated_at = new Date();
      set.risk_level = 'high';
      const police = await repo.policeOf(trx, ctx.dispute.grid_path);
      const team = await repo.gridTeam(trx, ctx.dispute.grid_path);
      ctx.details.police = police ? { id: police.id, name: police.name } : null;
      await notifyUsers(trx, ctx.outbox, {
        userIds: [...(police?.userIds ?? []), ...team].filter((id) => id !== ctx.actor.userId),
        caseId: ctx.dispute.case_id,
        kind: 'dispute_escalated',
        subject: { zh: ctx.dispute.case_title, en: ctx.dispute.case_code },
        body: ctx.input.reason ?? '',
      });
      break;
    }
    default:
      break;
  }
  return set;
}

/**
 * Every action on a mediation record: the workflow's checks (workflow/decide.ts), the action's
 * effects, an append-only step, audit — one transaction.
 */
export async function actOnDispute(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  outbox: Outbox;
  caseId: string;
  action: DisputeAction;
  input: DisputeActionInput;
}): Promise<void> {
  const { actor, action, input, caseId } = options;
  await options.db.transaction().execute(async (trx) => {
    const dispute = await repo.lockVisible(trx, actor, caseId);
    if (!dispute) throw notFound('调解记录', caseId);
    const state = dispute.state as DisputeState;
    const to = decideTransition({
      workflow: DISPUTE_WORKFLOW,
      noun: { zh: '调解记录', en: 'mediation record' },
      item: { state, version: dispute.version },
      action,
      expectedVersion: input.version,
      relations: disputeRelationsOf(actor, dispute, await repo.isNamedMediator(trx, caseId, actor.userId)),
      input,
    });
    const details: Record<string, unknown> = {};
    const set = await effects(trx, { action, dispute, input, actor, outbox: options.outbox, details });
    await trx
      .updateTable('disputes')
      .set({ ...set, state: to, version: dispute.version + 1, updated_at: new Date() })
      .where('case_id', '=', caseId)
      .execute();
    await repo.appendStep(trx, {
      caseId,
      action,
      from: state,
      to,
      actor,
      note: input.note ?? null,
      reason: input.reason ?? null,
      details,
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: `disputes.${action}`,
      targetType: 'case',
      targetId: caseId,
      details: { from: state, to },
    });
  });
}
