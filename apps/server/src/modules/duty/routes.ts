import {
  addDays,
  beijingDay,
  onDutyAt,
  SHIFT_KINDS,
  type ShiftKind,
  shiftInterval,
  TASK_ACTIONS,
  TASK_KINDS,
  TASK_STATES,
  type TaskAction,
  type TaskKind,
  uncoveredGrids,
  weekStart,
} from '@wangge/rules';
import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { notFound } from '../../http/errors.ts';
import { Id, iso, isoOrNull } from '../../http/schemas.ts';
import type { Actor } from '../access/actor.ts';
import { assertInScope, authorize, can } from '../access/authorize.ts';
import { originOf } from '../audit/record.ts';
import { flush, newOutbox } from '../notifications/notify.ts';
import { actOnTask, createTask, presentTaskFor, saveRota } from './operations.ts';
import { dutyRepository as repo } from './repository.ts';
import { DutyBoard, DutyCoverage, DutyNow, DutyRota, WorkTask, WorkTaskList } from './schemas.ts';

const tags = ['duty'];
const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Day = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' });

export function registerDutyRoutes(app: App, { db, hub, config }: AppContext): void {
  const hours = config.shiftHours;

  /** The unit a board is about: the given one (404 outside scope) or the caller's first scope. */
  async function scopeUnit(actor: Actor, unitId: string | undefined): Promise<string> {
    if (!unitId) {
      const first = actor.scopePaths[0];
      if (!first) throw notFound('单位');
      return first;
    }
    const unit = await repo.unitPath(db, unitId);
    assertInScope(actor, unit?.path, '单位', unitId);
    return unit!.path;
  }

  async function rota(actor: Actor, gridId: string, week: string) {
    const grid = await repo.grid(db, gridId);
    assertInScope(actor, grid?.path, '网格', gridId);
    const [team] = await repo.teams(db, grid!.path, 1);
    const members = team?.gridId === gridId ? team.members : [];
    const days = Array.from({ length: 7 }, (_, i) => addDays(week, i));
    const entries = await repo.entries(
      db,
      days[0]!,
      days[6]!,
      members.map((m) => m.userId),
    );
    return {
      grid: { id: grid!.id, name: grid!.name },
      week,
      days,
      members: members.map((m) => ({
        ...m,
        shifts: Object.fromEntries(entries.filter((e) => e.userId === m.userId).map((e) => [e.day, e.kind])),
      })),
      actions: can(actor, 'duty.manage') ? ['edit'] : [],
    };
  }

  app.get(
    '/api/duty/rota',
    {
      schema: {
        tags,
        summary: '网格排班表 (a grid team’s week: worker × day → shift kind)',
        querystring: Type.Object({ gridId: Id, week: Type.Optional(Day) }),
        response: { 200: DutyRota },
      },
    },
    async (request) => {
      const actor = authorize(request, 'duty.read');
      const week = weekStart(request.query.week ?? beijingDay(new Date()));
      return rota(actor, request.query.gridId, week);
    },
  );

  app.put(
    '/api/duty/rota',
    {
      schema: {
        tags,
        summary: '编辑排班 (set shifts of a grid team’s members)',
        body: Type.Object(
          {
            gridId: Id,
            entries: Type.Array(
              Type.Object(
                { userId: Id, day: Day, kind: literals(SHIFT_KINDS) },
                { additionalProperties: false },
              ),
              { maxItems: 500 },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: DutyRota },
      },
    },
    async (request) => {
      const actor = authorize(request, 'duty.manage');
      const { gridId, entries } = request.body;
      await saveRota({
        db,
        actor,
        origin: originOf(request),
        gridId,
        entries: entries.map((e) => ({ ...e, kind: e.kind as ShiftKind })),
      });
      return rota(actor, gridId, weekStart(entries[0]?.day ?? beijingDay(new Date())));
    },
  );

  app.get(
    '/api/duty/now',
    {
      schema: {
        tags,
        summary: '当前在岗 (who is on duty now, per grid team, by the rota)',
        querystring: Type.Object({ unitId: Type.Optional(Id) }),
        response: { 200: DutyNow },
      },
    },
    async (request) => {
      const actor = authorize(request, 'duty.read');
      const path = await scopeUnit(actor, request.query.unitId);
      const now = new Date();
      const teams = await repo.teams(db, path);
      const userIds = [...new Set(teams.flatMap((t) => t.members.map((m) => m.userId)))];
      const entries = await repo.entriesAround(db, now, userIds);
      const onDuty = new Map(onDutyAt(entries, now, hours).map((w) => [w.userId, w.since]));
      const today = beijingDay(now);
      const items = teams.flatMap((t) =>
        t.members
          .filter((m) => onDuty.has(m.userId))
          .map((m) => {
            const since = onDuty.get(m.userId)!;
            const entry = entries.find(
              (e) =>
                e.userId === m.userId &&
                shiftInterval(e.day, e.kind, hours)?.start.getTime() === since.getTime(),
            );
            const kind = entry?.kind ?? 'standby';
            return {
              userId: m.userId,
              name: m.name,
              teamRole: m.teamRole,
              grid: { id: t.gridId, name: t.gridName },
              kind,
              since: iso(since),
              until: isoOrNull(shiftInterval(entry?.day ?? today, kind, hours)?.end ?? null),
            };
          }),
      );
      return { at: iso(now), items };
    },
  );

  app.get(
    '/api/duty/coverage',
    {
      schema: {
        tags,
        summary: '覆盖检查 (grids in scope with nobody on duty right now)',
        querystring: Type.Object({ unitId: Type.Optional(Id) }),
        response: { 200: DutyCoverage },
      },
    },
    async (request) => {
      const actor = authorize(request, 'duty.read');
      const path = await scopeUnit(actor, request.query.unitId);
      const now = new Date();
      const teams = await repo.teams(db, path);
      const userIds = [...new Set(teams.flatMap((t) => t.members.map((m) => m.userId)))];
      const onDuty = new Set(
        onDutyAt(await repo.entriesAround(db, now, userIds), now, hours).map((w) => w.userId),
      );
      const uncovered = new Set(
        uncoveredGrids(new Map(teams.map((t) => [t.gridId, t.members.map((m) => m.userId)])), onDuty),
      );
      return {
        at: iso(now),
        grids: teams.length,
        uncovered: teams
          .filter((t) => uncovered.has(t.gridId))
          .map((t) => ({ id: t.gridId, name: t.gridName, members: t.members.length })),
      };
    },
  );

  app.get(
    '/api/duty/board',
    {
      schema: {
        tags,
        summary: '当日排班 (each grid team’s shifts of one day)',
        querystring: Type.Object({ unitId: Type.Optional(Id), day: Type.Optional(Day) }),
        response: { 200: DutyBoard },
      },
    },
    async (request) => {
      const actor = authorize(request, 'duty.read');
      const path = await scopeUnit(actor, request.query.unitId);
      const day = request.query.day ?? beijingDay(new Date());
      const teams = await repo.teams(db, path, 200);
      const userIds = [...new Set(teams.flatMap((t) => t.members.map((m) => m.userId)))];
      const entries = await repo.entries(db, day, day, userIds);
      return {
        day,
        teams: teams.map((t) => ({
          grid: { id: t.gridId, name: t.gridName },
          members: t.members.map((m) => ({
            ...m,
            kind: entries.find((e) => e.userId === m.userId)?.kind ?? null,
          })),
        })),
      };
    },
  );

  app.get(
    '/api/duty/tasks',
    {
      schema: {
        tags,
        summary: '工作任务列表 (the caller’s own tasks with mine=true; else tasks in scope)',
        querystring: Type.Object({
          mine: Type.Optional(Type.Boolean()),
          assigneeId: Type.Optional(Id),
          unitId: Type.Optional(Id),
          day: Type.Optional(Day),
          state: Type.Optional(Type.Array(literals(TASK_STATES), { maxItems: 3 })),
        }),
        response: { 200: WorkTaskList },
      },
    },
    async (request) => {
      const actor = authorize(request);
      const { mine, assigneeId, unitId, day, state } = request.query;
      if (!mine) authorize(request, 'duty.read');
      const unitPath = unitId ? await scopeUnit(actor, unitId) : undefined;
      const rows = await repo.listTasks(
        db,
        actor,
        { assigneeId: mine ? actor.userId : assigneeId, unitPath, day, states: state },
        200,
      );
      return { items: rows.map((r) => presentTaskFor(actor, r)) };
    },
  );

  app.post(
    '/api/duty/tasks',
    {
      schema: {
        tags,
        summary: '派发工作任务 (set a worker a task; the worker is notified)',
        body: Type.Object(
          {
            assigneeId: Id,
            kind: literals(TASK_KINDS),
            title: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
            instructions: Type.Optional(Type.String({ maxLength: 2000 })),
            route: Type.Optional(Type.String({ maxLength: 500 })),
            targetUnitId: Type.Optional(Id),
            targetHouseId: Type.Optional(Id),
            targetCaseId: Type.Optional(Id),
            dueDay: Type.Optional(Day),
          },
          { additionalProperties: false },
        ),
        response: { 201: WorkTask },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'duty.manage');
      const outbox = newOutbox();
      const id = await createTask({
        db,
        actor,
        origin: originOf(request),
        outbox,
        task: { ...request.body, kind: request.body.kind as TaskKind },
      });
      flush(hub, outbox);
      return reply.status(201).send(presentTaskFor(actor, (await repo.findTask(db, id))!));
    },
  );

  app.get(
    '/api/duty/tasks/:id',
    {
      schema: {
        tags,
        summary: '工作任务详情 (one task)',
        params: Type.Object({ id: Id }),
        response: { 200: WorkTask },
      },
    },
    async (request) => {
      const actor = authorize(request);
      const row = await repo.findVisibleTask(db, actor, request.params.id);
      if (!row) throw notFound('任务', request.params.id);
      return presentTaskFor(actor, row);
    },
  );

  app.post(
    '/api/duty/tasks/:id/actions/:action',
    {
      schema: {
        tags,
        summary: '任务处置 (tick off with an optional note; cancel; reopen)',
        params: Type.Object({ id: Id, action: literals(TASK_ACTIONS) }),
        body: Type.Object(
          {
            version: Type.Optional(Type.Integer({ minimum: 1 })),
            note: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: WorkTask },
      },
    },
    async (request) => {
      const actor = authorize(request);
      await actOnTask({
        db,
        actor,
        origin: originOf(request),
        taskId: request.params.id,
        action: request.params.action as TaskAction,
        input: request.body,
      });
      const row = await repo.findVisibleTask(db, actor, request.params.id);
      return presentTaskFor(actor, row!);
    },
  );
}
