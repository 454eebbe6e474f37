// Names of the codes of errands (代办), venue inspections and the field app's outbox.
import type { InspectionStatus } from '../inspections/cycle.ts';
import type { InspectionItemResult } from '../inspections/results.ts';
import type { ErrandRelation } from '../services/errands.ts';
import type { Bilingual } from './index.ts';

/** An errand's history: the step that starts it and one per action, read as what happened. */
export const ERRAND_STEP_LABELS = {
  start: { zh: '发起代办', en: 'Errand started' },
  attachDocument: { zh: '上传材料', en: 'Document attached' },
  submit: { zh: '提交审核', en: 'Submitted for review' },
  leaderApprove: { zh: '网格长审核通过', en: 'Approved by the grid leader' },
  leaderReturn: { zh: '网格长退回', en: 'Returned by the grid leader' },
  departmentApprove: { zh: '部门审批通过', en: 'Approved by the department' },
  departmentReturn: { zh: '部门退回', en: 'Returned by the department' },
  deliver: { zh: '网格员已送证上门', en: 'Delivered home by the worker' },
  cancel: { zh: '撤销', en: 'Cancelled' },
} as const satisfies Record<string, Bilingual>;

/** Every name of a step the server may write into an errand's history. */
export type ErrandStepName = keyof typeof ERRAND_STEP_LABELS;

export const ERRAND_RELATION_LABELS: Readonly<Record<ErrandRelation, Bilingual>> = {
  worker: { zh: '网格员', en: 'Grid worker' },
  leader: { zh: '网格长', en: 'Grid leader' },
  department: { zh: '职能部门', en: 'Department' },
};

/** How a resident receives what the errand obtained (the `delivery` field of errand types). */
export const ERRAND_DELIVERY_LABELS = {
  home: { zh: '网格员送证上门', en: 'Delivered home by the worker' },
  pickup: { zh: '社区自取', en: 'Pick up at the community' },
} as const satisfies Record<string, Bilingual>;

export const INSPECTION_ITEM_RESULT_LABELS: Readonly<Record<InspectionItemResult, Bilingual>> = {
  pass: { zh: '合格', en: 'Pass' },
  fail: { zh: '不合格', en: 'Fail' },
  na: { zh: '不适用', en: 'Not applicable' },
};

/** The outcome of a whole inspection (inspections.outcome, migration 0013). */
export const INSPECTION_OUTCOME_LABELS = {
  pass: { zh: '检查合格', en: 'Passed' },
  fail: { zh: '发现问题', en: 'Problems found' },
} as const satisfies Record<string, Bilingual>;

export const INSPECTION_STATUS_LABELS: Readonly<Record<InspectionStatus, Bilingual>> = {
  overdue: { zh: '已逾期', en: 'Overdue' },
  due: { zh: '待检查', en: 'Due' },
  done: { zh: '本周期已检查', en: 'Done this cycle' },
};

/** Kinds of writes the field app queues while offline (apps/web/src/mobile/queue-items.ts). */
export const QUEUE_KIND_LABELS = {
  case: { zh: '事件上报', en: 'Case report' },
  action: { zh: '事件操作', en: 'Case action' },
  positions: { zh: '轨迹批次', en: 'Track batch' },
  visit: { zh: '入户走访', en: 'Home visit' },
  errand: { zh: '代办', en: 'Errand' },
  inspection: { zh: '场所检查', en: 'Venue inspection' },
  record: { zh: '信息更新', en: 'Record update' },
  sos: { zh: '一键求助', en: 'SOS' },
  task: { zh: '完成任务', en: 'Task ticked off' },
} as const satisfies Record<string, Bilingual>;
