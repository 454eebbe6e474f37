import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { ACTOR_USER_COLUMNS } from '../access/actor.ts';

export const authRepository = {
  findUserForLogin(db: Db, username: string) {
    return db
      .selectFrom('users')
      .select(['id', 'username', 'password_hash', 'active', 'failed_logins', 'locked_until'])
      .where('username', '=', username)
      .executeTakeFirst();
  },

  async recordFailure(db: Db, userId: string, maxFailures: number, lockMinutes: number) {
    // One statement, so concurrent bursts cannot undercount.
    const row = await sql<{ failed_logins: number; locked_until: Date | null }>`
      UPDATE users SET
        failed_logins = CASE WHEN failed_logins + 1 >= ${maxFailures} THEN 0 ELSE failed_logins + 1 END,
        locked_until = CASE WHEN failed_logins + 1 >= ${maxFailures}
          THEN now() + make_interval(mins => ${lockMinutes}) ELSE locked_until END
      WHERE id = ${userId}
      RETURNING failed_logins, locked_until`.execute(db);
    return row.rows[0];
  },

  async recordSuccess(db: Db, userId: string) {
    await db
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', userId)
      .execute();
  },

  async createSession(
    db: Db,
    values: {
      tokenHash: string;
      userId: string;
      csrfToken: string;
      ttlHours: number;
      ip: string | null;
      userAgent: string | null;
    },
  ) {
    await db
      .insertInto('sessions')
      .values({
        token_hash: values.tokenHash,
        user_id: values.userId,
        csrf_token: values.csrfToken,
        expires_at: sql<Date>`now() + make_interval(hours => ${values.ttlHours})`,
        ip: values.ip,
        user_agent: values.userAgent,
      })
      .execute();
  },

  /** A live session with its user's actor columns (access/actor.ts), in one indexed read. */
  findLiveSession(db: Db, tokenHash: string) {
    return db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.csrf_token', 's.last_seen_at', ...ACTOR_USER_COLUMNS])
      .where('s.token_hash', '=', tokenHash)
      .where('s.expires_at', '>', sql<Date>`now()`)
      .executeTakeFirst();
  },

  async touchSession(db: Db, tokenHash: string) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: sql`now()` })
      .where('token_hash', '=', tokenHash)
      .execute();
  },

  async deleteSession(db: Db, tokenHash: string) {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  },

  /** Expired sessions are swept at each login of their user, so the table cannot grow without bound. */
  async deleteExpiredSessions(db: Db, userId: string) {
    await db
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .where('expires_at', '<=', sql<Date>`now()`)
      .execute();
  },

  /** A live API token with its user's actor columns (access/actor.ts), in one indexed read. */
  findLiveApiToken(db: Db, tokenHash: string) {
    return db
      .selectFrom('api_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .select(['t.id as token_id', 't.last_used_at', ...ACTOR_USER_COLUMNS])
      .where('t.token_hash', '=', tokenHash)
      .where('t.revoked_at', 'is', null)
      .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', sql<Date>`now()`)]))
      .executeTakeFirst();
  },

  async touchApiToken(db: Db, id: string) {
    await db.updateTable('api_tokens').set({ last_used_at: sql`now()` }).where('id', '=', id).execute();
  },

  insertApiToken(
    db: Db,
    values: { userId: string; name: string; tokenHash: string; expiresInDays: number | null },
  ) {
    return db
      .insertInto('api_tokens')
      .values({
        user_id: values.userId,
        name: values.name,
        token_hash: values.tokenHash,
        expires_at:
          values.expiresInDays === null
            ? null
            : sql<Date>`now() + make_interval(days => ${values.expiresInDays})`,
      })
      .returning(['id', 'name', 'created_at', 'expires_at'])
      .executeTakeFirstOrThrow();
  },

  listApiTokens(db: Db, userId: string) {
    return db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'])
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .execute();
  },

  revokeApiToken(db: Db, userId: string, id: string) {
    return db
      .updateTable('api_tokens')
      .set({ revoked_at: sql`now()` })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
  },
};
