import {
  allowedActions,
  CASE_TRANSITIONS,
  type CaseAction,
  type CaseState,
  canPerform,
  deadlineOf,
  type FeedKind,
  hasLabel,
  isWithinScope,
  label,
  limitWorkingMs,
  missingInputs,
  type NotificationKey,
  nextState,
  owesReportForDuty,
  type PublicPhase,
  publicPhase,
  REOPEN_DAYS_DEFAULT,
  reopenWindowOpen,
  reportForDutyLimit,
  STEP_OF_STATE,
  type StepLimit,
  trafficLight,
} from '@wangge/rules';
import type { Db } from '../../db/database.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import { queueFeed } from '../command/feed.ts';
import { notifyUsers, type Outbox } from '../notifications/notify.ts';
import type { CalendarService } from './calendar-service.ts';
import { type Limits, startClock } from './clock.ts';
import { relationsOf } from './relations.ts';
import { caseRepository as repo } from './repository.ts';
import { appendStep } from './steps.ts';
import { caseVisible } from './visibility.ts';

export interface ActionInput {
  version: number;
  note?: string;
  reason?: string;
  /** What the public may read about this step (Open311 status_notes); note and reason stay internal. */
  publicNote?: string;
  photoIds?: string[];
  target?: { type: 'unit' | 'department'; id: string };
  targets?: { departmentId: string; lead: boolean }[];
  rating?: number;
  satisfaction?: number;
  comment?: string;
  extension?: { amount: number; unit: 'hours' | 'days' };
  lon?: number;
  lat?: number;
  /** The hotspot a leader's instruction was given on (instruct): its cases, kept in the step. */
  hotspot?: { kind: string; key: string; caseIds: string[] };
}

type LockedCase = NonNullable<Awaited<ReturnType<typeof repo.lockCase>>>;
type Assignment = Awaited<ReturnType<typeof repo.assignments>>[number];

interface Ctx {
  trx: Db;
  actor: Actor;
  kase: LockedCase;
  assignments: Assignment[];
  input: ActionInput;
  now: Date;
  outbox: Outbox;
  calendars: CalendarService;
  /** Fields of the case row this action changes besides state and clock. */
  set: Record<string, unknown>;
  details: Record<string, unknown>;
  /** Whether the step clock restarts even though the state stays (e.g. escalation to filed). */
  restartClock: boolean;
  /** Days after closing the reporter may reopen (config WANGGE_REOPEN_DAYS). */
  reopenDays: number;
}

/** Dispatch levels below the owner a case may be assigned down or dispatched to. */
const UNIT_TARGET_LEVELS = new Set(['district', 'street', 'community', 'grid']);

/**
 * The one entry point for every action on a case: version check, state-machine check, relation
 * check, inputs, the action's own effects, the step, notifications — one transaction.
 */
