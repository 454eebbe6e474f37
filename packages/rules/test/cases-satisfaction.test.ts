import { describe, expect, it } from 'vitest';
import {
  hasLabel,
  label,
  SATISFACTION_LEVELS,
  SATISFACTION_SCORE,
  satisfactionDistribution,
  satisfactionLevel,
} from '../src/index.ts';

describe('satisfaction in words', () => {
  it('maps every stored score of the 1–5 scale to one of the three words', () => {
    expect([1, 2, 3, 4, 5].map(satisfactionLevel)).toEqual([
      'dissatisfied',
      'dissatisfied',
      'basic',
      'basic',
      'satisfied',
    ]);
  });

  it('gives no word to a missing or out-of-scale score', () => {
    for (const s of [null, undefined, 0, 6, 2.5, Number.NaN, -1]) expect(satisfactionLevel(s)).toBeNull();
  });

  it('stores a chosen word as a score that reads back as the same word', () => {
    for (const level of SATISFACTION_LEVELS) {
      const score = SATISFACTION_SCORE[level];
      expect(score).toBeGreaterThanOrEqual(1);
      expect(score).toBeLessThanOrEqual(5);
      expect(satisfactionLevel(score)).toBe(level);
    }
  });

  it('counts scores per word, leaving out those without one', () => {
    expect(satisfactionDistribution([5, 5, 4, 3, 2, 1, null, 7])).toEqual({
      satisfied: 2,
      basic: 2,
      dissatisfied: 2,
    });
    expect(satisfactionDistribution([])).toEqual({ satisfied: 0, basic: 0, dissatisfied: 0 });
  });

  it('names every word in Chinese and English, as the return visits say them', () => {
    for (const level of SATISFACTION_LEVELS) expect(hasLabel('satisfaction', level)).toBe(true);
    expect(SATISFACTION_LEVELS.map((l) => label('satisfaction', l, 'zh'))).toEqual([
      '满意',
      '基本满意',
      '不满意',
    ]);
    expect(label('satisfaction', 'basic', 'en')).toBe('Mostly satisfied');
  });
});
