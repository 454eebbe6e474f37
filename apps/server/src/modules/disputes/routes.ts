import {
  actionsFor,
  DISPUTE_ACTIONS,
  DISPUTE_RISK_LEVELS,
  DISPUTE_STATES,
  DISPUTE_WORKFLOW,
  type DisputeAction,
  type DisputeState,
  isDisputeCategory,
  MEDIATOR_KINDS,
  PARTY_ROLES,
} from '@wangge/rules';
import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { notFound } from '../../http/errors.ts';
import { Id, IdParams, Paging } from '../../http/schemas.ts';
import type { Actor } from '../access/actor.ts';
import { authorize } from '../access/authorize.ts';
import { sendLinkedAttachment } from '../attachments/operations.ts';
import { LocalDiskStorage } from '../attachments/storage.ts';
import { originOf } from '../audit/record.ts';
import { flush, newOutbox } from '../notifications/notify.ts';
import { actOnDispute, addMediator, openDispute } from './operations.ts';
import { presentDisputeDetail, presentDisputeSummary } from './presenter.ts';
import { disputeRelationsOf } from './relations.ts';
import { disputeRepository as repo } from './repository.ts';
import { DisputeDetail, DisputePage, DisputeStatus } from './schemas.ts';

const tags = ['disputes'];
const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Mediator = Type.Object(
  {
    kind: literals(MEDIATOR_KINDS),
    userId: Type.Optional(Id),
    name: Type.Optional(Type.String({ maxLength: 50 })),
    organisation: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
const Party = Type.Object(
  {
    role: literals(PARTY_ROLES),
    name: Type.String({ minLength: 1, maxLength: 50, pattern: '\\S' }),
    personId: Type.Optional(Id),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export function registerDisputeRoutes(app: App, { db, hub, config }: AppContext): void {
  const storage = new LocalDiskStorage(config.filesDir);

  async function detail(actor: Actor, caseId: string) {
    const row = await repo.findVisible(db, actor, caseId);
    if (!row) throw notFound('调解记录', caseId);
    const [parties, mediators, steps, named] = await Promise.all([
      repo.parties(db, caseId),
      repo.mediators(db, caseId),
      repo.steps(db, caseId),
      repo.isNamedMediator(db, caseId, actor.userId),
    ]);
    const actions = actionsFor(
      DISPUTE_WORKFLOW,
      row.state as DisputeState,
      disputeRelationsOf(actor, row, named),
    );
    return presentDisputeDetail(row, { parties, mediators, steps, actions });
  }

  app.get(
    '/api/disputes',
    {
      schema: {
        tags,
        summary: '矛盾纠纷调解台账 (mediation records in scope; escalated first, then latest)',
        querystring: Type.Object({
          state: Type.Optional(Type.Array(literals(DISPUTE_STATES), { maxItems: 5 })),
          riskLevel: Type.Optional(literals(DISPUTE_RISK_LEVELS)),
          escalated: Type.Optional(Type.Boolean()),
          ...Paging,
        }),
        response: { 200: DisputePage },
      },
    },
    async (request) => {
      const actor = authorize(request);
      const { page = 1, pageSize = 50, state, riskLevel, escalated } = request.query;
      const { items, total } = await repo.list(
        db,
        actor,
        { states: state, riskLevel, escalated },
        page,
        pageSize,
      );
      return { items: items.map(presentDisputeSummary), total, page, pageSize };
    },
  );

  app.post(
    '/api/cases/:id/dispute',
    {
      schema: {
        tags,
        summary: '登记纠纷调解 (open the mediation record of a dispute case: parties, risk, mediators)',
        params: IdParams,
        body: Type.Object(
          {
            riskLevel: literals(DISPUTE_RISK_LEVELS),
            summary: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }),
            parties: Type.Array(Party, { minItems: 2, maxItems: 20 }),
            mediators: Type.Array(Mediator, { maxItems: 10 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: DisputeDetail },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'disputes.mediate');
      const outbox = newOutbox();
      await openDispute({
        db,
        actor,
        origin: originOf(request),
        outbox,
        caseId: request.params.id,
        ...request.body,
      });
      flush(hub, outbox);
      return reply.code(201).send(await detail(actor, request.params.id));
    },
  );

  app.get(
    '/api/cases/:id/dispute-status',
    {
      schema: {
        tags,
        summary:
          '事件的调解状态 (whether the case has a mediation record, and whether the caller may open one)',
        params: IdParams,
        response: { 200: DisputeStatus },
      },
    },
    async (request) => {
      const actor = authorize(request);
      const found = await repo.visibleCase(db, actor, request.params.id);
      if (!found) throw notFound('事件', request.params.id);
      const row = await repo.findVisible(db, actor, request.params.id);
      const mayOpen =
        !row &&
        isDisputeCategory(found.category_code) &&
        actor.permissions.has('disputes.mediate') &&
        disputeRelationsOf(actor, found, false).has('mediator');
      return { record: row ? presentDisputeSummary(row) : null, actions: mayOpen ? ['open'] : [] };
    },
  );

  app.get(
    '/api/cases/:id/dispute',
    {
      schema: {
        tags,
        summary: '纠纷调解记录 (parties, mediators, history, follow-ups, my actions)',
        params: IdParams,
        response: { 200: DisputeDetail },
      },
    },
    async (request) => detail(authorize(request), request.params.id),
  );

  app.post(
    '/api/cases/:id/dispute/mediators',
    {
      schema: {
        tags,
        summary: '添加调解人 (a user, or someone from outside by name)',
        params: IdParams,
        body: Mediator,
        response: { 200: DisputeDetail },
      },
    },
    async (request) => {
      const actor = authorize(request);
      const outbox = newOutbox();
      await addMediator({
        db,
        actor,
        origin: originOf(request),
        outbox,
        caseId: request.params.id,
        mediator: request.body,
      });
      flush(hub, outbox);
      return detail(actor, request.params.id);
    },
  );

  app.post(
    '/api/cases/:id/dispute/actions/:action',
    {
      schema: {
        tags,
        summary:
          '调解操作 (startMediation, recordSession, recordAgreement, recordFailure, followUp, close, flagEscalation)',
        params: Type.Object({ id: Id, action: literals(DISPUTE_ACTIONS) }),
        body: Type.Object(
          {
            version: Type.Integer({ minimum: 1 }),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
            reason: Type.Optional(Type.String({ maxLength: 1000 })),
            attachmentId: Type.Optional(Id),
          },
          { additionalProperties: false },
        ),
        response: { 200: DisputeDetail },
      },
    },
    async (request) => {
      const actor = authorize(request);
      const outbox = newOutbox();
      await actOnDispute({
        db,
        actor,
        origin: originOf(request),
        outbox,
        caseId: request.params.id,
        action: request.params.action as DisputeAction,
        input: request.body,
      });
      flush(hub, outbox);
      return detail(actor, request.params.id);
    },
  );

  for (const variant of ['original', 'thumbnail'] as const) {
    app.get(
      variant === 'original'
        ? '/api/cases/:id/dispute/agreement'
        : '/api/cases/:id/dispute/agreement/thumbnail',
      {
        schema: {
          tags,
          summary: `调解协议${variant === 'original' ? '原图' : '缩略图'} (the signed agreement)`,
          params: IdParams,
        },
      },
      async (request, reply) => {
        const actor = authorize(request);
        const dispute = await repo.findVisible(db, actor, request.params.id);
        const row = dispute?.agreement_attachment_id
          ? await repo.attachment(db, dispute.agreement_attachment_id)
          : undefined;
        if (!row) throw notFound('调解协议', request.params.id);
        return sendLinkedAttachment({ storage, row, variant, reply });
      },
    );
  }
}
