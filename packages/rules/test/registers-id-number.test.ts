import { describe, expect, it } from 'vitest';
import {
  ageOn,
  ID_NUMBER_PROVINCE_CODES,
  type IdNumberValidation,
  idNumberCheckChar,
  upgradeIdNumber15,
  validateIdNumber,
} from '../src/index.ts';

// Fixed "now" for the future-date rule: 2024-06-01 12:00 in China.
const TODAY = new Date('2024-06-01T04:00:00Z');

function check(value: string, today = TODAY): IdNumberValidation {
  return validateIdNumber(value, { today });
}

function reasonOf(value: string, today = TODAY): string {
  const result = check(value, today);
  if (result.ok) throw new Error(`expected ${value} to be invalid`);
  return result.reason;
}

/** A full number from its first 17 digits, with the right check character. */
function withCheck(first17: string): string {
  return first17 + idNumberCheckChar(first17);
}

/** Reasons are Chinese first, with the English in brackets after. */
function expectBilingual(reason: string): void {
  expect(reason).toMatch(/^[^(]*[\u4e00-\u9fff][^(]* \(.+\)$/s);
}

// Published examples: the example of GB 11643-1999 itself and numbers from python-stdnum's tests.
const PUBLISHED = [
  '11010519491231002X',
  '360426199101010071',
  '44011320141005001X',
  '110102199101010078',
  '412723199010050012',
  '120110198012010073',
];

describe('idNumberCheckChar', () => {
  it('matches the published numbers', () => {
    for (const id of PUBLISHED) expect(idNumberCheckChar(id.slice(0, 17)), id).toBe(id[17]);
    // GB 11643's second example, born 1880: its check character is right even though we refuse the date.
    expect(idNumberCheckChar('44052418800101001')).toBe('4');
  });

  it('maps every remainder 0–10 through 10X98765432', () => {
    // Changing the sequence digit at position 16 (weight 4) walks the weighted sum through all remainders.
    const seen = new Set<string>();
    for (let sequence = 0; sequence < 1000; sequence++) {
      seen.add(idNumberCheckChar(`11010519900101${String(sequence).padStart(3, '0')}`));
    }
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
    // Weighted sums 0, 2 and 7 → remainders 0, 2, 7 → '1', 'X', '5'.
    expect(idNumberCheckChar('00000000000000000')).toBe('1');
    expect(idNumberCheckChar('00000000000000001')).toBe('X');
    expect(idNumberCheckChar('10000000000000000')).toBe('5');
  });

  it('refuses anything but 17 digits', () => {
    expect(() => idNumberCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => idNumberCheckChar('110105194912310021')).toThrow(RangeError);
    expect(() => idNumberCheckChar('1101051949123100X')).toThrow(RangeError);
    expect(() => idNumberCheckChar('')).toThrow(RangeError);
  });
});

describe('validateIdNumber: valid numbers', () => {
  it('accepts the published numbers and reads birth date, gender and region', () => {
    for (const id of PUBLISHED) expect(check(id).ok, id).toBe(true);
    expect(check('11010519491231002X')).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
      regionCode: '110105',
    });
    expect(check('360426199101010071')).toEqual({
      ok: true,
      normalized: '360426199101010071',
      birthDate: '1991-01-01',
      gender: 'male',
      regionCode: '360426',
    });
  });

  it('normalises a lower-case x, spaces and full-width characters', () => {
    for (const input of [
      '44011320141005001x',
      ' 44011320141005001X ',
      '440113 20141005 001x',
      '４４０１１３２０１４１００５００１ｘ',
      '440113\u300020141005001X',
    ]) {
      const result = check(input);
      expect(result.ok, input).toBe(true);
      if (result.ok) expect(result.normalized).toBe('44011320141005001X');
    }
  });

  it('reads gender from the 17th digit: odd male, even female', () => {
    for (let digit = 0; digit <= 9; digit++) {
      const result = check(withCheck(`1101051990010100${digit}`));
      expect(result.ok && result.gender).toBe(digit % 2 === 1 ? 'male' : 'female');
    }
  });

  it('accepts every province prefix, and Hong Kong, Macao and Taiwan residence permits', () => {
    expect(ID_NUMBER_PROVINCE_CODES).toHaveLength(35);
    for (const province of ID_NUMBER_PROVINCE_CODES) {
      const result = check(withCheck(`${province}0102199001010011`.slice(0, 17)));
      expect(result.ok, province).toBe(true);
    }
    for (const permit of ['810000', '820000', '830000']) {
      const result = check(withCheck(`${permit}19900101002`));
      expect(result.ok && result.regionCode).toBe(permit);
    }
  });

  it('accepts 29 February in leap years, including 2000', () => {
    for (const date of ['20000229', '19960229', '20040229', '20240229']) {
      expect(check(withCheck(`110105${date}001`)).ok, date).toBe(true);
    }
    const result = check(withCheck('11010520000229001'));
    expect(result.ok && result.birthDate).toBe('2000-02-29');
  });

  it('accepts 1 January 1900 and a birth today (in China, UTC+8)', () => {
    expect(check(withCheck('11010519000101001')).ok).toBe(true);
    expect(check(withCheck('11010520240601001')).ok).toBe(true);
    // 2024-06-01 16:30 UTC is already 2 June in China.
    const lateEvening = new Date('2024-06-01T16:30:00Z');
    expect(check(withCheck('11010520240602001'), lateEvening).ok).toBe(true);
  });

  it('uses the current date when no today is given', () => {
    expect(validateIdNumber('11010519491231002X').ok).toBe(true);
    expect(validateIdNumber(withCheck('11010521000101001')).ok).toBe(false);
  });
});