export async function actOnCase(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  calendars: CalendarService;
  outbox: Outbox;
  caseId: string;
  action: CaseAction;
  input: ActionInput;
  /** WANGGE_REOPEN_DAYS; only `reopen` reads it, so callers that never reopen may leave it out. */
  reopenDays?: number;
}): Promise<void> {
  const { actor, action, input, outbox } = options;
  await options.db.transaction().execute(async (trx) => {
    const visible = await trx
      .selectFrom('cases as c')
      .select('c.id')
      .where('c.id', '=', options.caseId)
      .where(caseVisible(actor))
      .executeTakeFirst();
    const kase = visible ? await repo.lockCase(trx, options.caseId) : undefined;
    if (!kase) throw notFound('事件', options.caseId);
    if (kase.version !== input.version) {
      throw new AppError(
        409,
        'stale_version',
        '事件已被他人更新，请刷新后重试 (the case changed since you loaded it)',
        {
          field: 'version',
          state: kase.state,
          version: kase.version,
        },
      );
    }
    const state = kase.state as CaseState;
    if (!CASE_TRANSITIONS[action].from.includes(state)) {
      throw new AppError(
        409,
        'illegal_transition',
        `当前状态不能执行该操作 (cannot ${action} a case that is ${state})`,
        {
          state,
          action,
          version: kase.version,
        },
      );
    }
    const assignments = await repo.assignments(trx, kase.id);
    const relations = relationsOf(actor, kase, assignments);
    if (!canPerform(action, state, relations)) {
      throw forbidden(`您不能对该事件执行此操作 (not permitted to ${action} this case)`, {
        action,
        relations: [...relations],
      });
    }
    const missing = missingInputs(action, { ...input, photos: input.photoIds });
    if (missing.length) {
      const field = missing[0] === 'photos' ? 'photoIds' : missing[0]!;
      throw badRequest(field, `缺少 ${field} (this action needs ${missing.join(', ')})`, { missing });
    }
    const now = new Date();
    const ctx: Ctx = {
      trx,
      actor,
      kase,
      assignments,
      input,
      now,
      outbox,
      calendars: options.calendars,
      set: {},
      details: {},
      restartClock: false,
      reopenDays: options.reopenDays ?? REOPEN_DAYS_DEFAULT,
    };
    await EFFECTS[action]?.(ctx);
    const to = nextState(action, state);
    const category = await repo.category(trx, kase.category_code);
    const calendar = await options.calendars.forPath(kase.grid_path);
    if (to !== state) recordStepOutcome(ctx, state, now);
    const clock =
      to !== state || ctx.restartClock
        ? startClock(to, (category?.limits ?? {}) as unknown as Limits, calendar, now)
        : null;
    await trx
      .updateTable('cases')
      .set({ ...ctx.set, ...(clock ?? {}), state: to, version: kase.version + 1, updated_at: now })
      .where('id', '=', kase.id)
      .execute();
    await appendStep(trx, {
      caseId: kase.id,
      action,
      fromState: state,
      toState: to,
      actor,
      actorUnitPath: kase.grid_path,
      note: input.note ?? input.comment ?? null,
      reason: input.reason ?? null,
      publicNote: input.publicNote?.trim() || null,
      details: ctx.details,
      deadline: clock ? clock.step_due_at : ((ctx.set.step_due_at as Date | undefined) ?? kase.step_due_at),
      lon: input.lon ?? null,
      lat: input.lat ?? null,
      photoIds: input.photoIds,
    });
    await notifyFollowers(ctx, action, state, to, category);
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: `cases.${action}`,
      targetType: 'case',
      targetId: kase.id,
      details: { from: state, to },
    });
    outbox.messages.push({
      userIds: [actor.userId],
      message: { type: 'case', caseId: kase.id, state: to, version: kase.version + 1 },
    });
    const feedKind = FEED_OF_ACTION[action];
    if (feedKind) {
      queueFeed(outbox, {
        kind: feedKind,
        unitPath: kase.grid_path,
        at: now.toISOString(),
        ref: { type: 'case', id: kase.id },
        params: { title: kase.title, code: kase.code },
      });
    }
  });
}

const PROGRESS_TITLE: Readonly<Record<PublicPhase, NotificationKey>> = {
  received: 'report_progress.received',
  handling: 'report_progress.handling',
  handled: 'report_progress.handled',
  closed: 'report_progress.closed',
  voided: 'report_progress.voided',
};

/**
 * The residents following the case — its reporter when a resident reported it in the app, and
 * everyone who joined with "+1" — hear of each change of the public phase and of each note staff
 * publish, never the acting user. They read the phase, the category in a resident's words and the
 * published note: no staff name, no internal note.
 */
