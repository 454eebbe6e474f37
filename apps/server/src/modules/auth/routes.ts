import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { IdParams } from '../../http/schemas.ts';
import { loadActor } from '../access/actor.ts';
import { authorize } from '../access/authorize.ts';
import { originOf } from '../audit/record.ts';
import { SESSION_COOKIE } from './authenticate.ts';
import { createApiToken, logIn, logOut, revokeApiToken } from './operations.ts';
import { presentMe } from './presenter.ts';
import { authRepository } from './repository.ts';

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
      },
    },
    async (request, reply) => {
      const result = await logIn({ db, config, ...request.body, origin: originOf(request) });
      reply.setCookie(SESSION_COOKIE, result.sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: config.secureCookies,
        maxAge: config.sessionTtlHours * 3600,
      });
      const actor = await loadActor(db, result.userId, 'session', result.csrfToken);
      return { user: await presentMe(db, actor!), csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags, summary: '退出登录 (log out)' } },
    async (request, reply) => {
      const actor = authorize(request);
      if (request.sessionToken)
        await logOut({ db, sessionToken: request.sessionToken, actor, origin: originOf(request) });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get('/api/auth/me', { schema: { tags, summary: '当前用户 (the signed-in user)' } }, async (request) => {
    const actor = authorize(request);
    return { user: await presentMe(db, actor), csrfToken: actor.csrfToken };
  });

  app.get(
    '/api/auth/tokens',
    { schema: { tags, summary: '我的 API 令牌 (my API tokens)' } },
    async (request) => {
      const actor = authorize(request);
      const rows = await authRepository.listApiTokens(db, actor.userId);
      return {
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          createdAt: r.created_at,
          lastUsedAt: r.last_used_at,
          expiresAt: r.expires_at,
          revokedAt: r.revoked_at,
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
        createdAt: created.created_at,
        expiresAt: created.expires_at,
      });
    },
  );

  app.delete(
    '/api/auth/tokens/:id',
    { schema: { tags, summary: '吊销 API 令牌 (revoke a token)', params: IdParams } },
    async (request, reply) => {
      const actor = authorize(request);
      await revokeApiToken({ db, actor, id: request.params.id, origin: originOf(request) });
      return reply.status(204).send();
    },
  );
}
