// One label function for every code a person may see, in Chinese first and English second.
// The UI never prints a code: it calls label(kind, code, lang). A code without a label comes
// back as itself, and packages/rules/test/labels.test.ts fails for every such code.
import { ALERT_ACTION_LABELS, ALERT_KIND_LABELS, ALERT_STATE_LABELS } from '../alerts/alerts.ts';
import { ADJUSTMENT_ACTION_LABELS } from '../assessment/adjustments.ts';
import { APPEAL_ACTION_LABELS, APPEAL_RELATION_LABELS, APPEAL_STATE_LABELS } from '../assessment/appeals.ts';
import { YEAR_RATING_LABELS } from '../assessment/careers.ts';
import { BUILTIN_INDICATORS } from '../assessment/indicators.ts';
import {
  ADJUSTMENT_STATE_LABELS,
  ASSESSMENT_EVENT_KIND_LABELS,
  ASSESSMENT_PERIOD_STATE_LABELS,
  ASSESSMENT_SUBJECT_LABELS,
  EVENT_COUNT_LABELS,
} from '../assessment/labels.ts';
import {
  GRADE_CAUSE_LABELS,
  PROMOTION_ACTION_LABELS,
  PROMOTION_BASIS_LABELS,
  PROMOTION_STATE_LABELS,
  TRAINING_KIND_LABELS,
} from '../assessment/promotion.ts';
import { REVIEW_PERIOD_KIND_LABELS } from '../assessment/review-periods.ts';
import { RELATION_LABELS } from '../cases/actions.ts';
import { CASE_STATE_LABELS } from '../cases/states.ts';
import { COMMAND_MEASURE_LABELS, FEED_KIND_LABELS } from '../command/command.ts';
import {
  DISPUTE_ACTION_LABELS,
  DISPUTE_RISK_LABELS,
  DISPUTE_STATE_LABELS,
  MEDIATOR_KIND_LABELS,
  PARTY_ROLE_LABELS,
} from '../disputes/mediation.ts';
import { SHIFT_KIND_LABELS } from '../duty/shifts.ts';
import { TASK_ACTION_LABELS, TASK_KIND_LABELS, TASK_STATE_LABELS } from '../duty/tasks.ts';
import {
  DEVICE_CHANNEL_LABELS,
  DEVICE_MESSAGE_LABELS,
  DEVICE_STATUS_LABELS,
  DEVICE_TYPE_LABELS,
} from '../intake/devices.ts';
import { HOTLINE_DELIVERY_LABELS } from '../intake/hotline.ts';
import { RESIDENT_CATEGORY_LABELS } from '../residents/categories.ts';
import { NOTICE_STATE_LABELS } from '../residents/notices.ts';
import { PUBLIC_PHASE_LABELS } from '../residents/public-phase.ts';
import { ERRAND_REQUEST_ACTION_LABELS, ERRAND_REQUEST_STATE_LABELS } from '../services/errand-requests.ts';
import { ERRAND_ACTION_LABELS, ERRAND_STATE_LABELS } from '../services/errands.ts';
import * as cases from './cases.ts';
import * as household from './household.ts';
import { NOTIFICATION_LABELS } from './notifications.ts';
import * as org from './org.ts';
import * as registers from './registers.ts';
import { SATISFACTION_LABELS } from './satisfaction.ts';
import * as services from './services.ts';

export {
  CASE_SOURCES,
  type CaseSource,
  type CaseStepName,
  SYSTEM_ACTOR_LABELS,
  type SystemActor,
  systemActorOf,
} from './cases.ts';
export { type NotificationKey, type NotificationText, notificationTitle } from './notifications.ts';
export type { ErrandStepName } from './services.ts';

export type Lang = 'zh' | 'en';
export interface Bilingual {
  zh: string;
  en: string;
}
type Table = Readonly<Record<string, Bilingual>>;