async function notifyFollowers(
  ctx: Ctx,
  action: CaseAction,
  from: CaseState,
  to: CaseState,
  category: { name_zh: string; name_en: string } | undefined,
) {
  const phase = publicPhase(to);
  const changed = phase !== publicPhase(from);
  const note = ctx.input.publicNote?.trim() ?? '';
  if (!changed && !note) return;
  const joined = await ctx.trx
    .selectFrom('case_plus_ones')
    .select('user_id')
    .where('case_id', '=', ctx.kase.id)
    .execute();
  const userIds = joined.map((j) => j.user_id);
  if (ctx.kase.source === 'resident_app' && ctx.kase.reporter_user_id)
    userIds.push(ctx.kase.reporter_user_id);
  if (userIds.length === 0) return;
  // A report sent without an account is the resident app's channel account's: nobody reads its inbox.
  const active = await ctx.trx
    .selectFrom('users')
    .select('id')
    .where('id', 'in', userIds)
    .where('active', '=', true)
    .execute();
  const code = ctx.kase.category_code;
  const subject = hasLabel('residentCategory', code)
    ? { zh: label('residentCategory', code, 'zh'), en: label('residentCategory', code, 'en') }
    : category
      ? { zh: category.name_zh, en: category.name_en }
      : { zh: ctx.kase.code, en: ctx.kase.code };
  await notifyUsers(ctx.trx, ctx.outbox, {
    userIds: active.map((u) => u.id).filter((id) => id !== ctx.actor.userId),
    caseId: ctx.kase.id,
    kind: 'report_progress',
    titleKey: !changed
      ? 'report_progress'
      : action === 'reopen'
        ? 'report_progress.reopened'
        : PROGRESS_TITLE[phase],
    subject,
    body: note,
  });
}

/** The actions the command centre's live feed announces. */
const FEED_OF_ACTION: Partial<Record<CaseAction, FeedKind>> = {
  escalate: 'case.escalated',
  whistle: 'case.whistled',
};

/**
 * When a transition ends a timed step, whether it ended within its limit goes on the case row for
 * statistics. A step run twice (rework) counts as on time only if both runs were.
 */
function recordStepOutcome(ctx: Ctx, from: CaseState, now: Date) {
  const step = STEP_OF_STATE[from];
  if (!step || step === 'close' || !ctx.kase.step_due_at) return;
  const column = `${step}_on_time` as const;
  const onTime = now <= ctx.kase.step_due_at;
  ctx.set[column] = ctx.kase[column] === false ? false : onTime;
}

/** The actions the caller may take on a case now, for `actions` in responses. */
export async function actionsFor(
  db: Db,
  actor: Actor,
  kase: { id: string; state: string; grid_path: string; owner_path: string; reporter_user_id: string | null },
  /** The case's assignments when the caller has read them already (a detail reads them anyway). */
  known?: Awaited<ReturnType<typeof repo.assignments>>,
) {
  const assignments = known ?? (await repo.assignments(db, kase.id));
  const relations = relationsOf(actor, kase, assignments);
  // The state stays after reporting for duty, so the rule alone would offer 报到 again.
  const actions: string[] = allowedActions(kase.state as CaseState, relations).filter(
    (a) => a !== 'acknowledge' || owesReportForDuty(assignments, actor.departmentIds),
  );
  if (relations.has('dispatcher') && MERGEABLE.has(kase.state)) actions.push('merge');
  return actions;
}

export const MERGEABLE = new Set(['reported', 'accepted', 'confirming', 'filed']);

async function notifyPath(
  ctx: Ctx,
  path: string,
  permission: string,
  kind: NotificationKey,
  titleKey: NotificationKey = kind,
) {
  const users = await repo.usersCovering(ctx.trx, path, permission);
  await notifyUsers(ctx.trx, ctx.outbox, {
    userIds: users.map((u) => u.id).filter((id) => id !== ctx.actor.userId),
    caseId: ctx.kase.id,
    kind,
    titleKey,
    subject: { zh: ctx.kase.title, en: ctx.kase.title },
  });
}

async function notifyReceivers(ctx: Ctx, kind: NotificationKey) {
  for (const a of ctx.assignments.filter((x) => x.active)) {
    if (a.department_id) {
      const members = await repo.departmentMembers(ctx.trx, [a.department_id]);
      await notifyUsers(ctx.trx, ctx.outbox, {
        userIds: members.map((m) => m.id),
        caseId: ctx.kase.id,
        kind,
        subject: { zh: ctx.kase.title, en: ctx.kase.title },
      });
    } else if (a.org_path) {
      await notifyPath(ctx, a.org_path, 'cases.handle', kind);
    }
  }
}

async function deactivateAssignments(ctx: Ctx) {
  await ctx.trx
    .updateTable('case_assignments')
    .set({ active: false })
    .where('case_id', '=', ctx.kase.id)
    .where('active', '=', true)
    .execute();
}

