import { randomInt } from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { AppError, tooManyRequests } from '../../http/errors.ts';
import { hit } from '../access/throttle.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import { authRepository } from '../auth/repository.ts';
import { newSecret, sha256 } from '../auth/secrets.ts';
import { residentRepository as repo } from './repository.ts';
import type { SmsSender } from './sms.ts';

export const CODE_TTL_SECONDS = 300;
/** Not an argon2 hash: no password ever verifies against it, so the account signs in by code only. */
export const CODE_ONLY_PASSWORD = '!sms-code-only';
const WINDOW_SECONDS = 15 * 60;
/** Codes one number may be sent per window: enough to retry, too few to bomb a phone. */
const CODES_PER_PHONE = 5;
/** Codes one address may ask for per window, whatever the numbers. */
const CODES_PER_ADDRESS = 20;
/** Wrong codes tried against one number per window: a million codes stay out of reach. */
const TRIES_PER_PHONE = 10;

// The phone is in the hash so that one code hash says nothing about another number's code.
const codeHash = (phone: string, code: string) => sha256(`${phone}:${code}`);

/** Counts one attempt against `key`; 429 (naming `field`, if the limit is about one) once `limit` is reached in the window. */
export async function admit(
  db: Db,
  key: string,
  limit: number,
  field: string | null,
  windowSeconds = WINDOW_SECONDS,
) {
  const result = await hit(db, { key, limit, windowSeconds });
  if (!result.allowed) {
    const wait = result.retryAfterSeconds;
    throw tooManyRequests(
      'too_many_attempts',
      `操作过于频繁，请 ${wait} 秒后再试 (too many attempts; try again in ${wait} s)`,
      wait,
      field ? { field } : {},
    );
  }
}

export async function sendSignInCode(options: {
  db: Db;
  sms: SmsSender;
  phone: string;
  origin: AuditOrigin;
}): Promise<{ expiresInSeconds: number }> {
  const { db, phone, origin } = options;
  await admit(db, `resident-code|addr|${origin.ip ?? 'unknown'}`, CODES_PER_ADDRESS, 'phone');
  await admit(db, `resident-code|phone|${phone}`, CODES_PER_PHONE, 'phone');
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await db.transaction().execute(async (trx) => {
    await repo.insertCode(trx, { phone, codeHash: codeHash(phone, code), ttlSeconds: CODE_TTL_SECONDS });
    await recordAudit(trx, origin, {
      userId: null,
      action: 'resident.code_sent',
      targetType: 'phone',
      details: { phone: `${phone.slice(0, 3)}****${phone.slice(-4)}` },
    });
  });
  await options.sms.send(phone, `【网格】您的登录验证码 ${code}，5 分钟内有效，请勿告诉他人。`);
  return { expiresInSeconds: CODE_TTL_SECONDS };
}

const invalidCode = () =>
  new AppError(401, 'invalid_code', '验证码错误或已失效 (wrong, expired or used code)', { field: 'code' });

/** Signs in with a code sent to the phone; the first sign-in creates the resident account. */
export async function signInWithCode(options: {
  db: Db;
  config: Config;
  phone: string;
  code: string;
  origin: AuditOrigin;
}): Promise<{ sessionToken: string; csrfToken: string; userId: string }> {
  const { db, config, phone, origin } = options;
  await admit(db, `resident-verify|phone|${phone}`, TRIES_PER_PHONE, 'code');
  const hash = codeHash(phone, options.code);
  const sessionToken = newSecret('s_');
  const csrfToken = newSecret();
  const userId = await db.transaction().execute(async (trx) => {
    const used = await repo.useCode(trx, phone, hash);
    if (!used) return null;
    const account = await repo.findAccount(trx, phone);
    const id =
      account?.user_id ?? (await repo.createAccount(trx, { phone, passwordHash: CODE_ONLY_PASSWORD }));
    await authRepository.createSession(trx, {
      tokenHash: sha256(sessionToken),
      userId: id,
      csrfToken,
      ttlHours: config.sessionTtlHours,
      ip: origin.ip,
      userAgent: origin.userAgent,
    });
    await recordAudit(trx, origin, {
      userId: id,
      action: account ? 'auth.login' : 'resident.account_created',
      targetType: 'user',
      targetId: id,
      details: { via: 'sms_code' },
    });
    return id;
  });
  if (!userId) throw invalidCode();
  return { sessionToken, csrfToken, userId };
}
