import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { AppError } from '../../http/errors.ts';
import { IdParams, iso } from '../../http/schemas.ts';
import { loadActor } from '../access/actor.ts';
import { authorize, passwordChangeRequired } from '../access/authorize.ts';
import { originOf } from '../audit/record.ts';
import { SESSION_COOKIE } from '../auth/authenticate.ts';
import { presentMe } from '../auth/presenter.ts';
import { Session } from '../auth/schemas.ts';
import { flush, newOutbox } from '../notifications/notify.ts';
import {
  findMyReport,
  nearbyReports,
  plusOne,
  publicTimeline,
  rateMyReport,
  reopenMyReport,
} from './follow.ts';
import { myGrid, setHomeGrid } from './my-grid.ts';
import { presentMyGrid, presentMyReport, presentNearby } from './presenter.ts';
import { residentRepository } from './repository.ts';
import {
  NearbyReports,
  ResidentAddresses,
  ResidentGrid,
  ResidentReport,
  ResidentReportDetail,
  ResidentReportList,
  SignInCodeSent,
} from './schemas.ts';
import { sendSignInCode, signInWithCode } from './sign-in.ts';
import { smsSender } from './sms.ts';

const tags = ['residents'];
const AddressId = Type.String({ pattern: '^[0-9]{1,18}$', description: 'a standard address (addresses.id)' });
const Lon = Type.Number({ minimum: -180, maximum: 180 });
const Lat = Type.Number({ minimum: -90, maximum: 90 });
const Place = Type.Union([Type.Object({ addressId: AddressId }), Type.Object({ lon: Lon, lat: Lat })]);
const Phone = Type.String({ pattern: '^1[3-9][0-9]{9}$', description: 'mainland mobile number' });

