// Statistics formulas of the assessment (DOMAIN.md §7). Every rate is a percentage with one
// decimal (99.2 means 99.2%), or null when there is nothing to divide by.
//
// Rounding: 'round' (default) rounds half up to 0.1%; 'truncate' cuts off after the first decimal.
// Published figures are not consistent about it: Baotun's 1,879 handled of 1,895 found is
// 99.1556…%, which the field report prints as 99.1% (truncated), while rounding gives 99.2%.
// Use 'truncate' only to reproduce such figures; our own reports round.

export interface RateOptions {
  mode?: 'round' | 'truncate';
}

function count(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number ≥ 0`);
  return value;
}

/** numerator ÷ denominator as a percentage to 0.1%, or null when the denominator is 0. */
export function rate(numerator: number, denominator: number, options: RateOptions = {}): number | null {
  const n = count(numerator, 'numerator');
  const d = count(denominator, 'denominator');
  if (d === 0) return null;
  // Tenths of a percent, computed on the exact quotient n·1000/d so that no float error decides
  // a rounding (1/8 = 12.5% exactly, not 12.499999…).
  const tenths =
    options.mode === 'truncate' ? Math.floor((n * 1000) / d) : Math.floor((n * 2000 + d) / (2 * d));
  return tenths / 10;
}

/** Closure rate (结案率): closed cases (closed, evaluated or archived) ÷ cases that had to be closed (filed). */
export function closureRate(counts: { closed: number; total: number }, options?: RateOptions): number | null {
  return rate(counts.closed, counts.total, options);
}

/** On-time rate (按时…率) of a step: steps finished within their limit ÷ steps finished. */
export function onTimeRate(counts: { onTime: number; total: number }, options?: RateOptions): number | null {
  return rate(counts.onTime, counts.total, options);
}

/** Rework rate (返工率): cases re-dispatched after a failed verification ÷ cases closed. */
export function reworkRate(
  counts: { reworked: number; closed: number },
  options?: RateOptions,
): number | null {
  return rate(counts.reworked, counts.closed, options);
}

/** Valid-report rate (有效上报率): (filed + voided as duplicates) ÷ all reported. */
export function validReportRate(
  counts: { filed: number; voidedAsDuplicate: number; reported: number },
  options?: RateOptions,
): number | null {
  return rate(counts.filed + counts.voidedAsDuplicate, counts.reported, options);
}
