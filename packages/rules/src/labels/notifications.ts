// Inbox notification titles. A notification stores its kind and the key of its title here (a kind
// may have several titles: supervision by level, a return by who returned); the reader's client
// renders the title in the reader's language, followed by the subject (a case title, a category or
// an errand) when there is one.
import { type Bilingual, type Lang, label } from './index.ts';

export const NOTIFICATION_LABELS = {
  new_case: { zh: '新上报事件', en: 'New case reported' },
  self_handled_audit: { zh: '自处理事件待审核', en: 'Self-handled case to audit' },
  self_handling_rejected: { zh: '自处理未通过审核，转入派遣', en: 'Self-handling rejected, to dispatch' },
  dispatched: { zh: '新派遣事件', en: 'New case dispatched to you' },
  police_dispatched: { zh: '警情事件已派至本部门', en: 'Police case sent to your department' },
  confirm_due: { zh: '请现场核实', en: 'Please confirm on site' },
  void_approval: { zh: '作废待审批', en: 'Void awaiting approval' },
  whistle: { zh: '街道吹哨，请部门报到', en: 'Whistle blown: please report for duty' },
  verify_due: { zh: '处置完成，请现场核查', en: 'Handled: please verify on site' },
  rework: { zh: '核查未通过，请返工', en: 'Verification failed: please rework' },
  returned: { zh: '事件被回退', en: 'Case returned' },
  reopened: { zh: '居民认为未解决，重新打开', en: 'Reopened by the resident: not fixed' },
  extension_request: { zh: '延期申请待审批', en: 'Extension request awaiting approval' },
  escalated: { zh: '下级上报事件', en: 'Case escalated from below' },
  assigned_down: { zh: '上级交办事件', en: 'Case assigned from above' },
  supervision: { zh: '领导督办', en: 'Supervised by a leader' },
  'supervision.ordinary': { zh: '超时督办', en: 'Overdue supervision' },
  'supervision.yellow_card': { zh: '黄牌督办', en: 'Yellow-card supervision' },
  'supervision.red_card': { zh: '红牌督办', en: 'Red-card supervision' },
  errand_review: { zh: '代办待审核', en: 'Errand to review' },
  errand_approval: { zh: '代办待审批', en: 'Errand to approve' },
  errand_forwarded: { zh: '代办已通过网格长审核', en: 'Errand approved by the grid leader' },
  errand_returned: { zh: '代办被退回', en: 'Errand returned' },
  'errand_returned.leader': { zh: '代办被网格长退回', en: 'Errand returned by the grid leader' },
  'errand_returned.department': { zh: '代办被部门退回', en: 'Errand returned by the department' },
  errand_delivery: { zh: '代办已审批，请送证上门', en: 'Errand approved: please deliver it home' },
  errand_completed: { zh: '代办已办结', en: 'Errand completed' },
  errand_requested: { zh: '居民申请代办', en: 'A resident asks for an errand' },
  errand_request_taken: { zh: '您的代办申请已受理', en: 'Your errand request was taken up' },
  errand_request_declined: { zh: '您的代办申请未受理', en: 'Your errand request was declined' },
  dispute_mediator: { zh: '您被列为纠纷调解人', en: 'You were named a mediator of a dispute' },
  dispute_escalated: { zh: '矛盾纠纷升级预警', en: 'Dispute escalating: warning' },
  'alert.no_fix': { zh: '告警：在岗无定位', en: 'Alert: no position on shift' },
  'alert.outside_grid': { zh: '告警：在岗离开网格', en: 'Alert: outside own grids on shift' },
  'alert.sos': { zh: '紧急求助', en: 'SOS: a worker needs help' },
  'alert.case_red': { zh: '告警：事件超时红灯', en: 'Alert: case turned red' },
  'alert.device_offline': { zh: '告警：物联设备离线', en: 'Alert: IoT device offline' },
  task_assigned: { zh: '您有新的工作任务', en: 'A new task for you' },
  leader_instruction: { zh: '领导批示督办', en: "Leader's instruction: supervised case" },
  // Assessment (考核): the month's report ready for the district's operators; an appeal decided.
  'assessment_report.ready': { zh: '月度考核报告已生成', en: 'Monthly assessment report ready' },
  'appeal.decided': { zh: '您的考核申诉已处理', en: 'Your assessment appeal was decided' },
  'appeal.decided.upheld': { zh: '您的考核申诉成立', en: 'Your assessment appeal was upheld' },
  'appeal.decided.overturned': { zh: '您的考核申诉未获支持', en: 'Your assessment appeal was overturned' },
  // To residents following their report (reported it, or joined with "+1"): the phase they see.
  report_progress: { zh: '您反映的问题有新进展', en: 'News on the problem you reported' },
  'report_progress.received': { zh: '您反映的问题已受理', en: 'Your report was received' },
  'report_progress.handling': { zh: '您反映的问题正在处理', en: 'Your report is being handled' },
  'report_progress.handled': { zh: '您反映的问题已处理', en: 'Your report was handled' },
  'report_progress.closed': { zh: '您反映的问题已办结', en: 'Your report was closed' },
  'report_progress.voided': { zh: '您反映的问题未予立案', en: 'Your report was not taken up' },
  'report_progress.reopened': { zh: '您反映的问题已重新受理', en: 'Your report was taken up again' },
} as const satisfies Record<string, Bilingual>;

/** The key of a notification's title (and the kind of most notifications). */
export type NotificationKey = keyof typeof NOTIFICATION_LABELS;

/** What a notification says, as the API shows it: the key of its title and its subject. */
export interface NotificationText {
  titleKey?: string | null;
  subject?: Bilingual | null;
}

/**
 * The title of a notification in `lang`: its title key's label, then its subject. A notification
 * stored before titles had keys has only its Chinese `fallback`.
 */
export function notificationTitle(text: NotificationText, lang: Lang, fallback = ''): string {
  if (!text.titleKey) return fallback;
  const title = label('notification', text.titleKey, lang);
  if (!text.subject) return title;
  return lang === 'zh' ? `${title}：${text.subject.zh}` : `${title}: ${text.subject.en}`;
}
