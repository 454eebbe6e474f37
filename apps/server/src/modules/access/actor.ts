import type { Permission } from '@wangge/rules';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** Who is calling, with what they may do (permissions) and where (scope paths). */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: readonly string[];
  permissions: ReadonlySet<Permission | string>;
  /** Materialised paths of the assigned org units; the data scope is their subtrees. */
  scopePaths: readonly string[];
  departmentIds: readonly string[];
  via: 'session' | 'token';
  csrfToken: string | null;
  /** The password was not chosen by the user (seed, administrator); enforced outside demo mode. */
  mustChangePassword: boolean;
}

/** The user columns an actor is made of (`users as u`); authentication reads them with the token or session. */
export const ACTOR_USER_COLUMNS = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.active',
  'u.authz_version',
  'u.must_change_password',
] as const;

export interface ActorUser {
  id: string;
  username: string;
  display_name: string;
  active: boolean;
  authz_version: string;
  must_change_password: boolean;
}

/** What the user may do and where: the costly part of an actor, cached under authz_version. */
interface Grants {
  version: string;
  roles: readonly string[];
  permissions: ReadonlySet<string>;
  scopePaths: readonly string[];
  departmentIds: readonly string[];
}

// Per database (tests run several apps in one process), per user. A full map is simply emptied:
// it refills from the callers of the next seconds.
const MAX_CACHED_USERS = 20_000;
const grantsCache = new WeakMap<Db, Map<string, Grants>>();

async function loadGrants(db: Db, userId: string, version: string): Promise<Grants> {
  const { rows } = await sql<{
    roles: string[] | null;
    permissions: string[] | null;
    scope_paths: string[] | null;
    department_ids: string[] | null;
  }>`
    SELECT
      (SELECT array_agg(ur.role_code ORDER BY ur.role_code) FROM user_roles ur WHERE ur.user_id = ${userId}) AS roles,
      (SELECT array_agg(DISTINCT p) FROM user_roles ur JOIN roles r ON r.code = ur.role_code,
         unnest(r.permissions) p WHERE ur.user_id = ${userId}) AS permissions,
      (SELECT array_agg(o.path ORDER BY o.path) FROM user_assignments a JOIN org_units o ON o.id = a.org_unit_id
         WHERE a.user_id = ${userId}) AS scope_paths,
      (SELECT array_agg(a.department_id::text) FROM user_assignments a
         WHERE a.user_id = ${userId} AND a.department_id IS NOT NULL) AS department_ids`.execute(db);
  const row = rows[0]!;
  return {
    version,
    roles: Object.freeze(row.roles ?? []),
    permissions: new Set(row.permissions ?? []),
    scopePaths: Object.freeze(row.scope_paths ?? []),
    departmentIds: Object.freeze(row.department_ids ?? []),
  };
}

/**
 * The actor of a user row read at the start of the request. The grants are reused while the
 * user's authz_version is the one read now; the version is read before the grants, so grants
 * cached under it are never older than it.
 */
export async function actorOf(
  db: Db,
  user: ActorUser,
  via: Actor['via'],
  csrfToken: string | null,
): Promise<Actor | null> {
  if (!user.active) return null;
  let cache = grantsCache.get(db);
  if (!cache) {
    cache = new Map();
    grantsCache.set(db, cache);
  }
  let grants = cache.get(user.id);
  if (grants?.version !== user.authz_version) {
    grants = await loadGrants(db, user.id, user.authz_version);
    if (cache.size >= MAX_CACHED_USERS) cache.clear();
    cache.set(user.id, grants);
  }
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    roles: grants.roles,
    permissions: grants.permissions,
    scopePaths: grants.scopePaths,
    departmentIds: grants.departmentIds,
    via,
    csrfToken,
    mustChangePassword: user.must_change_password,
  };
}

export async function loadActor(
  db: Db,
  userId: string,
  via: Actor['via'],
  csrfToken: string | null,
): Promise<Actor | null> {
  const user = await db
    .selectFrom('users as u')
    .select(ACTOR_USER_COLUMNS)
    .where('u.id', '=', userId)
    .executeTakeFirst();
  return user ? actorOf(db, user, via, csrfToken) : null;
}
