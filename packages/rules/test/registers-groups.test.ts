import { describe, expect, it } from 'vitest';
import {
  ATTENTION_LEVELS,
  CARE_GROUP_TYPES,
  careGroupType,
  type ExtraFieldSpec,
  type ExtraFieldsValidation,
  FIRE_SAFETY_LEVELS,
  HOUSE_STRUCTURES,
  HOUSE_USES,
  isVocabularyKey,
  PERSON_HOUSE_LINK_KINDS,
  RENTAL_HAZARD_LEVELS,
  RESIDENCE_ROLES,
  SPECIAL_GROUP_TYPES,
  specialGroupType,
  UNIT_KINDS,
  type VocabularyEntry,
  validateExtraFields,
} from '../src/index.ts';

const CJK = /[\u4e00-\u9fff]/;

function expectWellFormed(vocabulary: readonly VocabularyEntry[]): void {
  expect(vocabulary.length).toBeGreaterThan(0);
  expect(new Set(vocabulary.map((entry) => entry.key)).size).toBe(vocabulary.length);
  for (const entry of vocabulary) {
    expect(entry.key).toMatch(/^[a-z0-9_]+$/);
    expect(entry.labelZh, entry.key).toMatch(CJK);
    expect(entry.labelEn, entry.key).toMatch(/^[\x20-\x7e]+$/);
  }
}

function expectFieldsWellFormed(fields: readonly ExtraFieldSpec[]): void {
  expect(new Set(fields.map((field) => field.key)).size).toBe(fields.length);
  for (const field of fields) {
    expect(field.key).toMatch(/^[a-z0-9_]+$/);
    expect(field.labelZh, field.key).toMatch(CJK);
    expect(field.labelEn.length, field.key).toBeGreaterThan(0);
    expect(['text', 'date', 'enum', 'boolean', 'number']).toContain(field.type);
    expect(typeof field.required).toBe('boolean');
    if (field.type === 'enum') expectWellFormed(field.options ?? []);
    else expect(field.options, field.key).toBeUndefined();
    if (field.notBefore !== undefined) {
      expect(field.type).toBe('date');
      expect(fields.find((other) => other.key === field.notBefore)?.type).toBe('date');
    }
  }
}

function failure(result: ExtraFieldsValidation): { field: string; reason: string } {
  if (result.ok) throw new Error(`expected failure, got ${JSON.stringify(result.values)}`);
  return { field: result.field, reason: result.reason };
}

function fieldsOf(code: string): readonly ExtraFieldSpec[] {
  const type = specialGroupType(code);
  if (!type) throw new Error(`no special group ${code}`);
  return type.fields;
}

