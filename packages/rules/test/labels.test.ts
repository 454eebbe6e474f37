import { describe, expect, it } from 'vitest';
import * as rules from '../src/index.ts';
import { hasLabel, LABELS, type LabelKind, label } from '../src/index.ts';

const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/;

/** The codes of an exported list: plain strings, or the `code`/`key` of vocabulary entries. */
function codesOf(list: readonly unknown[]): string[] {
  return list.map((entry) => {
    if (typeof entry === 'string') return entry;
    const record = entry as { code?: string; key?: string };
    return record.code ?? record.key ?? '';
  });
}

/**
 * Which label tables name the codes of each exported code list. A list may need several (an
 * action is a button and, once taken, a step of the history).
 */
const KINDS_OF_LIST: Record<string, readonly LabelKind[]> = {
  CASE_STATES: ['caseState'],
  OPEN_STATES: ['caseState'],
  CASE_ACTIONS: ['caseAction', 'caseStep'],
  CASE_RELATIONS: ['caseRelation'],
  CASE_SOURCES: ['caseSource'],
  BUILTIN_INDICATORS: ['indicator'],
  YEAR_RATINGS: ['yearRating'],
  APPEAL_STATES: ['appealState'],
  PROMOTION_STATES: ['promotionState'],
  PROMOTION_ACTIONS: ['promotionAction'],
  TRAINING_KINDS: ['trainingKind'],
  GRADE_CAUSES: ['gradeCause'],
  APPEAL_ACTIONS: ['appealAction'],
  APPEAL_RELATIONS: ['appealRelation'],
  ADJUSTMENT_STATES: ['adjustmentState'],
  ADJUSTMENT_ACTIONS: ['adjustmentAction'],
  // Grades are shown as their letters (A–E) in both languages.
  DEFAULT_GRADE_BANDS: [],
  CASE_STEPS: ['caseStep'],
  ERRAND_STATES: ['errandState'],
  OPEN_ERRAND_STATES: ['errandState'],
  ERRAND_ACTIONS: ['errandAction', 'errandStep'],
  ERRAND_REQUEST_STATES: ['errandRequestState'],
  REVIEW_PERIOD_KINDS: ['reviewPeriodKind'],
  ERRAND_REQUEST_ACTIONS: ['errandRequestAction'],
  ERRAND_RELATIONS: ['errandRelation'],
  ALERT_KINDS: ['alertKind'],
  ALERT_STATES: ['alertState'],
  OPEN_ALERT_STATES: ['alertState'],
  ALERT_ACTIONS: ['alertAction'],
  SHIFT_KINDS: ['shiftKind'],
  TASK_KINDS: ['taskKind'],
  TASK_STATES: ['taskState'],
  TASK_ACTIONS: ['taskAction'],
  FEED_KINDS: ['feedKind'],
  COMMAND_MEASURES: ['commandMeasure'],
  DISPUTE_STATES: ['disputeState'],
  DISPUTE_ACTIONS: ['disputeAction'],
  DISPUTE_RISK_LEVELS: ['disputeRisk'],
  MEDIATOR_KINDS: ['mediatorKind'],
  PARTY_ROLES: ['partyRole'],
  DEVICE_TYPES: ['deviceType'],
  DEVICE_STATUSES: ['deviceStatus'],
  DEVICE_MESSAGE_KINDS: ['deviceMessage'],
  DEVICE_CHANNELS: ['deviceChannel'],
  HOTLINE_DELIVERY_STATUSES: ['hotlineDelivery'],
  NOTICE_STATES: ['noticeState'],
  PERMISSIONS: ['permission'],
  TEAM_ROLES: ['teamRole'],
  ORG_LEVELS: ['orgLevel'],
  INSPECTION_STATUSES: ['inspectionStatus'],
  INSPECTION_ITEM_RESULTS: ['inspectionItemResult'],
  HOUSE_LINK_KINDS: ['houseLink'],
  PERSON_HOUSE_LINK_KINDS: ['houseLink'],
  HOUSE_LINK_END_REASONS: ['houseLinkEnd'],
  HOUSE_OWNERSHIPS: ['houseOwnership'],
  HOUSE_OCCUPANCIES: ['houseOccupancy'],
  HOUSE_USES: ['houseUse'],
  HOUSE_STRUCTURES: ['houseStructure'],
  RENTAL_HAZARD_LEVELS: ['rentalHazard'],
  RESIDENCE_ROLES: ['residenceRole'],
  ATTENTION_LEVELS: ['attentionLevel'],
  UNIT_KINDS: ['unitKind'],
  FIRE_SAFETY_LEVELS: ['fireSafety'],
  SPECIAL_GROUP_TYPES: ['specialGroup'],
  CARE_GROUP_TYPES: ['careGroup'],
  SATISFACTION_LEVELS: ['satisfaction'],
  PUBLIC_PHASES: ['publicPhase'],
  RESIDENT_CATEGORY_CODES: ['residentCategory'],
};