export function registerResidentRoutes(
  app: App,
  { db, config, gridIndex, calendars, hub }: AppContext,
): void {
  app.decorate('sms', smsSender(config.residents.smsWebhookUrl, app.log));

  app.post(
    '/api/residents/code',
    {
      config: { skipCsrf: true },
      schema: {
        tags,
        summary: '发送登录验证码 (send a one-time sign-in code by SMS)',
        body: Type.Object({ phone: Phone }),
        response: { 200: SignInCodeSent },
      },
    },
    async (request) =>
      sendSignInCode({ db, sms: app.sms, phone: request.body.phone, origin: originOf(request) }),
  );

  app.post(
    '/api/residents/sign-in',
    {
      config: { skipCsrf: true },
      schema: {
        tags,
        summary: '验证码登录 (sign in with the code; the first sign-in creates the resident account)',
        body: Type.Object({ phone: Phone, code: Type.String({ pattern: '^[0-9]{6}$' }) }),
        response: { 200: Session },
      },
    },
    async (request, reply) => {
      const result = await signInWithCode({ db, config, ...request.body, origin: originOf(request) });
      reply.setCookie(SESSION_COOKIE, result.sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: config.secureCookies,
        maxAge: config.sessionTtlHours * 3600,
      });
      const actor = (await loadActor(db, result.userId, 'session', result.csrfToken))!;
      return {
        user: await presentMe(db, actor, passwordChangeRequired(request, actor)),
        csrfToken: result.csrfToken,
      };
    },
  );

  app.get(
    '/api/residents/reports',
    {
      schema: {
        tags,
        summary: '我的上报 (cases I reported or joined with +1, as residents see them)',
        response: { 200: ResidentReportList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.report');
      const rows = await residentRepository.listFollowed(db, actor.userId);
      return { items: rows.map((r) => presentMyReport(r, config.residents.reopenDays)) };
    },
  );

  app.get(
    '/api/residents/reports/:id',
    {
      schema: {
        tags,
        summary: '我的上报详情 (one of my reports with its public timeline)',
        params: IdParams,
        response: { 200: ResidentReportDetail },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.report');
      const row = await findMyReport(db, actor, request.params.id);
      return {
        ...presentMyReport(row, config.residents.reopenDays),
        timeline: (await publicTimeline(db, row.id)).map((entry) => ({ ...entry, at: iso(entry.at) })),
      };
    },
  );

  app.get(
    '/api/residents/nearby',
    {
      schema: {
        tags,
        summary: '附近已上报的同类问题 (open cases of the category nearby, to +1 instead of a duplicate)',
        querystring: Type.Object({
          lon: Type.Number({ minimum: -180, maximum: 180 }),
          lat: Type.Number({ minimum: -90, maximum: 90 }),
          categoryCode: Type.String({ pattern: '^[A-Z]{2}[0-9]{2}(-[0-9]{2})?$' }),
        }),
        response: { 200: NearbyReports },
      },
    },
    async (request) => {
      authorize(request, 'cases.report');
      const entries = await nearbyReports(db, request.query);
      return { items: entries.map(presentNearby) };
    },
  );

  app.post(
    '/api/residents/reports/:id/plus-one',
    {
      schema: {
        tags,
        summary: '我也遇到了 (+1: join an open case and follow it)',
        params: IdParams,
        response: { 200: ResidentReport },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.report');
      const row = await plusOne({ db, actor, caseId: request.params.id, origin: originOf(request) });
      return presentMyReport(row, config.residents.reopenDays);
    },
  );

  app.post(
    '/api/residents/reports/:id/rating',
    {
      schema: {
        tags,
        summary: '评价处理结果 (rate the result, 1–5, once)',
        params: IdParams,
        body: Type.Object({
          score: Type.Integer({ minimum: 1, maximum: 5 }),
          comment: Type.Optional(Type.String({ maxLength: 500 })),
        }),
        response: { 200: ResidentReport },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.report');
      const comment = request.body.comment?.trim() || null;
      const row = await rateMyReport({
        db,
        actor,
        caseId: request.params.id,
        score: request.body.score,
        comment,
        origin: originOf(request),
      });
      return presentMyReport(row, config.residents.reopenDays);
    },
  );

  app.get(
    '/api/residents/addresses',
    {
      schema: {
        tags,
        summary: '搜索标准地址 (standard addresses down to the building, to find my grid)',
        querystring: Type.Object({ q: Type.String({ minLength: 2, maxLength: 50 }) }),
        response: { 200: ResidentAddresses },
      },
    },
    async (request) => {
      const rows = await residentRepository.searchAddresses(db, request.query.q.trim());
      return { items: rows.map((r) => ({ id: r.id, fullName: r.full_name })) };
    },
  );

  app.get(
    '/api/residents/grid',
    {
      schema: {
        tags,
        summary:
          '我的网格 (the grid at a point or address, or my home grid: worker, hours; the number only for its residents)',
        querystring: Type.Object({
          addressId: Type.Optional(AddressId),
          lon: Type.Optional(Lon),
          lat: Type.Optional(Lat),
        }),
        response: { 200: ResidentGrid },
      },
    },
    async (request) => {
      const { addressId, lon, lat } = request.query;
      if ((lon === undefined) !== (lat === undefined)) {
        throw new AppError(400, 'invalid_input', '经纬度须同时提供 (give both lon and lat)', {
          field: lon === undefined ? 'lon' : 'lat',
        });
      }
      const place = addressId ? { addressId } : lon !== undefined ? { lon, lat: lat! } : null;
      // Anyone may look up a grid; who is signed in only decides whether the number shows.
      const view = await myGrid({ db, gridIndex, actor: request.actor ?? null, place });
      return presentMyGrid(view, config.residents.serviceHours);
    },
  );

  app.put(
    '/api/residents/home-grid',
    {
      schema: {
        tags,
        summary: '设为我的网格 (set my home grid from my address or position)',
        body: Place,
        response: { 200: ResidentGrid },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.report');
      const view = await setHomeGrid({
        db,
        gridIndex,
        actor,
        place: request.body,
        origin: originOf(request),
      });
      return presentMyGrid(view, config.residents.serviceHours);
    },
  );

  app.post(
    '/api/residents/reports/:id/reopen',
    {
      schema: {
        tags,
        summary:
          '问题未解决，重新打开 (reopen my closed report with a reason and a photo, within the window)',
        params: IdParams,
        body: Type.Object({
          reason: Type.String({ minLength: 1, maxLength: 500 }),
          photoIds: Type.Array(Type.String({ pattern: '^[0-9]{1,18}$' }), { minItems: 1, maxItems: 9 }),
        }),
        response: { 200: ResidentReport },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.report');
      const outbox = newOutbox();
      const row = await reopenMyReport({
        db,
        actor,
        calendars,
        outbox,
        reopenDays: config.residents.reopenDays,
        caseId: request.params.id,
        reason: request.body.reason.trim(),
        photoIds: request.body.photoIds,
        origin: originOf(request),
      });
      flush(hub, outbox);
      return presentMyReport(row, config.residents.reopenDays);
    },
  );
}
