// Names of the case loop's codes that are not actions or states: the steps the server writes into
// a case's history, where a case came from, its clocks, and the inbox notifications it causes.
import { CASE_ACTION_LABELS } from '../cases/actions.ts';
import type { Bilingual } from './index.ts';

/** Every channel a case may come in by (the CHECK of cases.source, migration 0004). */
export const CASE_SOURCES = [
  'patrol',
  'resident_app',
  'hotline',
  'wechat',
  'web',
  'iot',
  'department',
  'leader',
  'open311',
] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const CASE_SOURCE_LABELS: Readonly<Record<CaseSource, Bilingual>> = {
  patrol: { zh: '网格员巡查', en: 'Grid worker patrol' },
  resident_app: { zh: '居民 App', en: 'Resident app' },
  hotline: { zh: '12345 热线', en: '12345 hotline' },
  wechat: { zh: '微信', en: 'WeChat' },
  web: { zh: '网站', en: 'Website' },
  iot: { zh: '视频/物联感知', en: 'Camera / IoT' },
  department: { zh: '部门移交', en: 'Department transfer' },
  leader: { zh: '领导交办', en: 'Leader instruction' },
  open311: { zh: 'Open311 接口', en: 'Open311 interface' },
};

/** What the caller may do to a case: the state machine's actions and merging (not an action of it). */
export const CASE_ACTION_NAMES: Readonly<Record<string, Bilingual>> = {
  ...CASE_ACTION_LABELS,
  merge: { zh: '合并', en: 'Merge' },
};

/**
 * A case's history, one entry per step the server writes: every action (act-on-case.ts), the
 * report itself (report-case.ts), police routing (a dispatch by the system), timer supervision
 * and merging (merge-case.ts). Steps read as what happened, not as a button. The clock steps of a
 * category's time limits (CASE_STEPS) are named here too.
 */
export const CASE_STEP_LABELS = {
  report: { zh: '上报', en: 'Reported' },
  reportSelfHandled: { zh: '自处理上报', en: 'Reported as self-handled' },
  accept: { zh: '受理', en: 'Accepted' },
  requestConfirm: { zh: '要求核实', en: 'On-site confirmation requested' },
  confirm: { zh: '核实确认', en: 'Confirmed on site' },
  file: { zh: '立案', en: 'Filed' },
  requestVoid: { zh: '申请作废', en: 'Void requested' },
  approveVoid: { zh: '批准作废', en: 'Void approved' },
  rejectVoid: { zh: '驳回作废', en: 'Void rejected' },
  dispatch: { zh: '派遣', en: 'Dispatched' },
  whistle: { zh: '吹哨', en: 'Whistle blown' },
  acknowledge: { zh: '报到', en: 'Reported for duty' },
  acceptTask: { zh: '签收', en: 'Task accepted' },
  handle: { zh: '处置反馈', en: 'Handling reported' },
  // The verification step's clock (CASE_STEPS); its steps are verifyPass or verifyFail.
  verify: { zh: '核查', en: 'Verification' },
  verifyPass: { zh: '核查通过', en: 'Verification passed' },
  verifyFail: { zh: '核查不通过', en: 'Verification failed' },
  close: { zh: '结案', en: 'Closed' },
  evaluate: { zh: '评价', en: 'Evaluated' },
  archive: { zh: '归档', en: 'Archived' },
  returnToDispatcher: { zh: '回退', en: 'Returned to the dispatcher' },
  requestExtension: { zh: '申请延期', en: 'Extension requested' },
  approveExtension: { zh: '批准延期', en: 'Extension approved' },
  rejectExtension: { zh: '驳回延期', en: 'Extension rejected' },
  suspend: { zh: '挂账', en: 'Suspended' },
  resume: { zh: '恢复', en: 'Resumed' },
  escalate: { zh: '上报上级', en: 'Escalated' },
  assignDown: { zh: '交办', en: 'Assigned down' },
  auditSelfHandled: { zh: '自处理审核通过', en: 'Self-handling approved' },
  rejectSelfHandled: { zh: '自处理审核退回', en: 'Self-handling rejected' },
  supervise: { zh: '督办', en: 'Supervised' },
  instruct: { zh: '领导批示', en: "Leader's instruction" },
  returnVisit: { zh: '回访', en: 'Return visit' },
  reopen: { zh: '居民重新打开', en: 'Reopened by the reporter' },
  merge: { zh: '合并', en: 'Merged' },
  // A device's recovery closes the case its alarm raised while nobody had acted (intake/devices.ts).
  recoveryClose: { zh: '设备恢复自动结案', en: 'Closed on device recovery' },
} as const satisfies Record<string, Bilingual>;

/**
 * Who took a step no person took: the history stores the Chinese name (as it stores people's
 * names), and the presenter gives the code back so each reader sees it in their language.
 */
export const SYSTEM_ACTOR_LABELS = {
  system: { zh: '系统', en: 'System' },
  policeRouting: { zh: '系统（警情分流）', en: 'System (police routing)' },
  overdue: { zh: '系统（超时督办）', en: 'System (overdue supervision)' },
  dutyOverdue: { zh: '系统（报到超时督办）', en: 'System (report-for-duty supervision)' },
  deviceRecovery: { zh: '系统（设备恢复）', en: 'System (device recovery)' },
} as const satisfies Record<string, Bilingual>;
export type SystemActor = keyof typeof SYSTEM_ACTOR_LABELS;

/** The system actor whose stored name this is, or null for a person's name. */
export function systemActorOf(storedName: string): SystemActor | null {
  for (const [code, names] of Object.entries(SYSTEM_ACTOR_LABELS)) {
    if (names.zh === storedName) return code as SystemActor;
  }
  return null;
}

/** Every name of a step the server may write into a case's history. */
export type CaseStepName = keyof typeof CASE_STEP_LABELS;

export const TRAFFIC_LIGHT_LABELS = {
  green: { zh: '绿灯（正常）', en: 'Green (on time)' },
  yellow: { zh: '黄灯（即将超时）', en: 'Yellow (due soon)' },
  red: { zh: '红灯（已超时）', en: 'Red (overdue)' },
} as const satisfies Record<string, Bilingual>;

export const SUPERVISION_LABELS = {
  none: { zh: '未督办', en: 'Not supervised' },
  ordinary: { zh: '超时督办', en: 'Overdue supervision' },
  yellow_card: { zh: '黄牌督办', en: 'Yellow-card supervision' },
  red_card: { zh: '红牌督办', en: 'Red-card supervision' },
} as const satisfies Record<string, Bilingual>;

export const CATEGORY_DOMAIN_LABELS = {
  social: { zh: '社会事件', en: 'Social' },
  urban: { zh: '城市部件与事件', en: 'Urban management' },
} as const satisfies Record<string, Bilingual>;
