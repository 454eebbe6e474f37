import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';

/** passwordChangeRequired: the console and field app send the user to the change-password screen. */
export async function presentMe(db: Db, actor: Actor, passwordChangeRequired: boolean) {
  const [roles, scope, departments] = await Promise.all([
    actor.roles.length
      ? db
          .selectFrom('roles')
          .select(['code', 'name_zh', 'name_en'])
          .where('code', 'in', actor.roles)
          .execute()
      : [],
    actor.scopePaths.length
      ? db
          .selectFrom('org_units')
          .select(['id', 'code', 'name', 'level'])
          .where('path', 'in', actor.scopePaths)
          .orderBy('path')
          .execute()
      : [],
    actor.departmentIds.length
      ? db.selectFrom('departments').select(['id', 'name']).where('id', 'in', actor.departmentIds).execute()
      : [],
  ]);
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    roles: roles.map((r) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en })),
    permissions: [...actor.permissions].sort(),
    scope,
    departments,
    passwordChangeRequired,
  };
}
