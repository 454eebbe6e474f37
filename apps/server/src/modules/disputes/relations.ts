import { type DisputeRelation, isWithinScope } from '@wangge/rules';
import type { Actor } from '../access/actor.ts';

/**
 * What the caller is to a mediation record: a mediator when named on it or mediating in the
 * dispute's grid (its team, its community); a supervisor from the levels above. The workflow of
 * @wangge/rules then says what each may do.
 */
export function disputeRelationsOf(
  actor: Actor,
  dispute: { grid_path: string },
  namedMediator: boolean,
): Set<DisputeRelation> {
  const covers = isWithinScope(dispute.grid_path, actor.scopePaths);
  const relations = new Set<DisputeRelation>();
  if (namedMediator || (actor.permissions.has('disputes.mediate') && covers)) relations.add('mediator');
  if (actor.permissions.has('disputes.supervise') && covers) relations.add('supervisor');
  return relations;
}
