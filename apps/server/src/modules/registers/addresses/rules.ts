// The rules of the standard address tree, shared by the one-at-a-time API (operations.ts) and the
// Excel import, so both refuse the same trees with the same words. Each rule answers a problem
// naming the abstract field it concerns; every caller maps that to its own field or column.
import type { VocabularyEntry } from '@wangge/rules';
import type { AddressLevel } from '../../../db/schema.ts';

export const ADDRESS_LEVELS: readonly AddressLevel[] = [
  'road',
  'number',
  'building',
  'unit',
  'floor',
  'room',
];

export const ADDRESS_LEVEL_OPTIONS: readonly (VocabularyEntry & { key: AddressLevel })[] = [
  { key: 'road', labelZh: '路/街巷', labelEn: 'road' },
  { key: 'number', labelZh: '门牌号', labelEn: 'number' },
  { key: 'building', labelZh: '楼栋', labelEn: 'building' },
  { key: 'unit', labelZh: '单元', labelEn: 'unit' },
  { key: 'floor', labelZh: '楼层', labelEn: 'floor' },
  { key: 'room', labelZh: '房间', labelEn: 'room' },
];

/** From building down an address lies in exactly one grid. */
export const GRID_BOUND: ReadonlySet<AddressLevel> = new Set(['building', 'unit', 'floor', 'room']);

export type AddressRuleField = 'parent' | 'level' | 'grid' | 'unitNo' | 'floor';
export interface AddressProblem {
  field: AddressRuleField;
  reason: string;
}

/** Only a road has no parent, and every element hangs below its parent's level. */
export function levelProblem(level: AddressLevel, parentLevel: AddressLevel | null): AddressProblem | null {
  if ((level === 'road') !== (parentLevel === null))
    return { field: 'parent', reason: '只有路/街巷没有上级地址 (only a road has no parent)' };
  if (parentLevel && ADDRESS_LEVELS.indexOf(level) <= ADDRESS_LEVELS.indexOf(parentLevel)) {
    return {
      field: 'level',
      reason: `${level} 不能在 ${parentLevel} 之下 (a ${level} cannot hang under a ${parentLevel})`,
    };
  }
  return null;
}

/** The org unit an element lies in: within its parent's, and a grid from building down. */
export function gridProblem(
  level: AddressLevel,
  unit: { path: string; level: string },
  parentGridPath: string | null,
): AddressProblem | null {
  if (parentGridPath && !unit.path.startsWith(parentGridPath))
    return {
      field: 'grid',
      reason: '地址的网格须在上级地址的范围内 (the grid must lie within the parent address)',
    };
  if (GRID_BOUND.has(level) && unit.level !== 'grid')
    return {
      field: 'grid',
      reason: '楼栋及以下地址须属于一个网格 (a building and below must lie in one grid)',
    };
  return null;
}

export interface MatrixPlace {
  unitNo: number | null;
  floor: number | null;
  room: string | null;
}

/**
 * The building-matrix columns (unit, floor, room): a unit and a floor set their own number, everything
 * below inherits them, a room takes its own number (default: its name) and needs both above it.
 */
export function matrixPlace(
  level: AddressLevel,
  parent: { unit_no: number | null; floor: number | null } | null,
  input: { name: string; unitNo?: number | null; floor?: number | null; room?: string | null },
): { ok: true; place: MatrixPlace } | ({ ok: false } & AddressProblem) {
  const unitNo = level === 'unit' ? (input.unitNo ?? null) : (parent?.unit_no ?? null);
  const floor = level === 'floor' ? (input.floor ?? null) : (parent?.floor ?? input.floor ?? null);
  const room = level === 'room' ? (input.room ?? input.name) : null;
  if (level === 'unit' && unitNo === null)
    return { ok: false, field: 'unitNo', reason: '单元需要单元号 (a unit needs unitNo)' };
  if (level === 'floor' && floor === null)
    return { ok: false, field: 'floor', reason: '楼层需要层号 (a floor needs floor)' };
  if (level === 'room' && (unitNo === null || floor === null)) {
    return {
      ok: false,
      field: 'floor',
      reason: '房间须在单元与楼层之下，或给出 floor (a room needs a unit above it and a floor)',
    };
  }
  return { ok: true, place: { unitNo, floor, room } };
}

/** The code given to an element without one: its parent's code and its place among the siblings. */
export function generatedAddressCode(parentCode: string | null, siblingsBefore: number): string {
  return `${parentCode === null ? 'A' : `${parentCode}.`}${siblingsBefore + 1}`;
}
