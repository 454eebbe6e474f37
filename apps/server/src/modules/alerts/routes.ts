import {
  ALERT_ACTIONS,
  ALERT_KINDS,
  ALERT_STATES,
  ALERT_WORKFLOW,
  type AlertAction,
  type AlertState,
  actionsFor,
} from '@wangge/rules';
import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { notFound } from '../../http/errors.ts';
import { Id, Paging } from '../../http/schemas.ts';
import type { Actor } from '../access/actor.ts';
import { authorize } from '../access/authorize.ts';
import { originOf } from '../audit/record.ts';
import { flush, newOutbox } from '../notifications/notify.ts';
import { actOnAlert, sendSos } from './operations.ts';
import { presentAlert } from './presenter.ts';
import { type AlertRow, alertRepository as repo } from './repository.ts';
import { AlertItem, AlertPage, SosReceipt } from './schemas.ts';

const tags = ['alerts'];
const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

function present(row: AlertRow) {
  return presentAlert(row, actionsFor(ALERT_WORKFLOW, row.state as AlertState, ['watcher']));
}

export function registerAlertRoutes(app: App, { db, hub, config, positions }: AppContext): void {
  async function detail(actor: Actor, id: string) {
    const row = await repo.findVisible(db, actor, id);
    if (!row) throw notFound('告警', id);
    return present(row);
  }

  app.get(
    '/api/alerts',
    {
      schema: {
        tags,
        summary: '告警列表 (alerts in scope: open first, newest first)',
        querystring: Type.Object({
          state: Type.Optional(Type.Array(literals(ALERT_STATES), { maxItems: 3 })),
          kind: Type.Optional(literals(ALERT_KINDS)),
          unitId: Type.Optional(Id),
          ...Paging,
        }),
        response: { 200: AlertPage },
      },
    },
    async (request) => {
      const actor = authorize(request, 'alerts.read');
      const { page = 1, pageSize = 50, state, kind, unitId } = request.query;
      let unitPath: string | undefined;
      if (unitId) {
        const unit = await repo.unitPath(db, unitId);
        if (!unit) throw notFound('组织', unitId);
        unitPath = unit.path;
      }
      const { items, total } = await repo.list(db, actor, { states: state, kind, unitPath }, page, pageSize);
      return { items: items.map(present), total, page, pageSize };
    },
  );

  app.get(
    '/api/alerts/:id',
    {
      schema: {
        tags,
        summary: '告警详情 (one alert)',
        params: Type.Object({ id: Id }),
        response: { 200: AlertItem },
      },
    },
    async (request) => detail(authorize(request, 'alerts.read'), request.params.id),
  );

  app.post(
    '/api/alerts/:id/actions/:action',
    {
      schema: {
        tags,
        summary: '告警处置 (acknowledge with a note, close)',
        params: Type.Object({ id: Id, action: literals(ALERT_ACTIONS) }),
        body: Type.Object(
          {
            version: Type.Optional(Type.Integer({ minimum: 1 })),
            note: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: AlertItem },
      },
    },
    async (request) => {
      const actor = authorize(request, 'alerts.read');
      await actOnAlert({
        db,
        actor,
        origin: originOf(request),
        alertId: request.params.id,
        action: request.params.action as AlertAction,
        input: request.body,
      });
      return detail(actor, request.params.id);
    },
  );

  app.post(
    '/api/alerts/sos',
    {
      schema: {
        tags,
        summary:
          '一键求助 (SOS from the field: the caller’s position; the nearest workers and grid leader are told)',
        body: Type.Object(
          {
            lon: Type.Number({ minimum: -180, maximum: 180 }),
            lat: Type.Number({ minimum: -90, maximum: 90 }),
            accuracy: Type.Optional(Type.Number({ minimum: 0, maximum: 100000 })),
            at: Type.Optional(Type.String({ format: 'date-time' })),
            note: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: SosReceipt, 201: SosReceipt },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'alerts.sos');
      const outbox = newOutbox();
      const at = request.body.at ? new Date(request.body.at) : new Date();
      const result = await sendSos({
        db,
        actor,
        origin: originOf(request),
        outbox,
        positions,
        lon: request.body.lon,
        lat: request.body.lat,
        accuracy: request.body.accuracy ?? null,
        at: Number.isNaN(at.getTime()) ? new Date() : at,
        note: request.body.note ?? '',
        nearest: config.alerts.sosNearest,
      });
      flush(hub, outbox);
      // 201 for a new alert; 200 when an open SOS of the caller already stands (a retried send).
      return reply.status(result.alertId ? 201 : 200).send(result);
    },
  );
}
