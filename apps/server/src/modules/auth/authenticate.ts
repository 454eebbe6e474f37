import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { AppError, unauthenticated } from '../../http/errors.ts';
import { type Actor, actorOf } from '../access/actor.ts';
import { authRepository as repo } from './repository.ts';
import { sha256 } from './secrets.ts';

export const SESSION_COOKIE = 'wangge_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Writing last-seen on every request would turn reads into writes; once a minute is enough.
const TOUCH_AFTER_MS = 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
  }
}

function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  // Other schemes (HTTP Basic of tracker apps) belong to the routes that speak them.
  if (!header || !/^Bearer\b/i.test(header)) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1])
    throw unauthenticated('Authorization 头格式应为 "Bearer <token>" (malformed Authorization header)');
  return match[1];
}

/**
 * Resolves the caller on every request: a bearer API token (devices, integrations, GIS tools)
 * or the web session cookie. Cookie-authenticated writes must echo the session's CSRF token
 * in x-csrf-token, which a cross-site page cannot read.
 */
export function registerAuthentication(app: FastifyInstance, db: Db, config: Config): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (request) => {
    const bearer = bearerOf(request);
    if (bearer) {
      const token = await repo.findLiveApiToken(db, sha256(bearer));
      if (!token) throw unauthenticated('令牌无效或已过期 (invalid or expired token)');
      if (!token.last_used_at || Date.now() - token.last_used_at.getTime() > TOUCH_AFTER_MS) {
        await repo.touchApiToken(db, token.token_id);
      }
      request.actor = await actorOf(db, token, 'token', null);
      if (!request.actor) throw unauthenticated('账户已停用 (account disabled)');
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const hash = sha256(cookie);
    const session = await repo.findLiveSession(db, hash, config.sessionIdleMinutes);
    if (!session) return;
    if (Date.now() - session.last_seen_at.getTime() > TOUCH_AFTER_MS) await repo.touchSession(db, hash);
    request.actor = await actorOf(db, session, 'session', session.csrf_token);
    request.sessionToken = request.actor ? cookie : null;
    // Routes that authenticate by other means (login) skip the check, or a stale cookie would
    // stop the browser from signing in again.
    if (
      request.actor &&
      !SAFE_METHODS.has(request.method) &&
      !request.routeOptions.config.skipCsrf &&
      request.headers['x-csrf-token'] !== session.csrf_token
    ) {
      throw new AppError(403, 'csrf_failed', '请求缺少有效的 CSRF 令牌 (missing or wrong x-csrf-token)', {
        field: 'x-csrf-token',
      });
    }
  });
}
