import { type Expression, type SqlBool, sql } from 'kysely';
import type { Actor } from './actor.ts';

/**
 * SQL predicate "this path lies in the actor's scope": one indexed prefix match per assigned
 * unit. An actor without assignments matches nothing.
 */
export function pathInScope(actor: Actor, pathColumn: string): Expression<SqlBool> {
  if (actor.scopePaths.length === 0) return sql<SqlBool>`false`;
  const prefixes = actor.scopePaths.map((p) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return sql<SqlBool>`${sql.ref(pathColumn)} LIKE ANY (${prefixes}::text[])`;
}