describe('SPECIAL_GROUP_TYPES', () => {
  it('lists the seven special groups, codes 01–07, in order', () => {
    expect(SPECIAL_GROUP_TYPES.map((type) => [type.code, type.labelZh])).toEqual([
      ['01', '刑满释放人员'],
      ['02', '社区矫正人员'],
      ['03', '严重精神障碍患者'],
      ['04', '吸毒人员'],
      ['05', '艾滋病危险人员'],
      ['06', '重点青少年'],
      ['07', '重点上访人员'],
    ]);
    expect(SPECIAL_GROUP_TYPES.map((type) => type.labelEn)).toEqual([
      'released from prison',
      'community correction',
      'severe mental disorder',
      'drug users',
      'HIV high-risk',
      'key youth',
      'key petitioners',
    ]);
    expectWellFormed(SPECIAL_GROUP_TYPES);
  });

  it('gives every group well-formed extra fields', () => {
    for (const type of SPECIAL_GROUP_TYPES) {
      expect(type.fields.length, type.code).toBeGreaterThan(0);
      expectFieldsWellFormed(type.fields);
    }
  });

  it('carries the fields each group needs', () => {
    const keys = (code: string) => fieldsOf(code).map((field) => field.key);
    expect(keys('01')).toEqual(
      expect.arrayContaining(['release_date', 'original_crime', 'sentence_term', 'resettled']),
    );
    expect(keys('02')).toEqual(
      expect.arrayContaining(['correction_start', 'correction_end', 'correction_type', 'judicial_office']),
    );
    expect(keys('03')).toEqual(
      expect.arrayContaining(['risk_level', 'guardian_name', 'guardian_phone', 'treatment_status']),
    );
    expect(keys('04')).toEqual(expect.arrayContaining(['first_found_date', 'drug_type', 'control_status']));
    expect(keys('05')).toEqual(['risk_behaviour']);
    expect(keys('06')).toEqual(expect.arrayContaining(['youth_type', 'guardian_name']));
    expect(keys('07')).toEqual(expect.arrayContaining(['petition_matter', 'petition_level', 'stable']));
  });

  it('lists the four kinds of community correction and the five kinds of key youth', () => {
    const labels = (code: string, key: string) =>
      fieldsOf(code)
        .find((field) => field.key === key)
        ?.options?.map((option) => option.labelZh);
    expect(labels('02', 'correction_type')).toEqual(['管制', '缓刑', '假释', '暂予监外执行']);
    expect(labels('06', 'youth_type')).toEqual([
      '闲散青少年',
      '有不良行为青少年',
      '流浪乞讨青少年',
      '服刑在教人员未成年子女',
      '农村留守儿童',
    ]);
  });

  it('bounds the risk level of severe mental disorder to whole numbers 0–5', () => {
    const risk = fieldsOf('03').find((field) => field.key === 'risk_level');
    expect(risk).toMatchObject({ type: 'number', min: 0, max: 5, integer: true, required: true });
  });

  it('is found by code', () => {
    expect(specialGroupType('03')?.key).toBe('severe_mental_disorder');
    expect(specialGroupType('08')).toBeUndefined();
    expect(specialGroupType('3')).toBeUndefined();
  });
});

describe('CARE_GROUP_TYPES', () => {
  it('lists the four care groups with their fields', () => {
    expect(CARE_GROUP_TYPES.map((type) => [type.key, type.labelZh])).toEqual([
      ['elderly_alone', '独居老人'],
      ['disabled', '残疾人'],
      ['low_income', '低保户'],
      ['left_behind_child', '留守儿童'],
    ]);
    expectWellFormed(CARE_GROUP_TYPES);
    for (const type of CARE_GROUP_TYPES) expectFieldsWellFormed(type.fields);
    expect(careGroupType('disabled')?.fields.map((field) => field.key)).toEqual([
      'certificate_no',
      'disability_type',
      'disability_grade',
    ]);
    expect(careGroupType('low_income')?.fields.map((field) => field.key)).toEqual([
      'certificate_no',
      'monthly_amount',
    ]);
    expect(careGroupType('left_behind_child')?.fields.map((field) => field.key)).toContain('guardian_name');
    expect(careGroupType('nobody')).toBeUndefined();
  });

  it('grades disability 1–4 across the seven categories', () => {
    const fields = careGroupType('disabled')!.fields;
    expect(fields.find((field) => field.key === 'disability_grade')).toMatchObject({
      min: 1,
      max: 4,
      integer: true,
    });
    expect(fields.find((field) => field.key === 'disability_type')?.options).toHaveLength(7);
  });
});

