import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { IdParams, iso, isoOrNull } from '../../http/schemas.ts';
import { loadActor } from '../access/actor.ts';
import { authorize, passwordChangeRequired } from '../access/authorize.ts';
import { originOf } from '../audit/record.ts';
import { SESSION_COOKIE } from './authenticate.ts';
import { changeOwnPassword } from './change-password.ts';
import { createApiToken, logIn, logOut, revokeApiToken } from './operations.ts';
import { presentMe } from './presenter.ts';
import { authRepository } from './repository.ts';
import { ApiToken, CreatedToken, MySession, Session } from './schemas.ts';
import { endMyOtherSessions, endMySession, listMySessions } from './sessions.ts';

const tags = ['auth'];

export function registerAuthRoutes(app: App, { db, config }: AppContext): void {
  app.post(
    '/api/auth/login',
    {
      config: { skipCsrf: true },
      schema: {
        tags,
        summary: '登录 (log in with username and password; sets the session cookie)',
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 64 }),
          password: Type.String({ minLength: 1, maxLength: 256 }),
        }),
        response: { 200: Session },
      },
    },
    async (request, reply) => {
      const result = await logIn({
        db,
        config,
        ...request.body,
        origin: originOf(request),
        log: request.log,
      });
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

  app.post(
    '/api/auth/logout',
    { schema: { tags, summary: '退出登录 (log out)', response: { 204: Type.Null() } } },
    async (request, reply) => {
      const actor = authorize(request);
      if (request.sessionToken)
        await logOut({ db, sessionToken: request.sessionToken, actor, origin: originOf(request) });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags, summary: '当前用户 (the signed-in user)', response: { 200: Session } } },
    async (request) => {
      const actor = authorize(request);
      return {
        user: await presentMe(db, actor, passwordChangeRequired(request, actor)),
        csrfToken: actor.csrfToken,
      };
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags,
        summary: '修改我的密码 (change my own password; ends my other sessions)',
        body: Type.Object({
          currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
          password: Type.String({ minLength: 1, maxLength: 256 }),
        }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const actor = authorize(request);
      await changeOwnPassword({
        db,
        actor,
        sessionToken: request.sessionToken,
        ...request.body,
        origin: originOf(request),
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/sessions',
    {
      schema: {
        tags,
        summary: '我的会话 (where I am signed in; the current one is marked)',
        response: { 200: Type.Object({ items: Type.Array(MySession) }) },
      },
    },
    async (request) => {
      const actor = authorize(request);
      return {
        items: await listMySessions({ db, config, actor, sessionToken: request.sessionToken }),
      };
    },
  );

  app.delete(
    '/api/auth/sessions/:id',
    {
      schema: {
        tags,
        summary: '结束我的一个会话 (sign one of my sessions out)',
        params: IdParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const actor = authorize(request);
      await endMySession({ db, actor, id: request.params.id, origin: originOf(request) });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/sessions/revoke-others',
    {
      schema: {
        tags,
        summary: '结束我的其他会话 (sign out everywhere else)',
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const actor = authorize(request);
      await endMyOtherSessions({ db, actor, sessionToken: request.sessionToken, origin: originOf(request) });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/tokens',
    {
      schema: {
        tags,
        summary: '我的 API 令牌 (my API tokens)',
        response: { 200: Type.Object({ items: Type.Array(ApiToken) }) },
      },
    },
    async (request) => {
      const actor = authorize(request);
      const rows = await authRepository.listApiTokens(db, actor.userId);
      return {
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          createdAt: iso(r.created_at),
          lastUsedAt: isoOrNull(r.last_used_at),
          expiresAt: isoOrNull(r.expires_at),
          revokedAt: isoOrNull(r.revoked_at),
        })),
      };
    },
  );

  app.post(
    '/api/auth/tokens',
    {
      schema: {
        tags,
        summary: '创建 API 令牌 (create an API token for a device or integration; the secret is shown once)',
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 100 }),
          expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
        }),
        response: { 201: CreatedToken },
      },
    },
    async (request, reply) => {
      const actor = authorize(request);
      const created = await createApiToken({
        db,
        actor,
        name: request.body.name,
        expiresInDays: request.body.expiresInDays ?? null,
        origin: originOf(request),
      });
      return reply.status(201).send({
        id: created.id,
        name: created.name,
        token: created.token,
        createdAt: iso(created.created_at),
        expiresAt: isoOrNull(created.expires_at),
      });
    },
  );

  app.delete(
    '/api/auth/tokens/:id',
    {
      schema: {
        tags,
        summary: '吊销 API 令牌 (revoke a token)',
        params: IdParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const actor = authorize(request);
      await revokeApiToken({ db, actor, id: request.params.id, origin: originOf(request) });
      return reply.status(204).send(null);
    },
  );
}
