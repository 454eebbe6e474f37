import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_ALPHABET,
  type CreditCodeValidation,
  creditCodeCheckChar,
  organizationCodeCheckChar,
  validateCreditCode,
} from '../src/index.ts';

function reasonOf(value: string): string {
  const result: CreditCodeValidation = validateCreditCode(value);
  if (result.ok) throw new Error(`expected ${value} to be invalid`);
  return result.reason;
}

// Published codes: 91350100M000100Y43 is the specimen widely quoted for GB 32100; the rest are
// among the real codes in python-stdnum's tests (enterprises 91, individual businesses 92,
// a public institution 12), covering letters in the organisation code and X/0 check characters.
const PUBLISHED = [
  '91350100M000100Y43',
  '91110000600037341L',
  '121200004013590816',
  '91310115MA1K3BTP2B',
  '9144030071526726XG',
  '91152201078371135X',
  '911522010783762860',
  '91620105L015101280',
  '92340603MA2UK2ECXU',
  '92340621MA2UK3PJXE',
  '91440300568520498A',
  '9131012056010553X5',
];

describe('CREDIT_CODE_ALPHABET', () => {
  it('has 31 characters, digits and capitals without I, O, S, V, Z', () => {
    expect(CREDIT_CODE_ALPHABET).toHaveLength(31);
    expect(new Set(CREDIT_CODE_ALPHABET).size).toBe(31);
    for (const letter of 'IOSVZ') expect(CREDIT_CODE_ALPHABET).not.toContain(letter);
    expect(CREDIT_CODE_ALPHABET.slice(0, 10)).toBe('0123456789');
  });
});

