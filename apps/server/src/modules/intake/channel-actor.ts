import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';

/** The accounts of migrations 0039 and 0057 that report the cases a channel brings in. */
export type ChannelAccount = 'system.hotline' | 'system.iot' | 'system.resident';

const cache = new WeakMap<Db, Map<ChannelAccount, Actor>>();

/**
 * The channel as the reporter of its cases. It is not a signed-in user: it holds exactly what
 * reporting needs (cases.report, and cases.read so it may name its own source) and no scope.
 */
export async function channelActor(db: Db, account: ChannelAccount): Promise<Actor> {
  let byDb = cache.get(db);
  if (!byDb) {
    byDb = new Map();
    cache.set(db, byDb);
  }
  const known = byDb.get(account);
  if (known) return known;
  const user = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('username', '=', account)
    .executeTakeFirstOrThrow();
  const actor: Actor = {
    userId: user.id,
    username: account,
    displayName: user.display_name,
    roles: [],
    permissions: new Set(['cases.report', 'cases.read']),
    scopePaths: [],
    departmentIds: [],
    via: 'token',
    csrfToken: null,
    mustChangePassword: false,
  };
  byDb.set(account, actor);
  return actor;
}
