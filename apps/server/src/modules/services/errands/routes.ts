import {
  allowedErrandActions,
  checkExtraFieldSpecs,
  ERRAND_ACTIONS,
  type ErrandAction,
  type ErrandState,
  type ExtraFieldSpec,
  OPEN_ERRAND_STATES,
} from '@wangge/rules';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { App, AppContext } from '../../../http/app-types.ts';
import { badRequest, notFound } from '../../../http/errors.ts';
import { Id, IdParams, Paging } from '../../../http/schemas.ts';
import type { Actor } from '../../access/actor.ts';
import { assertInScope, authorize, authorizeCityWide } from '../../access/authorize.ts';
import { sendLinkedAttachment } from '../../attachments/operations.ts';
import { LocalDiskStorage } from '../../attachments/storage.ts';
import { originOf, recordAudit } from '../../audit/record.ts';
import { flush, newOutbox } from '../../notifications/notify.ts';
import { orgRepository } from '../../org/repository.ts';
import type { DataCipher } from '../../registers/privacy/crypto.ts';
import { actOnErrand, startErrand } from './operations.ts';
import { presentErrandDetail, presentErrandSummary, presentErrandType } from './presenter.ts';
import { errandRelationsOf } from './relations.ts';
import { type ErrandFilters, errandRepository as repo } from './repository.ts';
import { ErrandDetail, ErrandPage, ErrandType, ErrandTypeList } from './schemas.ts';

const tags = ['errands'];
const FieldValues = Type.Record(
  Type.String({ maxLength: 60 }),
  Type.Union([Type.String({ maxLength: 2000 }), Type.Number(), Type.Boolean(), Type.Null()]),
);
const Vocabulary = Type.Object({
  key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }),
  labelZh: Type.String({ minLength: 1, maxLength: 50 }),
  labelEn: Type.String({ minLength: 1, maxLength: 100 }),
});
const FieldSpec = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }),
    labelZh: Type.String({ minLength: 1, maxLength: 50 }),
    labelEn: Type.String({ minLength: 1, maxLength: 100 }),
    type: Type.Union(['text', 'date', 'enum', 'boolean', 'number'].map((t) => Type.Literal(t))),
    required: Type.Boolean(),
    options: Type.Optional(Type.Array(Vocabulary, { minItems: 1, maxItems: 50 })),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    integer: Type.Optional(Type.Boolean()),
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
    format: Type.Optional(Type.Literal('phone')),
    notBefore: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
const ACTIONS_BY_ROUTE = ERRAND_ACTIONS.filter((a) => a !== 'attachDocument');

