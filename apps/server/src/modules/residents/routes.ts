import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { IdParams } from '../../http/schemas.ts';
import { loadActor } from '../access/actor.ts';
import { authorize, passwordChangeRequired } from '../access/authorize.ts';
import { originOf } from '../audit/record.ts';
import { SESSION_COOKIE } from '../auth/authenticate.ts';
import { presentMe } from '../auth/presenter.ts';
import { findMyReport, nearbyReports, plusOne, publicTimeline, rateMyReport } from './follow.ts';
import { presentMyReport, presentNearby } from './presenter.ts';
import { residentRepository } from './repository.ts';
import { sendSignInCode, signInWithCode } from './sign-in.ts';
import { DevSmsSink } from './sms.ts';

const tags = ['residents'];
const Phone = Type.String({ pattern: '^1[3-9][0-9]{9}$', description: 'mainland mobile number' });

export function registerResidentRoutes(app: App, { db, config }: AppContext): void {
  app.decorate('sms', new DevSmsSink(app.log));

  app.post(
    '/api/residents/code',
    {
      config: { skipCsrf: true },
      schema: {
        tags,
        summary: '发送登录验证码 (send a one-time sign-in code by SMS)',
        body: Type.Object({ phone: Phone }),
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
    { schema: { tags, summary: '我的上报 (cases I reported or joined with +1, as residents see them)' } },
    async (request) => {
      const actor = authorize(request, 'cases.report');
      const rows = await residentRepository.listFollowed(db, actor.userId);
      return { items: rows.map(presentMyReport) };
    },
  );

  app.get(
    '/api/residents/reports/:id',
    {
      schema: {
        tags,
        summary: '我的上报详情 (one of my reports with its public timeline)',
        params: IdParams,
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.report');
      const row = await findMyReport(db, actor, request.params.id);
      return { ...presentMyReport(row), timeline: await publicTimeline(db, row.id) };
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
    { schema: { tags, summary: '我也遇到了 (+1: join an open case and follow it)', params: IdParams } },
    async (request) => {
      const actor = authorize(request, 'cases.report');
      const row = await plusOne({ db, actor, caseId: request.params.id, origin: originOf(request) });
      return presentMyReport(row);
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
      return presentMyReport(row);
    },
  );
}
