// Venue inspections with checklists (DOMAIN.md §6): the work list of listed venues, recording an
// inspection (failed items become a case), and reading inspections in scope.
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { Id, IdParams, Paging } from '../../http/schemas.ts';
import type { Actor } from '../access/actor.ts';
import { assertInScope, authorize } from '../access/authorize.ts';
import { sendLinkedAttachment } from '../attachments/operations.ts';
import { LocalDiskStorage } from '../attachments/storage.ts';
import { originOf } from '../audit/record.ts';
import { flush, newOutbox } from '../notifications/notify.ts';
import { orgRepository } from '../org/repository.ts';
import { dueList } from './due.ts';
import { performInspection } from './operations.ts';
import { presentChecklist, presentDueItem, presentInspection } from './presenter.ts';
import { inspectionRepository as repo } from './repository.ts';
import { Inspection, InspectionChecklist, InspectionDuePage, InspectionSaved } from './schemas.ts';

const tags = ['inspections'];
const Result = Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('na')]);

export function registerInspectionRoutes(
  app: App,
  { db, hub, config, gridIndex, calendars }: AppContext,
): void {
  const storage = new LocalDiskStorage(config.filesDir);

  async function withinPathOf(actor: Actor, orgUnitId: string | undefined) {
    if (!orgUnitId) return undefined;
    const unit = await orgRepository.findById(db, orgUnitId);
    assertInScope(actor, unit?.path, '网格', orgUnitId);
    return unit!.path;
  }

  app.get(
    '/api/inspections/checklists',
    {
      schema: {
        tags,
        summary: '检查表 (checklists: the unit kinds they apply to, cycle, items)',
        response: { 200: Type.Object({ items: Type.Array(InspectionChecklist) }) },
      },
    },
    async (request) => {
      authorize(request, 'inspections.read');
      return { items: (await repo.checklists(db)).map(presentChecklist) };
    },
  );

  app.get(
    '/api/inspections/due',
    {
      schema: {
        tags,
        summary:
          '待检清单 (listed venues in my scope per checklist: overdue first, then by due date; high-risk venues on half the cycle)',
        querystring: Type.Object({
          status: Type.Optional(
            Type.Union([
              Type.Literal('due'),
              Type.Literal('overdue'),
              Type.Literal('done'),
              Type.Literal('all'),
            ]),
          ),
          gridId: Type.Optional(Id),
          ...Paging,
        }),
        response: { 200: InspectionDuePage },
      },
    },
    async (request) => {
      const actor = authorize(request, 'inspections.read');
      const q = request.query;
      const result = await dueList({
        db,
        actor,
        withinPath: await withinPathOf(actor, q.gridId),
        status: q.status ?? 'all',
        page: q.page ?? 1,
        pageSize: q.pageSize ?? 50,
      });
      return {
        items: result.items.map(presentDueItem),
        total: result.total,
        counts: result.counts,
        today: result.today,
      };
    },
  );

  app.post(
    '/api/inspections',
    {
      schema: {
        tags,
        summary:
          '提交检查 (record an inspection; failed items become one case; Idempotency-Key required, a retry returns the same inspection)',
        headers: Type.Object({
          'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 100 })),
        }),
        body: Type.Object(
          {
            unitId: Id,
            checklistCode: Type.String({ maxLength: 40 }),
            observedAt: Type.Optional(
              Type.String({ format: 'date-time', description: 'when it was done on the device (offline)' }),
            ),
            lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
            lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
            note: Type.Optional(Type.String({ maxLength: 1000 })),
            results: Type.Array(
              Type.Object(
                {
                  key: Type.String({ maxLength: 40 }),
                  result: Result,
                  note: Type.Optional(Type.String({ maxLength: 500 })),
                  photoIds: Type.Optional(Type.Array(Id, { maxItems: 9 })),
                },
                { additionalProperties: false },
              ),
              { maxItems: 100 },
            ),
            reportCase: Type.Optional(
              Type.Boolean({ description: 'report failed items as a case (default true)' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: InspectionSaved, 201: InspectionSaved },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'inspections.perform');
      const idempotencyKey = request.headers['idempotency-key'];
      if (!idempotencyKey) {
        throw badRequest(
          'Idempotency-Key',
          '缺少请求头 Idempotency-Key，重试时须使用同一个值 (send an Idempotency-Key header; retries reuse it)',
        );
      }
      const outbox = newOutbox();
      const { inspectionId, created } = await performInspection({
        db,
        actor,
        origin: originOf(request),
        gridIndex,
        calendars,
        outbox,
        input: request.body,
        idempotencyKey,
      });
      flush(hub, outbox);
      const row = (await repo.findVisible(db, actor, inspectionId))!;
      return reply
        .status(created ? 201 : 200)
        .send({ inspection: presentInspection(row), caseId: row.case_id, caseCode: row.case_code });
    },
  );

  app.get(
    '/api/inspections',
    {
      schema: {
        tags,
        summary: '检查记录 (inspections in my scope and my own, newest first)',
        querystring: Type.Object({
          unitId: Type.Optional(Id),
          gridId: Type.Optional(Id),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
          ...Paging,
        }),
        response: { 200: Type.Object({ items: Type.Array(Inspection), total: Type.Integer() }) },
      },
    },
    async (request) => {
      const actor = authorize(request, 'inspections.read');
      const q = request.query;
      const pageSize = q.pageSize ?? 50;
      const { items, total } = await repo.list(
        db,
        actor,
        {
          unitId: q.unitId,
          withinPath: await withinPathOf(actor, q.gridId),
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
        },
        { limit: pageSize, offset: ((q.page ?? 1) - 1) * pageSize },
      );
      return { items: items.map(presentInspection), total };
    },
  );

  app.get(
    '/api/inspections/:id',
    {
      schema: { tags, summary: '检查详情 (one inspection)', params: IdParams, response: { 200: Inspection } },
    },
    async (request) => {
      const actor = authorize(request, 'inspections.read');
      const row = await repo.findVisible(db, actor, request.params.id);
      if (!row) throw notFound('检查记录', request.params.id);
      return presentInspection(row);
    },
  );

  async function sendPhoto(
    actor: Actor,
    params: { id: string; attachmentId: string },
    reply: FastifyReply,
    variant: 'original' | 'thumbnail',
  ) {
    const visible = await repo.findVisible(db, actor, params.id);
    const row = visible ? await repo.photo(db, params.id, params.attachmentId) : undefined;
    if (!row) throw notFound('照片', params.attachmentId);
    return sendLinkedAttachment({ storage, row, variant, reply });
  }

  const PhotoParams = Type.Object({ id: Id, attachmentId: Id });
  app.get(
    '/api/inspections/:id/photos/:attachmentId',
    { schema: { tags, summary: '检查照片原图 (a photo of an inspection item)', params: PhotoParams } },
    async (request, reply) => {
      const actor = authorize(request, 'inspections.read');
      return sendPhoto(actor, request.params, reply, 'original');
    },
  );
  app.get(
    '/api/inspections/:id/photos/:attachmentId/thumbnail',
    { schema: { tags, summary: '检查照片缩略图 (thumbnail)', params: PhotoParams } },
    async (request, reply) => {
      const actor = authorize(request, 'inspections.read');
      return sendPhoto(actor, request.params, reply, 'thumbnail');
    },
  );
}
