// A grid should hold 300–500 households (some cities use 300–400, hence the rule parameter).

export interface HouseholdRule {
  min: number;
  max: number;
}

export type HouseholdStatus = 'under' | 'ok' | 'over';

export const HOUSEHOLD_RULE: Readonly<HouseholdRule> = Object.freeze({ min: 300, max: 500 });

/** Both bounds are inclusive: 300 and 500 households are within the rule. */
export function householdStatus(households: number, rule: HouseholdRule = HOUSEHOLD_RULE): HouseholdStatus {
  if (!Number.isFinite(households) || households < 0) {
    throw new RangeError(
      `户数必须是非负数 (household count must be a non-negative number), got ${households}`,
    );
  }
  if (!(rule.min <= rule.max)) {
    throw new RangeError(`户数规则下限大于上限 (rule min exceeds max): ${rule.min} > ${rule.max}`);
  }
  if (households < rule.min) return 'under';
  if (households > rule.max) return 'over';
  return 'ok';
}
