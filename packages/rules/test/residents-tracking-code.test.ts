import { describe, expect, it } from 'vitest';
import {
  formatTrackingCode,
  parseTrackingCode,
  TRACKING_ALPHABET,
  TRACKING_RANDOM_LENGTH,
  trackingCheckCharacter,
  trackingCodeFrom,
} from '../src/index.ts';
import { createRandom } from '../src/random.ts';

const bytes = (seed: number) => {
  const random = createRandom(seed);
  return Uint8Array.from({ length: TRACKING_RANDOM_LENGTH }, () => random.int(0, 255));
};

describe('tracking codes', () => {
  it('are eleven characters of the alphabet ending in their check character', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const code = trackingCodeFrom(bytes(seed));
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{11}$/);
      expect(trackingCheckCharacter(code.slice(0, -1))).toBe(code.slice(-1));
      expect(parseTrackingCode(code)).toEqual({ ok: true, code });
    }
  });

  it('computes Luhn mod 32 by hand on a short body', () => {
    // "01": from the right, 1×2 = 2 and 0×1 = 0; sum 2; check (32 − 2) mod 32 = 30 → 'Y'.
    expect(trackingCheckCharacter('01')).toBe('Y');
    // "0": 0×2 = 0; check 0 → '0'.
    expect(trackingCheckCharacter('0')).toBe('0');
    // "Z" (31): 31×2 = 62 = 1×32 + 30 → 1 + 30 = 31; check 1 → '1'.
    expect(trackingCheckCharacter('Z')).toBe('1');
  });

  it('catches every single mistyped character', () => {
    const code = trackingCodeFrom(bytes(7));
    for (let i = 0; i < code.length; i++) {
      for (const c of TRACKING_ALPHABET) {
        if (c === code[i]) continue;
        const typo = code.slice(0, i) + c + code.slice(i + 1);
        expect(parseTrackingCode(typo).ok, typo).toBe(false);
      }
    }
  });

  it('catches swapped neighbours but for the pairs Luhn cannot see', () => {
    let caught = 0;
    let swaps = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const code = trackingCodeFrom(bytes(seed));
      for (let i = 0; i + 1 < code.length; i++) {
        if (code[i] === code[i + 1]) continue;
        swaps++;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        if (!parseTrackingCode(swapped).ok) caught++;
      }
    }
    expect(caught / swaps).toBeGreaterThan(0.95);
  });

  it('reads what residents type: case, dashes, spaces and look-alikes', () => {
    const code = trackingCodeFrom(bytes(3));
    const shown = formatTrackingCode(code);
    expect(shown).toMatch(/^.{4}-.{4}-.{3}$/);
    expect(parseTrackingCode(shown.toLowerCase())).toEqual({ ok: true, code });
    expect(parseTrackingCode(` ${shown.replace(/-/g, ' ')} `)).toEqual({ ok: true, code });
    const withZero = `${'0'.repeat(9)}1`;
    const full = withZero + trackingCheckCharacter(withZero);
    expect(parseTrackingCode(full.replace(/0/g, 'O').replace('1', 'l'))).toEqual({ ok: true, code: full });
  });

  it('names what is wrong', () => {
    expect(parseTrackingCode('ABC')).toEqual({ ok: false, reason: 'length' });
    expect(parseTrackingCode('ABCDEFGHJKU')).toEqual({ ok: false, reason: 'character' });
    expect(() => trackingCodeFrom(new Uint8Array(3))).toThrow(RangeError);
  });
});
