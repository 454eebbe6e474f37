import {
  chinaDayOf,
  ERRAND_TRANSITIONS,
  ERRAND_WORKFLOW,
  type ErrandAction,
  type ErrandRelation,
  type ErrandState,
  type ErrandStepName,
  missingDocuments,
  type NotificationKey,
  validateExtraFields,
} from '@wangge/rules';
import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import { lockIdempotencyKey } from '../../../db/idempotency.ts';
import { badRequest, notFound, unprocessable } from '../../../http/errors.ts';
import type { Actor } from '../../access/actor.ts';
import { assertInScope } from '../../access/authorize.ts';
import { type AuditOrigin, recordAudit } from '../../audit/record.ts';
import { caseRepository } from '../../cases/repository.ts';
import { notifyUsers, type Outbox } from '../../notifications/notify.ts';
import { decideTransition } from '../../workflow/decide.ts';
import { errandRelationsOf } from './relations.ts';
import { type ErrandTypeRow, errandRepository as repo } from './repository.ts';

type ErrandRow = NonNullable<Awaited<ReturnType<typeof repo.lockVisible>>>;

function checkFields(type: ErrandTypeRow, fields: unknown) {
  const result = validateExtraFields(type.required_fields, fields ?? {});
  if (!result.ok) throw badRequest(result.field ? `fields.${result.field}` : 'fields', result.reason);
  return result.values;
}

/**
 * Starts an errand for a resident of the caller's grid: the type's fields are checked at once.
 * Nobody else acts on a draft, so only the starter's own devices hear of it.
 */
export async function startErrand(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  outbox: Outbox;
  input: { personId: string; typeCode: string; fields?: Record<string, unknown>; note?: string };
  /** A retry with the same key returns the errand the first attempt started (created: false). */
  idempotencyKey?: string;
}): Promise<{ id: string; created: boolean }> {
  return options.db.transaction().execute((trx) => startErrandIn({ ...options, db: trx }));
}

/** startErrand inside the caller's transaction (a resident's request is taken in the same one). */
export async function startErrandIn(
  options: Parameters<typeof startErrand>[0],
): Promise<{ id: string; created: boolean }> {
  const { actor, input, idempotencyKey, db: trx } = options;
  if (idempotencyKey) {
    await lockIdempotencyKey(trx, 'errand', actor.userId, idempotencyKey);
    const existing = await repo.byKey(trx, actor.userId, idempotencyKey);
    if (existing) return { id: existing.id, created: false };
  }
  const type = await repo.type(trx, input.typeCode);
  if (!type?.active) throw badRequest('typeCode', `没有代办事项 ${input.typeCode} (unknown errand type)`);
  const person = await trx
    .selectFrom('people')
    .select(['id', 'grid_id', 'grid_path', 'status'])
    .where('id', '=', input.personId)
    .executeTakeFirst();
  assertInScope(actor, person?.grid_path, '人员', input.personId);
  if (person!.status !== 'active') {
    throw badRequest('personId', `该人员状态为 ${person!.status}，不能代办 (the person is not active)`);
  }
  const fields = checkFields(type, input.fields);
  const now = new Date();
  const { seq } = await sql<{ seq: string }>`SELECT nextval('errand_code_seq')::text AS seq`
    .execute(trx)
    .then((r) => r.rows[0]!);
  const code = `DB${chinaDayOf(now).replaceAll('-', '')}${seq.padStart(6, '0')}`;
  const errand = await trx
    .insertInto('errands')
    .values({
      code,
      type_code: type.code,
      person_id: person!.id,
      grid_id: person!.grid_id,
      grid_path: person!.grid_path,
      started_by: actor.userId,
      state: 'draft',
      fields: JSON.stringify(fields),
      note: input.note ?? '',
      started_at: now,
      updated_at: now,
      idempotency_key: idempotencyKey ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendStep(trx, {
    errandId: errand.id,
    action: 'start',
    from: null,
    to: 'draft',
    actor,
    role: 'worker',
    note: input.note ?? null,
    details: { typeCode: type.code },
  });
  await recordAudit(trx, options.origin, {
    userId: actor.userId,
    action: 'errands.start',
    targetType: 'errand',
    targetId: errand.id,
    details: { typeCode: type.code, personId: person!.id },
  });
  pushErrand(options.outbox, [actor.userId], { errandId: errand.id, code, state: 'draft', version: 1 });
  return { id: errand.id, created: true };
}

export interface ErrandActionInput {
  version?: number;
  note?: string;
  reason?: string;
  fields?: Record<string, unknown>;
  documentKey?: string;
  attachmentId?: string;
}

interface Ctx {
  trx: Db;
  actor: Actor;
  errand: ErrandRow;
  type: ErrandTypeRow;
  input: ErrandActionInput;
  /** The state the action leads to (the errand's fields may choose a branch). */
  to: ErrandState;
  now: Date;
  outbox: Outbox;
  set: Record<string, unknown>;
  details: Record<string, unknown>;
  /** Everyone notified of this action; they and the starter hear of the new state. */
  notified: Set<string>;
  /** Work after the step is written (it needs the step's id). */
  after: ((stepId: string) => Promise<void>)[];
}

/**
 * Every action on an errand: visibility, version check (409 stale_version), the state machine of
 * @wangge/rules (409 illegal_transition), relations (403), inputs (400), effects, an append-only
 * step, audit and notifications to the next actor — one transaction. Attaching a document needs
 * no version and leaves the version alone: the worker may add photos while a colleague looks.
 */
export async function actOnErrand(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  outbox: Outbox;
  errandId: string;
  action: ErrandAction;
  input: ErrandActionInput;
}): Promise<void> {
  const { actor, action, input } = options;
  await options.db.transaction().execute(async (trx) => {
    const errand = await repo.lockVisible(trx, actor, options.errandId);
    if (!errand) throw notFound('代办', options.errandId);
    const state = errand.state as ErrandState;
    const relations = errandRelationsOf(actor, errand);
    // Attaching a document leaves the version alone: the worker may add photos while a colleague looks.
    const versioned = action !== 'attachDocument';
    const to = decideTransition({
      workflow: ERRAND_WORKFLOW,
      noun: { zh: '代办', en: 'errand' },
      item: {
        state,
        version: errand.version,
        fields: errand.fields as Record<string, unknown>,
      },
      action,
      expectedVersion: versioned ? (input.version ?? 0) : undefined,
      relations,
      input,
    });
    const type = (await repo.type(trx, errand.type_code))!;
    const ctx: Ctx = {
      trx,
      actor,
      errand,
      type,
      input,
      to,
      now: new Date(),
      outbox: options.outbox,
      set: {},
      details: {},
      notified: new Set(),
      after: [],
    };
    await EFFECTS[action]?.(ctx);
    const version = versioned ? errand.version + 1 : errand.version;
    await trx
      .updateTable('errands')
      .set({
        ...ctx.set,
        state: to,
        version,
        updated_at: ctx.now,
      })
      .where('id', '=', errand.id)
      .execute();
    const role = ERRAND_TRANSITIONS[action].by.find((r) => relations.has(r))!;
    const stepId = await appendStep(trx, {
      errandId: errand.id,
      action,
      from: state,
      to,
      actor,
      role,
      note: input.note ?? null,
      reason: input.reason ?? null,
      details: ctx.details,
    });
    for (const fn of ctx.after) await fn(stepId);
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: `errands.${action}`,
      targetType: 'errand',
      targetId: errand.id,
      details: { from: state, to },
    });
    pushErrand(options.outbox, [actor.userId, errand.started_by, ...ctx.notified], {
      errandId: errand.id,
      code: errand.code,
      state: to,
      version,
    });
  });
}

