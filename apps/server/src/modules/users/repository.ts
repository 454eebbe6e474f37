import type { OrgLevel } from '@wangge/rules';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { pathInScope } from '../access/scope-sql.ts';
import { loginBlockedUntil } from '../auth/login-throttle.ts';

export interface UserFilters {
  q?: string;
  role?: string;
  orgUnitPath?: string;
}

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  phone: string | null;
  active: boolean;
  locked_until: Date | null;
  created_at: Date;
  roles: string[] | null;
  assignments:
    | {
        orgUnit?: { id: string; code: string; name: string; level: OrgLevel };
        department?: { id: string; name: string };
      }[]
    | null;
}

/**
 * A user is visible when one of their assignments lies in the caller's scope. Users with no
 * assignment at all (residents) belong to whoever administers a whole city.
 */
function visible(actor: Actor): Expression<SqlBool> {
  const ownsRoot = actor.scopePaths.some((p) => p.split('/').filter(Boolean).length === 1);
  return sql<SqlBool>`(
    EXISTS (SELECT 1 FROM user_assignments a JOIN org_units o ON o.id = a.org_unit_id
            WHERE a.user_id = u.id AND ${pathInScope(actor, 'o.path')})
    OR EXISTS (SELECT 1 FROM user_assignments a JOIN departments d ON d.id = a.department_id
               JOIN org_units o ON o.id = d.org_unit_id
               WHERE a.user_id = u.id AND ${pathInScope(actor, 'o.path')})
    OR (${ownsRoot} AND NOT EXISTS (SELECT 1 FROM user_assignments a WHERE a.user_id = u.id)))`;
}

const rolesColumn = sql<
  string[]
>`(SELECT array_agg(role_code ORDER BY role_code) FROM user_roles r WHERE r.user_id = u.id)`;
const assignmentsColumn = sql<UserRow['assignments']>`(
  SELECT json_agg(CASE WHEN a.org_unit_id IS NOT NULL
      THEN json_build_object('orgUnit', json_build_object('id', o.id::text, 'code', o.code, 'name', o.name, 'level', o.level))
      ELSE json_build_object('department', json_build_object('id', d.id::text, 'name', d.name)) END ORDER BY a.id)
  FROM user_assignments a
  LEFT JOIN org_units o ON o.id = a.org_unit_id
  LEFT JOIN departments d ON d.id = a.department_id
  WHERE a.user_id = u.id)`;

function usersQuery(db: Db, actor: Actor, filters: UserFilters) {
  let query = db.selectFrom('users as u').where(visible(actor));
  if (filters.q) {
    const like = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('u.username', 'like', like), eb('u.display_name', 'like', like)]));
  }
  if (filters.role) {
    const role = filters.role;
    query = query.where((eb) =>
      eb.exists(
        eb.selectFrom('user_roles as r').whereRef('r.user_id', '=', 'u.id').where('r.role_code', '=', role),
      ),
    );
  }
  if (filters.orgUnitPath) {
    const prefix = `${filters.orgUnitPath}%`;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_assignments as a')
          .innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
          .whereRef('a.user_id', '=', 'u.id')
          .where('o.path', 'like', prefix),
      ),
    );
  }
  return query;
}

const columns = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.phone',
  'u.active',
  loginBlockedUntil('u.username').as('locked_until'),
  'u.created_at',
] as const;

export const userRepository = {
  async list(db: Db, actor: Actor, filters: UserFilters, page: { limit: number; offset: number }) {
    const query = usersQuery(db, actor, filters);
    const [items, total] = await Promise.all([
      query
        .select([...columns, rolesColumn.as('roles'), assignmentsColumn.as('assignments')])
        .orderBy('u.id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: items as UserRow[], total: total.n };
  },

  findVisible(db: Db, actor: Actor, id: string) {
    return usersQuery(db, actor, {})
      .select([...columns, rolesColumn.as('roles'), assignmentsColumn.as('assignments')])
      .where('u.id', '=', id)
      .executeTakeFirst() as Promise<UserRow | undefined>;
  },

  /** Assignments of a user that lie outside the caller's scope: a change must leave them alone. */
  async outOfScopeAssignments(db: Db, actor: Actor, userId: string) {
    return db
      .selectFrom('user_assignments as a')
      .leftJoin('org_units as o', 'o.id', 'a.org_unit_id')
      .leftJoin('departments as d', 'd.id', 'a.department_id')
      .leftJoin('org_units as dou', 'dou.id', 'd.org_unit_id')
      .select(['a.id', 'a.org_unit_id', 'a.department_id'])
      .where('a.user_id', '=', userId)
      .where(
        sql<SqlBool>`NOT coalesce(${pathInScope(actor, 'o.path')} OR ${pathInScope(actor, 'dou.path')}, false)`,
      )
      .execute();
  },

  orgUnitPaths(db: Db, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('org_units').select(['id', 'path']).where('id', 'in', ids).execute();
  },

  departmentPaths(db: Db, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('departments as d')
      .innerJoin('org_units as o', 'o.id', 'd.org_unit_id')
      .select(['d.id', 'o.path'])
      .where('d.id', 'in', ids)
      .execute();
  },

  /** Every role with its permissions: what the grant rules of @wangge/rules compare. */
  rolePermissions(db: Db) {
    return db.selectFrom('roles').select(['code', 'permissions']).execute();
  },
};