describe('creditCodeCheckChar', () => {
  it('matches the published codes', () => {
    for (const code of PUBLISHED) expect(creditCodeCheckChar(code.slice(0, 17)), code).toBe(code[17]);
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('accepts lower case and can yield every character of the alphabet', () => {
    expect(creditCodeCheckChar('91350100m000100y4')).toBe('3');
    const seen = new Set<string>();
    for (const char of CREDIT_CODE_ALPHABET) seen.add(creditCodeCheckChar(`9135010000000000${char}`));
    expect(seen.size).toBe(31);
  });

  it('refuses anything but 17 characters of the alphabet', () => {
    expect(() => creditCodeCheckChar('91350100M000100Y')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('91350100M000100Y43')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('91350100M000100I4')).toThrow(RangeError);
  });
});

describe('organizationCodeCheckChar', () => {
  it('matches the organisation codes inside published credit codes', () => {
    for (const code of PUBLISHED) expect(organizationCodeCheckChar(code.slice(8, 16)), code).toBe(code[16]);
    expect(organizationCodeCheckChar('M000100Y')).toBe('4');
    expect(organizationCodeCheckChar('60003734')).toBe('1');
  });

  it('maps 10 to X and 11 to 0', () => {
    expect(organizationCodeCheckChar('71526726')).toBe('X');
    expect(organizationCodeCheckChar('07837628')).toBe('6');
    // Weighted sum 0 → 11 − 0 = 11 → '0'; 6·2 = 12 → 11 − 1 = 10 → 'X'; 1·2 = 2 → 11 − 2 = 9.
    expect(organizationCodeCheckChar('00000000')).toBe('0');
    expect(organizationCodeCheckChar('00000006')).toBe('X');
    expect(organizationCodeCheckChar('00000001')).toBe('9');
    // Letters are worth 10 (A) to 35 (Z): A·3 = 30 → 11 − 8 = 3.
    expect(organizationCodeCheckChar('A0000000')).toBe('3');
    expect(organizationCodeCheckChar('a0000000')).toBe('3');
  });

  it('refuses anything but 8 digits or capitals', () => {
    expect(() => organizationCodeCheckChar('0000000')).toThrow(RangeError);
    expect(() => organizationCodeCheckChar('0000000-')).toThrow(RangeError);
  });
});

describe('validateCreditCode', () => {
  it('accepts the published codes and splits out region and organisation code', () => {
    for (const code of PUBLISHED) expect(validateCreditCode(code).ok, code).toBe(true);
    expect(validateCreditCode('91350100M000100Y43')).toEqual({
      ok: true,
      normalized: '91350100M000100Y43',
      regionCode: '350100',
      organizationCode: 'M000100Y4',
    });
  });

  it('normalises lower case, spaces, dashes and full-width characters', () => {
    for (const input of [
      '91350100m000100y43',
      ' 91350100M000100Y43 ',
      '91 350100 M000100Y4 3',
      '91-350100-M000100Y4-3',
      '９１３５０１００Ｍ０００１００Ｙ４３',
    ]) {
      const result = validateCreditCode(input);
      expect(result.ok && result.normalized, input).toBe('91350100M000100Y43');
    }
  });

  it('refuses an empty value and names a wrong length', () => {
    expect(reasonOf('')).toBe('统一社会信用代码为空 (the unified social credit code is empty)');
    expect(reasonOf('91350100M000100Y4')).toBe(
      '统一社会信用代码应为 18 位，实为 17 位 (a unified social credit code has 18 characters, got 17)',
    );
    expect(reasonOf('91350100M000100Y433')).toContain('got 19');
  });

  it('names the letters I, O, S, V and Z as never used', () => {
    for (const letter of 'IOSVZ') {
      const code = `91350100M${letter}00100Y43`;
      expect(reasonOf(code), letter).toBe(
        `第 10 位“${letter}”不可用：统一社会信用代码不使用字母 I、O、S、V、Z (character 10 '${letter}' is not allowed: the code never uses I, O, S, V or Z)`,
      );
      expect(reasonOf(code.toLowerCase()), letter).toContain(`'${letter}'`);
    }
    expect(reasonOf('91350100M000100Y4O')).toContain('character 18');
  });

  it('names other characters outside the alphabet', () => {
    expect(reasonOf('91350100M000#00Y43')).toBe(
      "第 13 位“#”不是数字或大写字母 (character 13 '#' is not a digit or capital letter)",
    );
    expect(reasonOf('91350100M000100Y4中')).toContain("'中'");
  });

  it('requires digits for the region code at positions 3–8', () => {
    const code = `91A50100M000100Y4`;
    expect(reasonOf(code + creditCodeCheckChar(code))).toBe(
      "第 3–8 位是行政区划代码，只能是数字，第 3 位为“A” (characters 3–8 are the region code, all digits; character 3 is 'A')",
    );
    const late = `913501M0M000100Y4`;
    expect(reasonOf(late + creditCodeCheckChar(late))).toContain("character 7 is 'M'");
  });

  it('accepts any authority and type characters of the alphabet, and the central region 100000', () => {
    for (const prefix of ['11', '12', '51', '52', '53', '91', '92', '93', 'Y1', 'A1', 'N2']) {
      const first17 = `${prefix}100000M000100Y4`;
      expect(validateCreditCode(first17 + creditCodeCheckChar(first17)).ok, prefix).toBe(true);
    }
  });

  it('checks the organisation code at positions 9–17 on its own', () => {
    const first17 = '91350100M000100Y5';
    expect(reasonOf(first17 + creditCodeCheckChar(first17))).toBe(
      '组织机构代码 M000100Y5 校验错误：第 17 位应为 4，实为 5 (organisation code M000100Y5 fails its check: the 17th character should be 4, got 5)',
    );
  });

  it('names the expected check character', () => {
    expect(reasonOf('91350100M000100Y44')).toBe(
      '校验码错误：第 18 位应为 3，实为 4 (wrong check character: the 18th character should be 3, got 4)',
    );
    expect(reasonOf('91110000600037341N')).toContain('should be L, got N');
  });

  it('catches every single wrong character', () => {
    for (const code of PUBLISHED) {
      for (let position = 0; position < 18; position++) {
        for (const char of CREDIT_CODE_ALPHABET) {
          if (char === code[position]) continue;
          const typo = code.slice(0, position) + char + code.slice(position + 1);
          expect(validateCreditCode(typo).ok, typo).toBe(false);
        }
      }
    }
  });

  it('writes every reason Chinese first, English in brackets', () => {
    for (const value of ['', '123', '91350100MI00100Y43', '91350100M000#00Y43', '91350100M000100Y44']) {
      expect(reasonOf(value)).toMatch(/^[^(]*[\u4e00-\u9fff][^(]* \(.+\)$/s);
    }
  });
});
