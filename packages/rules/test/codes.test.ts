import { describe, expect, it } from 'vitest';
import {
  buildingCode,
  gridCode,
  isBuildingCode,
  isChildCode,
  levelOfCode,
  ORG_LEVELS,
  type OrgLevel,
  parentCodeOf,
  townshipKind,
  validateCode,
  villageKind,
} from '../src/index.ts';

// Tianjin (12) › 市辖区 (01) › Dongli district (10) › a street › a community › a grid.
const CITY = '120100000000';
const DISTRICT = '120110000000';
const STREET = '120110001000';
const COMMUNITY = '120110001001';
const GRID = '120110001001001';

function reasonOf(code: unknown, level?: OrgLevel): string {
  const result = validateCode(code, level);
  if (result.ok) throw new Error(`expected ${String(code)} to be invalid`);
  return result.reason;
}

describe('ORG_LEVELS', () => {
  it('lists the levels from the top down', () => {
    expect(ORG_LEVELS).toEqual(['city', 'district', 'street', 'community', 'grid']);
  });
});

describe('validateCode / levelOfCode', () => {
  it.each([
    [CITY, 'city'],
    ['150100000000', 'city'],
    [DISTRICT, 'district'],
    ['150102000000', 'district'],
    [STREET, 'street'],
    ['120110100000', 'street'],
    ['120110399000', 'street'],
    [COMMUNITY, 'community'],
    ['120110001399', 'community'],
    ['120110201201', 'community'],
    [GRID, 'grid'],
    ['120110001001999', 'grid'],
  ] as const)('%s is a %s code', (code, level) => {
    expect(validateCode(code)).toEqual({ ok: true, level });
    expect(validateCode(code, level)).toEqual({ ok: true, level });
    expect(levelOfCode(code)).toBe(level);
  });

  it.each([
    ['12011000000', /12 位.*12 digits.*got 11/],
    ['1201100000000', /got 13/],
    ['120110001001001001', /got 18/],
    ['', /digits only/],
    ['12011000000a', /digits only/],
    [' 120110000000', /digits only/],
    ['１２０１１０００００００', /digits only/],
    ['990100000000', /province prefix 99/],
    ['100100000000', /province prefix 10/],
    ['000000000000', /province prefix 00/],
    ['120000000000', /province codes are not an org level/],
    ['120010000000', /city part is 00/],
    ['120001000000', /city part is 00/],
    ['120100001000', /county part is 00/],
    ['120110000001', /township part is 000/],
    ['120110400000', /township part 400 is out of 001–399/],
    ['120110999001', /township part 999/],
    ['120110001400', /village part 400 is out of 001–399/],
    ['120110001001000', /grid sequence must be 001–999/],
    ['120110001000001', /first 12 digits of a grid code must be a community code, got a street/],
    ['990110001001001', /province prefix 99/],
  ])('%s is rejected (%s)', (code, reason) => {
    expect(reasonOf(code)).toMatch(reason);
    expect(levelOfCode(code)).toBeNull();
  });

  it('rejects values that are not strings', () => {
    for (const value of [120110000000, null, undefined, {}, ['120110000000']]) {
      expect(reasonOf(value)).toMatch(/must be a string/);
    }
  });

  it('rejects a valid code of another level when a level is expected', () => {
    expect(reasonOf(STREET, 'community')).toMatch(/street code, expected community/);
    expect(reasonOf(GRID, 'community')).toMatch(/grid code, expected community/);
    expect(reasonOf(COMMUNITY, 'grid')).toMatch(/community code, expected grid/);
    expect(reasonOf('1201100010', 'grid')).toMatch(/must have 15 digits, got 10/);
    expect(reasonOf('1201100010', 'street')).toMatch(/must have 12 digits, got 10/);
    expect(reasonOf(CITY, 'district')).toMatch(/city code, expected district/);
  });

  it('gives reasons in Chinese first with English in parentheses', () => {
    for (const code of ['1', 'x', '990100000000', '120110400000', '120110001001000']) {
      expect(reasonOf(code)).toMatch(/^[\u4e00-\u9fff].*\(.*[a-z].*\)$/);
    }
  });

  it('accepts every real province prefix and nothing else', () => {
    const real = new Set(
      '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(
        ' ',
      ),
    );
    for (let p = 0; p < 100; p++) {
      const prefix = String(p).padStart(2, '0');
      expect(levelOfCode(`${prefix}0100000000`), prefix).toBe(real.has(prefix) ? 'city' : null);
    }
  });

  it('accepts the township and village ranges at their bounds', () => {
    expect(levelOfCode('120110001000')).toBe('street');
    expect(levelOfCode('120110399000')).toBe('street');
    expect(levelOfCode('120110400000')).toBeNull();
    expect(levelOfCode('120110001001')).toBe('community');
    expect(levelOfCode('120110001399')).toBe('community');
    expect(levelOfCode('120110001400')).toBeNull();
  });
});

