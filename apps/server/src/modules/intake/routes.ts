import { hotlineTimestampProblem } from '@wangge/rules';
import type { FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { AppError } from '../../http/errors.ts';
import { Id } from '../../http/schemas.ts';
import { authorize } from '../access/authorize.ts';
import { originOf } from '../audit/record.ts';
import { flush, newOutbox } from '../notifications/notify.ts';
import { presentCallback } from './presenter.ts';
import { receiveHotlineOrder } from './receive-order.ts';
import { intakeRepository as repo } from './repository.ts';
import { HotlineCallbackPage, HotlineReceipt } from './schemas.ts';
import { NONCE_HEADER, SIGNATURE_HEADER, signatureMatches, TIMESTAMP_HEADER } from './signature.ts';

const tags = ['intake'];

const HotlineBody = Type.Object(
  {
    orderNo: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$', description: '12345 工单号' }),
    caller: Type.Optional(
      Type.Object({
        name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
        phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9][0-9\\- ]{3,24}$' })),
      }),
    ),
    content: Type.String({ minLength: 1, maxLength: 4000 }),
    address: Type.String({ minLength: 1, maxLength: 200 }),
    deadline: Type.Optional(Type.String({ format: 'date-time' })),
    categoryCode: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
  },
  { additionalProperties: false },
);

const CallbacksQuery = Type.Object({
  status: Type.Optional(
    Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
  ),
  caseId: Type.Optional(Id),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

declare module 'fastify' {
  interface FastifyRequest {
    /** The body as it arrived, for the hotline's signature (set by this module's parser only). */
    rawBody?: string;
  }
}

const refused = (status: number, code: string, message: string, field: string) =>
  new AppError(status, code, message, { field });

/**
 * 12345 hotline transfer: signed pushes of work orders become cases (receive-order.ts); each
 * status change is called back (callbacks.ts), and the delivery log is readable in scope.
 */
export async function registerIntakeRoutes(app: App, context: AppContext): Promise<void> {
  const { db, config } = context;

  /** Signature, then freshness, then the nonce: only a genuine, fresh, first request gets through. */
  async function verifyPush(request: FastifyRequest) {
    const secret = config.hotline.secret;
    if (!secret) {
      // Without a secret the channel is off: nothing here to call (404), and nothing for the caller to retry.
      throw new AppError(404, 'hotline_disabled', '12345 热线接入未启用 (WANGGE_HOTLINE_SECRET is not set)');
    }
    const header = (name: string) => {
      const value = request.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    const timestamp = header(TIMESTAMP_HEADER);
    const nonce = header(NONCE_HEADER);
    const signature = header(SIGNATURE_HEADER);
    const stale = hotlineTimestampProblem(timestamp, Date.now(), config.hotline.windowSeconds);
    if (stale) {
      throw refused(
        401,
        stale === 'stale' ? 'replay_refused' : 'bad_signature',
        stale === 'stale'
          ? '请求时间戳超出允许范围，视为重放 (timestamp outside the window: refused as a replay)'
          : '缺少或无效的时间戳 (missing or malformed timestamp)',
        TIMESTAMP_HEADER,
      );
    }
    if (!nonce || !/^[A-Za-z0-9_-]{8,64}$/.test(nonce))
      throw refused(401, 'bad_signature', '缺少或无效的 nonce (missing or malformed nonce)', NONCE_HEADER);
    if (!signature || !signatureMatches(secret, timestamp!, nonce, request.rawBody ?? '', signature))
      throw refused(401, 'bad_signature', '签名无效 (invalid signature)', SIGNATURE_HEADER);
    if (!(await repo.claimNonce(db, nonce)))
      throw refused(
        409,
        'replay_refused',
        '该请求已处理过，拒绝重放 (nonce already used: replay refused)',
        NONCE_HEADER,
      );
  }

  await app.register(async (scope) => {
    // The signature covers the bytes sent, so they are kept before JSON parsing.
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      const text = body as string;
      request.rawBody = text;
      try {
        done(null, JSON.parse(text));
      } catch {
        done(Object.assign(new Error('请求体不是有效的 JSON (body is not valid JSON)'), { statusCode: 400 }));
      }
    });
    scope.post(
      '/api/intake/hotline',
      {
        schema: {
          tags,
          summary:
            '12345 热线工单转入 (HMAC-SHA256 signed: x-wangge-timestamp, x-wangge-nonce, x-wangge-signature)',
          body: HotlineBody,
          response: { 200: HotlineReceipt, 201: HotlineReceipt },
        },
        config: { skipCsrf: true },
        preValidation: verifyPush,
      },
      async (request, reply) => {
        // The encapsulated scope's own parser leaves the body untyped; the schema validated it.
        const body = request.body as Static<typeof HotlineBody>;
        const outbox = newOutbox();
        const { caseId, created } = await receiveHotlineOrder({
          db,
          origin: originOf(request),
          gridIndex: context.gridIndex,
          calendars: context.calendars,
          outbox,
          order: {
            orderNo: body.orderNo,
            callerName: body.caller?.name,
            callerPhone: body.caller?.phone,
            content: body.content,
            address: body.address,
            deadline: body.deadline,
            categoryCode: body.categoryCode,
          },
        });
        flush(context.hub, outbox);
        const kase = await db
          .selectFrom('cases')
          .select(['code', 'state'])
          .where('id', '=', caseId)
          .executeTakeFirstOrThrow();
        return reply
          .status(created ? 201 : 200)
          .send({ orderNo: body.orderNo, caseId, caseCode: kase.code, state: kase.state, created });
      },
    );
  });

  app.get(
    '/api/intake/hotline/callbacks',
    {
      schema: {
        tags,
        summary: '12345 热线回告记录 (call-back delivery log, in scope)',
        querystring: CallbacksQuery,
        response: { 200: HotlineCallbackPage },
      },
    },
    async (request) => {
      const actor = authorize(request, 'hotline.read');
      const { page = 1, pageSize = 50, status, caseId } = request.query;
      const [rows, total] = await repo.callbacks(db, actor, {
        status,
        caseId,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return { items: rows.map(presentCallback), total: Number(total.n), page, pageSize };
    },
  );
}
