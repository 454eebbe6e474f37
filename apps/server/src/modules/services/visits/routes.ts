import { chinaDayOf } from '@wangge/rules';
import { Type } from 'typebox';
import type { App, AppContext } from '../../../http/app-types.ts';
import { forbidden, notFound } from '../../../http/errors.ts';
import { Id } from '../../../http/schemas.ts';
import type { Actor } from '../../access/actor.ts';
import { assertInScope, authorize, can } from '../../access/authorize.ts';
import { originOf, recordAudit } from '../../audit/record.ts';
import { orgRepository } from '../../org/repository.ts';
import { recordVisit, targetFor, visitSummary } from './operations.ts';
import { presentVisit } from './presenter.ts';
import { visitRepository as repo } from './repository.ts';
import { Visit, VisitDay, VisitSummary } from './schemas.ts';

const tags = ['visits'];
const DateOnly = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (China time)' });

function mayReadVisits(actor: Actor) {
  if (!can(actor, 'visits.read') && !can(actor, 'visits.record')) {
    throw forbidden('缺少权限 visits.read (missing permission visits.read)', { permission: 'visits.read' });
  }
}

export function registerVisitRoutes(app: App, { db }: AppContext): void {
  app.post(
    '/api/visits',
    {
      schema: {
        tags,
        summary: '登记入户走访 (record a door-to-door visit; the same idempotencyKey returns the same visit)',
        body: Type.Object(
          {
            personId: Type.Optional(Id),
            houseId: Type.Optional(Id),
            startedAt: Type.String({ format: 'date-time' }),
            endedAt: Type.String({ format: 'date-time' }),
            lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
            lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
            note: Type.String({ maxLength: 2000 }),
            idempotencyKey: Type.String({ minLength: 8, maxLength: 100 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Visit, 201: Visit },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'visits.record');
      const { visitId, created } = await recordVisit({
        db,
        actor,
        origin: originOf(request),
        input: request.body,
      });
      const row = await repo.findById(db, visitId);
      return reply.status(created ? 201 : 200).send(presentVisit(row!));
    },
  );

  app.get(
    '/api/visits',
    {
      schema: {
        tags,
        summary:
          "走访记录 (visits of a day: my own, or in my scope with visits.read; targetMinutes is the caller's own daily target)",
        querystring: Type.Object({ userId: Type.Optional(Id), date: Type.Optional(DateOnly) }),
        response: { 200: VisitDay },
      },
    },
    async (request) => {
      const actor = authorize(request);
      mayReadVisits(actor);
      const date = request.query.date ?? chinaDayOf(new Date());
      const from = new Date(`${date}T00:00:00+08:00`);
      const to = new Date(from.getTime() + 86_400_000);
      const [rows, targets] = await Promise.all([
        repo.list(db, actor, {
          userId: request.query.userId,
          from,
          to,
          ownOnly: !can(actor, 'visits.read'),
        }),
        repo.targets(db),
      ]);
      // The caller's own daily target: a worker without visits.read cannot read the summary, yet
      // the field app shows minutes against it.
      const targetMinutes = targetFor(actor.scopePaths[0] ?? '/', targets);
      return { date, targetMinutes, items: rows.map(presentVisit) };
    },
  );

  app.get(
    '/api/visits/summary',
    {
      schema: {
        tags,
        summary:
          '走访日汇总 (per worker: visits, minutes with overlaps counted once, households, against the daily target)',
        querystring: Type.Object({ date: Type.Optional(DateOnly), within: Type.Optional(Id) }),
        response: { 200: VisitSummary },
      },
    },
    async (request) => {
      const actor = authorize(request, 'visits.read');
      let withinPath: string | undefined;
      if (request.query.within) {
        const unit = await orgRepository.findById(db, request.query.within);
        assertInScope(actor, unit?.path, '单位', request.query.within);
        withinPath = unit!.path;
      }
      return visitSummary(db, actor, { date: request.query.date ?? chinaDayOf(new Date()), withinPath });
    },
  );

  app.put(
    '/api/visits/targets/:orgUnitId',
    {
      schema: {
        tags,
        summary: '设置每日走访时长目标 (daily visit target in minutes for the grids under a unit)',
        params: Type.Object({ orgUnitId: Id }),
        body: Type.Object(
          { dailyMinutes: Type.Integer({ minimum: 1, maximum: 1440 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ orgUnitId: Id, dailyMinutes: Type.Integer() }) },
      },
    },
    async (request) => {
      const actor = authorize(request, 'visits.configure');
      const unit = await orgRepository.findById(db, request.params.orgUnitId);
      if (!unit) throw notFound('单位', request.params.orgUnitId);
      assertInScope(actor, unit.path, '单位', request.params.orgUnitId);
      const { dailyMinutes } = request.body;
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('visit_targets')
          .values({ org_unit_id: unit.id, daily_minutes: dailyMinutes, updated_by: actor.userId })
          .onConflict((oc) =>
            oc.column('org_unit_id').doUpdateSet({
              daily_minutes: dailyMinutes,
              updated_by: actor.userId,
              updated_at: new Date(),
            }),
          )
          .execute();
        await recordAudit(trx, originOf(request), {
          userId: actor.userId,
          action: 'visits.target',
          targetType: 'org_unit',
          targetId: unit.id,
          details: { dailyMinutes },
        });
      });
      return { orgUnitId: unit.id, dailyMinutes };
    },
  );
}
