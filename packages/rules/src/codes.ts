// Statistical division codes (统计用区划代码) and the grid/building codes built on them.
// Layout of the 12 digits: PP CC DD TTT VVV (province, city, county, township, village level).
// A level is recognised by which parts are non-zero; a zero part above a non-zero one is malformed.

export type OrgLevel = 'city' | 'district' | 'street' | 'community' | 'grid';

/** Top to bottom; the index of a level is its depth below the city. */
export const ORG_LEVELS: readonly OrgLevel[] = ['city', 'district', 'street', 'community', 'grid'];

export type CodeValidation = { ok: true; level: OrgLevel } | { ok: false; reason: string };

export type TownshipKind = 'street' | 'town' | 'township';
export type VillageKind = 'residents' | 'village';

const DIVISION_LENGTH = 12;
const GRID_LENGTH = 15;
const BUILDING_LENGTH = 18;

// Real province-level prefixes (GB/T 2260); anything else is a typo, not a place.
export const PROVINCE_CODES: readonly string[] = [
  ...['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37'],
  ...['41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65'],
  ...['71', '81', '82'],
];
const PROVINCES: ReadonlySet<string> = new Set(PROVINCE_CODES);

/** Number of leading digits that identify a code of each level (the rest are zeros or absent). */
const PREFIX_LENGTH: Record<OrgLevel, number> = {
  city: 4,
  district: 6,
  street: 9,
  community: 12,
  grid: 15,
};

const DIGITS = /^\d+$/;

function fail(reason: string): CodeValidation {
  return { ok: false, reason };
}

function validateDivision(code: string): CodeValidation {
  const province = code.slice(0, 2);
  const city = code.slice(2, 4);
  const county = code.slice(4, 6);
  const township = code.slice(6, 9);
  const village = code.slice(9, 12);
  if (!PROVINCES.has(province)) {
    return fail(`省级代码 ${province} 不存在 (province prefix ${province} is not a real province)`);
  }
  const t = Number(township);
  if (t > 399) {
    return fail(`乡级代码 ${township} 超出 001–399 (township part ${township} is out of 001–399)`);
  }
  const v = Number(village);
  if (v > 399) {
    return fail(`村级代码 ${village} 超出 001–399 (village part ${village} is out of 001–399)`);
  }
  // Parts from the top; the level is the last non-zero part, and every part above it must be set.
  const parts: [string, string, string][] = [
    [city, '市级', 'city'],
    [county, '县级', 'county'],
    [township, '乡级', 'township'],
    [village, '村级', 'village'],
  ];
  let last = -1;
  parts.forEach(([digits], i) => {
    if (Number(digits) !== 0) last = i;
  });
  if (last === -1) {
    return fail('省级编码不是本系统的组织层级 (province codes are not an org level here)');
  }
  for (let i = 0; i < last; i++) {
    const [digits, zh, en] = parts[i]!;
    if (Number(digits) === 0) {
      return fail(
        `${zh}代码为 ${digits}，但下级代码非零 (${en} part is ${digits} while a lower part is set)`,
      );
    }
  }
  const level: OrgLevel = (['city', 'district', 'street', 'community'] as const)[last]!;
  return { ok: true, level };
}

/**
 * Checks a 12-digit division code or a 15-digit grid code. With `expectedLevel` a valid code of
 * another level is rejected too, so callers get one reason string for the user.
 */
export function validateCode(code: unknown, expectedLevel?: OrgLevel): CodeValidation {
  if (typeof code !== 'string') return fail('编码必须是字符串 (code must be a string)');
  if (!DIGITS.test(code)) return fail('编码只能包含数字 (code must contain digits only)');
  const wantLength =
    expectedLevel === undefined ? null : expectedLevel === 'grid' ? GRID_LENGTH : DIVISION_LENGTH;
  if (code.length !== DIVISION_LENGTH && code.length !== GRID_LENGTH) {
    return fail(
      wantLength === null
        ? `编码应为 12 位（区划）或 15 位（网格），实际 ${code.length} 位 (code must have 12 digits for a division or 15 for a grid, got ${code.length})`
        : `编码应为 ${wantLength} 位，实际 ${code.length} 位 (code must have ${wantLength} digits, got ${code.length})`,
    );
  }
  let result: CodeValidation;
  if (code.length === GRID_LENGTH) {
    const community = validateDivision(code.slice(0, DIVISION_LENGTH));
    if (!community.ok) {
      result = community;
    } else if (community.level !== 'community') {
      result = fail(
        `网格编码的前 12 位必须是社区/村编码，实际为 ${community.level} (the first 12 digits of a grid code must be a community code, got a ${community.level} code)`,
      );
    } else if (code.slice(12) === '000') {
      result = fail('网格序号必须在 001–999 之间 (grid sequence must be 001–999)');
    } else {
      result = { ok: true, level: 'grid' };
    }
  } else {
    result = validateDivision(code);
  }
  if (result.ok && expectedLevel !== undefined && result.level !== expectedLevel) {
    return fail(
      `编码层级为 ${result.level}，期望 ${expectedLevel} (code is a ${result.level} code, expected ${expectedLevel})`,
    );
  }
  return result;
}

