// Adjustments (考核调整, DOMAIN.md §7): a frozen month's result is never recomputed; a correction is
// an explicit delta on one subject's composite with a reason, proposed by an assessment manager and
// approved or rejected by another — audited, on the one workflow mechanism. Only approved deltas
// count, and the composite they lead to stays within 0..100.
import { actionsFor, mayAct, missingNeeds, stateAfter, type Workflow } from '../workflow.ts';

export const ADJUSTMENT_STATES = ['proposed', 'approved', 'rejected'] as const;
export type AdjustmentState = (typeof ADJUSTMENT_STATES)[number];

export const ADJUSTMENT_ACTIONS = ['approve', 'reject'] as const;
export type AdjustmentAction = (typeof ADJUSTMENT_ACTIONS)[number];
export const ADJUSTMENT_ACTION_LABELS: Readonly<Record<AdjustmentAction, { zh: string; en: string }>> = {
  approve: { zh: '批准调整', en: 'Approve' },
  reject: { zh: '驳回调整', en: 'Reject' },
};

/** An assessment manager of the district decides; the proposer never decides their own. */
export type AdjustmentRelation = 'manager' | 'proposer';
export type AdjustmentNeed = 'reason';

export const ADJUSTMENT_WORKFLOW: Workflow<
  AdjustmentState,
  AdjustmentAction,
  AdjustmentRelation,
  AdjustmentNeed
> = {
  name: 'assessment_adjustment',
  actions: ADJUSTMENT_ACTIONS,
  transitions: {
    approve: { from: ['proposed'], to: 'approved', by: ['manager'] },
    // The proposer is told why.
    reject: { from: ['proposed'], to: 'rejected', by: ['manager'], needs: ['reason'] },
  },
};

export function isAdjustmentAction(value: unknown): value is AdjustmentAction {
  return typeof value === 'string' && (ADJUSTMENT_ACTIONS as readonly string[]).includes(value);
}

/**
 * The caller's relations to an adjustment: a manager who did not propose it is its `manager`;
 * the proposer is only its `proposer` (four eyes), unless no one else could ever decide.
 */
export function adjustmentRelations(input: {
  mayManage: boolean;
  isProposer: boolean;
}): AdjustmentRelation[] {
  const relations: AdjustmentRelation[] = [];
  if (input.isProposer) relations.push('proposer');
  if (input.mayManage && !input.isProposer) relations.push('manager');
  return relations;
}

export function canActOnAdjustment(
  action: AdjustmentAction,
  state: AdjustmentState,
  relations: readonly AdjustmentRelation[],
): boolean {
  return mayAct(ADJUSTMENT_WORKFLOW, action, state, relations);
}

export function allowedAdjustmentActions(
  state: AdjustmentState,
  relations: readonly AdjustmentRelation[],
): AdjustmentAction[] {
  return actionsFor(ADJUSTMENT_WORKFLOW, state, relations);
}

/** Throws IllegalWorkflowTransitionError when the adjustment is already decided. */
export function nextAdjustmentState(action: AdjustmentAction, state: AdjustmentState): AdjustmentState {
  return stateAfter(ADJUSTMENT_WORKFLOW, action, state);
}

export function missingAdjustmentInputs(
  action: AdjustmentAction,
  input: { reason?: string | null },
): AdjustmentNeed[] {
  return missingNeeds(ADJUSTMENT_WORKFLOW, action, input);
}

/** A delta is a non-zero number of points within ±100, at most two decimals. */
export function isValidAdjustmentDelta(delta: number): boolean {
  return (
    Number.isFinite(delta) &&
    delta !== 0 &&
    Math.abs(delta) <= 100 &&
    Math.abs(Math.round(delta * 100) - delta * 100) < 1e-6
  );
}

/**
 * The composite after the approved adjustments: the frozen composite plus every approved delta,
 * kept within 0..100 and rounded to two decimals. No composite (nothing to score) stays null.
 */
export function adjustedComposite(
  composite: number | null,
  adjustments: readonly { state: AdjustmentState; delta: number }[],
): number | null {
  if (composite === null) return null;
  const sum = adjustments.reduce((acc, a) => (a.state === 'approved' ? acc + a.delta : acc), 0);
  const value = Math.min(100, Math.max(0, composite + sum));
  return Math.round(value * 100) / 100;
}
