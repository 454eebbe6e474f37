// A tracking code lets a resident who reported without an account follow the report. It is read
// aloud and typed on phones, so it uses Crockford's base-32 alphabet (no I, L, O or U), reads the
// look-alikes leniently, and ends in a Luhn mod 32 check character that catches every single
// mistyped character and most swapped neighbours before the server is asked.

export const TRACKING_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Random characters before the check character: 50 bits, far beyond guessing at any rate limit. */
export const TRACKING_RANDOM_LENGTH = 10;
const N = TRACKING_ALPHABET.length;

function charValue(char: string): number {
  return TRACKING_ALPHABET.indexOf(char);
}

/** Luhn mod N over the characters (the check character is not among them). */
export function trackingCheckCharacter(body: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i--) {
    const value = charValue(body[i]!);
    if (value < 0) throw new RangeError(`not a tracking-code character: ${body[i]}`);
    const addend = factor * value;
    sum += Math.floor(addend / N) + (addend % N);
    factor = factor === 2 ? 1 : 2;
  }
  return TRACKING_ALPHABET[(N - (sum % N)) % N]!;
}

/**
 * A new code from random bytes (one per random character; the caller supplies them so the rule
 * stays free of any crypto API). 256 is a multiple of 32, so every character is equally likely.
 */
export function trackingCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < TRACKING_RANDOM_LENGTH) {
    throw new RangeError(`need ${TRACKING_RANDOM_LENGTH} random bytes, got ${bytes.length}`);
  }
  let body = '';
  for (let i = 0; i < TRACKING_RANDOM_LENGTH; i++) body += TRACKING_ALPHABET[bytes[i]! % N];
  return body + trackingCheckCharacter(body);
}

/** The code as shown: two groups of four and a group of three, e.g. 7K3M-Q9XD-2HAV. */
export function formatTrackingCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

export type TrackingCodeCheck =
  | { ok: true; code: string }
  | { ok: false; reason: 'length' | 'character' | 'check' };

/**
 * Reads what a resident typed: case, spaces and dashes do not matter, O reads as 0 and I or L as 1
 * (Crockford's rule); the check character must match.
 */
export function parseTrackingCode(input: string): TrackingCodeCheck {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== TRACKING_RANDOM_LENGTH + 1) return { ok: false, reason: 'length' };
  if ([...code].some((c) => charValue(c) < 0)) return { ok: false, reason: 'character' };
  const body = code.slice(0, -1);
  if (trackingCheckCharacter(body) !== code.slice(-1)) return { ok: false, reason: 'check' };
  return { ok: true, code };
}