describe('vocabularies', () => {
  it('are well formed', () => {
    for (const vocabulary of [
      ATTENTION_LEVELS,
      HOUSE_USES,
      HOUSE_STRUCTURES,
      RENTAL_HAZARD_LEVELS,
      UNIT_KINDS,
      FIRE_SAFETY_LEVELS,
      PERSON_HOUSE_LINK_KINDS,
      RESIDENCE_ROLES,
    ]) {
      expectWellFormed(vocabulary);
    }
  });

  it('hold the keys and labels the registers use', () => {
    expect(ATTENTION_LEVELS.map((level) => [level.key, level.labelZh])).toEqual([
      ['normal', '一般'],
      ['medium', '关注'],
      ['serious', '严重'],
    ]);
    expect(UNIT_KINDS.map((kind) => kind.key)).toEqual([
      'enterprise',
      'shop',
      'three_small',
      'school',
      'hospital',
      'social_org',
    ]);
    expect(UNIT_KINDS.find((kind) => kind.key === 'three_small')?.labelZh).toBe('三小场所');
    expect(PERSON_HOUSE_LINK_KINDS.map((kind) => [kind.key, kind.labelZh])).toEqual([
      ['owner', '产权人'],
      ['tenant', '租户'],
      ['resident', '居住'],
    ]);
    expect(RESIDENCE_ROLES.map((role) => role.key)).toEqual([
      'registered',
      'floating',
      'overseas',
      'left_behind',
    ]);
    expect(RESIDENCE_ROLES.map((role) => role.labelZh.slice(0, 2))).toEqual(['户籍', '流动', '境外', '留守']);
    expect(HOUSE_USES.map((use) => use.key)).toContain('residential');
    expect(HOUSE_STRUCTURES.map((structure) => structure.key)).toContain('brick_wood');
    expect(RENTAL_HAZARD_LEVELS.map((level) => level.key)).toEqual(['none', 'general', 'major']);
    expect(FIRE_SAFETY_LEVELS.map((level) => level.key)).toEqual(['general', 'key', 'high_risk']);
  });

  it('answer membership', () => {
    expect(isVocabularyKey(ATTENTION_LEVELS, 'serious')).toBe(true);
    expect(isVocabularyKey(ATTENTION_LEVELS, '严重')).toBe(false);
    expect(isVocabularyKey(ATTENTION_LEVELS, undefined)).toBe(false);
    expect(isVocabularyKey(UNIT_KINDS, 'three_small')).toBe(true);
  });
});

