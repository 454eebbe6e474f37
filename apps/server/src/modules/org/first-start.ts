import { randomInt } from 'node:crypto';
import { childPath, validateCode } from '@wangge/rules';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { recordAudit } from '../audit/record.ts';
import { checkPasswordPolicy, hashPassword } from '../auth/passwords.ts';

/** The one account of a new production platform; everything else is made through it. */
export const FIRST_ADMIN_USERNAME = 'admin';

// No 0/O, 1/l/I: the password is read off a terminal and typed once.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

function oneTimePassword(): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () =>
      Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
    );
    const password = groups.join('-');
    try {
      checkPasswordPolicy(password, FIRST_ADMIN_USERNAME);
      return password;
    } catch {
      // Rarely four groups miss a character kind; draw again.
    }
  }
}

export class FirstStartError extends Error {}

/**
 * A production database starts empty: no demo with published passwords. It gets its city (the
 * root of the level chain, from WANGGE_CITY_CODE and WANGGE_CITY_NAME) and one administrator whose
 * random password is printed once and must be changed at the first login.
 */
export async function initialisePlatform(options: {
  db: Db;
  cityCode: string | null;
  cityName: string | null;
}): Promise<{ username: string; password: string } | null> {
  const code = options.cityCode?.trim() ?? '';
  const name = options.cityName?.trim() ?? '';
  const valid = validateCode(code, 'city');
  if (!valid.ok) {
    throw new FirstStartError(
      `WANGGE_CITY_CODE="${code}": ${valid.reason} — 生产库首次启动需设置城市的 12 位区划代码 (a new production database needs the city's 12-digit division code)`,
    );
  }
  if (!name) {
    throw new FirstStartError('WANGGE_CITY_NAME 未设置 (a new production database needs the city name)');
  }
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const made = await options.db.transaction().execute(async (trx) => {
    // Several instances may start together on the new database (compose runs two): one makes it.
    await sql`SELECT pg_advisory_xact_lock(hashtext('wangge.first-start'))`.execute(trx);
    if (await trx.selectFrom('org_units').select('id').limit(1).executeTakeFirst()) return false;
    const city = await trx
      .insertInto('org_units')
      .values({ parent_id: null, level: 'city', code, name, path: childPath(null, code) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const admin = await trx
      .insertInto('users')
      .values({
        username: FIRST_ADMIN_USERNAME,
        display_name: '系统管理员',
        phone: null,
        password_hash: passwordHash,
        must_change_password: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('user_roles').values({ user_id: admin.id, role_code: 'admin' }).execute();
    await trx
      .insertInto('user_assignments')
      .values({ user_id: admin.id, org_unit_id: city.id, department_id: null })
      .execute();
    await recordAudit(
      trx,
      { ip: null, userAgent: null },
      {
        userId: null,
        action: 'platform.initialise',
        targetType: 'org_unit',
        targetId: city.id,
        details: { cityCode: code, cityName: name, administrator: FIRST_ADMIN_USERNAME },
      },
    );
    return true;
  });
  return made ? { username: FIRST_ADMIN_USERNAME, password } : null;
}
