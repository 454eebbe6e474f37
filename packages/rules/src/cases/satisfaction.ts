// Satisfaction in words. The stored scale stays 1–5 (rating on evaluate, satisfaction on the
// return visit); people read and choose one of the three words the return visits use:
// 满意 / 基本满意 / 不满意.

export const SATISFACTION_LEVELS = ['satisfied', 'basic', 'dissatisfied'] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

/** The value a chosen word stores on the 1–5 scale. */
export const SATISFACTION_SCORE: Readonly<Record<SatisfactionLevel, number>> = {
  satisfied: 5,
  basic: 4,
  dissatisfied: 1,
};

/**
 * The word for a stored score: 5 满意, 3–4 基本满意, 1–2 不满意. Scores stored before the words
 * (any whole number 1–5) map too; anything else has no word (null).
 */
export function satisfactionLevel(score: number | null | undefined): SatisfactionLevel | null {
  if (typeof score !== 'number' || !Number.isInteger(score) || score < 1 || score > 5) return null;
  if (score === 5) return 'satisfied';
  return score >= 3 ? 'basic' : 'dissatisfied';
}

/** How many scores fall on each word (scores without a word are left out). */
export function satisfactionDistribution(
  scores: readonly (number | null | undefined)[],
): Record<SatisfactionLevel, number> {
  const counts: Record<SatisfactionLevel, number> = { satisfied: 0, basic: 0, dissatisfied: 0 };
  for (const s of scores) {
    const level = satisfactionLevel(s);
    if (level) counts[level] += 1;
  }
  return counts;
}
