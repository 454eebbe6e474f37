import { isWithinScope, type Relation } from '@wangge/rules';
import type { Actor } from '../access/actor.ts';

export interface CaseForRelations {
  grid_path: string;
  owner_path: string;
  reporter_user_id: string | null;
}

export interface AssignmentForRelations {
  active: boolean;
  org_path: string | null;
  department_id: string | null;
}

/**
 * What the caller is to this case, from permission × scope. The state machine in @wangge/rules
 * then says which actions those relations allow in the case's state: the one place rules live.
 */
export function relationsOf(
  actor: Actor,
  kase: CaseForRelations,
  assignments: AssignmentForRelations[],
): Set<Relation> {
  const has = (p: string) => actor.permissions.has(p);
  const covers = (path: string | null) => path !== null && isWithinScope(path, actor.scopePaths);
  const relations = new Set<Relation>();
  if (has('cases.dispatch') && covers(kase.owner_path)) relations.add('dispatcher');
  if (has('cases.approve') && covers(kase.owner_path)) relations.add('approver');
  if (has('cases.verify') && covers(kase.grid_path)) relations.add('verifier');
  if (has('cases.audit') && covers(kase.grid_path)) relations.add('auditor');
  if (has('cases.supervise') && (covers(kase.owner_path) || covers(kase.grid_path)))
    relations.add('supervisor');
  if (kase.reporter_user_id === actor.userId) relations.add('reporter');
  const receiving = assignments.some(
    (a) =>
      a.active &&
      ((a.department_id !== null && actor.departmentIds.includes(a.department_id)) ||
        (has('cases.handle') && a.org_path !== null && covers(a.org_path))),
  );
  if (receiving) relations.add('receiver');
  return relations;
}
