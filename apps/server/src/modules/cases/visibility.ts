import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { pathInScope } from '../access/scope-sql.ts';

/**
 * Who sees a case: anyone whose scope covers where it happened or the unit answering for it,
 * the departments it was ever sent to, and its reporter. One predicate, used by every read.
 */
export function caseVisible(actor: Actor, alias = 'c'): Expression<SqlBool> {
  const departments = actor.departmentIds.length ? actor.departmentIds : ['0'];
  return sql<SqlBool>`(
    ${pathInScope(actor, `${alias}.grid_path`)}
    OR ${pathInScope(actor, `${alias}.owner_path`)}
    OR ${sql.ref(`${alias}.reporter_user_id`)} = ${actor.userId}
    OR EXISTS (SELECT 1 FROM case_assignments ca
               WHERE ca.case_id = ${sql.ref(`${alias}.id`)} AND ca.department_id = ANY (${departments}::bigint[])))`;
}

export async function caseVisibleTo(db: Db, actor: Actor, caseId: string): Promise<boolean> {
  if (!actor.permissions.has('cases.read') && !actor.permissions.has('cases.report')) return false;
  const row = await db
    .selectFrom('cases as c')
    .select('c.id')
    .where('c.id', '=', caseId)
    .where(caseVisible(actor))
    .executeTakeFirst();
  return row !== undefined;
}
