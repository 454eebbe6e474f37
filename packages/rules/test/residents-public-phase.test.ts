import { describe, expect, it } from 'vitest';
import { CASE_STATES } from '../src/cases/states.ts';
import { PUBLIC_PHASES, publicPhase, residentMayRate } from '../src/residents/public-phase.ts';

describe('publicPhase', () => {
  it('maps every case state to one of the phases', () => {
    for (const state of CASE_STATES) expect(PUBLIC_PHASES).toContain(publicPhase(state));
  });

  it('reads the steps a resident cares about', () => {
    expect(publicPhase('reported')).toBe('received');
    expect(publicPhase('dispatched')).toBe('handling');
    expect(publicPhase('rework')).toBe('handling');
    expect(publicPhase('handled')).toBe('handled');
    expect(publicPhase('archived')).toBe('closed');
    expect(publicPhase('voided')).toBe('voided');
    expect(publicPhase('no_such_state')).toBe('received');
  });
});

describe('residentMayRate', () => {
  it('allows rating handled and closed cases only', () => {
    const allowed = CASE_STATES.filter(residentMayRate);
    expect(allowed.sort()).toEqual([
      'archived',
      'closed',
      'evaluated',
      'handled',
      'self_handled',
      'verified',
    ]);
  });
});