describe('validateExtraFields', () => {
  const released = fieldsOf('01');
  const correction = fieldsOf('02');
  const mental = fieldsOf('03');

  it('accepts a complete record and returns cleaned values', () => {
    expect(
      validateExtraFields(released, {
        release_date: '2023-05-01',
        original_crime: ' 盗窃罪 ',
        sentence_term: '3年6个月',
        resettled: true,
      }),
    ).toEqual({
      ok: true,
      values: {
        release_date: '2023-05-01',
        original_crime: '盗窃罪',
        sentence_term: '3年6个月',
        resettled: true,
      },
    });
  });

  it('leaves out absent optional fields, and treats null and blank strings as absent', () => {
    const result = validateExtraFields(released, {
      release_date: '2023-05-01',
      original_crime: '盗窃罪',
      sentence_term: '1年',
      resettled: false,
      prison: '  ',
    });
    expect(result).toEqual({
      ok: true,
      values: {
        release_date: '2023-05-01',
        original_crime: '盗窃罪',
        sentence_term: '1年',
        resettled: false,
      },
    });
    const youth = validateExtraFields(fieldsOf('06'), {
      youth_type: 'idle',
      guardian_name: '王芳',
      guardian_phone: null,
    });
    expect(youth.ok).toBe(true);
  });

  it('names a missing required field', () => {
    expect(failure(validateExtraFields(released, { release_date: '2023-05-01' }))).toEqual({
      field: 'original_crime',
      reason: '“原罪名”为必填项 (original crime is required)',
    });
    expect(
      failure(validateExtraFields(released, { original_crime: '', release_date: '2023-05-01' })).field,
    ).toBe('original_crime');
    expect(failure(validateExtraFields(fieldsOf('05'), {})).field).toBe('risk_behaviour');
  });

  it('refuses unknown fields and values that are not an object', () => {
    expect(failure(validateExtraFields(fieldsOf('05'), { risk_behaviour: 'msm', note: 'x' }))).toEqual({
      field: 'note',
      reason: '未知字段 note (unknown field note)',
    });
    for (const values of [null, undefined, 'x', 3, ['a']]) {
      expect(failure(validateExtraFields(fieldsOf('05'), values)).field).toBe('');
    }
  });

  it('checks dates: format, real day, and not before their partner', () => {
    const base = { correction_type: 'probation', judicial_office: '东丽区司法局华明司法所' };
    expect(
      validateExtraFields(correction, {
        ...base,
        correction_start: '2024-01-01',
        correction_end: '2024-12-31',
      }).ok,
    ).toBe(true);
    expect(
      validateExtraFields(correction, {
        ...base,
        correction_start: '2024-01-01',
        correction_end: '2024-01-01',
      }).ok,
    ).toBe(true);
    expect(
      failure(
        validateExtraFields(correction, {
          ...base,
          correction_start: '2024/01/01',
          correction_end: '2024-12-31',
        }),
      ),
    ).toEqual({
      field: 'correction_start',
      reason: '“矫正开始日期”应为 YYYY-MM-DD 格式的日期 (correction start must be a date YYYY-MM-DD)',
    });
    expect(
      failure(
        validateExtraFields(correction, {
          ...base,
          correction_start: '2023-02-29',
          correction_end: '2024-12-31',
        }),
      ),
    ).toEqual({
      field: 'correction_start',
      reason: '“矫正开始日期” 2023-02-29 不是真实的日期 (correction start 2023-02-29 is not a real date)',
    });
    expect(
      validateExtraFields(correction, {
        ...base,
        correction_start: '2024-02-29',
        correction_end: '2024-12-31',
      }).ok,
    ).toBe(true);
    expect(
      failure(
        validateExtraFields(correction, {
          ...base,
          correction_start: 20240101,
          correction_end: '2024-12-31',
        }),
      ).field,
    ).toBe('correction_start');
    expect(
      failure(
        validateExtraFields(correction, {
          ...base,
          correction_start: '2024-06-01',
          correction_end: '2024-05-31',
        }),
      ),
    ).toEqual({
      field: 'correction_end',
      reason: '“矫正结束日期”不能早于“矫正开始日期” (correction end cannot be before correction start)',
    });
  });

  it('checks enum membership by key', () => {
    const base = {
      correction_start: '2024-01-01',
      correction_end: '2024-12-31',
      judicial_office: '华明司法所',
    };
    for (const type of ['control', 'probation', 'parole', 'temporary_outside']) {
      expect(validateExtraFields(correction, { ...base, correction_type: type }).ok, type).toBe(true);
    }
    expect(failure(validateExtraFields(correction, { ...base, correction_type: '缓刑' }))).toEqual({
      field: 'correction_type',
      reason:
        '“矫正类别”不是可选的值 (correction type must be one of: control, probation, parole, temporary_outside)',
    });
    expect(failure(validateExtraFields(correction, { ...base, correction_type: 1 })).field).toBe(
      'correction_type',
    );
  });

  it('checks numbers: type, whole, bounds; numeric strings are accepted', () => {
    const base = { guardian_name: '李明', guardian_phone: '13812345678', treatment_status: 'outpatient' };
    for (const level of [0, 1, 2, 3, 4, 5]) {
      expect(validateExtraFields(mental, { ...base, risk_level: level }).ok, String(level)).toBe(true);
    }
    const fromString = validateExtraFields(mental, { ...base, risk_level: ' 3 ' });
    expect(fromString.ok && fromString.values.risk_level).toBe(3);
    expect(failure(validateExtraFields(mental, { ...base, risk_level: 6 }))).toEqual({
      field: 'risk_level',
      reason: '“危险性评估等级”应在 0–5 之间 (risk level must be within 0–5)',
    });
    expect(failure(validateExtraFields(mental, { ...base, risk_level: -1 })).reason).toContain('within 0–5');
    expect(failure(validateExtraFields(mental, { ...base, risk_level: 2.5 })).reason).toBe(
      '“危险性评估等级”应为整数 (risk level must be a whole number)',
    );
    for (const bad of ['三', 'NaN', Number.NaN, Number.POSITIVE_INFINITY, true, '1e3']) {
      expect(
        failure(validateExtraFields(mental, { ...base, risk_level: bad })).reason,
        String(bad),
      ).toContain('must be a number');
    }
    const low = careGroupType('low_income')!.fields;
    const amount = validateExtraFields(low, { certificate_no: 'DB2024001', monthly_amount: '865.5' });
    expect(amount.ok && amount.values.monthly_amount).toBe(865.5);
    expect(failure(validateExtraFields(low, { certificate_no: 'DB2024001', monthly_amount: -1 }))).toEqual({
      field: 'monthly_amount',
      reason: '“月保障金额（元）”不能小于 0 (monthly amount (yuan) must be at least 0)',
    });
    const capped: ExtraFieldSpec[] = [
      { key: 'n', labelZh: '数量', labelEn: 'count', type: 'number', required: true, max: 9 },
    ];
    expect(failure(validateExtraFields(capped, { n: 10 })).reason).toBe(
      '“数量”不能大于 9 (count must be at most 9)',
    );
    expect(validateExtraFields(capped, { n: -10 }).ok).toBe(true);
  });

  it('checks booleans strictly', () => {
    const base = { release_date: '2023-05-01', original_crime: '盗窃罪', sentence_term: '1年' };
    for (const bad of ['true', 1, 0, 'yes']) {
      expect(failure(validateExtraFields(released, { ...base, resettled: bad }))).toEqual({
        field: 'resettled',
        reason: '“是否已安置”应为是或否 (resettled must be true or false)',
      });
    }
  });

  it('checks text: type, length, and phone format with normalisation', () => {
    const base = { risk_level: 2, treatment_status: 'inpatient' };
    const ok = validateExtraFields(mental, {
      ...base,
      guardian_name: '李明',
      guardian_phone: '+86 138-1234-5678',
    });
    expect(ok.ok && ok.values.guardian_phone).toBe('13812345678');
    const bad = failure(
      validateExtraFields(mental, { ...base, guardian_name: '李明', guardian_phone: '12345' }),
    );
    expect(bad.field).toBe('guardian_phone');
    expect(bad.reason).toMatch(/^“监护人电话”：手机号码应为 11 位/);
    expect(
      failure(validateExtraFields(mental, { ...base, guardian_name: 42, guardian_phone: '13812345678' })),
    ).toEqual({ field: 'guardian_name', reason: '“监护人姓名”应为文字 (guardian name must be text)' });
    expect(
      failure(
        validateExtraFields(mental, {
          ...base,
          guardian_name: '李'.repeat(51),
          guardian_phone: '13812345678',
        }),
      ),
    ).toEqual({
      field: 'guardian_name',
      reason: '“监护人姓名”不能超过 50 个字 (guardian name is longer than 50 characters)',
    });
    expect(
      validateExtraFields(mental, { ...base, guardian_name: '李'.repeat(50), guardian_phone: '13812345678' })
        .ok,
    ).toBe(true);
  });

  it('validates the care groups too', () => {
    const disabled = careGroupType('disabled')!.fields;
    expect(
      validateExtraFields(disabled, {
        certificate_no: '11010519491231002X44',
        disability_type: 'physical',
        disability_grade: 4,
      }).ok,
    ).toBe(true);
    expect(
      failure(
        validateExtraFields(disabled, {
          certificate_no: 'x',
          disability_type: 'physical',
          disability_grade: 5,
        }),
      ).field,
    ).toBe('disability_grade');
    expect(validateExtraFields(careGroupType('elderly_alone')!.fields, {})).toEqual({ ok: true, values: {} });
  });

  it('accepts an empty spec only with no values', () => {
    expect(validateExtraFields([], {})).toEqual({ ok: true, values: {} });
    expect(failure(validateExtraFields([], { a: 1 })).field).toBe('a');
  });
});