describe('townshipKind / villageKind', () => {
  it.each([
    ['120110001000', 'street'],
    ['120110099000', 'street'],
    ['120110100000', 'town'],
    ['120110199000', 'town'],
    ['120110200000', 'township'],
    ['120110399000', 'township'],
    ['120110150001', 'town'],
    ['120110250201001', 'township'],
  ] as const)('township part of %s is a %s', (code, kind) => {
    expect(townshipKind(code)).toBe(kind);
  });

  it.each([
    ['120110001001', 'residents'],
    ['120110001199', 'residents'],
    ['120110001200', 'village'],
    ['120110001399', 'village'],
    ['120110101250003', 'village'],
    ['120110001001001001', 'residents'],
  ] as const)('village part of %s is a %s committee', (code, kind) => {
    expect(villageKind(code)).toBe(kind);
  });

  it('throws for codes without the part in question', () => {
    expect(() => townshipKind(DISTRICT)).toThrow(RangeError);
    expect(() => townshipKind('bogus')).toThrow(RangeError);
    expect(() => villageKind(STREET)).toThrow(RangeError);
    expect(() => villageKind(CITY)).toThrow(/no village part/);
  });
});

describe('isChildCode', () => {
  it('holds one level down under the same prefix', () => {
    expect(isChildCode(CITY, DISTRICT)).toBe(true);
    expect(isChildCode(DISTRICT, STREET)).toBe(true);
    expect(isChildCode(STREET, COMMUNITY)).toBe(true);
    expect(isChildCode(COMMUNITY, GRID)).toBe(true);
  });

  it('fails across prefixes, skipped levels, reversed or invalid codes', () => {
    expect(isChildCode('120200000000', DISTRICT)).toBe(false);
    expect(isChildCode('120111000000', STREET)).toBe(false);
    expect(isChildCode('120110002000', COMMUNITY)).toBe(false);
    expect(isChildCode('120110001002', GRID)).toBe(false);
    expect(isChildCode(CITY, STREET)).toBe(false);
    expect(isChildCode(DISTRICT, GRID)).toBe(false);
    expect(isChildCode(DISTRICT, CITY)).toBe(false);
    expect(isChildCode(DISTRICT, DISTRICT)).toBe(false);
    expect(isChildCode(DISTRICT, '120110400000')).toBe(false);
    expect(isChildCode('x', DISTRICT)).toBe(false);
  });
});

describe('parentCodeOf', () => {
  it('walks up the chain to the city', () => {
    expect(parentCodeOf(GRID)).toBe(COMMUNITY);
    expect(parentCodeOf(COMMUNITY)).toBe(STREET);
    expect(parentCodeOf(STREET)).toBe(DISTRICT);
    expect(parentCodeOf(DISTRICT)).toBe(CITY);
    expect(parentCodeOf(CITY)).toBeNull();
  });

  it('is the inverse of isChildCode', () => {
    for (const code of [GRID, COMMUNITY, STREET, DISTRICT, '650102250399007']) {
      expect(isChildCode(parentCodeOf(code)!, code)).toBe(true);
    }
  });

  it('returns null for malformed codes', () => {
    expect(parentCodeOf('12011000000')).toBeNull();
    expect(parentCodeOf('120110001001000')).toBeNull();
  });
});

describe('gridCode / buildingCode', () => {
  it('appends a 3-digit sequence', () => {
    expect(gridCode(COMMUNITY, 1)).toBe(GRID);
    expect(gridCode(COMMUNITY, 42)).toBe('120110001001042');
    expect(gridCode(COMMUNITY, 999)).toBe('120110001001999');
    expect(buildingCode(GRID, 7)).toBe('120110001001001007');
    expect(levelOfCode(gridCode(COMMUNITY, 5))).toBe('grid');
  });

  it('throws RangeError for sequences outside 1–999', () => {
    for (const seq of [0, 1000, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => gridCode(COMMUNITY, seq), String(seq)).toThrow(RangeError);
      expect(() => buildingCode(GRID, seq), String(seq)).toThrow(RangeError);
    }
  });

  it('throws RangeError for a parent of the wrong level', () => {
    expect(() => gridCode(STREET, 1)).toThrow(/street code, expected community/);
    expect(() => gridCode(GRID, 1)).toThrow(RangeError);
    expect(() => buildingCode(COMMUNITY, 1)).toThrow(/community code, expected grid/);
  });

  it('recognises building codes', () => {
    expect(isBuildingCode('120110001001001007')).toBe(true);
    expect(isBuildingCode('120110001001001000')).toBe(false);
    expect(isBuildingCode('120110001001000007')).toBe(false);
    expect(isBuildingCode(GRID)).toBe(false);
    expect(isBuildingCode('12011000100100100x')).toBe(false);
  });
});