/** Exported lists that are not codes shown to a person. */
const NOT_SHOWN = new Set(['PROVINCE_CODES', 'ID_NUMBER_PROVINCE_CODES', 'DEFAULT_FOLLOW_UP_DAYS']);

const exportedLists: [string, readonly unknown[]][] = Object.entries(
  rules as Record<string, unknown>,
).flatMap(([name, value]) =>
  Array.isArray(value) && !NOT_SHOWN.has(name) ? [[name, value] as [string, unknown[]]] : [],
);

describe('label tables', () => {
  it('know every exported code list (a new list must say which table names it)', () => {
    const unknown = exportedLists.map(([name]) => name).filter((name) => !(name in KINDS_OF_LIST));
    expect(unknown).toEqual([]);
  });

  it.each(exportedLists)('label every code of %s', (name, list) => {
    const missing = codesOf(list).flatMap((code) =>
      (KINDS_OF_LIST[name] ?? []).filter((kind) => !hasLabel(kind, code)).map((kind) => `${kind}:${code}`),
    );
    expect(missing).toEqual([]);
  });

  it.each(Object.keys(LABELS) as LabelKind[])('%s: every entry has a Chinese and an English name', (kind) => {
    for (const [code, names] of Object.entries(LABELS[kind] as Record<string, { zh: string; en: string }>)) {
      expect(names.zh.trim(), `${kind}:${code} zh`).not.toBe('');
      expect(CJK.test(names.zh), `${kind}:${code} zh is Chinese`).toBe(true);
      expect(names.en.trim(), `${kind}:${code} en`).not.toBe('');
      expect(names.en, `${kind}:${code} en`).not.toMatch(CJK);
      expect(names.en, `${kind}:${code} en is not the code`).not.toBe(code);
    }
  });

  it('every special-group permission is named like its group', () => {
    for (const group of rules.SPECIAL_GROUP_TYPES) {
      expect(label('permission', `special.${group.code}`, 'zh')).toBe(group.labelZh);
    }
  });

  it('label() names a code in either language and falls back without throwing', () => {
    expect(label('caseStep', 'acceptTask', 'zh')).toBe('签收');
    expect(label('caseStep', 'acceptTask', 'en')).toBe('Task accepted');
    expect(label('caseSource', 'open311', 'en')).toBe('Open311 interface');
    expect(label('caseAction', 'merge', 'en')).toBe('Merge');
    expect(label('role', 'no_such_role', 'en')).toBe('no_such_role');
    expect(label('role', null, 'en')).toBe('—');
    expect(label('role', 'toString', 'en')).toBe('toString');
  });

  it('system actors: the stored Chinese name gives the code back, a person’s name does not', () => {
    for (const [code, names] of Object.entries(rules.SYSTEM_ACTOR_LABELS)) {
      expect(rules.systemActorOf(names.zh)).toBe(code);
      expect(label('systemActor', code, 'en')).toBe(names.en);
    }
    expect(rules.systemActorOf('王秀英')).toBeNull();
    expect(rules.systemActorOf('System')).toBeNull();
  });

  it("notification titles: key and subject in the reader's language, old rows by their stored title", () => {
    const subject = { zh: '老年人优待证 E1', en: 'Senior citizen card E1' };
    expect(rules.notificationTitle({ titleKey: 'errand_returned.leader', subject }, 'zh')).toBe(
      '代办被网格长退回：老年人优待证 E1',
    );
    expect(rules.notificationTitle({ titleKey: 'errand_returned.leader', subject }, 'en')).toBe(
      'Errand returned by the grid leader: Senior citizen card E1',
    );
    expect(rules.notificationTitle({ titleKey: 'supervision.red_card' }, 'en')).toBe('Red-card supervision');
    expect(rules.notificationTitle({}, 'en', '新派遣事件：井盖')).toBe('新派遣事件：井盖');
  });
});
