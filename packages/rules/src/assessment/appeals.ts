// Appeals (申诉, DOMAIN.md §7): a worker contests one event counted against them (a missed
// report, a red card, …) with a reason and photos; their leader upholds it — the event leaves the
// worker's counts through assessment_exclusions — or overturns it, saying why. One step, decided
// once, on the one workflow mechanism.
import { actionsFor, mayAct, missingNeeds, stateAfter, type Workflow } from '../workflow.ts';

export const APPEAL_STATES = ['submitted', 'upheld', 'overturned'] as const;
export type AppealState = (typeof APPEAL_STATES)[number];
export const APPEAL_STATE_LABELS: Readonly<Record<AppealState, { zh: string; en: string }>> = {
  submitted: { zh: '待处理', en: 'Submitted' },
  upheld: { zh: '申诉成立', en: 'Upheld' },
  overturned: { zh: '申诉驳回', en: 'Overturned' },
};

/** The worker who filed it; the leader of their grid or team, who decides. */
export type AppealRelation = 'appellant' | 'leader';
export const APPEAL_RELATIONS: readonly AppealRelation[] = ['appellant', 'leader'];
export const APPEAL_RELATION_LABELS: Readonly<Record<AppealRelation, { zh: string; en: string }>> = {
  appellant: { zh: '申诉人', en: 'Appellant' },
  leader: { zh: '网格长', en: 'Leader' },
};

export const APPEAL_ACTIONS = ['uphold', 'overturn'] as const;
export type AppealAction = (typeof APPEAL_ACTIONS)[number];
export const APPEAL_ACTION_LABELS: Readonly<Record<AppealAction, { zh: string; en: string }>> = {
  uphold: { zh: '申诉成立，剔除该项', en: 'Uphold (leave the item out)' },
  overturn: { zh: '驳回申诉', en: 'Overturn' },
};

export type AppealActionNeed = 'reason';

/** A worker cannot decide their own appeal: only the leader relation acts. */
export const APPEAL_WORKFLOW: Workflow<AppealState, AppealAction, AppealRelation, AppealActionNeed> = {
  name: 'appeal',
  actions: APPEAL_ACTIONS,
  transitions: {
    uphold: { from: ['submitted'], to: 'upheld', by: ['leader'] },
    // The worker is told why their appeal failed.
    overturn: { from: ['submitted'], to: 'overturned', by: ['leader'], needs: ['reason'] },
  },
};

export function isAppealAction(value: unknown): value is AppealAction {
  return typeof value === 'string' && (APPEAL_ACTIONS as readonly string[]).includes(value);
}

export function canActOnAppeal(
  action: AppealAction,
  state: AppealState,
  relations: ReadonlySet<AppealRelation> | readonly AppealRelation[],
): boolean {
  return mayAct(APPEAL_WORKFLOW, action, state, relations);
}

export function allowedAppealActions(
  state: AppealState,
  relations: ReadonlySet<AppealRelation> | readonly AppealRelation[],
): AppealAction[] {
  return actionsFor(APPEAL_WORKFLOW, state, relations);
}

/** Throws IllegalWorkflowTransitionError when the appeal is already decided. */
export function nextAppealState(action: AppealAction, state: AppealState): AppealState {
  return stateAfter(APPEAL_WORKFLOW, action, state);
}

export function missingAppealInputs(
  action: AppealAction,
  input: { reason?: string | null },
): AppealActionNeed[] {
  return missingNeeds(APPEAL_WORKFLOW, action, input);
}

/** Whether a decided appeal leaves its event out of the worker's counts. */
export function appealExcludesEvent(state: AppealState): boolean {
  return state === 'upheld';
}
