import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { Id } from '../../http/schemas.ts';
import { authorize } from '../access/authorize.ts';
import { nearestFreshWorkers } from '../cases/nearest-workers.ts';
import { NearestWorker } from '../cases/schemas.ts';
import { CommandCases, commandCases, presentCommandCases } from './case-pins.ts';
import { FeedRelay } from './feed.ts';
import { commandOverview, commandTrend, ONLINE_MINUTES } from './overview.ts';
import { CommandOverview, CommandTrend, WorkerCard } from './schemas.ts';
import { presentWorkerCard, workerCard } from './worker-card.ts';

const tags = ['command'];

export function registerCommandRoutes(
  app: App,
  { db, reads, bus, hub, positions, config }: AppContext,
): void {
  new FeedRelay(db, bus, hub);

  app.get(
    '/api/command/overview',
    {
      schema: {
        tags,
        summary:
          '指挥中心总览 (KPI tiles of a unit’s subtree and of each child unit, with the breadcrumb up to the caller’s scope)',
        querystring: Type.Object({ unitId: Type.Optional(Id) }),
        response: { 200: CommandOverview },
      },
    },
    async (request) => {
      const actor = authorize(request, 'command.view');
      return commandOverview({
        db: reads.for(request),
        actor,
        positions,
        unitId: request.query.unitId,
        shiftHours: config.shiftHours,
      });
    },
  );

  app.get(
    '/api/command/cases',
    {
      schema: {
        tags,
        summary:
          '指挥中心事件图层 (the open cases of a unit’s subtree as pins by traffic light, newest 20,000, with the counts per light of all)',
        querystring: Type.Object({ unitId: Type.Optional(Id) }),
        response: { 200: CommandCases },
      },
    },
    async (request) => {
      const actor = authorize(request, 'command.view');
      return presentCommandCases(
        await commandCases({ db: reads.for(request), actor, unitId: request.query.unitId }),
      );
    },
  );

  app.get(
    '/api/command/trend',
    {
      schema: {
        tags,
        summary: '指挥中心趋势 (cases reported per day, by category and by source over the last days)',
        querystring: Type.Object({
          unitId: Type.Optional(Id),
          days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })),
        }),
        response: { 200: CommandTrend },
      },
    },
    async (request) => {
      const actor = authorize(request, 'command.view');
      return commandTrend({
        db: reads.for(request),
        actor,
        unitId: request.query.unitId,
        days: request.query.days ?? 30,
      });
    },
  );

  app.get(
    '/api/command/nearest-workers',
    {
      schema: {
        tags,
        summary:
          '最近的在岗网格员 (workers on shift now by the duty rota, in scope, with a fresh fix, nearest first: metres and fix age in seconds)',
        querystring: Type.Object({
          lat: Type.Number({ minimum: -90, maximum: 90 }),
          lon: Type.Number({ minimum: -180, maximum: 180 }),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(NearestWorker) }, { title: 'NearestWorkers' }) },
      },
    },
    async (request) => {
      const actor = authorize(request, 'command.view');
      const items = await nearestFreshWorkers({
        db,
        positions,
        scopePaths: actor.scopePaths,
        lon: request.query.lon,
        lat: request.query.lat,
        limit: request.query.limit ?? 10,
        freshMinutes: ONLINE_MINUTES,
        rota: config.shiftHours,
      });
      return { items };
    },
  );

  app.get(
    '/api/command/workers/:userId/card',
    {
      schema: {
        tags,
        summary:
          '网格员卡片 (a worker in scope today: grids, masked phone, battery, last fix age, distance, time inside own grids, visit time against target, cases reported, shift now)',
        params: Type.Object({ userId: Id }),
        response: { 200: WorkerCard },
      },
    },
    async (request) => {
      const actor = authorize(request, 'command.view');
      const card = await workerCard({
        db: reads.for(request),
        actor,
        userId: request.params.userId,
        now: new Date(),
        gapS: config.patrol.trackGapSeconds,
        shiftHours: config.shiftHours,
      });
      return presentWorkerCard(card);
    },
  );
}
