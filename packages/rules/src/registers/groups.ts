// Vocabularies of the registers of people, houses and units (一标三实), with Chinese and English
// labels, and the typed extra fields each special group and care group carries. The special-group
// records are the most sensitive in the system: keep the field lists to what the work needs.

import { parseIsoDate } from './dates.ts';
import { validatePhone } from './phone.ts';

/** One entry of a vocabulary: a stable key stored in the database and its two labels. */
export type VocabularyEntry = { readonly key: string; readonly labelZh: string; readonly labelEn: string };

export type ExtraFieldType = 'text' | 'date' | 'enum' | 'boolean' | 'number';

export type ExtraFieldSpec = {
  readonly key: string;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly type: ExtraFieldType;
  readonly required: boolean;
  /** enum: the allowed values. */
  readonly options?: readonly VocabularyEntry[];
  /** number: inclusive bounds, and whether only whole numbers are allowed. */
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
  /** text: longest accepted value after trimming (default 200). */
  readonly maxLength?: number;
  /** text: 'phone' values must pass validatePhone and are stored normalised. */
  readonly format?: 'phone';
  /** date: must not be earlier than the date in this other field, when both are given. */
  readonly notBefore?: string;
};

export type GroupType = {
  readonly key: string;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly fields: readonly ExtraFieldSpec[];
};

export type SpecialGroupCode = '01' | '02' | '03' | '04' | '05' | '06' | '07';

export type SpecialGroupType = GroupType & { readonly code: SpecialGroupCode };

export type CareGroupKey = 'elderly_alone' | 'disabled' | 'low_income' | 'left_behind_child';

const DEFAULT_MAX_LENGTH = 200;

function options(...entries: [key: string, labelZh: string, labelEn: string][]): readonly VocabularyEntry[] {
  return entries.map(([key, labelZh, labelEn]) => ({ key, labelZh, labelEn }));
}

const GUARDIAN_NAME: ExtraFieldSpec = {
  key: 'guardian_name',
  labelZh: '监护人姓名',
  labelEn: 'guardian name',
  type: 'text',
  required: true,
  maxLength: 50,
};

const GUARDIAN_PHONE: ExtraFieldSpec = {
  key: 'guardian_phone',
  labelZh: '监护人电话',
  labelEn: 'guardian phone',
  type: 'text',
  format: 'phone',
  required: false,
};

