import type { Permission } from '@wangge/rules';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** Who is calling, with what they may do (permissions) and where (scope paths). */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: string[];
  permissions: ReadonlySet<Permission | string>;
  /** Materialised paths of the assigned org units; the data scope is their subtrees. */
  scopePaths: string[];
  departmentIds: string[];
  via: 'session' | 'token';
  csrfToken: string | null;
}

interface ActorRow {
  id: string;
  username: string;
  display_name: string;
  roles: string[] | null;
  permissions: string[] | null;
  scope_paths: string[] | null;
  department_ids: string[] | null;
}

export async function loadActor(
  db: Db,
  userId: string,
  via: Actor['via'],
  csrfToken: string | null,
): Promise<Actor | null> {
  const { rows } = await sql<ActorRow>`
    SELECT u.id, u.username, u.display_name,
      (SELECT array_agg(ur.role_code ORDER BY ur.role_code) FROM user_roles ur WHERE ur.user_id = u.id) AS roles,
      (SELECT array_agg(DISTINCT p) FROM user_roles ur JOIN roles r ON r.code = ur.role_code,
         unnest(r.permissions) p WHERE ur.user_id = u.id) AS permissions,
      (SELECT array_agg(o.path ORDER BY o.path) FROM user_assignments a JOIN org_units o ON o.id = a.org_unit_id
         WHERE a.user_id = u.id) AS scope_paths,
      (SELECT array_agg(a.department_id::text) FROM user_assignments a
         WHERE a.user_id = u.id AND a.department_id IS NOT NULL) AS department_ids
    FROM users u WHERE u.id = ${userId} AND u.active`.execute(db);
  const row = rows[0];
  if (!row) return null;
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles ?? [],
    permissions: new Set(row.permissions ?? []),
    scopePaths: row.scope_paths ?? [],
    departmentIds: row.department_ids ?? [],
    via,
    csrfToken,
  };
}
