import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { AppError, notFound, tooManyRequests } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import { admitLogin, loginFailed, loginSucceeded } from './login-throttle.ts';
import { decoyHash, verifyPassword } from './passwords.ts';
import { authRepository as repo } from './repository.ts';
import { newSecret, sha256 } from './secrets.ts';

const invalidCredentials = () =>
  new AppError(401, 'invalid_credentials', '用户名或密码错误 (wrong username or password)', {
    field: 'password',
  });

export async function logIn(options: {
  db: Db;
  config: Config;
  username: string;
  password: string;
  origin: AuditOrigin;
  log: FastifyBaseLogger;
}): Promise<{ sessionToken: string; csrfToken: string; userId: string }> {
  const { db, config, origin, username } = options;
  const attempt = { username, address: origin.ip ?? 'unknown' };
  const wait = await admitLogin(db, config.loginThrottle, attempt);
  if (wait) {
    options.log.warn({ username, address: attempt.address, retryAfterSeconds: wait }, 'login throttled');
    await recordAudit(db, origin, {
      userId: null,
      action: 'auth.throttled',
      targetType: 'user',
      details: { username, retryAfterSeconds: wait },
    });
    throw tooManyRequests(
      'too_many_attempts',
      `登录尝试过于频繁，请 ${wait} 秒后再试 (too many login attempts; try again in ${wait} s)`,
      wait,
      { field: 'username' },
    );
  }
  const user = await repo.findUserForLogin(db, username);
  // Unknown and disabled names cost a hash check too, so the time taken does not tell them apart.
  const valid = await verifyPassword(user?.active ? user.password_hash : await decoyHash(), options.password);
  if (!user?.active || !valid) {
    await loginFailed(db, config.loginThrottle, attempt);
    await recordAudit(db, origin, {
      userId: user?.id ?? null,
      action: 'auth.login_failed',
      targetType: 'user',
      targetId: user?.id ?? null,
      details: { username, reason: !user ? 'unknown_user' : user.active ? 'wrong_password' : 'inactive' },
    });
    throw invalidCredentials();
  }
  const sessionToken = newSecret('s_');
  const csrfToken = newSecret();
  await db.transaction().execute(async (trx) => {
    await loginSucceeded(trx, attempt);
    await repo.deleteExpiredSessions(trx, user.id, config.sessionIdleMinutes);
    await repo.createSession(trx, {
      tokenHash: sha256(sessionToken),
      userId: user.id,
      csrfToken,
      ttlHours: config.sessionTtlHours,
      ip: origin.ip,
      userAgent: origin.userAgent,
    });
    await recordAudit(trx, origin, {
      userId: user.id,
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
    });
  });
  return { sessionToken, csrfToken, userId: user.id };
}

export async function logOut(options: { db: Db; sessionToken: string; actor: Actor; origin: AuditOrigin }) {
  await options.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, sha256(options.sessionToken));
    await recordAudit(trx, options.origin, {
      userId: options.actor.userId,
      action: 'auth.logout',
      targetType: 'user',
      targetId: options.actor.userId,
    });
  });
}

export async function createApiToken(options: {
  db: Db;
  actor: Actor;
  name: string;
  expiresInDays: number | null;
  origin: AuditOrigin;
}) {
  const token = newSecret('wg_');
  const row = await options.db.transaction().execute(async (trx) => {
    const created = await repo.insertApiToken(trx, {
      userId: options.actor.userId,
      name: options.name,
      tokenHash: sha256(token),
      expiresInDays: options.expiresInDays,
    });
    await recordAudit(trx, options.origin, {
      userId: options.actor.userId,
      action: 'auth.token_created',
      targetType: 'api_token',
      targetId: created.id,
      details: { name: options.name },
    });
    return created;
  });
  return { ...row, token };
}

export async function revokeApiToken(options: { db: Db; actor: Actor; id: string; origin: AuditOrigin }) {
  await options.db.transaction().execute(async (trx) => {
    const revoked = await repo.revokeApiToken(trx, options.actor.userId, options.id);
    if (!revoked) throw notFound('令牌', options.id);
    await recordAudit(trx, options.origin, {
      userId: options.actor.userId,
      action: 'auth.token_revoked',
      targetType: 'api_token',
      targetId: options.id,
    });
  });
}