/** The errand's new state for the clients of those concerned (pushed after commit, like cases). */
function pushErrand(
  outbox: Outbox,
  userIds: string[],
  errand: { errandId: string; code: string; state: string; version: number },
) {
  outbox.messages.push({ userIds: [...new Set(userIds)], message: { type: 'errand', ...errand } });
}

async function appendStep(
  trx: Db,
  values: {
    errandId: string;
    action: ErrandStepName;
    from: string | null;
    to: string;
    actor: Actor;
    role: ErrandRelation;
    note?: string | null;
    reason?: string | null;
    details?: Record<string, unknown>;
  },
): Promise<string> {
  const seq = await repo.nextSeq(trx, values.errandId);
  const row = await trx
    .insertInto('errand_steps')
    .values({
      errand_id: values.errandId,
      seq,
      action: values.action,
      from_state: values.from,
      to_state: values.to,
      actor_user_id: values.actor.userId,
      actor_name: values.actor.displayName,
      actor_role: values.role,
      note: values.note ?? null,
      reason: values.reason ?? null,
      details: JSON.stringify(values.details ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function notify(ctx: Ctx, userIds: string[], kind: NotificationKey, titleKey: NotificationKey = kind) {
  const recipients = userIds.filter((id) => id !== ctx.actor.userId);
  for (const id of recipients) ctx.notified.add(id);
  // Whose errand it is, so the reader knows it without opening it (老年人优待证 · 王秀英 DB…).
  const person = await ctx.trx
    .selectFrom('people')
    .select('name')
    .where('id', '=', ctx.errand.person_id)
    .executeTakeFirstOrThrow();
  await notifyUsers(ctx.trx, ctx.outbox, {
    userIds: recipients,
    caseId: null,
    kind,
    titleKey,
    subject: {
      zh: `${ctx.type.name_zh} · ${person.name} ${ctx.errand.code}`,
      en: `${ctx.type.name_en} · ${person.name} ${ctx.errand.code}`,
    },
    errandId: ctx.errand.id,
  });
}

/** The errand is done: the worker and the grid's leaders hear of it. */
async function complete(ctx: Ctx) {
  ctx.set.completed_at = ctx.now;
  ctx.set.completion_note = ctx.input.note?.trim() || null;
  ctx.details.elapsedMs = ctx.now.getTime() - ctx.errand.started_at.getTime();
  await notify(ctx, [ctx.errand.started_by, ...(await leadersOf(ctx))], 'errand_completed');
}

const leadersOf = async (ctx: Ctx) =>
  (await caseRepository.usersCovering(ctx.trx, ctx.errand.grid_path, 'errands.review')).map((u) => u.id);

async function currentDocumentKeys(ctx: Ctx) {
  const rows = await ctx.trx
    .selectFrom('errand_documents')
    .select('document_key')
    .distinct()
    .where('errand_id', '=', ctx.errand.id)
    .execute();
  return rows.map((r) => r.document_key);
}

const EFFECTS: Partial<Record<ErrandAction, (ctx: Ctx) => Promise<void>>> = {
  async attachDocument(ctx) {
    const { documentKey, attachmentId } = ctx.input;
    const spec = ctx.type.required_documents.find((d) => d.key === documentKey);
    if (!spec) {
      throw badRequest(
        'documentKey',
        `${ctx.type.name_zh}不需要材料 ${documentKey} (not a document of this errand type)`,
        {
          allowed: ctx.type.required_documents.map((d) => d.key),
        },
      );
    }
    const attachment = await ctx.trx
      .selectFrom('attachments')
      .select('id')
      .where('id', '=', attachmentId!)
      .where('uploaded_by', '=', ctx.actor.userId)
      .where('case_id', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('errand_documents').select('id').where('attachment_id', '=', attachmentId!))),
      )
      .executeTakeFirst();
    if (!attachment) {
      throw badRequest(
        'attachmentId',
        `照片 ${attachmentId} 不存在、不是您上传的或已被使用 (unknown, not your upload, or already used)`,
      );
    }
    ctx.details = { documentKey: spec.key, label: spec.labelZh, attachmentId: attachment.id };
    ctx.after.push(async (stepId) => {
      await ctx.trx
        .insertInto('errand_documents')
        .values({
          errand_id: ctx.errand.id,
          document_key: spec.key,
          attachment_id: attachment.id,
          step_id: stepId,
          added_by: ctx.actor.userId,
        })
        .execute();
    });
  },

  async submit(ctx) {
    const fields = checkFields(ctx.type, ctx.input.fields ?? ctx.errand.fields);
    if (ctx.input.fields) ctx.set.fields = JSON.stringify(fields);
    const missing = missingDocuments(ctx.type.required_documents, await currentDocumentKeys(ctx));
    if (missing.length) {
      throw badRequest(
        `documents.${missing[0]!.key}`,
        `缺少材料：${missing.map((d) => d.labelZh).join('、')} (missing documents: ${missing.map((d) => d.labelEn).join(', ')})`,
        { missing: missing.map((d) => d.key) },
      );
    }
    if (!ctx.errand.submitted_at) {
      ctx.set.submitted_at = ctx.now;
      ctx.set.due_at = new Date(ctx.now.getTime() + ctx.type.time_limit_days * 86_400_000);
    }
    ctx.details.resubmission = ctx.errand.state === 'returned';
    await notify(ctx, await leadersOf(ctx), 'errand_review');
  },

  async leaderApprove(ctx) {
    const dept = await repo.departmentFor(ctx.trx, ctx.type.department_kind, ctx.errand.grid_path);
    if (!dept) {
      throw unprocessable(
        'no_department',
        `没有负责该网格的 ${ctx.type.department_kind} 部门 (no ${ctx.type.department_kind} department covers this grid)`,
        { departmentKind: ctx.type.department_kind },
      );
    }
    ctx.set.department_id = dept.id;
    ctx.details.department = { id: dept.id, name: dept.name };
    const members = await caseRepository.departmentMembers(ctx.trx, [dept.id]);
    await notify(
      ctx,
      members.map((m) => m.id),
      'errand_approval',
    );
    await notify(ctx, [ctx.errand.started_by], 'errand_forwarded');
  },

  async leaderReturn(ctx) {
    await notify(ctx, [ctx.errand.started_by], 'errand_returned', 'errand_returned.leader');
  },

  async departmentApprove(ctx) {
    if (ctx.to === 'completed') return complete(ctx);
    await notify(ctx, [ctx.errand.started_by], 'errand_delivery');
  },

  async deliver(ctx) {
    const { attachmentId } = ctx.input;
    if (attachmentId) {
      const photo = await ctx.trx
        .selectFrom('attachments')
        .select('id')
        .where('id', '=', attachmentId)
        .where('uploaded_by', '=', ctx.actor.userId)
        .where('case_id', 'is', null)
        .executeTakeFirst();
      if (!photo)
        throw badRequest(
          'attachmentId',
          `照片 ${attachmentId} 不存在或不是您上传的 (unknown or not your upload)`,
        );
      ctx.details.attachmentId = photo.id;
    }
    await complete(ctx);
  },

  async departmentReturn(ctx) {
    await notify(
      ctx,
      [ctx.errand.started_by, ...(await leadersOf(ctx))],
      'errand_returned',
      'errand_returned.department',
    );
  },
};
