import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { badRequest, tooManyRequests } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { blockedFor, clearThrottle, failWithBackoff } from '../access/throttle.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.ts';
import { authRepository as repo } from './repository.ts';
import { sha256 } from './secrets.ts';

/**
 * The user sets a password of their own, proving they know the current one. It clears the
 * forced change (a password now chosen by its owner) and ends the user's other sessions, which
 * may belong to whoever knew the old password; the session making the change stays.
 */
export async function changeOwnPassword(options: {
  db: Db;
  actor: Actor;
  sessionToken: string | null;
  currentPassword: string;
  password: string;
  origin: AuditOrigin;
}): Promise<void> {
  const { db, actor } = options;
  // A stolen session must not become a way to guess the password behind it.
  const key = `password-change:${actor.userId}`;
  const waiting = await blockedFor(db, [key]);
  if (waiting) {
    throw tooManyRequests(
      'too_many_attempts',
      '尝试次数过多，请稍后再试 (too many attempts, try later)',
      waiting,
    );
  }
  const stored = await repo.passwordHashOf(db, actor.userId);
  if (!(await verifyPassword(stored, options.currentPassword))) {
    await failWithBackoff(db, { key, free: 3, baseSeconds: 30, maxSeconds: 3600, resetSeconds: 3600 });
    await recordAudit(db, options.origin, {
      userId: actor.userId,
      action: 'auth.password_change_failed',
      targetType: 'user',
      targetId: actor.userId,
    });
    throw badRequest('currentPassword', '当前密码错误 (the current password is wrong)', {
      reason: 'wrong_password',
    });
  }
  checkPasswordPolicy(options.password, actor.username);
  // A password set by someone else stays known to them if it is simply set again.
  if (await verifyPassword(stored, options.password)) {
    throw badRequest(
      'password',
      '新密码不能与当前密码相同 (the new password must differ from the current one)',
      {
        reason: 'unchanged',
      },
    );
  }
  const hash = await hashPassword(options.password);
  await clearThrottle(db, { keys: [key] });
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: false, updated_at: sql`now()` })
      .where('id', '=', actor.userId)
      .execute();
    await repo.deleteOtherSessions(trx, actor.userId, options.sessionToken && sha256(options.sessionToken));
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'auth.password_changed',
      targetType: 'user',
      targetId: actor.userId,
    });
  });
}