async function unitTarget(ctx: Ctx, id: string, mustBeBelowOwner: boolean) {
  const unit = await ctx.trx
    .selectFrom('org_units')
    .select(['id', 'path', 'name', 'level'])
    .where('id', '=', id)
    .executeTakeFirst();
  const below =
    unit?.path.startsWith(ctx.kase.owner_path) && (!mustBeBelowOwner || unit.path !== ctx.kase.owner_path);
  // The target must cover where the case happened: a street cannot send a case to a grid elsewhere.
  if (
    !unit ||
    !below ||
    !ctx.kase.grid_path.startsWith(unit.path) ||
    !UNIT_TARGET_LEVELS.has(unit.level) ||
    !isWithinScope(unit.path, ctx.actor.scopePaths)
  ) {
    throw badRequest(
      'target',
      `单位 ${id} 不能作为派遣对象：须在事件所属单位之下并覆盖事发网格 (the unit must lie under the case's owner and cover its grid)`,
    );
  }
  return unit;
}

async function departmentTarget(ctx: Ctx, id: string) {
  const dept = await ctx.trx
    .selectFrom('departments as d')
    .innerJoin('org_units as o', 'o.id', 'd.org_unit_id')
    .select(['d.id', 'd.name', 'o.path'])
    .where('d.id', '=', id)
    .executeTakeFirst();
  // Departments of the levels above the case's grid may be sent for.
  if (!dept || !ctx.kase.grid_path.startsWith(dept.path)) {
    throw badRequest(
      'target',
      `部门 ${id} 不存在或不负责该事件所在区域 (unknown department or not responsible for this area)`,
    );
  }
  return dept;
}

async function ownAssignment(ctx: Ctx) {
  return ctx.assignments.find(
    (a) =>
      a.active &&
      ((a.department_id !== null && ctx.actor.departmentIds.includes(a.department_id)) ||
        (a.org_path !== null && isWithinScope(a.org_path, ctx.actor.scopePaths))),
  );
}