export function registerErrandRoutes(app: App, { db, hub, config }: AppContext, cipher: DataCipher): void {
  const storage = new LocalDiskStorage(config.filesDir);

  const actionsFor = (
    actor: Actor,
    row: { state: string; grid_path: string; department_id: string | null },
  ) => allowedErrandActions(row.state as ErrandState, errandRelationsOf(actor, row));

  async function detail(actor: Actor, id: string) {
    const row = await repo.findVisible(db, actor, id);
    if (!row) throw notFound('代办', id);
    const [type, steps, documents] = await Promise.all([
      repo.type(db, row.type_code),
      repo.steps(db, id),
      repo.documents(db, id),
    ]);
    return presentErrandDetail(row, {
      cipher,
      type: type!,
      steps,
      documents,
      actions: actionsFor(actor, row),
    });
  }

  app.get(
    '/api/errand-types',
    {
      schema: {
        tags,
        summary: '代办事项 (errand item types: fields, documents, department, time limit)',
        response: { 200: ErrandTypeList },
      },
    },
    async (request) => {
      authorize(request, 'errands.read');
      return { items: (await repo.types(db)).map(presentErrandType) };
    },
  );

  app.put(
    '/api/errand-types/:code',
    {
      schema: {
        tags,
        summary: '配置代办事项 (create or change an errand item type)',
        params: Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' }) }),
        body: Type.Object(
          {
            nameZh: Type.String({ minLength: 1, maxLength: 50 }),
            nameEn: Type.String({ minLength: 1, maxLength: 100 }),
            requiredFields: Type.Array(FieldSpec, { maxItems: 40 }),
            requiredDocuments: Type.Array(Vocabulary, { maxItems: 20 }),
            departmentKind: Type.String({ minLength: 1, maxLength: 40 }),
            timeLimitDays: Type.Integer({ minimum: 1, maximum: 365 }),
            active: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: ErrandType },
      },
    },
    async (request) => {
      const { actor } = await authorizeCityWide(request, db, 'errands.configure');
      const b = request.body;
      const specs = checkExtraFieldSpecs(b.requiredFields as ExtraFieldSpec[]);
      if (!specs.ok) throw badRequest(`requiredFields.${specs.field}`, specs.reason);
      const values = {
        name_zh: b.nameZh,
        name_en: b.nameEn,
        required_fields: JSON.stringify(b.requiredFields),
        required_documents: JSON.stringify(b.requiredDocuments),
        department_kind: b.departmentKind,
        time_limit_days: b.timeLimitDays,
        active: b.active ?? true,
        updated_at: new Date(),
      };
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('errand_types')
          .values({ code: request.params.code, ...values })
          .onConflict((oc) => oc.column('code').doUpdateSet(values))
          .execute();
        await recordAudit(trx, originOf(request), {
          userId: actor.userId,
          action: 'errands.configure',
          targetType: 'errand_type',
          targetId: null,
          details: { code: request.params.code },
        });
      });
      return presentErrandType((await repo.type(db, request.params.code))!);
    },
  );

  app.post(
    '/api/errands',
    {
      schema: {
        tags,
        summary:
          '发起代办 (start an errand for a resident of my grid; a retry with the same Idempotency-Key returns the same errand)',
        body: Type.Object(
          {
            personId: Id,
            typeCode: Type.String({ maxLength: 40 }),
            fields: Type.Optional(FieldValues),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        headers: Type.Object({
          'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 100 })),
        }),
        response: { 200: ErrandDetail, 201: ErrandDetail },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'errands.start');
      const outbox = newOutbox();
      const { id, created } = await startErrand({
        db,
        actor,
        origin: originOf(request),
        outbox,
        input: request.body,
        idempotencyKey: request.headers['idempotency-key'],
      });
      flush(hub, outbox);
      return reply.status(created ? 201 : 200).send(await detail(actor, id));
    },
  );

  app.get(
    '/api/errands',
    {
      schema: {
        tags,
        summary: '代办列表 (errands I can see; view=inbox: those waiting for me)',
        querystring: Type.Object({
          state: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 })),
          typeCode: Type.Optional(Type.String({ maxLength: 40 })),
          personId: Type.Optional(Id),
          within: Type.Optional(Id),
          view: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('inbox')])),
          ...Paging,
        }),
        response: { 200: ErrandPage },
      },
    },
    async (request) => {
      const actor = authorize(request, 'errands.read');
      const q = request.query;
      const filters: ErrandFilters = { states: q.state, typeCode: q.typeCode, personId: q.personId };
      if (q.within) {
        const unit = await orgRepository.findById(db, q.within);
        assertInScope(actor, unit?.path, '单位', q.within);
        filters.withinPath = unit!.path;
      }
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 50;
      if (q.view === 'inbox') {
        const candidates = await repo.list(
          db,
          actor,
          { ...filters, states: filters.states ?? [...OPEN_ERRAND_STATES] },
          { limit: 2000, offset: 0 },
        );
        const mine = candidates.items.filter((row) => actionsFor(actor, row).length > 0);
        return {
          items: mine.slice((page - 1) * pageSize, page * pageSize).map((r) => presentErrandSummary(r)),
          total: mine.length,
        };
      }
      const { items, total } = await repo.list(db, actor, filters, {
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return { items: items.map((r) => presentErrandSummary(r)), total };
    },
  );

  app.get(
    '/api/errands/:id',
    {
      schema: {
        tags,
        summary: '代办详情 (fields, documents, history, elapsed days, my actions)',
        params: IdParams,
        response: { 200: ErrandDetail },
      },
    },
    async (request) => {
      const actor = authorize(request, 'errands.read');
      return detail(actor, request.params.id);
    },
  );

  app.post(
    '/api/errands/:id/documents',
    {
      schema: {
        tags,
        summary: '上传代办材料 (link an uploaded photo to one of the required documents)',
        params: IdParams,
        body: Type.Object(
          { documentKey: Type.String({ maxLength: 40 }), attachmentId: Id },
          { additionalProperties: false },
        ),
        response: { 200: ErrandDetail },
      },
    },
    async (request) => {
      const actor = authorize(request, 'errands.start');
      const outbox = newOutbox();
      await actOnErrand({
        db,
        actor,
        origin: originOf(request),
        outbox,
        errandId: request.params.id,
        action: 'attachDocument',
        input: request.body,
      });
      flush(hub, outbox);
      return detail(actor, request.params.id);
    },
  );

  app.post(
    '/api/errands/:id/actions/:action',
    {
      schema: {
        tags,
        summary:
          '代办操作 (submit, leaderApprove, leaderReturn, departmentApprove, departmentReturn, deliver, cancel)',
        params: Type.Object({ id: Id, action: Type.Union(ACTIONS_BY_ROUTE.map((a) => Type.Literal(a))) }),
        body: Type.Object(
          {
            version: Type.Integer({ minimum: 1 }),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
            reason: Type.Optional(Type.String({ maxLength: 1000 })),
            fields: Type.Optional(FieldValues),
            /** deliver: a photo of the handover (the caller's own upload). */
            attachmentId: Type.Optional(Id),
          },
          { additionalProperties: false },
        ),
        response: { 200: ErrandDetail },
      },
    },
    async (request) => {
      const actor = authorize(request, 'errands.read');
      const outbox = newOutbox();
      await actOnErrand({
        db,
        actor,
        origin: originOf(request),
        outbox,
        errandId: request.params.id,
        action: request.params.action as ErrandAction,
        input: request.body,
      });
      flush(hub, outbox);
      return detail(actor, request.params.id);
    },
  );

  async function sendDocument(
    actor: Actor,
    errandId: string,
    attachmentId: string,
    reply: FastifyReply,
    variant: 'original' | 'thumbnail',
  ) {
    const errand = await repo.findVisible(db, actor, errandId);
    const row = errand ? await repo.errandPhoto(db, errandId, attachmentId) : undefined;
    if (!row) throw notFound('材料', attachmentId);
    return sendLinkedAttachment({ storage, row, variant, reply });
  }

  const DocParams = Type.Object({ id: Id, attachmentId: Id });
  app.get(
    '/api/errands/:id/documents/:attachmentId',
    {
      schema: {
        tags,
        summary: '代办材料原图 (a document or handover photo, for everyone who sees the errand)',
        params: DocParams,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'errands.read');
      return sendDocument(actor, request.params.id, request.params.attachmentId, reply, 'original');
    },
  );
  app.get(
    '/api/errands/:id/documents/:attachmentId/thumbnail',
    { schema: { tags, summary: '代办材料缩略图 (document thumbnail)', params: DocParams } },
    async (request, reply) => {
      const actor = authorize(request, 'errands.read');
      return sendDocument(actor, request.params.id, request.params.attachmentId, reply, 'thumbnail');
    },
  );
}
