// The dispatcher's question for a case: who is out there now, nearest first? Workers in the
// caller's scope on shift by the duty rota whose last fix is fresh (the field app sends one every
// 10–30 s while on patrol), by straight-line distance, with the tasks they still have open and how
// much open work their grids hold.
import { haversineM, OPEN_STATES, type ShiftHoursTable } from '@wangge/rules';
import { type SqlBool, sql } from 'kysely';
import { Type } from 'typebox';
import type { Db } from '../../db/database.ts';
import type { App } from '../../http/app-types.ts';
import { notFound } from '../../http/errors.ts';
import { Id } from '../../http/schemas.ts';
import type { Actor } from '../access/actor.ts';
import { authorize } from '../access/authorize.ts';
import { onDutyUserIds } from '../duty/on-duty.ts';
import type { PositionPipeline } from '../patrol/pipeline.ts';
import { caseRepository } from './repository.ts';
import { CaseNearestWorkers } from './schemas.ts';

/**
 * Workers on duty in `scopePaths` with a fix fresher than `freshMinutes`, nearest to the point
 * first: the one answer for the dispatcher's case, the command centre and anyone else asking.
 * On duty: an active account that patrols (patrol.report) — a leader carrying the field app is
 * not someone to send.
 */
export async function nearestFreshWorkers(options: {
  db: Db;
  positions: PositionPipeline;
  scopePaths: readonly string[];
  lon: number;
  lat: number;
  limit: number;
  freshMinutes: number;
  now?: Date;
  /** The shift hours of the duty rota (config.shiftHours): only workers on shift now are offered. */
  rota: ShiftHoursTable;
}) {
  const { db } = options;
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - options.freshMinutes * 60_000);
  const onShift = new Set((await onDutyUserIds(db, now, options.rota)).map((w) => w.userId));
  const candidates = options.positions
    .live(options.scopePaths, { since })
    .filter((p) => onShift.has(p.userId))
    .map((p) => ({ ...p, distanceM: haversineM(options.lon, options.lat, p.lon, p.lat) }))
    .sort((a, b) => a.distanceM - b.distanceM);
  const nearest: typeof candidates = [];
  // Few candidates are ever not on duty, so asking in batches of twice the limit rarely repeats.
  for (let i = 0; i < candidates.length && nearest.length < options.limit; i += options.limit * 2) {
    const batch = candidates.slice(i, i + options.limit * 2);
    const onDuty = new Set(
      await patrollingUsers(
        db,
        batch.map((p) => p.userId),
      ),
    );
    for (const p of batch) if (onDuty.has(p.userId) && nearest.length < options.limit) nearest.push(p);
  }
  if (nearest.length === 0) return [];
  const ids = nearest.map((p) => p.userId);
  const [users, open, tasks] = await Promise.all([
    db.selectFrom('users').select(['id', 'display_name', 'username']).where('id', 'in', ids).execute(),
    // Open cases of the grids each worker serves: the work already on their plate.
    db
      .selectFrom('grid_team_members as m')
      .innerJoin('cases as c', 'c.grid_id', 'm.grid_id')
      .select(['m.user_id'])
      .select((eb) => eb.fn.count<string>('c.id').distinct().as('open'))
      .where('m.user_id', 'in', ids)
      .where('c.state', 'in', [...OPEN_STATES])
      .groupBy('m.user_id')
      .execute(),
    // Tasks given to the worker (duty module) and not yet ticked off, whatever their day.
    db
      .selectFrom('worker_tasks')
      .select('assignee_id')
      .select((eb) => eb.fn.countAll<string>().as('open'))
      .where('assignee_id', 'in', ids)
      .where('state', '=', 'open')
      .groupBy('assignee_id')
      .execute(),
  ]);
  const names = new Map(users.map((u) => [u.id, u]));
  const openOf = new Map(open.map((o) => [o.user_id, Number(o.open)]));
  const tasksOf = new Map(tasks.map((o) => [o.assignee_id, Number(o.open)]));
  return nearest.map((p) => ({
    userId: p.userId,
    displayName: names.get(p.userId)?.display_name ?? '',
    username: names.get(p.userId)?.username ?? '',
    distanceM: Math.round(p.distanceM),
    lastFixAt: p.at.toISOString(),
    lastFixAgeS: Math.max(0, Math.round((now.getTime() - p.at.getTime()) / 1000)),
    gridId: p.gridId,
    lon: p.lon,
    lat: p.lat,
    openCases: openOf.get(p.userId) ?? 0,
    openTasks: tasksOf.get(p.userId) ?? 0,
  }));
}

async function patrollingUsers(db: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.id', 'in', ids)
    .where('u.active', '=', true)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('user_roles as ur')
          .innerJoin('roles as r', 'r.code', 'ur.role_code')
          .whereRef('ur.user_id', '=', 'u.id')
          .where(sql<SqlBool>`'patrol.report' = ANY (r.permissions)`),
      ),
    )
    .execute();
  return rows.map((r) => r.id);
}

export async function nearestWorkers(options: {
  db: Db;
  positions: PositionPipeline;
  actor: Actor;
  caseId: string;
  limit: number;
  freshMinutes: number;
  rota: ShiftHoursTable;
}) {
  const found = await caseRepository.findVisible(options.db, options.actor, options.caseId);
  if (!found) throw notFound('事件', options.caseId);
  const items = await nearestFreshWorkers({
    ...options,
    scopePaths: options.actor.scopePaths,
    lon: found.lon,
    lat: found.lat,
  });
  return { case: { id: found.id, lon: found.lon, lat: found.lat }, items };
}

export function registerNearestWorkerRoutes(
  app: App,
  { db, positions, rota }: { db: Db; positions: PositionPipeline; rota: ShiftHoursTable },
): void {
  app.get(
    '/api/cases/:id/nearest-workers',
    {
      schema: {
        tags: ['cases'],
        summary:
          '附近网格员 (workers on shift with a fresh fix, nearest first, with their open tasks and their grids’ open cases)',
        params: Type.Object({ id: Id }),
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
          freshMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 240 })),
        }),
        response: { 200: CaseNearestWorkers },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.dispatch');
      return nearestWorkers({
        db,
        positions,
        actor,
        caseId: request.params.id,
        limit: request.query.limit ?? 5,
        freshMinutes: request.query.freshMinutes ?? 10,
        rota,
      });
    },
  );
}
