import { describe, expect, it } from 'vitest';
import { type BonusItem, bonusSheet, fenToYuan, yuanToFen } from '../src/index.ts';

const ITEMS: BonusItem[] = [
  { eventKind: 'valid_reports', amountFen: yuanToFen(2) },
  { eventKind: 'visit_hours_over_target', amountFen: yuanToFen(15.5), cap: 10 },
  { eventKind: 'missed_reports', amountFen: yuanToFen(-5) },
  { eventKind: 'red_cards', amountFen: yuanToFen(-50) },
];

describe('bonus sheet', () => {
  it('multiplies each count by its amount and sums bonuses and deductions apart', () => {
    const sheet = bonusSheet(ITEMS, {
      valid_reports: 37,
      visit_hours_over_target: 4,
      missed_reports: 2,
      red_cards: 1,
    });
    expect(sheet.lines.map((l) => l.totalFen)).toEqual([7400, 6200, -1000, -5000]);
    expect(sheet.bonusFen).toBe(13600);
    expect(sheet.deductionFen).toBe(-6000);
    expect(sheet.totalFen).toBe(7600);
    expect(fenToYuan(sheet.totalFen)).toBe(76);
  });

  it('a configured item without events is a zero line, an unconfigured count earns nothing', () => {
    const sheet = bonusSheet(ITEMS, { valid_reports: 1, training_hours: 8 });
    expect(sheet.lines.map((l) => [l.eventKind, l.count, l.totalFen])).toEqual([
      ['valid_reports', 1, 200],
      ['visit_hours_over_target', 0, 0],
      ['missed_reports', 0, 0],
      ['red_cards', 0, 0],
    ]);
    expect(sheet.totalFen).toBe(200);
  });

  it('a cap limits the events that earn an item, not the count shown', () => {
    const line = bonusSheet(ITEMS, { visit_hours_over_target: 14 }).lines[1]!;
    expect([line.count, line.counted, line.totalFen]).toEqual([14, 10, 15500]);
  });

  it('sums exactly in fen where yuan would drift', () => {
    const sheet = bonusSheet([{ eventKind: 'x', amountFen: yuanToFen(0.1) }], { x: 3 });
    expect(sheet.totalFen).toBe(30);
    expect(yuanToFen(0.29)).toBe(29);
  });

  it('no items: an empty sheet summing to zero', () => {
    expect(bonusSheet([], { valid_reports: 5 })).toEqual({
      lines: [],
      bonusFen: 0,
      deductionFen: 0,
      totalFen: 0,
    });
  });

  it('refuses counts that cannot come from events and amounts not in fen', () => {
    expect(() => bonusSheet(ITEMS, { valid_reports: -1 })).toThrow(RangeError);
    expect(() => bonusSheet(ITEMS, { valid_reports: 1.5 })).toThrow(RangeError);
    expect(() => bonusSheet([{ eventKind: 'x', amountFen: 1.5 }], { x: 1 })).toThrow(RangeError);
    expect(() => yuanToFen(Number.NaN)).toThrow(RangeError);
  });
});
