// Citizen identity number (公民身份号码, GB 11643-1999), as printed on the resident identity card
// and on the residence permits of Hong Kong, Macao and Taiwan residents.
//
// Layout of the 18 characters: RRRRRR YYYYMMDD SSS C
//   RRRRRR   address code (GB/T 2260) of the place of household registration at issue;
//   YYYYMMDD birth date;
//   SSS      sequence; its last digit (the 17th character) is odd for men, even for women;
//   C        check character, ISO 7064 MOD 11-2 over the first 17 digits: 0–9 or X (for 10).
// First-generation cards (before 1999) carry 15 digits: RRRRRR YYMMDD SSS, all born in 19xx.

import { PROVINCE_CODES } from '../codes.ts';
import {
  type CalendarDate,
  chinaDate,
  compareDates,
  formatIsoDate,
  isRealDate,
  parseIsoDate,
} from './dates.ts';
import { charLength, compactInput, firstBadChar } from './text.ts';

export type Gender = 'male' | 'female';

export type IdNumberValidation =
  | {
      ok: true;
      /** 18 characters, check character upper-case. */
      normalized: string;
      /** YYYY-MM-DD. */
      birthDate: string;
      gender: Gender;
      /** The first 6 digits: address code of the place of registration. */
      regionCode: string;
    }
  | { ok: false; reason: string };

export type IdNumberOptions = {
  /** The instant that counts as now for the "birth date not in the future" rule; default new Date(). */
  today?: Date;
};

/**
 * Valid first two digits. The 31 mainland provinces (GB/T 2260), 71 Taiwan (in GB/T 2260), and the
 * address codes of the residence permits of Hong Kong (810000), Macao (820000) and Taiwan (830000)
 * residents (港澳台居民居住证, since 2018). Numbers beginning with 9 belong to the foreign permanent
 * residence ID card (外国人永久居留身份证, 2023 edition) and are not citizen identity numbers.
 */
export const ID_NUMBER_PROVINCE_CODES: readonly string[] = [...PROVINCE_CODES, '83'];

const PROVINCES: ReadonlySet<string> = new Set(ID_NUMBER_PROVINCE_CODES);

/** ISO 7064 MOD 11-2 weights: 2^(17−i) mod 11 for i = 0…16. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Check character by (weighted sum mod 11). */
const CHECK_CHARS = '10X98765432';

const EARLIEST_BIRTH: CalendarDate = { year: 1900, month: 1, day: 1 };

/** The check character (0–9 or X) for the first 17 digits. Throws RangeError if not 17 ASCII digits. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError(`idNumberCheckChar needs 17 digits, got ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function fail(reason: string): IdNumberValidation {
  return { ok: false, reason };
}

function checkBody(id: string, today: Date): IdNumberValidation {
  const province = id.slice(0, 2);
  if (!PROVINCES.has(province)) {
    if (province.startsWith('9')) {
      return fail(
        `以 9 开头的是外国人永久居留身份证号码，不是居民身份证号码 (a number beginning with 9 is a foreign permanent residence ID number, not a resident identity number)`,
      );
    }
    return fail(
      `地区代码 ${id.slice(0, 6)} 的省级代码 ${province} 不存在 (region code ${id.slice(0, 6)}: province prefix ${province} is not a real province)`,
    );
  }
  const birth: CalendarDate = {
    year: Number(id.slice(6, 10)),
    month: Number(id.slice(10, 12)),
    day: Number(id.slice(12, 14)),
  };
  const digits = id.slice(6, 14);
  if (!isRealDate(birth.year, birth.month, birth.day)) {
    return fail(`出生日期 ${digits} 不是真实的日期 (birth date ${digits} is not a real calendar date)`);
  }
  const birthDate = formatIsoDate(birth);
  if (compareDates(birth, EARLIEST_BIRTH) < 0) {
    return fail(`出生日期 ${birthDate} 早于 1900 年 (birth date ${birthDate} is before 1900)`);
  }
  if (compareDates(birth, chinaDate(today)) > 0) {
    return fail(`出生日期 ${birthDate} 晚于今天 (birth date ${birthDate} is in the future)`);
  }
  const expected = idNumberCheckChar(id.slice(0, 17));
  const actual = id[17]!;
  if (actual !== expected) {
    return fail(
      `校验码错误：第 18 位应为 ${expected}，实为 ${actual} (wrong check character: the 18th character should be ${expected}, got ${actual})`,
    );
  }
  return {
    ok: true,
    normalized: id,
    birthDate,
    gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: id.slice(0, 6),
  };
}

/**
 * Validates an 18-character citizen identity number. Spaces are ignored, full-width digits and a
 * lower-case x are accepted and normalised. A 15-digit first-generation number is refused with a
 * reason that names its 18-digit form (see upgradeIdNumber15).
 */
