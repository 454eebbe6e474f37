import { describe, expect, it } from 'vitest';
import { HOUSEHOLD_RULE, householdStatus } from '../src/index.ts';

describe('householdStatus', () => {
  it('uses 300–500 inclusive by default', () => {
    expect(HOUSEHOLD_RULE).toEqual({ min: 300, max: 500 });
    expect(householdStatus(0)).toBe('under');
    expect(householdStatus(299)).toBe('under');
    expect(householdStatus(300)).toBe('ok');
    expect(householdStatus(420)).toBe('ok');
    expect(householdStatus(500)).toBe('ok');
    expect(householdStatus(501)).toBe('over');
  });

  it('takes a local rule (Dongli uses 300–400)', () => {
    const dongli = { min: 300, max: 400 };
    expect(householdStatus(400, dongli)).toBe('ok');
    expect(householdStatus(401, dongli)).toBe('over');
    expect(householdStatus(299, dongli)).toBe('under');
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(HOUSEHOLD_RULE)).toBe(true);
  });

  it('rejects impossible counts and rules', () => {
    expect(() => householdStatus(-1)).toThrow(RangeError);
    expect(() => householdStatus(Number.NaN)).toThrow(RangeError);
    expect(() => householdStatus(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => householdStatus(350, { min: 500, max: 300 })).toThrow(RangeError);
  });
});