describe('validateIdNumber: invalid numbers', () => {
  it('refuses an empty value', () => {
    expect(reasonOf('')).toContain('empty');
    expect(reasonOf('   ')).toContain('为空');
  });

  it('names the wrong length', () => {
    expect(reasonOf('11010519491231002')).toBe(
      '身份证号码应为 18 位，实为 17 位 (an ID number has 18 characters, got 17)',
    );
    expect(reasonOf('11010519491231002X1')).toContain('got 19');
    expect(reasonOf('1101')).toContain('实为 4 位');
    // An emoji counts as one character, not two UTF-16 units.
    expect(reasonOf('1101051949123100😀')).toContain('got 17');
  });

  it('names the first character that is not a digit', () => {
    expect(reasonOf('1101A519491231002X')).toBe(
      "第 5 位“A”不是数字，前 17 位只能是数字 (character 5 'A' is not a digit; the first 17 must be digits)",
    );
    expect(reasonOf('X1010519491231002X')).toContain("character 1 'X'");
    expect(reasonOf('1101051949123100X2')).toContain("character 17 'X'");
    expect(reasonOf('11010519491231002Y')).toBe(
      "第 18 位“Y”应为数字或 X (the 18th character must be a digit or X, got 'Y')",
    );
    expect(reasonOf('11010519491231002-')).toContain('digit or X');
    expect(reasonOf('11010519491231002😀')).toContain('😀');
  });

  it('names a province prefix that does not exist', () => {
    for (const province of [
      '00',
      '10',
      '16',
      '20',
      '24',
      '30',
      '38',
      '40',
      '47',
      '49',
      '55',
      '60',
      '66',
      '70',
      '72',
      '80',
      '84',
    ]) {
      const id = withCheck(`${province}010519900101001`);
      expect(reasonOf(id), province).toContain(`province prefix ${province} is not a real province`);
    }
    expect(reasonOf(withCheck('99010519900101001'))).toContain('foreign permanent residence ID');
    expect(reasonOf(withCheck('24010519900101001'))).toBe(
      '地区代码 240105 的省级代码 24 不存在 (region code 240105: province prefix 24 is not a real province)',
    );
  });

  it('refuses the 2023 foreign permanent residence ID numbers, which begin with 9', () => {
    const reason = reasonOf(withCheck('93115619900101001'));
    expect(reason).toContain('外国人永久居留身份证');
    expect(reason).toContain('not a resident identity number');
  });

  it('refuses 29 February in common years, including 1900 and 2100', () => {
    for (const date of ['19990229', '20230229', '19000229', '19010229']) {
      expect(reasonOf(withCheck(`110105${date}001`)), date).toBe(
        `出生日期 ${date} 不是真实的日期 (birth date ${date} is not a real calendar date)`,
      );
    }
  });

  it('refuses impossible months and days', () => {
    for (const date of [
      '19901301',
      '19900001',
      '19900100',
      '19900431',
      '19900631',
      '19900932',
      '19901131',
      '19900230',
    ]) {
      expect(reasonOf(withCheck(`110105${date}001`)), date).toContain('not a real calendar date');
    }
  });

  it('refuses a birth date in the future', () => {
    expect(reasonOf(withCheck('11010520240602001'))).toBe(
      '出生日期 2024-06-02 晚于今天 (birth date 2024-06-02 is in the future)',
    );
    expect(reasonOf(withCheck('11010530000101001'))).toContain('in the future');
  });

  it('refuses a birth date before 1900', () => {
    expect(reasonOf(withCheck('11010518991231001'))).toBe(
      '出生日期 1899-12-31 早于 1900 年 (birth date 1899-12-31 is before 1900)',
    );
    expect(reasonOf('440524188001010014')).toContain('before 1900');
  });

  it('names the expected check character', () => {
    expect(reasonOf('110105194912310021')).toBe(
      '校验码错误：第 18 位应为 X，实为 1 (wrong check character: the 18th character should be X, got 1)',
    );
    expect(reasonOf('36042619910101007X')).toContain('should be 1, got X');
    expect(reasonOf('36042619910102009X')).toContain('wrong check character');
  });

  it('catches every single wrong digit and every swap of neighbouring digits', () => {
    for (const id of PUBLISHED) {
      for (let position = 0; position < 17; position++) {
        for (let digit = 0; digit <= 9; digit++) {
          if (String(digit) === id[position]) continue;
          const typo = id.slice(0, position) + digit + id.slice(position + 1);
          expect(check(typo).ok, typo).toBe(false);
        }
        const a = id[position]!;
        const b = id[position + 1]!;
        if (a === b) continue;
        const swapped = id.slice(0, position) + b + a + id.slice(position + 2);
        expect(check(swapped).ok, swapped).toBe(false);
      }
    }
  });

  it('refuses a 15-digit number and names its 18-digit form', () => {
    expect(reasonOf('110105491231002')).toBe(
      '这是 15 位第一代身份证号码，请升级为 18 位：11010519491231002X (a 15-digit first-generation number; upgrade it to its 18-digit form 11010519491231002X)',
    );
    // When the upgrade itself fails, the reason says why.
    expect(reasonOf('990105491231002')).toContain('foreign permanent');
    expect(reasonOf('110105490231002')).toContain('19490231');
  });

  it('writes every reason Chinese first, English in brackets', () => {
    for (const value of [
      '',
      '123',
      '1101A519491231002X',
      '11010519491231002Y',
      withCheck('24010519900101001'),
      withCheck('93115619900101001'),
      withCheck('11010519990229001'),
      withCheck('11010530000101001'),
      withCheck('11010518991231001'),
      '110105194912310021',
      '110105491231002',
    ]) {
      expectBilingual(reasonOf(value));
    }
  });
});

