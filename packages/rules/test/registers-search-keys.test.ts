import { describe, expect, it } from 'vitest';
import * as rules from '../src/index.ts';
import { cjkBigrams, classifyQuery } from '../src/index.ts';

describe('cjkBigrams', () => {
  it('makes overlapping two-character grams', () => {
    expect(cjkBigrams('张伟')).toEqual(['张伟']);
    expect(cjkBigrams('科技园')).toEqual(['科技', '技园']);
    expect(cjkBigrams('华明街道')).toEqual(['华明', '明街', '街道']);
  });

  it('returns a single character as itself', () => {
    expect(cjkBigrams('张')).toEqual(['张']);
    expect(cjkBigrams('A')).toEqual(['a']);
    expect(cjkBigrams(' 张 ')).toEqual(['张']);
  });

  it('returns nothing for empty text or punctuation only', () => {
    expect(cjkBigrams('')).toEqual([]);
    expect(cjkBigrams('  ')).toEqual([]);
    expect(cjkBigrams('，。！-')).toEqual([]);
  });

  it('lower-cases, folds full-width forms, and mixes letters, digits and CJK', () => {
    expect(cjkBigrams('ABC')).toEqual(['ab', 'bc']);
    expect(cjkBigrams('ＡＢ１')).toEqual(['ab', 'b1']);
    expect(cjkBigrams('3栋2单元')).toEqual(['3栋', '栋2', '2单', '单元']);
    expect(cjkBigrams('Wi-Fi')).toEqual(['wi', 'fi']);
  });

  it('never crosses spaces or punctuation', () => {
    expect(cjkBigrams('张 伟')).toEqual(['张', '伟']);
    expect(cjkBigrams('幸福小区，3号楼')).toEqual(['幸福', '福小', '小区', '3号', '号楼']);
    expect(cjkBigrams('东丽区·华明')).toEqual(['东丽', '丽区', '华明']);
  });

  it('deduplicates in order of first appearance', () => {
    expect(cjkBigrams('哈哈哈')).toEqual(['哈哈']);
    expect(cjkBigrams('科技园 科技')).toEqual(['科技', '技园']);
    expect(cjkBigrams('abab')).toEqual(['ab', 'ba']);
  });

  it('keeps characters outside the basic plane whole', () => {
    expect(cjkBigrams('𠀀𠀁')).toEqual(['𠀀𠀁']);
    expect(cjkBigrams('𠀀')).toEqual(['𠀀']);
  });

  it('lets a query match the text it came from', () => {
    const indexed = new Set(cjkBigrams('天津市东丽区华明街道幸福社区'));
    for (const gram of cjkBigrams('华明街道')) expect(indexed.has(gram)).toBe(true);
  });
});

