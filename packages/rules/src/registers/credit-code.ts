// Unified social credit code (统一社会信用代码, GB 32100-2015) of enterprises, shops, social
// organisations and public bodies.
//
// Layout of the 18 characters: A T RRRRRR OOOOOOOOK C
//   A          registration authority (登记管理部门: 1 机构编制, 5 民政, 9 工商/市场监管, Y 其他, …);
//   T          organisation type within that authority (e.g. 91 enterprise, 92 individual business);
//   RRRRRR     address code of the registering authority (digits; 100000 for central bodies);
//   OOOOOOOOK  organisation code (组织机构代码, GB 11714): 8 characters and its own check K
//              (MOD 11, weights 3 7 9 10 5 8 4 2, result 0–9 or X);
//   C          check character: MOD 31 over the first 17 characters, weights 3^i mod 31.
// The alphabet is 0–9 and the capital letters without I, O, S, V and Z (31 characters). Authority
// and type codes are only checked against the alphabet: the published list has grown since 2015.

import { charLength, compactInput, firstBadChar } from './text.ts';

/** The 31 characters of the code; a character's value is its index. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export type CreditCodeValidation =
  | {
      ok: true;
      /** 18 characters, upper-case, without spaces or dashes. */
      normalized: string;
      /** Characters 3–8: address code of the registering authority. */
      regionCode: string;
      /** Characters 9–17: the organisation code (GB 11714) including its check character. */
      organizationCode: string;
    }
  | { ok: false; reason: string };

/** 3^i mod 31 for i = 0…16. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const FORBIDDEN_LETTERS = /[IOSVZ]/;
const IN_ALPHABET = /^[0-9A-HJ-NPQRTUWXY]$/;

/** The check character (18th) for the first 17 characters. Throws RangeError on other input. */
export function creditCodeCheckChar(first17: string): string {
  const text = first17.toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{17}$/.test(text)) {
    throw new RangeError(
      `creditCodeCheckChar needs 17 characters of the code alphabet, got ${JSON.stringify(first17)}`,
    );
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(text[i]!) * WEIGHTS[i]!;
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/**
 * The check character (9th) of an organisation code (GB 11714) for its first 8 characters (digits
 * and capital letters, a letter worth 10 for A up to 35 for Z). Throws RangeError on other input.
 */
export function organizationCodeCheckChar(first8: string): string {
  const text = first8.toUpperCase();
  if (!/^[0-9A-Z]{8}$/.test(text)) {
    throw new RangeError(
      `organizationCodeCheckChar needs 8 digits or capital letters, got ${JSON.stringify(first8)}`,
    );
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number.parseInt(text[i]!, 36) * ORG_WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

function fail(reason: string): CreditCodeValidation {
  return { ok: false, reason };
}

/**
 * Validates a unified social credit code. Spaces and dashes are ignored; full-width and lower-case
 * characters are accepted and normalised.
 */
export function validateCreditCode(value: string): CreditCodeValidation {
  const code = compactInput(String(value ?? ''))
    .replace(/-/g, '')
    .toUpperCase();
  if (code.length === 0) return fail('统一社会信用代码为空 (the unified social credit code is empty)');
  const length = charLength(code);
  if (length !== 18) {
    return fail(
      `统一社会信用代码应为 18 位，实为 ${length} 位 (a unified social credit code has 18 characters, got ${length})`,
    );
  }
  const bad = firstBadChar(code, IN_ALPHABET);
  if (bad) {
    if (FORBIDDEN_LETTERS.test(bad.char)) {
      return fail(
        `第 ${bad.position} 位“${bad.char}”不可用：统一社会信用代码不使用字母 I、O、S、V、Z (character ${bad.position} '${bad.char}' is not allowed: the code never uses I, O, S, V or Z)`,
      );
    }
    return fail(
      `第 ${bad.position} 位“${bad.char}”不是数字或大写字母 (character ${bad.position} '${bad.char}' is not a digit or capital letter)`,
    );
  }
  const region = code.slice(2, 8);
  const badRegion = firstBadChar(region, /\d/);
  if (badRegion) {
    const position = badRegion.position + 2;
    return fail(
      `第 3–8 位是行政区划代码，只能是数字，第 ${position} 位为“${badRegion.char}” (characters 3–8 are the region code, all digits; character ${position} is '${badRegion.char}')`,
    );
  }
  const organizationCode = code.slice(8, 17);
  const orgExpected = organizationCodeCheckChar(organizationCode.slice(0, 8));
  if (organizationCode[8] !== orgExpected) {
    return fail(
      `组织机构代码 ${organizationCode} 校验错误：第 17 位应为 ${orgExpected}，实为 ${organizationCode[8]} (organisation code ${organizationCode} fails its check: the 17th character should be ${orgExpected}, got ${organizationCode[8]})`,
    );
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  const actual = code[17]!;
  if (actual !== expected) {
    return fail(
      `校验码错误：第 18 位应为 ${expected}，实为 ${actual} (wrong check character: the 18th character should be ${expected}, got ${actual})`,
    );
  }
  return { ok: true, normalized: code, regionCode: region, organizationCode };
}
