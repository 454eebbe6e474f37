import { describe, expect, it } from 'vitest';
import { type PhoneValidation, validatePhone } from '../src/index.ts';

function reasonOf(value: string): string {
  const result: PhoneValidation = validatePhone(value);
  if (result.ok) throw new Error(`expected ${value} to be invalid`);
  return result.reason;
}

describe('validatePhone: mobile numbers', () => {
  it('accepts 11 digits starting 13–19', () => {
    for (const second of '3456789') {
      const phone = `1${second}812345678`;
      expect(validatePhone(phone)).toEqual({ ok: true, normalized: phone, kind: 'mobile' });
    }
  });

  it('drops +86, 0086 and 86 prefixes, spaces, dashes and brackets', () => {
    for (const input of [
      '+8613812345678',
      '+86 138 1234 5678',
      '+86-138-1234-5678',
      '(+86) 13812345678',
      '008613812345678',
      '8613812345678',
      '86 138 1234 5678',
      '138 1234 5678',
      '138-1234-5678',
      '138.1234.5678',
      ' 13812345678 ',
      '１３８１２３４５６７８',
      '＋８６　１３８１２３４５６７８',
    ]) {
      expect(validatePhone(input), input).toEqual({ ok: true, normalized: '13812345678', kind: 'mobile' });
    }
  });

  it('names a wrong length', () => {
    expect(reasonOf('1381234567')).toBe(
      '手机号码应为 11 位，实为 10 位 (a mobile number has 11 digits, got 10)',
    );
    expect(reasonOf('138123456789')).toContain('got 12');
    expect(reasonOf('+86 138123456')).toContain('got 9');
  });

  it('names a second digit outside 3–9', () => {
    for (const second of '012') {
      expect(reasonOf(`1${second}812345678`)).toBe(
        `手机号码第 2 位应为 3–9，实为 ${second} (the second digit of a mobile number is 3–9, got ${second})`,
      );
    }
  });
});

describe('validatePhone: landlines', () => {
  it('accepts three-digit area codes (010, 02x) with 8-digit numbers', () => {
    for (const [input, normalized] of [
      ['010-62345678', '010-62345678'],
      ['01062345678', '010-62345678'],
      ['(010) 6234 5678', '010-62345678'],
      ['（010）62345678', '010-62345678'],
      ['021-62345678', '021-62345678'],
      ['028 8765 4321', '028-87654321'],
    ] as const) {
      expect(validatePhone(input), input).toEqual({ ok: true, normalized, kind: 'landline' });
    }
  });

  it('accepts four-digit area codes with 7- or 8-digit numbers', () => {
    for (const [input, normalized] of [
      ['0755-82345678', '0755-82345678'],
      ['075582345678', '0755-82345678'],
      ['0471-6123456', '0471-6123456'],
      ['04716123456', '0471-6123456'],
      ['0416 3123456', '0416-3123456'],
      ['0769-85123456', '0769-85123456'],
    ] as const) {
      expect(validatePhone(input), input).toEqual({ ok: true, normalized, kind: 'landline' });
    }
  });

  it('accepts +86 with or without the trunk 0', () => {
    expect(validatePhone('+86 10 6234 5678')).toEqual({
      ok: true,
      normalized: '010-62345678',
      kind: 'landline',
    });
    expect(validatePhone('+86 010 6234 5678')).toEqual({
      ok: true,
      normalized: '010-62345678',
      kind: 'landline',
    });
    expect(validatePhone('0086 755 82345678')).toEqual({
      ok: true,
      normalized: '0755-82345678',
      kind: 'landline',
    });
  });

  it('names a local number of the wrong length', () => {
    expect(reasonOf('010-1234567')).toBe(
      '区号 010 后的电话号码应为 8 位，实为 7 位 (after area code 010 the local number has 8 digits, got 7)',
    );
    expect(reasonOf('0755-123456')).toBe(
      '区号 0755 后的电话号码应为 7 或 8 位，实为 6 位 (after area code 0755 the local number has 7 or 8 digits, got 6)',
    );
    expect(reasonOf('0755-123456789')).toContain('got 9');
  });

  it('names a local number starting with 0 or 1', () => {
    expect(reasonOf('0755-01234567')).toBe(
      '区号 0755 后的电话号码不能以 0 开头 (a local number after area code 0755 cannot start with 0)',
    );
    expect(reasonOf('010-02345678')).toContain('cannot start with 0');
    expect(reasonOf('0471-1123456')).toContain('cannot start with 1');
  });

  it('names an area code that cannot exist', () => {
    expect(reasonOf('0012345678')).toContain('no area code begins 0012');
    expect(reasonOf('01112345678')).toContain('区号 0111 不存在');
    expect(reasonOf('02')).toContain('no area code');
  });
});

describe('validatePhone: neither', () => {
  it('refuses empty input, letters and other starts', () => {
    expect(reasonOf('')).toBe('电话号码为空 (the phone number is empty)');
    expect(reasonOf('   ')).toContain('empty');
    expect(reasonOf('138abcd5678')).toBe(
      "电话号码含有非数字字符“a” (the phone number contains 'a', which is not a digit)",
    );
    expect(reasonOf('138 1234 5678 转 8')).toContain('转');
    expect(reasonOf('12345')).toContain('a mobile number has 11 digits, got 5');
    expect(reasonOf('62345678')).toBe(
      '不是手机号码（1 开头 11 位）或带区号的固定电话（0 开头） (neither a mobile number, 11 digits starting with 1, nor a landline with its area code, starting with 0)',
    );
    expect(reasonOf('+1 212 555 0100')).toContain("'+'");
  });
});
