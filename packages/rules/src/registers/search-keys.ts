// Search keys for the registers, shaped by how grid workers type on a phone: a name or part of an
// address in Chinese, the last four digits of a phone number, a stretch of an ID number (birth
// date, region), or a whole ID or phone number read off a card.

import { isRealDate } from './dates.ts';
import { validateIdNumber } from './id-number.ts';
import { type PhoneKind, validatePhone } from './phone.ts';
import { toHalfWidth } from './text.ts';

export type QueryClass =
  /** 17 digits and a digit or X: a whole ID number (upper-case); valid says whether it passes validateIdNumber. */
  | { kind: 'id_number'; value: string; valid: boolean }
  /** A whole mobile or landline number, normalised as validatePhone does. */
  | { kind: 'phone'; value: string; phoneKind: PhoneKind }
  /** Exactly 4 digits: most likely a phone's last 4, but just as possibly an ID number's. */
  | { kind: 'phone_last4'; value: string; alsoIdSuffix: true }
  /**
   * 6–8 digits (the last may be X), or 3 digits and X: part of an ID number. birthDate is set
   * when 8 digits read as a real date (YYYYMMDD, 1900–2099).
   */
  | { kind: 'id_fragment'; value: string; birthDate?: string }
  /** Any other run of digits (5, 9–10, 12–17 or 19+ digits; 15 digits may be a grid code). */
  | { kind: 'digits'; value: string }
  /** Anything else, trimmed (empty for a blank query), with its bigrams for the index. */
  | { kind: 'text'; value: string; grams: string[] };

/**
 * Overlapping two-character grams of the letters and digits in `text`, for a bigram index that
 * serves Chinese text without a word segmenter. Full-width forms are folded to ASCII and letters
 * lower-cased; spaces and punctuation break the text into runs, and grams never cross a break. A
 * run of one character yields that character. Grams are deduplicated, in order of first appearance.
 *   cjkBigrams('科技园') → ['科技', '技园'];  cjkBigrams('张伟') → ['张伟'];  cjkBigrams('张') → ['张']
 */
export function cjkBigrams(text: string): string[] {
  const runs =
    toHalfWidth(String(text ?? ''))
      .toLowerCase()
      .match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  const grams = new Set<string>();
  for (const run of runs) {
    const chars = Array.from(run);
    if (chars.length === 1) grams.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  }
  return [...grams];
}

function birthDateOf(digits: string): string | undefined {
  const match = /^((?:19|20)\d\d)(\d\d)(\d\d)$/.exec(digits);
  if (!match) return undefined;
  if (!isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) return undefined;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/**
 * Sorts a search box entry into the kind of key to look up. Full-width digits are accepted, and
 * spaces and dashes inside a number are ignored ('138 1234 5678').
 */
export function classifyQuery(q: string): QueryClass {
  const text = toHalfWidth(String(q ?? '')).trim();
  const compact = text.replace(/[\s-]+/g, '').toUpperCase();
  if (/^\d{17}[\dX]$/.test(compact)) {
    return { kind: 'id_number', value: compact, valid: validateIdNumber(compact).ok };
  }
  if (/^\+?\d{7,}$/.test(compact)) {
    const phone = validatePhone(compact);
    if (phone.ok) return { kind: 'phone', value: phone.normalized, phoneKind: phone.kind };
  }
  if (/^\d{4}$/.test(compact)) return { kind: 'phone_last4', value: compact, alsoIdSuffix: true };
  if (/^\d{3}X$/.test(compact)) return { kind: 'id_fragment', value: compact };
  if (/^\d{5,7}[\dX]$/.test(compact)) {
    const birthDate = compact.length === 8 ? birthDateOf(compact) : undefined;
    return birthDate
      ? { kind: 'id_fragment', value: compact, birthDate }
      : { kind: 'id_fragment', value: compact };
  }
  if (/^\d+$/.test(compact)) return { kind: 'digits', value: compact };
  return { kind: 'text', value: text, grams: cjkBigrams(text) };
}