export function levelOfCode(code: string): OrgLevel | null {
  const result = validateCode(code);
  return result.ok ? result.level : null;
}

export function isBuildingCode(code: string): boolean {
  return (
    typeof code === 'string' &&
    code.length === BUILDING_LENGTH &&
    DIGITS.test(code) &&
    code.slice(GRID_LENGTH) !== '000' &&
    levelOfCode(code.slice(0, GRID_LENGTH)) === 'grid'
  );
}

/** The code of the level directly above; null for a city (provinces are not modelled) or a bad code. */
export function parentCodeOf(code: string): string | null {
  const level = levelOfCode(code);
  if (level === null || level === 'city') return null;
  const parent = ORG_LEVELS[ORG_LEVELS.indexOf(level) - 1]!;
  return code.slice(0, PREFIX_LENGTH[parent]).padEnd(DIVISION_LENGTH, '0');
}

/** True when `childCode` sits exactly one level below `parentCode` inside it. */
export function isChildCode(parentCode: string, childCode: string): boolean {
  const parentLevel = levelOfCode(parentCode);
  const childLevel = levelOfCode(childCode);
  if (parentLevel === null || childLevel === null) return false;
  if (ORG_LEVELS.indexOf(childLevel) !== ORG_LEVELS.indexOf(parentLevel) + 1) return false;
  const prefix = PREFIX_LENGTH[parentLevel];
  return childCode.slice(0, prefix) === parentCode.slice(0, prefix);
}

function sequence(seq: number, zh: string, en: string): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > 999) {
    throw new RangeError(
      `${zh}序号必须是 1–999 的整数 (${en} sequence must be an integer 1–999, got ${seq})`,
    );
  }
  return String(seq).padStart(3, '0');
}

export function gridCode(communityCode: string, seq: number): string {
  const check = validateCode(communityCode, 'community');
  if (!check.ok) throw new RangeError(check.reason);
  return communityCode + sequence(seq, '网格', 'grid');
}

export function buildingCode(gridCodeValue: string, seq: number): string {
  const check = validateCode(gridCodeValue, 'grid');
  if (!check.ok) throw new RangeError(check.reason);
  return gridCodeValue + sequence(seq, '楼栋', 'building');
}

/** Digits shared by every valid code at or below a level, after checking the code is one. */
function divisionDigits(code: string, minLevel: 'street' | 'community'): string {
  const head = isBuildingCode(code) ? code.slice(0, GRID_LENGTH) : code;
  const level = levelOfCode(head);
  if (level === null || ORG_LEVELS.indexOf(level) < ORG_LEVELS.indexOf(minLevel)) {
    throw new RangeError(
      `编码 ${code} 不含${minLevel === 'street' ? '乡级' : '村级'}代码 (code ${code} has no ${minLevel === 'street' ? 'township' : 'village'} part)`,
    );
  }
  return head.slice(0, DIVISION_LENGTH);
}

/** 001–099 street office (街道), 100–199 town (镇), 200–399 township (乡). */
export function townshipKind(code: string): TownshipKind {
  const t = Number(divisionDigits(code, 'street').slice(6, 9));
  return t < 100 ? 'street' : t < 200 ? 'town' : 'township';
}

/** 001–199 residents' committee (社区居委会), 200–399 village committee (村委会). */
export function villageKind(code: string): VillageKind {
  const v = Number(divisionDigits(code, 'community').slice(9, 12));
  return v < 200 ? 'residents' : 'village';
}
