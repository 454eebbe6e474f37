import { describe, expect, it } from 'vitest';
import { HOUSEHOLD_RULE, householdMembers, householdStatus, residentCount } from '../src/index.ts';

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

describe('householdMembers', () => {
  const p = (id: string) => ({ id, name: `P${id}` });

  it('lists an owner who also lives there once, with both links, living-in first', () => {
    const members = householdMembers([
      { kind: 'owner', person: p('1') },
      { kind: 'resident', person: p('2') },
      { kind: 'resident', person: p('1') },
    ]);
    expect(members.map((m) => m.person.id)).toEqual(['1', '2']);
    expect(members[0]!.kinds).toEqual(['resident', 'owner']);
    expect(members[0]!.livesHere).toBe(true);
  });

  it('counts distinct people living there: five people with six links are five', () => {
    const links = [
      { kind: 'owner' as const, person: p('1') },
      ...['1', '2', '3', '4', '5'].map((id) => ({ kind: 'resident' as const, person: p(id) })),
    ];
    expect(links).toHaveLength(6);
    expect(residentCount(householdMembers(links))).toBe(5);
  });

  it('does not count an owner who lives elsewhere, nor the same link twice', () => {
    const members = householdMembers([
      { kind: 'owner', person: p('9') },
      { kind: 'tenant', person: p('3') },
      { kind: 'tenant', person: p('3') },
    ]);
    expect(members.find((m) => m.person.id === '3')!.kinds).toEqual(['tenant']);
    expect(residentCount(members)).toBe(1);
    expect(residentCount(householdMembers([]))).toBe(0);
  });
});