/** Special groups (特殊人群), codes 01–07, each with its own extra fields. */
export const SPECIAL_GROUP_TYPES: readonly SpecialGroupType[] = [
  {
    code: '01',
    key: 'released_prisoner',
    labelZh: '刑满释放人员',
    labelEn: 'released from prison',
    fields: [
      { key: 'release_date', labelZh: '释放日期', labelEn: 'release date', type: 'date', required: true },
      { key: 'original_crime', labelZh: '原罪名', labelEn: 'original crime', type: 'text', required: true },
      {
        key: 'sentence_term',
        labelZh: '原判刑期',
        labelEn: 'sentence term',
        type: 'text',
        required: true,
        maxLength: 50,
      },
      { key: 'prison', labelZh: '服刑场所', labelEn: 'place of imprisonment', type: 'text', required: false },
      { key: 'resettled', labelZh: '是否已安置', labelEn: 'resettled', type: 'boolean', required: true },
    ],
  },
  {
    code: '02',
    key: 'community_correction',
    labelZh: '社区矫正人员',
    labelEn: 'community correction',
    fields: [
      {
        key: 'correction_start',
        labelZh: '矫正开始日期',
        labelEn: 'correction start',
        type: 'date',
        required: true,
      },
      {
        key: 'correction_end',
        labelZh: '矫正结束日期',
        labelEn: 'correction end',
        type: 'date',
        required: true,
        notBefore: 'correction_start',
      },
      {
        key: 'correction_type',
        labelZh: '矫正类别',
        labelEn: 'correction type',
        type: 'enum',
        required: true,
        options: options(
          ['control', '管制', 'public surveillance'],
          ['probation', '缓刑', 'probation'],
          ['parole', '假释', 'parole'],
          ['temporary_outside', '暂予监外执行', 'temporary execution outside prison'],
        ),
      },
      {
        key: 'judicial_office',
        labelZh: '监管司法所',
        labelEn: 'supervising judicial office',
        type: 'text',
        required: true,
      },
    ],
  },
  {
    code: '03',
    key: 'severe_mental_disorder',
    labelZh: '严重精神障碍患者',
    labelEn: 'severe mental disorder',
    fields: [
      {
        key: 'risk_level',
        labelZh: '危险性评估等级',
        labelEn: 'risk level',
        type: 'number',
        required: true,
        min: 0,
        max: 5,
        integer: true,
      },
      GUARDIAN_NAME,
      { ...GUARDIAN_PHONE, required: true },
      {
        key: 'treatment_status',
        labelZh: '治疗情况',
        labelEn: 'treatment status',
        type: 'enum',
        required: true,
        options: options(
          ['untreated', '未治疗', 'untreated'],
          ['outpatient', '门诊治疗', 'outpatient treatment'],
          ['inpatient', '住院治疗', 'inpatient treatment'],
          ['community_rehab', '社区康复', 'community rehabilitation'],
        ),
      },
    ],
  },
  {
    code: '04',
    key: 'drug_user',
    labelZh: '吸毒人员',
    labelEn: 'drug users',
    fields: [
      {
        key: 'first_found_date',
        labelZh: '初次发现日期',
        labelEn: 'first found date',
        type: 'date',
        required: true,
      },
      {
        key: 'drug_type',
        labelZh: '毒品种类',
        labelEn: 'drug type',
        type: 'enum',
        required: true,
        options: options(
          ['heroin', '海洛因', 'heroin'],
          ['methamphetamine', '冰毒', 'methamphetamine'],
          ['ketamine', '氯胺酮', 'ketamine'],
          ['mdma', '摇头丸', 'MDMA (ecstasy)'],
          ['cannabis', '大麻', 'cannabis'],
          ['opium', '鸦片', 'opium'],
          ['other', '其他', 'other'],
        ),
      },
      {
        key: 'control_status',
        labelZh: '管控情况',
        labelEn: 'control status',
        type: 'enum',
        required: true,
        options: options(
          ['community_detox', '社区戒毒', 'community detoxification'],
          ['community_rehab', '社区康复', 'community rehabilitation'],
          ['compulsory_isolation', '强制隔离戒毒', 'compulsory isolated detoxification'],
          ['voluntary', '自愿戒毒', 'voluntary detoxification'],
          ['abstinent_3y', '戒断三年未复吸', 'abstinent for three years'],
          ['uncontrolled', '失控', 'out of contact'],
        ),
      },
    ],
  },
  {
    code: '05',
    key: 'hiv_high_risk',
    labelZh: '艾滋病危险人员',
    labelEn: 'HIV high-risk',
    fields: [
      {
        key: 'risk_behaviour',
        labelZh: '危险行为类型',
        labelEn: 'risk behaviour type',
        type: 'enum',
        required: true,
        options: options(
          ['injecting_drugs', '注射吸毒', 'injecting drug use'],
          ['commercial_sex', '商业性行为', 'commercial sex'],
          ['msm', '男男性行为', 'men who have sex with men'],
          ['blood', '血液传播风险', 'blood-borne exposure'],
          ['other', '其他', 'other'],
        ),
      },
    ],
  },
  {
    code: '06',
    key: 'key_youth',
    labelZh: '重点青少年',
    labelEn: 'key youth',
    fields: [
      {
        key: 'youth_type',
        labelZh: '人员类型',
        labelEn: 'youth type',
        type: 'enum',
        required: true,
        options: options(
          ['idle', '闲散青少年', 'idle youth'],
          ['bad_behaviour', '有不良行为青少年', 'youth with bad behaviour'],
          ['vagrant', '流浪乞讨青少年', 'vagrant or begging youth'],
          ['child_of_inmate', '服刑在教人员未成年子女', 'minor child of a prisoner or detainee'],
          ['rural_left_behind', '农村留守儿童', 'rural left-behind child'],
        ),
      },
      GUARDIAN_NAME,
      GUARDIAN_PHONE,
    ],
  },
  {
    code: '07',
    key: 'key_petitioner',
    labelZh: '重点上访人员',
    labelEn: 'key petitioners',
    fields: [
      {
        key: 'petition_matter',
        labelZh: '上访事由',
        labelEn: 'petition matter',
        type: 'text',
        required: true,
        maxLength: 500,
      },
      {
        key: 'petition_level',
        labelZh: '上访级别',
        labelEn: 'petition level',
        type: 'enum',
        required: true,
        options: options(
          ['street', '街道（乡镇）', 'street or town'],
          ['district', '区县', 'district or county'],
          ['city', '市级', 'city'],
          ['province', '省级', 'province'],
          ['national', '进京', 'Beijing (national)'],
        ),
      },
      { key: 'stable', labelZh: '是否稳控', labelEn: 'stable', type: 'boolean', required: true },
    ],
  },
];

