// Rankings and careers (DOMAIN.md §7): competition ranking with ties, what a worker may see of a
// ranking, the yearly rating proposed from the year's scores, and Hohhot's 12-grade pay ladder
// (3 consecutive years qualified → up one grade; 3 consecutive years excellent → up two).

export interface Ranked<T> {
  item: T;
  rank: number;
  score: number | null;
}

/** 1, 2, 2, 4: equal scores share a rank; subjects without a score come last, unranked. */
export function rankByScore<T>(items: readonly T[], scoreOf: (item: T) => number | null): Ranked<T>[] {
  const scored = items
    .map((item) => ({ item, score: scoreOf(item) }))
    .sort((a, b) => (b.score ?? Number.NEGATIVE_INFINITY) - (a.score ?? Number.NEGATIVE_INFINITY));
  const out: Ranked<T>[] = [];
  scored.forEach((s, i) => {
    const prev = out[i - 1];
    const rank = s.score === null ? 0 : prev && prev.score === s.score ? prev.rank : i + 1;
    out.push({ item: s.item, rank, score: s.score });
  });
  return out;
}

/** What a worker sees of a ranking: their own row and `around` rows either side, not the whole list. */
export function rankingWindow<T>(
  ranking: readonly Ranked<T>[],
  isSelf: (item: T) => boolean,
  around = 2,
): Ranked<T>[] {
  const i = ranking.findIndex((r) => isSelf(r.item));
  if (i < 0) return [];
  return ranking.slice(Math.max(0, i - around), i + around + 1);
}

/** The bottom of a ranking flagged for a talk (约谈): the last `count` ranked, and any grade-E score. */
export function flaggedForTalk<T>(ranking: readonly Ranked<T>[], count: number, eBelow = 40): Ranked<T>[] {
  const ranked = ranking.filter((r) => r.score !== null);
  const tail = new Set(ranked.slice(Math.max(0, ranked.length - count)));
  return ranked.filter((r) => tail.has(r) || (r.score as number) < eBelow);
}

export const YEAR_RATINGS = ['excellent', 'qualified', 'unqualified'] as const;
export type YearRating = (typeof YEAR_RATINGS)[number];
export const YEAR_RATING_LABELS: Readonly<Record<YearRating, { zh: string; en: string }>> = {
  excellent: { zh: '优秀', en: 'Excellent' },
  qualified: { zh: '合格', en: 'Qualified' },
  unqualified: { zh: '不合格', en: 'Unqualified' },
};

/** Proposed from the year's monthly composites (a person confirms): mean ≥ 90 excellent, ≥ 60 qualified. */
export function proposeYearRating(monthlyScores: readonly (number | null)[]): YearRating | null {
  const scores = monthlyScores.filter((s): s is number => s !== null);
  if (scores.length === 0) return null;
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  return mean >= 90 ? 'excellent' : mean >= 60 ? 'qualified' : 'unqualified';
}

export const PAY_GRADES = 12;

export interface PromotionProposal {
  from: number;
  to: number;
  /** The years (ascending) whose ratings earned it. */
  years: number[];
  reason: 'three_excellent' | 'three_qualified';
}

/**
 * Hohhot's rule over the confirmed ratings since the last grade change (ascending by year): the
 * last three consecutive years all excellent → +2, else all at least qualified → +1; capped at
 * grade 12. A gap year or an unqualified year breaks the run. Null when nothing is due.
 */
export function proposePromotion(
  grade: number,
  ratings: readonly { year: number; rating: YearRating }[],
): PromotionProposal | null {
  if (grade >= PAY_GRADES) return null;
  const sorted = [...ratings].sort((a, b) => a.year - b.year);
  const last = sorted.slice(-3);
  if (last.length < 3) return null;
  if (last[2]!.year - last[0]!.year !== 2) return null;
  if (last.some((r) => r.rating === 'unqualified')) return null;
  const excellent = last.every((r) => r.rating === 'excellent');
  const to = Math.min(PAY_GRADES, grade + (excellent ? 2 : 1));
  return {
    from: grade,
    to,
    years: last.map((r) => r.year),
    reason: excellent ? 'three_excellent' : 'three_qualified',
  };
}
