import {
  ERRAND_REQUEST_WORKFLOW,
  type ErrandRequestAction,
  type ErrandRequestRelation,
  type ErrandRequestState,
  isWithinScope,
} from '@wangge/rules';
import type { Db } from '../../../db/database.ts';
import { lockIdempotencyKey } from '../../../db/idempotency.ts';
import { badRequest, notFound, unprocessable } from '../../../http/errors.ts';
import type { Actor } from '../../access/actor.ts';
import { type AuditOrigin, recordAudit } from '../../audit/record.ts';
import { notifyUsers, type Outbox } from '../../notifications/notify.ts';
import { residentRepository } from '../../residents/repository.ts';
import { decideTransition } from '../../workflow/decide.ts';
import { startErrandIn } from '../errands/operations.ts';
import { errandRepository } from '../errands/repository.ts';
import { errandRequestRepository as repo } from './repository.ts';

const NOUN = { zh: '代办申请', en: 'errand request' };

/** What the caller is to a request: its requester, or on the team of its grid (errands.start in scope). */
export function requestRelationsOf(
  actor: Actor,
  request: { user_id: string; grid_path: string },
): Set<ErrandRequestRelation> {
  const relations = new Set<ErrandRequestRelation>();
  if (request.user_id === actor.userId) relations.add('requester');
  if (actor.permissions.has('errands.start') && isWithinScope(request.grid_path, actor.scopePaths)) {
    relations.add('grid_team');
  }
  return relations;
}

/**
 * A resident asks for an errand: it lands with the team of their home grid (set under 我的网格),
 * who are notified. A retry with the same key returns the request the first attempt made.
 */
export async function requestErrand(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  outbox: Outbox;
  input: { typeCode: string; applicantName: string; note: string };
  idempotencyKey: string | null;
}): Promise<{ id: string; created: boolean }> {
  const { actor, input, idempotencyKey } = options;
  const gridId = await residentRepository.homeGrid(options.db, actor.userId);
  if (!gridId) {
    throw unprocessable('no_home_grid', '请先在“我的网格”设置您所在的网格 (set your home grid first)', {
      field: 'homeGrid',
    });
  }
  return options.db.transaction().execute(async (trx) => {
    if (idempotencyKey) {
      await lockIdempotencyKey(trx, 'errand_request', actor.userId, idempotencyKey);
      const existing = await repo.byKey(trx, actor.userId, idempotencyKey);
      if (existing) return { id: existing.id, created: false };
    }
    const type = await errandRepository.type(trx, input.typeCode);
    if (!type?.active) throw badRequest('typeCode', `没有代办事项 ${input.typeCode} (unknown errand type)`);
    const grid = await trx
      .selectFrom('org_units')
      .select(['id', 'path'])
      .where('id', '=', gridId)
      .executeTakeFirstOrThrow();
    const { id } = await repo.insert(trx, {
      userId: actor.userId,
      typeCode: type.code,
      gridId: grid.id,
      gridPath: grid.path,
      applicantName: input.applicantName,
      note: input.note,
      idempotencyKey,
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'errand_requests.request',
      targetType: 'errand_request',
      targetId: id,
      details: { typeCode: type.code },
    });
    await notifyUsers(trx, options.outbox, {
      userIds: await repo.gridTeam(trx, grid.id),
      caseId: null,
      kind: 'errand_requested',
      subject: {
        zh: `${type.name_zh} · ${input.applicantName}`,
        en: `${type.name_en} · ${input.applicantName}`,
      },
    });
    return { id, created: true };
  });
}

export interface ErrandRequestActionInput {
  version?: number;
  personId?: string;
  reason?: string;
  /** take: the errand type's fields, as starting an errand needs them. */
  fields?: Record<string, unknown>;
  note?: string;
}

/**
 * Take (start the errand for the person in the registers, in the same transaction), decline with
 * a reason the resident reads, or withdraw: the workflow's checks, then the effect, audit and the
 * requester's notification.
 */
export async function actOnErrandRequest(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  outbox: Outbox;
  id: string;
  action: ErrandRequestAction;
  input: ErrandRequestActionInput;
  /** take: a retry with the same key finds the errand the first attempt started and succeeds. */
  idempotencyKey?: string;
}): Promise<void> {
  const { actor, id, action, input, idempotencyKey } = options;
  await options.db.transaction().execute(async (trx) => {
    const request = await repo.lock(trx, id);
    const relations = request ? requestRelationsOf(actor, request) : new Set<ErrandRequestRelation>();
    if (!request || relations.size === 0) throw notFound(NOUN.zh, id);
    if (action === 'take' && idempotencyKey && request.errand_id) {
      const mine = await errandRepository.byKey(trx, actor.userId, idempotencyKey);
      if (mine?.id === request.errand_id) return;
    }
    const to = decideTransition({
      workflow: ERRAND_REQUEST_WORKFLOW,
      noun: NOUN,
      item: { state: request.state as ErrandRequestState, version: request.version },
      action,
      expectedVersion: input.version,
      relations,
      input,
    });
    let errandId: string | undefined;
    if (action === 'take') {
      const started = await startErrandIn({
        db: trx,
        actor,
        origin: options.origin,
        outbox: options.outbox,
        input: {
          personId: input.personId!,
          typeCode: request.type_code,
          fields: input.fields,
          note: [
            `居民申请（${request.applicant_name}）${request.note ? `：${request.note}` : ''}`,
            input.note,
          ]
            .filter(Boolean)
            .join('\n'),
        },
        idempotencyKey,
      });
      errandId = started.id;
    }
    const reason = action === 'decline' ? input.reason!.trim() : undefined;
    await repo.decide(trx, id, { state: to, errandId, reason, decidedBy: actor.userId });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: `errand_requests.${action}`,
      targetType: 'errand_request',
      targetId: id,
      details: errandId ? { errandId } : {},
    });
    if (action !== 'withdraw') {
      const type = await errandRepository.type(trx, request.type_code);
      await notifyUsers(trx, options.outbox, {
        userIds: [request.user_id],
        caseId: null,
        kind: action === 'take' ? 'errand_request_taken' : 'errand_request_declined',
        subject: type ? { zh: type.name_zh, en: type.name_en } : undefined,
        body: reason ?? '',
      });
    }
  });
}
