import {
  actionsFor,
  beijingDay,
  type ShiftKind,
  TASK_TARGET,
  TASK_WORKFLOW,
  type TaskAction,
  type TaskKind,
  type TaskRelation,
  type TaskState,
} from '@wangge/rules';
import type { Db } from '../../db/database.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { assertInScope, can, inScope } from '../access/authorize.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import { notifyUsers, type Outbox } from '../notifications/notify.ts';
import { decideTransition } from '../workflow/decide.ts';
import { presentTask } from './presenter.ts';
import { dutyRepository as repo, type TaskRow } from './repository.ts';

/** assignee: the task is for the caller; assigner: the caller manages duty over the task's grid. */
export function taskRelations(
  actor: Actor,
  task: { assignee_id: string; unit_path: string },
): TaskRelation[] {
  const relations: TaskRelation[] = [];
  if (task.assignee_id === actor.userId) relations.push('assignee');
  if (can(actor, 'duty.manage') && inScope(actor, task.unit_path)) relations.push('assigner');
  return relations;
}

export function presentTaskFor(actor: Actor, row: TaskRow) {
  return presentTask(row, actionsFor(TASK_WORKFLOW, row.state as TaskState, taskRelations(actor, row)));
}

/** Sets shifts of a grid team's members; every worker named must be on the team. */
export async function saveRota(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  gridId: string;
  entries: readonly { userId: string; day: string; kind: ShiftKind }[];
}): Promise<void> {
  const { actor, gridId, entries } = options;
  await options.db.transaction().execute(async (trx) => {
    const grid = await repo.grid(trx, gridId);
    assertInScope(actor, grid?.path, '网格', gridId);
    const [team] = await repo.teams(trx, grid!.path, 1);
    const members = new Set(team?.gridId === gridId ? team.members.map((m) => m.userId) : []);
    const stranger = entries.findIndex((e) => !members.has(e.userId));
    if (stranger >= 0)
      throw badRequest(
        `entries.${stranger}.userId`,
        '该人员不在本网格队伍中 (not a member of this grid team)',
      );
    await repo.upsertShifts(trx, gridId, entries, actor.userId);
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'duty.rota',
      targetType: 'grid',
      targetId: gridId,
      details: { entries: entries.length },
    });
  });
}

export interface NewTask {
  assigneeId: string;
  kind: TaskKind;
  title: string;
  instructions?: string;
  route?: string;
  targetUnitId?: string;
  targetHouseId?: string;
  targetCaseId?: string;
  dueDay?: string;
}

/** Sets a worker a task in one of the worker's grids within the caller's scope and tells the worker. */
export async function createTask(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  outbox: Outbox;
  task: NewTask;
}): Promise<string> {
  const { actor, task } = options;
  const target = TASK_TARGET[task.kind];
  const given = {
    route: task.route?.trim() || undefined,
    unit: task.targetUnitId,
    household: task.targetHouseId,
    case: task.targetCaseId,
  };
  const field = { route: 'route', unit: 'targetUnitId', household: 'targetHouseId', case: 'targetCaseId' };
  for (const [kind, value] of Object.entries(given)) {
    if (value !== undefined && kind !== target)
      throw badRequest(
        field[kind as keyof typeof field],
        `该类任务不能指定此目标 (a ${task.kind} task has no such target)`,
      );
  }
  return options.db.transaction().execute(async (trx) => {
    const [grid] = await repo.gridsOfMember(trx, actor, task.assigneeId);
    if (!grid) throw notFound('人员', task.assigneeId);
    if (task.targetCaseId) {
      const c = await trx
        .selectFrom('cases')
        .select('grid_path')
        .where('id', '=', task.targetCaseId)
        .executeTakeFirst();
      if (!c || !inScope(actor, c.grid_path ?? ''))
        throw badRequest('targetCaseId', '事件不存在或不在辖区内 (no such case in scope)');
    }
    if (task.targetUnitId) {
      const u = await trx
        .selectFrom('units')
        .select('grid_path')
        .where('id', '=', task.targetUnitId)
        .executeTakeFirst();
      if (!u || !inScope(actor, u.grid_path))
        throw badRequest('targetUnitId', '场所不存在或不在辖区内 (no such venue in scope)');
    }
    if (task.targetHouseId) {
      const h = await trx
        .selectFrom('houses')
        .select('grid_path')
        .where('id', '=', task.targetHouseId)
        .executeTakeFirst();
      if (!h || !inScope(actor, h.grid_path))
        throw badRequest('targetHouseId', '房屋不存在或不在辖区内 (no such household in scope)');
    }
    const row = await trx
      .insertInto('worker_tasks')
      .values({
        kind: task.kind,
        assignee_id: task.assigneeId,
        grid_id: grid.id,
        unit_path: grid.path,
        title: task.title.trim(),
        instructions: task.instructions?.trim() ?? '',
        route: given.route ?? null,
        target_unit_id: task.targetUnitId ?? null,
        target_house_id: task.targetHouseId ?? null,
        target_case_id: task.targetCaseId ?? null,
        due_day: task.dueDay ?? beijingDay(new Date()),
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await notifyUsers(trx, options.outbox, {
      userIds: [task.assigneeId],
      caseId: task.targetCaseId ?? null,
      kind: 'task_assigned',
      subject: { zh: task.title.trim(), en: task.title.trim() },
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'duty.task.create',
      targetType: 'worker_task',
      targetId: row.id,
      details: { kind: task.kind, assigneeId: task.assigneeId },
    });
    return row.id;
  });
}

/** Tick off (worker), cancel or reopen (assigner) a task. */
export async function actOnTask(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  taskId: string;
  action: TaskAction;
  input: { version?: number; note?: string };
}): Promise<void> {
  const { actor, action, input, taskId } = options;
  await options.db.transaction().execute(async (trx) => {
    const task = await repo.lockTask(trx, taskId);
    if (!task || (task.assignee_id !== actor.userId && !inScope(actor, task.unit_path)))
      throw notFound('任务', taskId);
    const to = decideTransition({
      workflow: TASK_WORKFLOW,
      noun: { zh: '任务', en: 'task' },
      item: { state: task.state as TaskState, version: task.version },
      action,
      expectedVersion: input.version,
      relations: taskRelations(actor, task),
      input,
    });
    await trx
      .updateTable('worker_tasks')
      .set({
        state: to,
        version: task.version + 1,
        done_at: to === 'done' ? new Date() : null,
        done_note: to === 'done' ? input.note?.trim() || null : null,
      })
      .where('id', '=', taskId)
      .execute();
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: `duty.task.${action}`,
      targetType: 'worker_task',
      targetId: taskId,
      details: { from: task.state, to },
    });
  });
}