/** Care groups (关爱人群) with their extra fields. */
export const CARE_GROUP_TYPES: readonly (GroupType & { readonly key: CareGroupKey })[] = [
  {
    key: 'elderly_alone',
    labelZh: '独居老人',
    labelEn: 'elderly living alone',
    fields: [
      {
        key: 'contact_name',
        labelZh: '紧急联系人',
        labelEn: 'emergency contact',
        type: 'text',
        required: false,
        maxLength: 50,
      },
      {
        key: 'contact_phone',
        labelZh: '紧急联系人电话',
        labelEn: 'emergency contact phone',
        type: 'text',
        format: 'phone',
        required: false,
      },
    ],
  },
  {
    key: 'disabled',
    labelZh: '残疾人',
    labelEn: 'disabled',
    fields: [
      {
        key: 'certificate_no',
        labelZh: '残疾人证号',
        labelEn: 'disability certificate no.',
        type: 'text',
        required: true,
        maxLength: 30,
      },
      {
        key: 'disability_type',
        labelZh: '残疾类别',
        labelEn: 'disability type',
        type: 'enum',
        required: true,
        options: options(
          ['visual', '视力残疾', 'visual'],
          ['hearing', '听力残疾', 'hearing'],
          ['speech', '言语残疾', 'speech'],
          ['physical', '肢体残疾', 'physical'],
          ['intellectual', '智力残疾', 'intellectual'],
          ['mental', '精神残疾', 'mental'],
          ['multiple', '多重残疾', 'multiple'],
        ),
      },
      {
        key: 'disability_grade',
        labelZh: '残疾等级',
        labelEn: 'disability grade',
        type: 'number',
        required: true,
        min: 1,
        max: 4,
        integer: true,
      },
    ],
  },
  {
    key: 'low_income',
    labelZh: '低保户',
    labelEn: 'low-income (minimum living allowance)',
    fields: [
      {
        key: 'certificate_no',
        labelZh: '低保证号',
        labelEn: 'allowance certificate no.',
        type: 'text',
        required: true,
        maxLength: 30,
      },
      {
        key: 'monthly_amount',
        labelZh: '月保障金额（元）',
        labelEn: 'monthly amount (yuan)',
        type: 'number',
        required: true,
        min: 0,
      },
    ],
  },
  {
    key: 'left_behind_child',
    labelZh: '留守儿童',
    labelEn: 'left-behind children',
    fields: [GUARDIAN_NAME, GUARDIAN_PHONE],
  },
];

export type AttentionLevel = 'normal' | 'medium' | 'serious';

/** Attention level of a special-group person, lowest first. */
export const ATTENTION_LEVELS: readonly (VocabularyEntry & { key: AttentionLevel })[] = [
  { key: 'normal', labelZh: '一般', labelEn: 'normal' },
  { key: 'medium', labelZh: '关注', labelEn: 'medium' },
  { key: 'serious', labelZh: '严重', labelEn: 'serious' },
];

export type HouseUse =
  | 'residential'
  | 'commercial'
  | 'mixed'
  | 'office'
  | 'industrial'
  | 'warehouse'
  | 'public'
  | 'other';

export const HOUSE_USES: readonly (VocabularyEntry & { key: HouseUse })[] = [
  { key: 'residential', labelZh: '住宅', labelEn: 'residential' },
  { key: 'commercial', labelZh: '商业', labelEn: 'commercial' },
  { key: 'mixed', labelZh: '商住两用', labelEn: 'mixed residential and commercial' },
  { key: 'office', labelZh: '办公', labelEn: 'office' },
  { key: 'industrial', labelZh: '工业厂房', labelEn: 'industrial' },
  { key: 'warehouse', labelZh: '仓储', labelEn: 'warehouse' },
  { key: 'public', labelZh: '公共设施', labelEn: 'public facility' },
  { key: 'other', labelZh: '其他', labelEn: 'other' },
];

export type HouseStructure =
  | 'steel'
  | 'steel_concrete'
  | 'reinforced_concrete'
  | 'mixed'
  | 'brick_wood'
  | 'other';

/** Building structures as the property survey classifies them (GB/T 17986.1). */
export const HOUSE_STRUCTURES: readonly (VocabularyEntry & { key: HouseStructure })[] = [
  { key: 'steel', labelZh: '钢结构', labelEn: 'steel' },
  { key: 'steel_concrete', labelZh: '钢和钢筋混凝土结构', labelEn: 'steel and reinforced concrete' },
  { key: 'reinforced_concrete', labelZh: '钢筋混凝土结构', labelEn: 'reinforced concrete' },
  { key: 'mixed', labelZh: '混合结构（砖混）', labelEn: 'mixed (brick and concrete)' },
  { key: 'brick_wood', labelZh: '砖木结构', labelEn: 'brick and wood' },
  { key: 'other', labelZh: '其他结构', labelEn: 'other' },
];

