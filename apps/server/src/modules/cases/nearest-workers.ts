// The dispatcher's question for a case: who is out there now, nearest first? Workers in the
// caller's scope whose last fix is fresh (the field app sends one every 10–30 s while on patrol),
// by straight-line distance, with how much open work their grids hold.
import { haversineM, OPEN_STATES } from '@wangge/rules';
import { Type } from 'typebox';
import type { Db } from '../../db/database.ts';
import type { App } from '../../http/app-types.ts';
import { notFound } from '../../http/errors.ts';
import { Id } from '../../http/schemas.ts';
import type { Actor } from '../access/actor.ts';
import { authorize } from '../access/authorize.ts';
import type { PositionPipeline } from '../patrol/pipeline.ts';
import { caseRepository } from './repository.ts';

export async function nearestWorkers(options: {
  db: Db;
  positions: PositionPipeline;
  actor: Actor;
  caseId: string;
  limit: number;
  freshMinutes: number;
}) {
  const { db, actor } = options;
  const found = await caseRepository.findVisible(db, actor, options.caseId);
  if (!found) throw notFound('事件', options.caseId);
  const since = new Date(Date.now() - options.freshMinutes * 60_000);
  const nearest = options.positions
    .live(actor.scopePaths, { since })
    .map((p) => ({ ...p, distanceM: haversineM(found.lon, found.lat, p.lon, p.lat) }))
    .sort((a, b) => a.distanceM - b.distanceM)
    .slice(0, options.limit);
  if (nearest.length === 0) return { case: { id: found.id, lon: found.lon, lat: found.lat }, items: [] };
  const ids = nearest.map((p) => p.userId);
  const [users, open] = await Promise.all([
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
  ]);
  const names = new Map(users.map((u) => [u.id, u]));
  const openOf = new Map(open.map((o) => [o.user_id, Number(o.open)]));
  return {
    case: { id: found.id, lon: found.lon, lat: found.lat },
    items: nearest.map((p) => ({
      userId: p.userId,
      displayName: names.get(p.userId)?.display_name ?? '',
      username: names.get(p.userId)?.username ?? '',
      distanceM: Math.round(p.distanceM),
      lastFixAt: p.at,
      gridId: p.gridId,
      lon: p.lon,
      lat: p.lat,
      openCases: openOf.get(p.userId) ?? 0,
    })),
  };
}

export function registerNearestWorkerRoutes(app: App, db: Db, positions: PositionPipeline): void {
  app.get(
    '/api/cases/:id/nearest-workers',
    {
      schema: {
        tags: ['cases'],
        summary: '附近网格员 (workers with a fresh fix, nearest first, with their grids’ open cases)',
        params: Type.Object({ id: Id }),
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
          freshMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 240 })),
        }),
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
      });
    },
  );
}
