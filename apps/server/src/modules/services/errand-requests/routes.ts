import { ERRAND_REQUEST_ACTIONS } from '@wangge/rules';
import { Type } from 'typebox';
import type { App, AppContext } from '../../../http/app-types.ts';
import { notFound } from '../../../http/errors.ts';
import { Id, IdParams, Nullable, Paging, Timestamp } from '../../../http/schemas.ts';
import { authorize } from '../../access/authorize.ts';
import { originOf } from '../../audit/record.ts';
import { flush, newOutbox } from '../../notifications/notify.ts';
import { actOnErrandRequest, requestErrand } from './operations.ts';
import { presentErrandRequest } from './presenter.ts';
import { errandRequestRepository as repo } from './repository.ts';

const tags = ['errands'];
const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });
const State = Type.Union([
  Type.Literal('requested'),
  Type.Literal('taken'),
  Type.Literal('declined'),
  Type.Literal('withdrawn'),
]);
const ErrandRequest = Type.Object(
  {
    id: Type.String(),
    type: Type.Object({ code: Type.String(), name: Bilingual }),
    grid: Type.Object({ id: Type.String(), name: Type.String() }),
    applicantName: Type.String(),
    note: Type.String(),
    state: State,
    version: Type.Integer(),
    errand: Nullable(Type.Object({ id: Type.String(), code: Type.String(), state: Type.String() })),
    reason: Nullable(Type.String()),
    decidedAt: Nullable(Timestamp),
    createdAt: Timestamp,
    requesterPhone: Nullable(Type.String({ description: 'only for the grid team, to call back' })),
    actions: Type.Array(Type.String()),
  },
  { title: 'ErrandRequest' },
);
const ErrandRequestList = Type.Object(
  { items: Type.Array(ErrandRequest), total: Type.Integer() },
  { title: 'ErrandRequestList' },
);

export function registerErrandRequestRoutes(app: App, { db, hub }: AppContext): void {
  const load = async (id: string, actor: ReturnType<typeof authorize>) => {
    const row = await repo.one(db, id);
    if (!row) throw notFound('代办申请', id);
    return presentErrandRequest(row, actor);
  };

  app.get(
    '/api/residents/errand-types',
    {
      schema: {
        tags,
        summary: '可申请的代办事项 (errands a resident may ask for, with the documents to have ready)',
        response: {
          200: Type.Object(
            {
              items: Type.Array(
                Type.Object({
                  code: Type.String(),
                  name: Bilingual,
                  requiredDocuments: Type.Unknown(),
                  timeLimitDays: Type.Integer(),
                }),
              ),
            },
            { title: 'ResidentErrandTypes' },
          ),
        },
      },
    },
    async () => {
      const rows = await repo.activeTypes(db);
      return {
        items: rows.map((r) => ({
          code: r.code,
          name: { zh: r.name_zh, en: r.name_en },
          requiredDocuments: r.required_documents,
          timeLimitDays: r.time_limit_days,
        })),
      };
    },
  );

  app.post(
    '/api/residents/errand-requests',
    {
      schema: {
        tags,
        summary:
          '申请代办 (a resident asks their grid worker for an errand; a retry with the same Idempotency-Key returns the same request)',
        body: Type.Object(
          {
            typeCode: Type.String({ maxLength: 40 }),
            applicantName: Type.String({ minLength: 1, maxLength: 50 }),
            note: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        headers: Type.Object({
          'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 100 })),
        }),
        response: { '2xx': ErrandRequest },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'cases.report');
      const outbox = newOutbox();
      const { id, created } = await requestErrand({
        db,
        actor,
        origin: originOf(request),
        outbox,
        input: {
          typeCode: request.body.typeCode,
          applicantName: request.body.applicantName.trim(),
          note: request.body.note?.trim() ?? '',
        },
        idempotencyKey: request.headers['idempotency-key'] ?? null,
      });
      flush(hub, outbox);
      return reply.status(created ? 201 : 200).send(await load(id, actor));
    },
  );

  app.get(
    '/api/residents/errand-requests',
    {
      schema: {
        tags,
        summary: '我的代办申请 (my errand requests, newest first)',
        response: { 200: ErrandRequestList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.report');
      const rows = await repo.mine(db, actor.userId);
      return { items: rows.map((r) => presentErrandRequest(r, actor)), total: rows.length };
    },
  );

  app.get(
    '/api/errand-requests',
    {
      schema: {
        tags,
        summary: '居民代办申请 (residents’ errand requests for the grids in my scope, waiting ones first)',
        querystring: Type.Object({ state: Type.Optional(State), ...Paging }),
        response: { 200: ErrandRequestList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'errands.start');
      const { state, page = 1, pageSize = 50 } = request.query;
      const [rows, total] = await Promise.all([
        repo.inScope(db, actor, { state, limit: pageSize, offset: (page - 1) * pageSize }),
        repo.countInScope(db, actor, state),
      ]);
      return { items: rows.map((r) => presentErrandRequest(r, actor)), total };
    },
  );

  app.post(
    '/api/errand-requests/:id/actions/:action',
    {
      schema: {
        tags,
        summary:
          '处理代办申请 (take: start the errand for the person in the registers; decline with a reason; the resident may withdraw)',
        params: Type.Object({
          id: IdParams.properties.id,
          action: Type.Union(ERRAND_REQUEST_ACTIONS.map((a) => Type.Literal(a))),
        }),
        body: Type.Object(
          {
            version: Type.Integer({ minimum: 1 }),
            personId: Type.Optional(Id),
            reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
            fields: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        headers: Type.Object({
          'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 100 })),
        }),
        response: { 200: ErrandRequest },
      },
    },
    async (request) => {
      const actor = authorize(request);
      const outbox = newOutbox();
      await actOnErrandRequest({
        db,
        actor,
        origin: originOf(request),
        outbox,
        id: request.params.id,
        action: request.params.action,
        input: request.body,
        idempotencyKey: request.headers['idempotency-key'],
      });
      flush(hub, outbox);
      return load(request.params.id, actor);
    },
  );
}