export type RentalHazardLevel = 'none' | 'general' | 'major';

/** Hazard level of a rented house, found on inspection. */
export const RENTAL_HAZARD_LEVELS: readonly (VocabularyEntry & { key: RentalHazardLevel })[] = [
  { key: 'none', labelZh: '无隐患', labelEn: 'no hazard' },
  { key: 'general', labelZh: '一般隐患', labelEn: 'general hazard' },
  { key: 'major', labelZh: '重大隐患', labelEn: 'major hazard' },
];

export type UnitKind = 'enterprise' | 'shop' | 'three_small' | 'school' | 'hospital' | 'social_org';

export const UNIT_KINDS: readonly (VocabularyEntry & { key: UnitKind })[] = [
  { key: 'enterprise', labelZh: '企业', labelEn: 'enterprise' },
  { key: 'shop', labelZh: '个体商户', labelEn: 'shop' },
  {
    key: 'three_small',
    labelZh: '三小场所',
    labelEn: '"three small" venue (small shop, restaurant or workshop)',
  },
  { key: 'school', labelZh: '学校', labelEn: 'school' },
  { key: 'hospital', labelZh: '医院', labelEn: 'hospital' },
  { key: 'social_org', labelZh: '社会组织', labelEn: 'social organisation' },
];

export type FireSafetyLevel = 'general' | 'key' | 'high_risk';

/** Fire-safety classes of units, least demanding first. */
export const FIRE_SAFETY_LEVELS: readonly (VocabularyEntry & { key: FireSafetyLevel })[] = [
  { key: 'general', labelZh: '一般单位', labelEn: 'general unit' },
  { key: 'key', labelZh: '消防安全重点单位', labelEn: 'key fire-safety unit' },
  { key: 'high_risk', labelZh: '火灾高危单位', labelEn: 'high fire-risk unit' },
];

export type PersonHouseLinkKind = 'owner' | 'tenant' | 'resident';

export const PERSON_HOUSE_LINK_KINDS: readonly (VocabularyEntry & { key: PersonHouseLinkKind })[] = [
  { key: 'owner', labelZh: '产权人', labelEn: 'owner' },
  { key: 'tenant', labelZh: '租户', labelEn: 'tenant' },
  { key: 'resident', labelZh: '居住', labelEn: 'lives here' },
];

export type ResidenceRole = 'registered' | 'floating' | 'overseas' | 'left_behind';

export const RESIDENCE_ROLES: readonly (VocabularyEntry & { key: ResidenceRole })[] = [
  { key: 'registered', labelZh: '户籍人口', labelEn: 'registered resident' },
  { key: 'floating', labelZh: '流动人口', labelEn: 'floating population' },
  { key: 'overseas', labelZh: '境外人员', labelEn: 'overseas' },
  { key: 'left_behind', labelZh: '留守人员', labelEn: 'left-behind' },
];

/** The special group with this code ('01'–'07'), or undefined. */
export function specialGroupType(code: string): SpecialGroupType | undefined {
  return SPECIAL_GROUP_TYPES.find((type) => type.code === code);
}

/** The care group with this key, or undefined. */
export function careGroupType(key: string): (GroupType & { readonly key: CareGroupKey }) | undefined {
  return CARE_GROUP_TYPES.find((type) => type.key === key);
}

/** Whether `key` is one of the entries of `vocabulary`. */
export function isVocabularyKey(vocabulary: readonly VocabularyEntry[], key: unknown): boolean {
  return typeof key === 'string' && vocabulary.some((entry) => entry.key === key);
}

export type ExtraFieldValue = string | number | boolean;

export type ExtraFieldsValidation =
  | { ok: true; values: Record<string, ExtraFieldValue> }
  | { ok: false; field: string; reason: string };

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

type FieldResult = { ok: true; value: ExtraFieldValue } | { ok: false; reason: string };

