import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
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
}): Promise<{ sessionToken: string; csrfToken: string; userId: string }> {
  const { db, config, origin } = options;
  const user = await repo.findUserForLogin(db, options.username);
  if (!user?.active) {
    await verifyPassword(await decoyHash(), options.password);
    await recordAudit(db, origin, {
      userId: user?.id ?? null,
      action: 'auth.login_failed',
      targetType: 'user',
      targetId: user?.id ?? null,
      details: { username: options.username, reason: user ? 'inactive' : 'unknown_user' },
    });
    throw invalidCredentials();
  }
  if (user.locked_until && user.locked_until > new Date()) {
    throw lockedError(user.locked_until);
  }
  if (!(await verifyPassword(user.password_hash, options.password))) {
    const after = await repo.recordFailure(
      db,
      user.id,
      config.lockout.maxFailures,
      config.lockout.lockMinutes,
    );
    await recordAudit(db, origin, {
      userId: user.id,
      action: 'auth.login_failed',
      targetType: 'user',
      targetId: user.id,
      details: { reason: 'wrong_password', locked: Boolean(after?.locked_until) },
    });
    if (after?.locked_until && after.locked_until > new Date()) throw lockedError(after.locked_until);
    throw invalidCredentials();
  }
  const sessionToken = newSecret('s_');
  const csrfToken = newSecret();
  await db.transaction().execute(async (trx) => {
    await repo.recordSuccess(trx, user.id);
    await repo.deleteExpiredSessions(trx, user.id);
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

function lockedError(until: Date): AppError {
  return new AppError(
    423,
    'account_locked',
    '连续登录失败次数过多，账户已临时锁定 (account locked after repeated failures)',
    {
      field: 'username',
      lockedUntil: until.toISOString(),
    },
  );
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