export const LABELS = {
  caseState: CASE_STATE_LABELS,
  caseAction: cases.CASE_ACTION_NAMES,
  caseRelation: RELATION_LABELS,
  caseStep: cases.CASE_STEP_LABELS,
  caseSource: cases.CASE_SOURCE_LABELS,
  systemActor: cases.SYSTEM_ACTOR_LABELS,
  light: cases.TRAFFIC_LIGHT_LABELS,
  supervision: cases.SUPERVISION_LABELS,
  categoryDomain: cases.CATEGORY_DOMAIN_LABELS,
  notification: NOTIFICATION_LABELS,
  errandState: ERRAND_STATE_LABELS,
  alertKind: ALERT_KIND_LABELS,
  alertState: ALERT_STATE_LABELS,
  alertAction: ALERT_ACTION_LABELS,
  shiftKind: SHIFT_KIND_LABELS,
  taskKind: TASK_KIND_LABELS,
  taskState: TASK_STATE_LABELS,
  taskAction: TASK_ACTION_LABELS,
  feedKind: FEED_KIND_LABELS,
  commandMeasure: COMMAND_MEASURE_LABELS,
  disputeState: DISPUTE_STATE_LABELS,
  disputeAction: DISPUTE_ACTION_LABELS,
  disputeRisk: DISPUTE_RISK_LABELS,
  mediatorKind: MEDIATOR_KIND_LABELS,
  partyRole: PARTY_ROLE_LABELS,
  errandAction: ERRAND_ACTION_LABELS,
  errandRequestState: ERRAND_REQUEST_STATE_LABELS,
  errandRequestAction: ERRAND_REQUEST_ACTION_LABELS,
  errandStep: services.ERRAND_STEP_LABELS,
  errandRelation: services.ERRAND_RELATION_LABELS,
  errandDelivery: services.ERRAND_DELIVERY_LABELS,
  inspectionItemResult: services.INSPECTION_ITEM_RESULT_LABELS,
  inspectionOutcome: services.INSPECTION_OUTCOME_LABELS,
  inspectionStatus: services.INSPECTION_STATUS_LABELS,
  queueKind: services.QUEUE_KIND_LABELS,
  role: org.ROLE_LABELS,
  teamRole: org.TEAM_ROLE_LABELS,
  permission: org.PERMISSION_LABELS,
  orgLevel: org.ORG_LEVEL_LABELS,
  gridKind: org.GRID_KIND_LABELS,
  gridSpecialType: org.GRID_SPECIAL_TYPE_LABELS,
  departmentKind: org.DEPARTMENT_KIND_LABELS,
  residenceRole: registers.RESIDENCE_ROLE_LABELS,
  attentionLevel: registers.ATTENTION_LEVEL_LABELS,
  houseStructure: registers.HOUSE_STRUCTURE_LABELS,
  rentalHazard: registers.RENTAL_HAZARD_LABELS,
  unitKind: registers.UNIT_KIND_LABELS,
  fireSafety: registers.FIRE_SAFETY_LABELS,
  specialGroup: registers.SPECIAL_GROUP_LABELS,
  careGroup: registers.CARE_GROUP_LABELS,
  personStatus: registers.PERSON_STATUS_LABELS,
  gender: registers.GENDER_LABELS,
  unitRole: registers.UNIT_ROLE_LABELS,
  registerEvent: registers.REGISTER_EVENT_LABELS,
  registerEntity: registers.REGISTER_ENTITY_LABELS,
  houseLink: household.HOUSE_LINK_LABELS,
  houseLinkEnd: household.HOUSE_LINK_END_LABELS,
  houseOwnership: household.HOUSE_OWNERSHIP_LABELS,
  houseOccupancy: household.HOUSE_OCCUPANCY_LABELS,
  houseUse: household.HOUSE_USE_LABELS,
  satisfaction: SATISFACTION_LABELS,
  publicPhase: PUBLIC_PHASE_LABELS,
  residentCategory: RESIDENT_CATEGORY_LABELS,
  noticeState: NOTICE_STATE_LABELS,
  deviceType: DEVICE_TYPE_LABELS,
  deviceStatus: DEVICE_STATUS_LABELS,
  deviceMessage: DEVICE_MESSAGE_LABELS,
  deviceChannel: DEVICE_CHANNEL_LABELS,
  hotlineDelivery: HOTLINE_DELIVERY_LABELS,
  indicator: Object.fromEntries(BUILTIN_INDICATORS.map((i) => [i.code, { zh: i.zh, en: i.en }])),
  yearRating: YEAR_RATING_LABELS,
  reviewPeriodKind: REVIEW_PERIOD_KIND_LABELS,
  promotionState: PROMOTION_STATE_LABELS,
  promotionAction: PROMOTION_ACTION_LABELS,
  promotionBasis: PROMOTION_BASIS_LABELS,
  trainingKind: TRAINING_KIND_LABELS,
  gradeCause: GRADE_CAUSE_LABELS,
  appealState: APPEAL_STATE_LABELS,
  appealAction: APPEAL_ACTION_LABELS,
  appealRelation: APPEAL_RELATION_LABELS,
  assessmentSubject: ASSESSMENT_SUBJECT_LABELS,
  eventCount: EVENT_COUNT_LABELS,
  assessmentPeriodState: ASSESSMENT_PERIOD_STATE_LABELS,
  adjustmentState: ADJUSTMENT_STATE_LABELS,
  adjustmentAction: ADJUSTMENT_ACTION_LABELS,
  assessmentEventKind: ASSESSMENT_EVENT_KIND_LABELS,
} as const satisfies Record<string, Table>;

export type LabelKind = keyof typeof LABELS;

/** The name of `code` of `kind` in `lang`; the code itself when it has none (never throws). */
export function label(kind: LabelKind, code: string | null | undefined, lang: Lang): string {
  if (code === null || code === undefined || code === '') return '—';
  const table: Table = LABELS[kind];
  return Object.hasOwn(table, code) ? table[code]![lang] : code;
}

/** Whether `code` of `kind` has a label (for coverage tests and fallbacks). */
export function hasLabel(kind: LabelKind, code: string): boolean {
  return Object.hasOwn(LABELS[kind] as Table, code);
}