describe('upgradeIdNumber15', () => {
  it('inserts 19 and appends the check character', () => {
    expect(upgradeIdNumber15('110105491231002', { today: TODAY })).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
      regionCode: '110105',
    });
    const result = upgradeIdNumber15(' 360426 910101 007 ');
    expect(result.ok && result.normalized).toBe('360426199101010071');
    expect(upgradeIdNumber15('１１０１０５４９１２３１００２').ok).toBe(true);
  });

  it('refuses what is not 15 digits', () => {
    const short = upgradeIdNumber15('11010549123100');
    expect(!short.ok && short.reason).toBe(
      '第一代身份证号码应为 15 位，实为 14 位 (a first-generation ID number has 15 digits, got 14)',
    );
    const long = upgradeIdNumber15('11010519491231002X');
    expect(!long.ok && long.reason).toContain('got 18');
    const letter = upgradeIdNumber15('11010549123100X');
    expect(!letter.ok && letter.reason).toContain("character 15 'X' is not a digit");
  });

  it('checks region and birth date of the result', () => {
    const region = upgradeIdNumber15('240105491231002');
    expect(!region.ok && region.reason).toContain('province prefix 24');
    const date = upgradeIdNumber15('110105490229002');
    expect(!date.ok && date.reason).toContain('birth date 19490229 is not a real calendar date');
    expect(upgradeIdNumber15('110105480229002').ok).toBe(true);
  });
});

describe('ageOn', () => {
  it('counts full years, going up on the birthday', () => {
    expect(ageOn('1990-06-15', new Date('2024-06-14'))).toBe(33);
    expect(ageOn('1990-06-15', new Date('2024-06-15'))).toBe(34);
    expect(ageOn('1990-06-15', new Date('2024-12-31'))).toBe(34);
    expect(ageOn('1990-06-15', new Date('1990-06-15'))).toBe(0);
    expect(ageOn('1990-06-15', new Date('1991-06-14'))).toBe(0);
    expect(ageOn('1949-12-31', new Date('2024-01-01'))).toBe(74);
  });

  it('turns someone born on 29 February a year older on 1 March in common years', () => {
    expect(ageOn('2000-02-29', new Date('2023-02-28'))).toBe(22);
    expect(ageOn('2000-02-29', new Date('2023-03-01'))).toBe(23);
    expect(ageOn('2000-02-29', new Date('2024-02-28'))).toBe(23);
    expect(ageOn('2000-02-29', new Date('2024-02-29'))).toBe(24);
  });

  it('measures on the calendar day in China', () => {
    // 2024-06-14 16:00 UTC is already 15 June in China: the birthday.
    expect(ageOn('1990-06-15', new Date('2024-06-14T16:00:00Z'))).toBe(34);
    expect(ageOn('1990-06-15', new Date('2024-06-14T15:59:59Z'))).toBe(33);
  });

  it('works with the birth date from validateIdNumber', () => {
    const result = check('11010519491231002X');
    if (!result.ok) throw new Error('expected valid');
    expect(ageOn(result.birthDate, TODAY)).toBe(74);
  });

  it('refuses malformed dates and days before the birth', () => {
    expect(() => ageOn('1990-02-30', TODAY)).toThrow(RangeError);
    expect(() => ageOn('19900101', TODAY)).toThrow(RangeError);
    expect(() => ageOn('1990-1-1', TODAY)).toThrow(RangeError);
    expect(() => ageOn('1990-01-01', new Date('nonsense'))).toThrow(RangeError);
    expect(() => ageOn('2030-01-01', TODAY)).toThrow(RangeError);
  });
});
