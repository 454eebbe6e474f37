// Worker tasks (工作任务): the dispatcher or grid leader gives a worker a job for the day — patrol
// a route, inspect a venue, visit a household, follow up a case — which the worker ticks off in
// the field app (or it is cancelled by whoever set it). A table on the one workflow mechanism.
import type { Workflow } from '../workflow.ts';

export const TASK_KINDS = ['patrol_route', 'inspect_venue', 'visit_household', 'follow_case'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const TASK_KIND_LABELS: Readonly<Record<TaskKind, { zh: string; en: string }>> = {
  patrol_route: { zh: '巡查路线', en: 'Patrol a route' },
  inspect_venue: { zh: '检查场所', en: 'Inspect a venue' },
  visit_household: { zh: '走访住户', en: 'Visit a household' },
  follow_case: { zh: '跟进事件', en: 'Follow up a case' },
};

/** What a task kind points at, if anything: a venue (unit), a household, a case, or a route text. */
export const TASK_TARGET: Readonly<Record<TaskKind, 'route' | 'unit' | 'household' | 'case'>> = {
  patrol_route: 'route',
  inspect_venue: 'unit',
  visit_household: 'household',
  follow_case: 'case',
};

export const TASK_STATES = ['open', 'done', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];
export const TASK_STATE_LABELS: Readonly<Record<TaskState, { zh: string; en: string }>> = {
  open: { zh: '待完成', en: 'Open' },
  done: { zh: '已完成', en: 'Done' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const TASK_ACTIONS = ['complete', 'cancel', 'reopen'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];
export const TASK_ACTION_LABELS: Readonly<Record<TaskAction, { zh: string; en: string }>> = {
  complete: { zh: '完成', en: 'Tick off' },
  cancel: { zh: '取消', en: 'Cancel' },
  reopen: { zh: '重新打开', en: 'Reopen' },
};

/** assignee: the worker it is for; assigner: holds duty.manage over the task's grid. */
export type TaskRelation = 'assignee' | 'assigner';
export type TaskNeed = 'note';

export const TASK_WORKFLOW: Workflow<TaskState, TaskAction, TaskRelation, TaskNeed> = {
  name: 'task',
  actions: TASK_ACTIONS,
  transitions: {
    complete: { from: ['open'], to: 'done', by: ['assignee'] },
    cancel: { from: ['open'], to: 'cancelled', by: ['assigner'] },
    reopen: { from: ['done', 'cancelled'], to: 'open', by: ['assigner'] },
  },
};
