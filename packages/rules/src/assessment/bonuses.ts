// The monthly bonus sheet (奖惩, DOMAIN.md §7): a district configures items — an amount in yuan
// per counted event (a bonus per valid report, a deduction per missed report or red card, …) —
// and each worker's sheet is the month's event counts times those amounts. Amounts are kept in
// fen (integers) so sums are exact; a deduction is a negative amount.

export interface BonusItem {
  /** The event count the item multiplies (an indicator code of the counts, e.g. `valid_reports`). */
  readonly eventKind: string;
  /** Fen per counted event; negative for a deduction. */
  readonly amountFen: number;
  /** Counted events up to this many earn the item (null: no cap). */
  readonly cap?: number | null;
}

export interface BonusLine {
  eventKind: string;
  count: number;
  /** Events that earned the item: the count, capped. */
  counted: number;
  amountFen: number;
  totalFen: number;
}

export interface BonusSheet {
  lines: BonusLine[];
  bonusFen: number;
  deductionFen: number;
  totalFen: number;
}

/** Yuan as entered in the configuration to fen, rounded to the fen. */
export function yuanToFen(yuan: number): number {
  if (!Number.isFinite(yuan)) throw new RangeError(`not an amount: ${yuan}`);
  return Math.round(yuan * 100);
}

export function fenToYuan(fen: number): number {
  return fen / 100;
}

/**
 * One worker's month: a line per configured item in the items' order (a missing count is 0),
 * bonuses and deductions apart, and the sum. Negative or fractional counts are refused — counts
 * come from events.
 */
export function bonusSheet(
  items: readonly BonusItem[],
  counts: Readonly<Record<string, number>>,
): BonusSheet {
  const lines = items.map((item) => {
    const count = Object.hasOwn(counts, item.eventKind) ? counts[item.eventKind]! : 0;
    if (!Number.isInteger(count) || count < 0)
      throw new RangeError(`bad count for ${item.eventKind}: ${count}`);
    if (!Number.isInteger(item.amountFen)) throw new RangeError(`amount of ${item.eventKind} is not in fen`);
    const counted =
      item.cap === null || item.cap === undefined ? count : Math.min(count, Math.max(0, item.cap));
    // No events is 0 fen, never -0 (which a spreadsheet would print as "-0").
    const totalFen = counted === 0 ? 0 : counted * item.amountFen;
    return { eventKind: item.eventKind, count, counted, amountFen: item.amountFen, totalFen };
  });
  const bonusFen = lines.reduce((sum, l) => sum + Math.max(0, l.totalFen), 0);
  const deductionFen = lines.reduce((sum, l) => sum + Math.min(0, l.totalFen), 0);
  return { lines, bonusFen, deductionFen, totalFen: bonusFen + deductionFen };
}