export function validateIdNumber(value: string, options: IdNumberOptions = {}): IdNumberValidation {
  const today = options.today ?? new Date();
  const id = compactInput(String(value ?? '')).toUpperCase();
  if (id.length === 0) return fail('身份证号码为空 (the ID number is empty)');
  if (/^\d{15}$/.test(id)) {
    const upgraded = upgradeIdNumber15(id, options);
    if (!upgraded.ok) return upgraded;
    return fail(
      `这是 15 位第一代身份证号码，请升级为 18 位：${upgraded.normalized} (a 15-digit first-generation number; upgrade it to its 18-digit form ${upgraded.normalized})`,
    );
  }
  const chars = Array.from(id);
  if (chars.length !== 18) {
    return fail(
      `身份证号码应为 18 位，实为 ${chars.length} 位 (an ID number has 18 characters, got ${chars.length})`,
    );
  }
  const bad = firstBadChar(chars.slice(0, 17).join(''), /\d/);
  if (bad) {
    return fail(
      `第 ${bad.position} 位“${bad.char}”不是数字，前 17 位只能是数字 (character ${bad.position} '${bad.char}' is not a digit; the first 17 must be digits)`,
    );
  }
  const last = chars[17]!;
  if (!/[\dX]/.test(last)) {
    return fail(`第 18 位“${last}”应为数字或 X (the 18th character must be a digit or X, got '${last}')`);
  }
  return checkBody(id, today);
}

/**
 * Converts a 15-digit first-generation number to its 18-character form: '19' inserted before the
 * two-digit birth year and the check character appended. The result is validated like an
 * 18-character number (region and birth date), and its reasons speak of the 15-digit input.
 */
export function upgradeIdNumber15(value: string, options: IdNumberOptions = {}): IdNumberValidation {
  const id = compactInput(String(value ?? ''));
  const length = charLength(id);
  if (length !== 15) {
    return fail(
      `第一代身份证号码应为 15 位，实为 ${length} 位 (a first-generation ID number has 15 digits, got ${length})`,
    );
  }
  const bad = firstBadChar(id, /\d/);
  if (bad) {
    return fail(
      `第 ${bad.position} 位“${bad.char}”不是数字，15 位号码只能是数字 (character ${bad.position} '${bad.char}' is not a digit; a 15-digit number is all digits)`,
    );
  }
  const first17 = `${id.slice(0, 6)}19${id.slice(6)}`;
  return checkBody(first17 + idNumberCheckChar(first17), options.today ?? new Date());
}

/**
 * Full years of age (周岁) on the date `on` (its calendar day in China, UTC+8), for a birth date
 * 'YYYY-MM-DD'. The age goes up on the birthday; someone born on 29 February turns a year older on
 * 1 March in common years. Throws RangeError for a malformed date or a day before the birth.
 */
export function ageOn(birthDate: string, on: Date): number {
  const birth = parseIsoDate(birthDate);
  if (!birth)
    throw new RangeError(`ageOn needs a real YYYY-MM-DD birth date, got ${JSON.stringify(birthDate)}`);
  if (Number.isNaN(on.getTime())) throw new RangeError('ageOn needs a valid date to measure on');
  const day = chinaDate(on);
  if (compareDates(day, birth) < 0) {
    throw new RangeError(`ageOn: ${formatIsoDate(day)} is before the birth date ${birthDate}`);
  }
  const beforeBirthday = day.month < birth.month || (day.month === birth.month && day.day < birth.day);
  return day.year - birth.year - (beforeBirthday ? 1 : 0);
}
