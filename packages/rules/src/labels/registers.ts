// Names of the registers' codes (一标三实). The vocabularies of registers/groups.ts already carry
// both names next to their typed fields; they are turned into label tables here, and the codes
// without a vocabulary (person status, gender, unit roles, register events) are named here.
import {
  ATTENTION_LEVELS,
  CARE_GROUP_TYPES,
  FIRE_SAFETY_LEVELS,
  HOUSE_STRUCTURES,
  RENTAL_HAZARD_LEVELS,
  RESIDENCE_ROLES,
  SPECIAL_GROUP_TYPES,
  UNIT_KINDS,
  type VocabularyEntry,
} from '../registers/groups.ts';
import type { Bilingual } from './index.ts';

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function table(entries: readonly { labelZh: string; labelEn: string }[], keyOf: (i: number) => string) {
  const out: Record<string, Bilingual> = {};
  entries.forEach((entry, i) => {
    out[keyOf(i)] = { zh: entry.labelZh, en: capitalised(entry.labelEn) };
  });
  return Object.freeze(out);
}

const byKey = (vocabulary: readonly VocabularyEntry[]) => table(vocabulary, (i) => vocabulary[i]!.key);

export const RESIDENCE_ROLE_LABELS = byKey(RESIDENCE_ROLES);
export const ATTENTION_LEVEL_LABELS = byKey(ATTENTION_LEVELS);
export const HOUSE_STRUCTURE_LABELS = byKey(HOUSE_STRUCTURES);
export const RENTAL_HAZARD_LABELS = byKey(RENTAL_HAZARD_LEVELS);
export const UNIT_KIND_LABELS = byKey(UNIT_KINDS);
export const FIRE_SAFETY_LABELS = byKey(FIRE_SAFETY_LEVELS);
/** Special groups by their code ('01'–'07'), as stored and as in the special.* permissions. */
export const SPECIAL_GROUP_LABELS = table(SPECIAL_GROUP_TYPES, (i) => SPECIAL_GROUP_TYPES[i]!.code);
export const CARE_GROUP_LABELS = table(CARE_GROUP_TYPES, (i) => CARE_GROUP_TYPES[i]!.key);

export const PERSON_STATUS_LABELS = {
  active: { zh: '在册', en: 'Active' },
  moved_out: { zh: '已迁出', en: 'Moved out' },
  deregistered: { zh: '已注销', en: 'Deregistered' },
  deceased: { zh: '已死亡', en: 'Deceased' },
} as const satisfies Record<string, Bilingual>;

export const GENDER_LABELS = {
  male: { zh: '男', en: 'Male' },
  female: { zh: '女', en: 'Female' },
} as const satisfies Record<string, Bilingual>;

export const UNIT_ROLE_LABELS = {
  legal_rep: { zh: '法定代表人', en: 'Legal representative' },
  manager: { zh: '负责人', en: 'Manager' },
  employee: { zh: '从业人员', en: 'Employee' },
  contact: { zh: '联系人', en: 'Contact' },
} as const satisfies Record<string, Bilingual>;

/** Kinds of register_events (the CHECK of migration 0008). */
export const REGISTER_EVENT_LABELS = {
  created: { zh: '登记', en: 'Registered' },
  updated: { zh: '修改', en: 'Changed' },
  retired: { zh: '注销', en: 'Retired' },
  moved_in: { zh: '迁入', en: 'Moved in' },
  moved_out: { zh: '迁出', en: 'Moved out' },
  deregistered: { zh: '注销户籍', en: 'Deregistered' },
  died: { zh: '死亡', en: 'Died' },
  linked: { zh: '建立关联', en: 'Linked' },
  unlinked: { zh: '结束关联', en: 'Link ended' },
  role_opened: { zh: '新增人口类别', en: 'Role opened' },
  role_closed: { zh: '结束人口类别', en: 'Role closed' },
  group_opened: { zh: '人群建档', en: 'Group record opened' },
  group_updated: { zh: '人群记录修改', en: 'Group record changed' },
  group_closed: { zh: '人群记录结束', en: 'Group record closed' },
} as const satisfies Record<string, Bilingual>;

export const REGISTER_ENTITY_LABELS = {
  address: { zh: '地址', en: 'Address' },
  house: { zh: '房屋', en: 'House' },
  person: { zh: '人口', en: 'Person' },
  unit: { zh: '单位', en: 'Unit' },
} as const satisfies Record<string, Bilingual>;