function checkField(spec: ExtraFieldSpec, raw: unknown): FieldResult {
  const zh = `“${spec.labelZh}”`;
  const en = spec.labelEn;
  switch (spec.type) {
    case 'text': {
      if (typeof raw !== 'string') return { ok: false, reason: `${zh}应为文字 (${en} must be text)` };
      const text = raw.trim();
      const max = spec.maxLength ?? DEFAULT_MAX_LENGTH;
      if (Array.from(text).length > max) {
        return { ok: false, reason: `${zh}不能超过 ${max} 个字 (${en} is longer than ${max} characters)` };
      }
      if (spec.format === 'phone') {
        const phone = validatePhone(text);
        if (!phone.ok) return { ok: false, reason: `${zh}：${phone.reason}` };
        return { ok: true, value: phone.normalized };
      }
      return { ok: true, value: text };
    }
    case 'date': {
      if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw.trim())) {
        return { ok: false, reason: `${zh}应为 YYYY-MM-DD 格式的日期 (${en} must be a date YYYY-MM-DD)` };
      }
      const text = raw.trim();
      if (!parseIsoDate(text))
        return { ok: false, reason: `${zh} ${text} 不是真实的日期 (${en} ${text} is not a real date)` };
      return { ok: true, value: text };
    }
    case 'enum': {
      const allowed = spec.options ?? [];
      if (typeof raw !== 'string' || !isVocabularyKey(allowed, raw.trim())) {
        const list = allowed.map((option) => option.key).join(', ');
        return { ok: false, reason: `${zh}不是可选的值 (${en} must be one of: ${list})` };
      }
      return { ok: true, value: raw.trim() };
    }
    case 'boolean': {
      if (typeof raw !== 'boolean')
        return { ok: false, reason: `${zh}应为是或否 (${en} must be true or false)` };
      return { ok: true, value: raw };
    }
    case 'number': {
      const number =
        typeof raw === 'number'
          ? raw
          : typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim())
            ? Number(raw.trim())
            : Number.NaN;
      if (!Number.isFinite(number)) return { ok: false, reason: `${zh}应为数字 (${en} must be a number)` };
      if (spec.integer && !Number.isInteger(number)) {
        return { ok: false, reason: `${zh}应为整数 (${en} must be a whole number)` };
      }
      const { min, max } = spec;
      if ((min !== undefined && number < min) || (max !== undefined && number > max)) {
        if (min !== undefined && max !== undefined) {
          return { ok: false, reason: `${zh}应在 ${min}–${max} 之间 (${en} must be within ${min}–${max})` };
        }
        return min !== undefined
          ? { ok: false, reason: `${zh}不能小于 ${min} (${en} must be at least ${min})` }
          : { ok: false, reason: `${zh}不能大于 ${max} (${en} must be at most ${max})` };
      }
      return { ok: true, value: number };
    }
  }
}

/**
 * Checks the extra fields of a group record against its spec: no unknown keys, required fields
 * present (undefined, null and blank strings count as absent), each value of its type — text
 * (trimmed, within maxLength, a valid phone where format is 'phone'), date YYYY-MM-DD of a real
 * day, enum one of the option keys, boolean true/false, number finite (numeric strings accepted)
 * within min/max and whole where integer — and dates not before their notBefore field. Returns
 * the cleaned values (absent optional fields left out) or the first field at fault.
 */
export function validateExtraFields(spec: readonly ExtraFieldSpec[], values: unknown): ExtraFieldsValidation {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    return { ok: false, field: '', reason: '附加信息应为对象 (extra fields must be an object)' };
  }
  const input = values as Record<string, unknown>;
  const known = new Set(spec.map((field) => field.key));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) return { ok: false, field: key, reason: `未知字段 ${key} (unknown field ${key})` };
  }
  const out: Record<string, ExtraFieldValue> = {};
  for (const field of spec) {
    const raw = input[field.key];
    if (isBlank(raw)) {
      if (field.required) {
        return {
          ok: false,
          field: field.key,
          reason: `“${field.labelZh}”为必填项 (${field.labelEn} is required)`,
        };
      }
      continue;
    }
    const result = checkField(field, raw);
    if (!result.ok) return { ok: false, field: field.key, reason: result.reason };
    out[field.key] = result.value;
  }
  for (const field of spec) {
    if (field.type !== 'date' || field.notBefore === undefined) continue;
    const value = out[field.key];
    const earlier = out[field.notBefore];
    if (typeof value === 'string' && typeof earlier === 'string' && value < earlier) {
      const other = spec.find((candidate) => candidate.key === field.notBefore);
      return {
        ok: false,
        field: field.key,
        reason: `“${field.labelZh}”不能早于“${other?.labelZh ?? field.notBefore}” (${field.labelEn} cannot be before ${other?.labelEn ?? field.notBefore})`,
      };
    }
  }
  return { ok: true, values: out };
}
