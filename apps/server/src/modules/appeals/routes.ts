import { APPEAL_ACTIONS, type AppealAction } from '@wangge/rules';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { Id, IdParams, Paging } from '../../http/schemas.ts';
import type { Actor } from '../access/actor.ts';
import { authorize } from '../access/authorize.ts';
import { sendLinkedAttachment } from '../attachments/operations.ts';
import { LocalDiskStorage } from '../attachments/storage.ts';
import { originOf } from '../audit/record.ts';
import { registerBonusRoutes } from './bonus-routes.ts';
import { registerMonthlyReportRoutes } from './monthly-report-routes.ts';
import { actOnAppeal, appealActionsFor, fileAppeal } from './operations.ts';
import { presentAppeal } from './presenter.ts';
import { appealRepository as repo } from './repository.ts';
import { Appeal, AppealList, AppealStateSchema, EventKind } from './schemas.ts';

const tags = ['assessment'];
const READERS = ['assessment.view_own', 'assessment.view', 'assessment.decide_appeals'] as const;

/** Anyone with a score of their own, or who reads or decides appeals in scope. */
function authorizeAppeals(request: FastifyRequest): Actor {
  const actor = authorize(request);
  if (!READERS.some((p) => actor.permissions.has(p))) {
    throw forbidden('缺少权限 assessment.view_own (missing permission)', {
      permission: 'assessment.view_own',
    });
  }
  return actor;
}

export function registerAppealRoutes(app: App, context: AppContext): void {
  const { db, config, hub } = context;
  const storage = new LocalDiskStorage(config.filesDir);

  async function detail(actor: Actor, id: string) {
    const row = await repo.findVisible(db, actor, id);
    if (!row) throw notFound('申诉', id);
    return presentAppeal(row, appealActionsFor(actor, row));
  }

  app.post(
    '/api/assessment/appeals',
    {
      schema: {
        tags,
        summary: '提出考核申诉 (contest one event counted against me, with a reason and my photos)',
        body: Type.Object(
          {
            eventKind: EventKind,
            eventId: Id,
            countName: Type.String({ minLength: 1, maxLength: 60 }),
            reason: Type.String({ minLength: 1, maxLength: 2000 }),
            attachmentIds: Type.Optional(Type.Array(Id, { maxItems: 9 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Appeal },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'assessment.view_own');
      const id = await fileAppeal({
        db,
        actor,
        origin: originOf(request),
        ...request.body,
        attachmentIds: request.body.attachmentIds ?? [],
      });
      reply.code(201);
      return detail(actor, id);
    },
  );

  app.get(
    '/api/assessment/appeals',
    {
      schema: {
        tags,
        summary: '申诉列表 (my appeals; for leaders and operators, every appeal in scope, open ones first)',
        querystring: Type.Object({
          state: Type.Optional(AppealStateSchema),
          period: Type.Optional(Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' })),
          mine: Type.Optional(Type.Boolean()),
          ...Paging,
        }),
        response: { 200: AppealList },
      },
    },
    async (request) => {
      const actor = authorizeAppeals(request);
      const { page = 1, pageSize = 50, ...filters } = request.query;
      const { rows, total } = await repo.list(db, actor, { ...filters, page, pageSize });
      return {
        items: rows.map((row) => presentAppeal(row, appealActionsFor(actor, row))),
        total,
        actions: actor.permissions.has('assessment.view_own') ? ['file'] : [],
      };
    },
  );

  app.get(
    '/api/assessment/appeals/:id',
    {
      schema: {
        tags,
        summary: '申诉详情 (an appeal with its event, photos and my actions)',
        params: IdParams,
        response: { 200: Appeal },
      },
    },
    async (request) => detail(authorizeAppeals(request), request.params.id),
  );

  app.post(
    '/api/assessment/appeals/:id/actions/:action',
    {
      schema: {
        tags,
        summary: '处理申诉 (uphold: the event leaves the worker’s counts; overturn: with a reason)',
        params: Type.Object({ id: Id, action: Type.Union(APPEAL_ACTIONS.map((a) => Type.Literal(a))) }),
        body: Type.Object(
          { version: Type.Integer({ minimum: 1 }), reason: Type.Optional(Type.String({ maxLength: 2000 })) },
          { additionalProperties: false },
        ),
        response: { 200: Appeal },
      },
    },
    async (request) => {
      const actor = authorizeAppeals(request);
      await actOnAppeal({
        db,
        actor,
        origin: originOf(request),
        hub,
        id: request.params.id,
        action: request.params.action as AppealAction,
        input: request.body,
      });
      return detail(actor, request.params.id);
    },
  );

  const PhotoParams = Type.Object({ id: Id, attachmentId: Id });
  for (const variant of ['original', 'thumbnail'] as const) {
    app.get(
      `/api/assessment/appeals/:id/photos/:attachmentId${variant === 'thumbnail' ? '/thumbnail' : ''}`,
      {
        schema: {
          tags,
          summary: `申诉照片 (${variant}, for everyone who sees the appeal)`,
          params: PhotoParams,
        },
      },
      async (request, reply) => {
        const actor = authorizeAppeals(request);
        const appeal = await repo.findVisible(db, actor, request.params.id);
        const row = appeal ? await repo.photo(db, request.params.id, request.params.attachmentId) : undefined;
        if (!row) throw notFound('照片', request.params.attachmentId);
        return sendLinkedAttachment({ storage, row, variant, reply });
      },
    );
  }

  registerBonusRoutes(app, context);
  registerMonthlyReportRoutes(app, context);
}