const EFFECTS: Partial<Record<CaseAction, (ctx: Ctx) => Promise<void>>> = {
  async requestConfirm(ctx) {
    await notifyPath(ctx, ctx.kase.grid_path, 'cases.verify', 'confirm_due');
  },
  async file(ctx) {
    ctx.set.filed_at = ctx.now;
  },
  async requestVoid(ctx) {
    await notifyPath(ctx, ctx.kase.owner_path, 'cases.approve', 'void_approval');
  },
  async dispatch(ctx) {
    const target = ctx.input.target!;
    await deactivateAssignments(ctx);
    if (target.type === 'department') {
      const dept = await departmentTarget(ctx, target.id);
      await ctx.trx
        .insertInto('case_assignments')
        .values({ case_id: ctx.kase.id, department_id: dept.id, is_lead: true })
        .execute();
      ctx.details.target = { type: 'department', id: dept.id, name: dept.name };
    } else {
      const unit = await unitTarget(ctx, target.id, false);
      await ctx.trx
        .insertInto('case_assignments')
        .values({ case_id: ctx.kase.id, org_unit_id: unit.id, org_path: unit.path, is_lead: true })
        .execute();
      ctx.details.target = { type: 'unit', id: unit.id, name: unit.name, level: unit.level };
    }
    ctx.set.dispatched_at = ctx.now;
    ctx.assignments = await repo.assignments(ctx.trx, ctx.kase.id);
    await notifyReceivers(ctx, 'dispatched');
  },
  async whistle(ctx) {
    const targets = ctx.input.targets!;
    const leads = targets.filter((t) => t.lead);
    if (leads.length !== 1)
      throw badRequest('targets', '吹哨须指定且仅指定一个牵头部门 (exactly one lead department)');
    if (new Set(targets.map((t) => t.departmentId)).size !== targets.length) {
      throw badRequest('targets', '部门重复 (a department appears twice)');
    }
    await deactivateAssignments(ctx);
    const calendar = await ctx.calendars.forPath(ctx.kase.grid_path);
    // Each department reports for duty (报到) within a limit that follows the category's urgency.
    const category = await repo.category(ctx.trx, ctx.kase.category_code);
    const ackLimit = reportForDutyLimit((category?.limits ?? {}) as unknown as Limits, calendar);
    const ackDue = deadlineOf(ctx.now, ackLimit, calendar);
    const named: { id: string; name: string; lead: boolean }[] = [];
    for (const t of targets) {
      const dept = await departmentTarget(ctx, t.departmentId);
      await ctx.trx
        .insertInto('case_assignments')
        .values({
          case_id: ctx.kase.id,
          department_id: dept.id,
          is_lead: t.lead,
          ack_due_at: ackDue,
          ack_light: 'green',
        })
        .execute();
      named.push({ id: dept.id, name: dept.name, lead: t.lead });
    }
    ctx.details.targets = named;
    ctx.details.ackDueAt = ackDue;
    ctx.details.ackLimit = ackLimit;
    ctx.set.dispatched_at = ctx.now;
    ctx.assignments = await repo.assignments(ctx.trx, ctx.kase.id);
    await notifyReceivers(ctx, 'whistle');
  },
  async acknowledge(ctx) {
    const mine = ctx.assignments.filter(
      (a) =>
        a.active &&
        a.department_id !== null &&
        ctx.actor.departmentIds.includes(a.department_id) &&
        !a.acknowledged_at,
    );
    if (!mine.length)
      throw new AppError(409, 'already_reported', '本部门已报到或无需报到 (already reported for duty)', {
        state: ctx.kase.state,
      });
    await ctx.trx
      .updateTable('case_assignments')
      .set({ acknowledged_at: ctx.now })
      .where(
        'id',
        'in',
        mine.map((a) => a.id),
      )
      .execute();
    ctx.details.onTime = mine.every((a) => !a.ack_due_at || ctx.now <= a.ack_due_at);
  },
  async acceptTask(ctx) {
    const mine = await ownAssignment(ctx);
    if (mine)
      await ctx.trx
        .updateTable('case_assignments')
        .set({ accepted_at: ctx.now })
        .where('id', '=', mine.id)
        .execute();
  },
  async handle(ctx) {
    ctx.set.handled_at = ctx.now;
    await notifyPath(ctx, ctx.kase.grid_path, 'cases.verify', 'verify_due');
  },
  async verifyFail(ctx) {
    ctx.set.reworked = ctx.kase.reworked + 1;
    await notifyReceivers(ctx, 'rework');
  },
  async close(ctx) {
    ctx.set.closed_at = ctx.now;
  },
  async evaluate(ctx) {
    ctx.set.rating = ctx.input.rating;
  },
  async returnVisit(ctx) {
    if (ctx.input.satisfaction !== undefined) ctx.set.satisfaction = ctx.input.satisfaction;
    if (ctx.input.comment !== undefined) ctx.set.satisfaction_comment = ctx.input.comment;
    ctx.details.satisfaction = ctx.input.satisfaction ?? null;
  },
  async reopen(ctx) {
    const { kase, reopenDays } = ctx;
    if (!reopenWindowOpen(kase.closed_at, ctx.now, reopenDays)) {
      throw new AppError(
        409,
        'reopen_window_closed',
        `结案已超过 ${reopenDays} 天，不能重新打开，请重新上报 (closed more than ${reopenDays} days ago; report anew)`,
        { state: kase.state, closedAt: kase.closed_at, reopenDays },
      );
    }
    // Open again: no longer closed, the old handlers released; the dispatcher decides anew.
    ctx.set.closed_at = null;
    ctx.details.closedAt = kase.closed_at;
    await deactivateAssignments(ctx);
    await notifyPath(ctx, kase.owner_path, 'cases.dispatch', 'reopened');
  },
  async returnToDispatcher(ctx) {
    await deactivateAssignments(ctx);
    await notifyPath(ctx, ctx.kase.owner_path, 'cases.dispatch', 'returned');
  },
  async requestExtension(ctx) {
    if (ctx.kase.pending_extension)
      throw conflict('已有待审批的延期申请 (an extension request is pending)', { state: ctx.kase.state });
    const ext = ctx.input.extension!;
    ctx.set.pending_extension = JSON.stringify({
      ...ext,
      reason: ctx.input.reason,
      requestedBy: ctx.actor.userId,
    });
    ctx.details.extension = ext;
    await notifyPath(ctx, ctx.kase.owner_path, 'cases.dispatch', 'extension_request');
  },
  async approveExtension(ctx) {
    const pending = ctx.kase.pending_extension as { amount: number; unit: 'hours' | 'days' } | null;
    if (!pending) throw conflict('没有待审批的延期申请 (no pending extension)', { state: ctx.kase.state });
    const category = await repo.category(ctx.trx, ctx.kase.category_code);
    const calendar = await ctx.calendars.forPath(ctx.kase.grid_path);
    const extensionMs = Number(ctx.kase.extension_ms) + limitWorkingMs(pending, calendar);
    const limit = ((category?.limits ?? {}) as unknown as Limits).handle as StepLimit | undefined;
    ctx.set.extension_ms = extensionMs;
    ctx.set.pending_extension = null;
    if (limit) {
      const t = trafficLight(ctx.kase.step_started_at, ctx.now, limit, calendar, extensionMs);
      ctx.set.step_due_at = t.dueAt;
      ctx.set.light = t.light;
    }
    ctx.details.extension = pending;
  },
  async rejectExtension(ctx) {
    if (!ctx.kase.pending_extension)
      throw conflict('没有待审批的延期申请 (no pending extension)', { state: ctx.kase.state });
    ctx.set.pending_extension = null;
  },
  async escalate(ctx) {
    const owner = await ctx.trx
      .selectFrom('org_units')
      .select(['parent_id', 'level'])
      .where('id', '=', ctx.kase.owner_unit_id)
      .executeTakeFirstOrThrow();
    if (!owner.parent_id)
      throw conflict('已是最高层级，无法上报 (already at the top level)', { state: ctx.kase.state });
    const parent = await ctx.trx
      .selectFrom('org_units')
      .select(['id', 'path', 'name', 'level'])
      .where('id', '=', owner.parent_id)
      .executeTakeFirstOrThrow();
    await deactivateAssignments(ctx);
    ctx.set.owner_unit_id = parent.id;
    ctx.set.owner_path = parent.path;
    ctx.restartClock = true;
    ctx.details.from = { level: owner.level };
    ctx.details.to = { id: parent.id, name: parent.name, level: parent.level };
    await notifyPath(ctx, parent.path, 'cases.dispatch', 'escalated');
  },
  async assignDown(ctx) {
    const target = ctx.input.target!;
    if (target.type !== 'unit') throw badRequest('target', '交办对象须为下级单位 (assign down to a unit)');
    const unit = await unitTarget(ctx, target.id, true);
    ctx.set.owner_unit_id = unit.id;
    ctx.set.owner_path = unit.path;
    ctx.restartClock = true;
    ctx.details.target = { type: 'unit', id: unit.id, name: unit.name, level: unit.level };
    await notifyPath(ctx, unit.path, 'cases.dispatch', 'assigned_down');
  },
  async auditSelfHandled(ctx) {
    ctx.set.closed_at = ctx.now;
  },
  async rejectSelfHandled(ctx) {
    ctx.set.filed_at = ctx.now;
    await notifyPath(ctx, ctx.kase.owner_path, 'cases.dispatch', 'new_case', 'self_handling_rejected');
  },
  async supervise(ctx) {
    await notifyReceivers(ctx, 'supervision');
    await notifyPath(ctx, ctx.kase.owner_path, 'cases.dispatch', 'supervision');
  },
  async instruct(ctx) {
    // Supervised from now on: at least an ordinary supervision, a card already shown stays.
    if (ctx.kase.supervision === 'none') ctx.set.supervision = 'ordinary';
    if (ctx.input.hotspot) ctx.details.hotspot = ctx.input.hotspot;
    await notifyReceivers(ctx, 'leader_instruction');
    await notifyPath(ctx, ctx.kase.owner_path, 'cases.dispatch', 'leader_instruction');
  },
};
