import type { GridKind, HouseholdStatus } from '../api/types';

export const KIND_COLORS: Record<GridKind, string> = { base: '#3b82f6', special: '#f59e0b' };

export const HOUSEHOLD_COLORS: Record<HouseholdStatus, string> = {
  under: '#eab308',
  ok: '#22a55b',
  over: '#e5484d',
};

export const UNKNOWN_COLOR = '#9aa5b1';
