// Mainland China telephone numbers as residents give them to a grid worker.
//   Mobile:   11 digits, 1 then 3–9 (13x … 19x), optionally written with +86 / 0086 / 86 in front.
//   Landline: trunk 0 + area code + local number. The three-digit area codes are 010 (Beijing) and
//             02x (Shanghai, Tianjin, Chongqing, Guangzhou, Shenyang, Nanjing, Wuhan, Chengdu,
//             Xi'an), whose local numbers have 8 digits; every other area code has four digits
//             (0 + 3–9 + two digits) and 7- or 8-digit local numbers. Local numbers never start
//             with 0 or 1. The split is read off the digits, so dashes and brackets are optional.

import { compactInput, firstBadChar } from './text.ts';

export type PhoneKind = 'mobile' | 'landline';

export type PhoneValidation =
  | {
      ok: true;
      /** Mobile: 11 digits. Landline: area code, dash, local number ('010-12345678'). */
      normalized: string;
      kind: PhoneKind;
    }
  | { ok: false; reason: string };

const MOBILE = /^1[3-9]\d{9}$/;

function fail(reason: string): PhoneValidation {
  return { ok: false, reason };
}

function validateMobile(digits: string): PhoneValidation {
  if (digits.length !== 11) {
    return fail(
      `手机号码应为 11 位，实为 ${digits.length} 位 (a mobile number has 11 digits, got ${digits.length})`,
    );
  }
  if (!MOBILE.test(digits)) {
    return fail(
      `手机号码第 2 位应为 3–9，实为 ${digits[1]} (the second digit of a mobile number is 3–9, got ${digits[1]})`,
    );
  }
  return { ok: true, normalized: digits, kind: 'mobile' };
}

function validateLandline(digits: string): PhoneValidation {
  const areaLength = /^0(10|2\d)/.test(digits) ? 3 : /^0[3-9]\d\d/.test(digits) ? 4 : 0;
  if (areaLength === 0) {
    return fail(
      `区号 ${digits.slice(0, 4)} 不存在，区号为 010、02x 或 0 加 3–9 开头的三位数 (no area code begins ${digits.slice(0, 4)}: area codes are 010, 02x or 0 followed by three digits starting 3–9)`,
    );
  }
  const area = digits.slice(0, areaLength);
  const local = digits.slice(areaLength);
  const lengths = areaLength === 3 ? [8] : [7, 8];
  if (!lengths.includes(local.length)) {
    const wanted = areaLength === 3 ? '8' : '7 或 8';
    const wantedEn = areaLength === 3 ? '8' : '7 or 8';
    return fail(
      `区号 ${area} 后的电话号码应为 ${wanted} 位，实为 ${local.length} 位 (after area code ${area} the local number has ${wantedEn} digits, got ${local.length})`,
    );
  }
  if (!/^[2-9]/.test(local)) {
    return fail(
      `区号 ${area} 后的电话号码不能以 ${local[0]} 开头 (a local number after area code ${area} cannot start with ${local[0]})`,
    );
  }
  return { ok: true, normalized: `${area}-${local}`, kind: 'landline' };
}

/**
 * Validates a mobile or landline number. Spaces, dashes, dots and brackets are ignored, full-width
 * digits accepted; a country code +86 / 0086 is dropped, and a bare 86 before a mobile number too.
 * A landline written with +86 may omit its trunk 0 (+86 10 1234 5678).
 */
export function validatePhone(value: string): PhoneValidation {
  const text = compactInput(String(value ?? '')).replace(/[-.()（）]/g, '');
  if (text.length === 0) return fail('电话号码为空 (the phone number is empty)');
  const international = /^(\+|00)86/.exec(text);
  let digits = international ? text.slice(international[0].length) : text;
  const bad = firstBadChar(digits, /\d/);
  if (bad) {
    return fail(
      `电话号码含有非数字字符“${bad.char}” (the phone number contains '${bad.char}', which is not a digit)`,
    );
  }
  if (!international && /^861\d{10}$/.test(digits)) digits = digits.slice(2);
  // After +86 a landline drops its trunk 0; 10 (Beijing) is the only area code that starts with 1.
  if (international && /^(10|[2-9])/.test(digits)) digits = `0${digits}`;
  if (digits.startsWith('1')) return validateMobile(digits);
  if (digits.startsWith('0')) return validateLandline(digits);
  return fail(
    `不是手机号码（1 开头 11 位）或带区号的固定电话（0 开头） (neither a mobile number, 11 digits starting with 1, nor a landline with its area code, starting with 0)`,
  );
}
