import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { preparedQuery } from '../../db/prepared.ts';
import { ACTOR_USER_COLUMNS, type ActorUser } from '../access/actor.ts';

/** A session last used before this instant has ended by idling (WANGGE_SESSION_IDLE_MINUTES). */
const idleSince = (idleMinutes: number) => sql<Date>`now() - make_interval(mins => ${idleMinutes})`;

// Every request reads its caller's session or token: prepared once per connection.
const liveSession = preparedQuery<{ tokenHash: string; idleMinutes: number }, LiveSessionRow>(
  'auth.live-session',
  (db, arg) =>
    db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.csrf_token', 's.last_seen_at', ...ACTOR_USER_COLUMNS])
      .where('s.token_hash', '=', arg('tokenHash'))
      .where('s.expires_at', '>', sql<Date>`now()`)
      .where('s.last_seen_at', '>', idleSince(arg('idleMinutes'))),
);

const liveApiToken = preparedQuery<{ tokenHash: string }, LiveApiTokenRow>('auth.live-api-token', (db, arg) =>
  db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id as token_id', 't.last_used_at', ...ACTOR_USER_COLUMNS])
    .where('t.token_hash', '=', arg('tokenHash'))
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', sql<Date>`now()`)])),
);

type LiveSessionRow = ActorUser & { csrf_token: string; last_seen_at: Date };
type LiveApiTokenRow = ActorUser & { token_id: string; last_used_at: Date | null };

export const authRepository = {
  findUserForLogin(db: Db, username: string) {
    return db
      .selectFrom('users')
      .select(['id', 'username', 'password_hash', 'active'])
      .where('username', '=', username)
      .executeTakeFirst();
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

  /**
   * A live session with its user's actor columns (access/actor.ts), in one indexed read. Live:
   * before its absolute expiry and used within the idle limit.
   */
  async findLiveSession(db: Db, tokenHash: string, idleMinutes: number) {
    return (await liveSession(db, { tokenHash, idleMinutes }))[0];
  },

  /** My live sessions, newest activity first. */
  listLiveSessions(db: Db, userId: string, idleMinutes: number) {
    return db
      .selectFrom('sessions')
      .select(['id', 'token_hash', 'created_at', 'last_seen_at', 'ip', 'user_agent'])
      .where('user_id', '=', userId)
      .where('expires_at', '>', sql<Date>`now()`)
      .where('last_seen_at', '>', idleSince(idleMinutes))
      .orderBy('last_seen_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
  },

  /** Ends one session of the user; undefined when the user has no such session. */
  deleteSessionOf(db: Db, userId: string, id: string) {
    return db
      .deleteFrom('sessions')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .returning('id')
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

  /** Expired and idle sessions are swept at each login of their user, so the table cannot grow without bound. */
  async deleteExpiredSessions(db: Db, userId: string, idleMinutes: number) {
    await db
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .where((eb) =>
        eb.or([eb('expires_at', '<=', sql<Date>`now()`), eb('last_seen_at', '<=', idleSince(idleMinutes))]),
      )
      .execute();
  },

  /** A live API token with its user's actor columns (access/actor.ts), in one indexed read. */
  async findLiveApiToken(db: Db, tokenHash: string) {
    return (await liveApiToken(db, { tokenHash }))[0];
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

  async passwordHashOf(db: Db, userId: string): Promise<string> {
    const row = await db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    return row.password_hash;
  },

  async revokeUserApiTokens(db: Db, userId: string) {
    await db
      .updateTable('api_tokens')
      .set({ revoked_at: sql`now()` })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  },

  /** Every session of the user but the one making the request (null when it is not a session). */
  async deleteOtherSessions(db: Db, userId: string, keepTokenHash: string | null) {
    let query = db.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepTokenHash) query = query.where('token_hash', '<>', keepTokenHash);
    await query.execute();
  },
};
