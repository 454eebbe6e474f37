import { formatTrackingCode, RESIDENT_CATEGORY_CODES } from '@wangge/rules';
import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { readUpload } from '../attachments/routes.ts';
import { LocalDiskStorage } from '../attachments/storage.ts';
import { originOf } from '../audit/record.ts';
import { flush, newOutbox } from '../notifications/notify.ts';
import { reportAnonymously, storeAnonymousPhoto, trackReport } from './anonymous.ts';
import { presentTrackedReport } from './presenter.ts';
import { ResidentCase } from './schemas.ts';

const tags = ['residents'];
const TrackedReport = Type.Object(
  {
    ...ResidentCase,
    timeline: Type.Array(
      Type.Object({
        phase: Type.String(),
        at: Type.String({ format: 'date-time' }),
        publicNote: Type.Union([Type.String(), Type.Null()]),
        reopened: Type.Boolean(),
      }),
    ),
  },
  { title: 'TrackedReport' },
);

/** Reporting and following without an account: no session, so no CSRF token; throttled per address. */
export function registerAnonymousResidentRoutes(
  app: App,
  { db, config, gridIndex, calendars, hub }: AppContext,
): void {
  const storage = new LocalDiskStorage(config.filesDir);

  app.post(
    '/api/residents/anonymous/photos',
    {
      config: { skipCsrf: true },
      schema: {
        tags,
        summary:
          '匿名上报照片 (a photo for a report without an account: multipart field "file"; keep the token)',
        consumes: ['multipart/form-data'],
        response: {
          201: Type.Object({ id: Type.String(), token: Type.String() }, { title: 'AnonymousPhoto' }),
        },
      },
    },
    async (request, reply) => {
      const file = await readUpload(request, config.attachmentMaxBytes);
      const photo = await storeAnonymousPhoto({ db, storage, origin: originOf(request), file });
      return reply.status(201).send(photo);
    },
  );

  app.post(
    '/api/residents/anonymous/reports',
    {
      config: { skipCsrf: true },
      schema: {
        tags,
        summary:
          '匿名上报 (report without an account; the answer holds the tracking code; a retry with the same Idempotency-Key returns the same case)',
        body: Type.Object(
          {
            categoryCode: Type.Union(RESIDENT_CATEGORY_CODES.map((c) => Type.Literal(c))),
            description: Type.String({ maxLength: 500 }),
            lon: Type.Number({ minimum: -180, maximum: 180 }),
            lat: Type.Number({ minimum: -90, maximum: 90 }),
            photos: Type.Array(
              Type.Object({
                id: Type.String({ pattern: '^[0-9]{1,18}$' }),
                token: Type.String({ maxLength: 100 }),
              }),
              { minItems: 1, maxItems: 9 },
            ),
            contactPhone: Type.Optional(Type.String({ pattern: '^1[3-9][0-9]{9}$' })),
          },
          { additionalProperties: false },
        ),
        headers: Type.Object({ 'idempotency-key': Type.String({ minLength: 8, maxLength: 100 }) }),
        response: {
          '2xx': Type.Object(
            { trackingCode: Type.String({ description: 'shown as XXXX-XXXX-XXX' }), report: TrackedReport },
            { title: 'AnonymousReportReceipt' },
          ),
        },
      },
    },
    async (request, reply) => {
      const outbox = newOutbox();
      const result = await reportAnonymously({
        db,
        origin: originOf(request),
        gridIndex,
        calendars,
        outbox,
        input: { ...request.body, description: request.body.description.trim() || '居民随手拍' },
        idempotencyKey: request.headers['idempotency-key'],
      });
      flush(hub, outbox);
      return reply.status(result.created ? 201 : 200).send({
        trackingCode: formatTrackingCode(result.trackingCode),
        report: presentTrackedReport(result.row, result.timeline),
      });
    },
  );

  app.get(
    '/api/residents/track/:code',
    {
      schema: {
        tags,
        summary: '凭查询码查看进度 (follow a report by its tracking code: the public timeline only)',
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 30 }) }),
        response: { 200: TrackedReport },
      },
    },
    async (request) => {
      const { row, timeline } = await trackReport({
        db,
        origin: originOf(request),
        code: request.params.code,
      });
      return presentTrackedReport(row, timeline);
    },
  );
}
