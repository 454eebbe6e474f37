import type { Db } from '../../db/database.ts';
import type { Actor } from './actor.ts';
import { assertInScope } from './authorize.ts';

/** A `within` filter (an org unit id) → its path; 404 when the unit is outside the caller's scope. */
export async function resolveWithin(
  db: Db,
  actor: Actor,
  within: string | undefined,
): Promise<string | undefined> {
  if (!within) return undefined;
  const unit = await db.selectFrom('org_units').select('path').where('id', '=', within).executeTakeFirst();
  assertInScope(actor, unit?.path, '单位', within);
  return unit!.path;
}
