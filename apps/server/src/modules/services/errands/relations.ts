import { type ErrandRelation, isWithinScope } from '@wangge/rules';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../access/actor.ts';
import { pathInScope } from '../../access/scope-sql.ts';

export interface ErrandForRelations {
  grid_path: string;
  department_id: string | null;
}

/**
 * What the caller is to an errand, from permission × scope; the state machine in @wangge/rules
 * then says which actions those relations allow in the errand's state.
 */
export function errandRelationsOf(actor: Actor, errand: ErrandForRelations): Set<ErrandRelation> {
  const has = (p: string) => actor.permissions.has(p);
  const covers = isWithinScope(errand.grid_path, actor.scopePaths);
  const relations = new Set<ErrandRelation>();
  if (has('errands.start') && covers) relations.add('worker');
  if (has('errands.review') && covers) relations.add('leader');
  if (has('errands.approve') && errand.department_id && actor.departmentIds.includes(errand.department_id)) {
    relations.add('department');
  }
  return relations;
}

/**
 * Who sees an errand: everyone with errands.read whose scope covers its grid, the worker who
 * started it, and the staff of the department it was forwarded to.
 */
export function errandVisible(actor: Actor, alias = 'e'): Expression<SqlBool> {
  if (!actor.permissions.has('errands.read')) return sql<SqlBool>`false`;
  const departments = actor.departmentIds.length ? actor.departmentIds : ['0'];
  return sql<SqlBool>`(
    ${pathInScope(actor, `${alias}.grid_path`)}
    OR ${sql.ref(`${alias}.started_by`)} = ${actor.userId}
    OR ${sql.ref(`${alias}.department_id`)} = ANY (${departments}::bigint[]))`;
}
