// Promotions on the 12-grade pay ladder (职业发展, DOMAIN.md §7) and training records (网格学院):
// a promotion proposed by Hohhot's rule (proposePromotion) is approved or rejected by a careers
// manager on the one workflow mechanism; approval writes the worker's grade history.
import { actionsFor, type Workflow } from '../workflow.ts';

export const PROMOTION_STATES = ['proposed', 'approved', 'rejected'] as const;
export type PromotionState = (typeof PROMOTION_STATES)[number];
export const PROMOTION_STATE_LABELS: Readonly<Record<PromotionState, { zh: string; en: string }>> = {
  proposed: { zh: '待审批', en: 'Proposed' },
  approved: { zh: '已晋级', en: 'Approved' },
  rejected: { zh: '未通过', en: 'Rejected' },
};

export const PROMOTION_ACTIONS = ['approve', 'reject'] as const;
export type PromotionAction = (typeof PROMOTION_ACTIONS)[number];
export const PROMOTION_ACTION_LABELS: Readonly<Record<PromotionAction, { zh: string; en: string }>> = {
  approve: { zh: '批准晋级', en: 'Approve' },
  reject: { zh: '不予晋级', en: 'Reject' },
};

/** Only a careers manager decides; the worker concerned never does. */
export type PromotionRelation = 'manager';
export type PromotionNeed = 'reason';

export const PROMOTION_WORKFLOW: Workflow<PromotionState, PromotionAction, PromotionRelation, PromotionNeed> =
  {
    name: 'promotion',
    actions: PROMOTION_ACTIONS,
    transitions: {
      approve: { from: ['proposed'], to: 'approved', by: ['manager'] },
      reject: { from: ['proposed'], to: 'rejected', by: ['manager'], needs: ['reason'] },
    },
  };

export function isPromotionAction(value: unknown): value is PromotionAction {
  return typeof value === 'string' && (PROMOTION_ACTIONS as readonly string[]).includes(value);
}

export function allowedPromotionActions(
  state: PromotionState,
  relations: readonly PromotionRelation[],
): PromotionAction[] {
  return actionsFor(PROMOTION_WORKFLOW, state, relations);
}

export const PROMOTION_BASIS_LABELS: Readonly<
  Record<'three_excellent' | 'three_qualified', { zh: string; en: string }>
> = {
  three_excellent: { zh: '连续三年优秀，晋升两级', en: 'Three years excellent: up two grades' },
  three_qualified: { zh: '连续三年合格，晋升一级', en: 'Three years qualified: up one grade' },
};

/** Why a worker's grade changed: first appointed, promoted by the yearly rule, or adjusted by hand. */
export const GRADE_CAUSES = ['appointed', 'promotion', 'adjustment'] as const;
export type GradeCause = (typeof GRADE_CAUSES)[number];
export const GRADE_CAUSE_LABELS: Readonly<Record<GradeCause, { zh: string; en: string }>> = {
  appointed: { zh: '定级', en: 'Appointed' },
  promotion: { zh: '晋级', en: 'Promoted' },
  adjustment: { zh: '调整', en: 'Adjusted' },
};

export const TRAINING_KINDS = ['online', 'offline'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export const TRAINING_KIND_LABELS: Readonly<Record<TrainingKind, { zh: string; en: string }>> = {
  online: { zh: '线上', en: 'Online' },
  offline: { zh: '线下', en: 'Offline' },
};

/** A rating that differs from the proposal needs a reason. */
export function ratingNeedsReason(proposed: string | null, rating: string): boolean {
  return proposed !== null && proposed !== rating;
}

/** The monthly pay of a grade (1..12) on a ladder of 12 amounts; null when no ladder or grade. */
export function payOfGrade(
  payFen: readonly number[] | null | undefined,
  grade: number | null,
): number | null {
  if (!payFen || grade === null || grade < 1 || grade > payFen.length) return null;
  return payFen[grade - 1] ?? null;
}

/** A ladder must have 12 amounts that never fall from one grade to the next. */
export function ladderProblem(payFen: readonly number[]): string | null {
  if (payFen.length !== 12) return 'a ladder has 12 grades';
  for (let i = 1; i < payFen.length; i++) {
    if (payFen[i]! < payFen[i - 1]!) return `grade ${i + 1} pays less than grade ${i}`;
  }
  return null;
}