describe('classifyQuery', () => {
  it('takes 4 digits as the last 4 of a phone, or of an ID number', () => {
    expect(classifyQuery('5678')).toEqual({ kind: 'phone_last4', value: '5678', alsoIdSuffix: true });
    expect(classifyQuery(' ５６７８ ')).toEqual({ kind: 'phone_last4', value: '5678', alsoIdSuffix: true });
  });

  it('takes 3 digits and X as the end of an ID number', () => {
    expect(classifyQuery('002x')).toEqual({ kind: 'id_fragment', value: '002X' });
  });

  it('takes 6–8 digits as part of an ID number, reading 8 as a birth date when they can be', () => {
    expect(classifyQuery('110105')).toEqual({ kind: 'id_fragment', value: '110105' });
    expect(classifyQuery('1231002')).toEqual({ kind: 'id_fragment', value: '1231002' });
    expect(classifyQuery('19491231')).toEqual({
      kind: 'id_fragment',
      value: '19491231',
      birthDate: '1949-12-31',
    });
    expect(classifyQuery('20000229')).toEqual({
      kind: 'id_fragment',
      value: '20000229',
      birthDate: '2000-02-29',
    });
    expect(classifyQuery('19990229')).toEqual({ kind: 'id_fragment', value: '19990229' });
    expect(classifyQuery('31231002')).toEqual({ kind: 'id_fragment', value: '31231002' });
    expect(classifyQuery('231002X')).toEqual({ kind: 'id_fragment', value: '231002X' });
  });

  it('takes 18 characters as a whole ID number, saying whether it is valid', () => {
    expect(classifyQuery('11010519491231002x')).toEqual({
      kind: 'id_number',
      value: '11010519491231002X',
      valid: true,
    });
    expect(classifyQuery('110105 19491231 002X')).toEqual({
      kind: 'id_number',
      value: '11010519491231002X',
      valid: true,
    });
    expect(classifyQuery('110105194912310021')).toEqual({
      kind: 'id_number',
      value: '110105194912310021',
      valid: false,
    });
  });

  it('takes a whole phone number as a phone', () => {
    expect(classifyQuery('13812345678')).toEqual({
      kind: 'phone',
      value: '13812345678',
      phoneKind: 'mobile',
    });
    expect(classifyQuery('138 1234 5678')).toEqual({
      kind: 'phone',
      value: '13812345678',
      phoneKind: 'mobile',
    });
    expect(classifyQuery('+86 138-1234-5678')).toEqual({
      kind: 'phone',
      value: '13812345678',
      phoneKind: 'mobile',
    });
    expect(classifyQuery('010-62345678')).toEqual({
      kind: 'phone',
      value: '010-62345678',
      phoneKind: 'landline',
    });
  });

  it('takes other runs of digits as plain digits', () => {
    expect(classifyQuery('12345')).toEqual({ kind: 'digits', value: '12345' });
    expect(classifyQuery('123456789')).toEqual({ kind: 'digits', value: '123456789' });
    expect(classifyQuery('12345678901')).toEqual({ kind: 'digits', value: '12345678901' });
    // A 15-digit grid code, or an old 15-digit ID number: the caller decides.
    expect(classifyQuery('120110001001001')).toEqual({ kind: 'digits', value: '120110001001001' });
    expect(classifyQuery('1234567890123456789')).toEqual({ kind: 'digits', value: '1234567890123456789' });
  });

  it('takes everything else as text, with its bigrams', () => {
    expect(classifyQuery('张伟')).toEqual({ kind: 'text', value: '张伟', grams: ['张伟'] });
    expect(classifyQuery(' 科技园 ')).toEqual({ kind: 'text', value: '科技园', grams: ['科技', '技园'] });
    expect(classifyQuery('张')).toEqual({ kind: 'text', value: '张', grams: ['张'] });
    expect(classifyQuery('3栋')).toEqual({ kind: 'text', value: '3栋', grams: ['3栋'] });
    expect(classifyQuery('Wang')).toEqual({ kind: 'text', value: 'Wang', grams: ['wa', 'an', 'ng'] });
    expect(classifyQuery('12ab')).toMatchObject({ kind: 'text' });
  });

  it('takes a blank query as empty text', () => {
    expect(classifyQuery('')).toEqual({ kind: 'text', value: '', grams: [] });
    expect(classifyQuery('   ')).toEqual({ kind: 'text', value: '', grams: [] });
  });
});

describe('@wangge/rules entry point: registers', () => {
  it('exports the register API', () => {
    for (const name of [
      'validateIdNumber',
      'idNumberCheckChar',
      'upgradeIdNumber15',
      'ageOn',
      'ID_NUMBER_PROVINCE_CODES',
      'validateCreditCode',
      'creditCodeCheckChar',
      'organizationCodeCheckChar',
      'CREDIT_CODE_ALPHABET',
      'validatePhone',
      'SPECIAL_GROUP_TYPES',
      'CARE_GROUP_TYPES',
      'ATTENTION_LEVELS',
      'HOUSE_USES',
      'HOUSE_STRUCTURES',
      'RENTAL_HAZARD_LEVELS',
      'UNIT_KINDS',
      'FIRE_SAFETY_LEVELS',
      'PERSON_HOUSE_LINK_KINDS',
      'RESIDENCE_ROLES',
      'specialGroupType',
      'careGroupType',
      'isVocabularyKey',
      'validateExtraFields',
      'classifyQuery',
      'cjkBigrams',
    ]) {
      expect(rules, name).toHaveProperty(name);
    }
  });

  it('keeps its internal helpers private', () => {
    for (const name of [
      'toHalfWidth',
      'compactInput',
      'firstBadChar',
      'charLength',
      'parseIsoDate',
      'chinaDate',
    ]) {
      expect(rules, name).not.toHaveProperty(name);
    }
  });
});
