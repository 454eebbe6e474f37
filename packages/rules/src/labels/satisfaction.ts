// Names of the satisfaction words (cases/satisfaction.ts), as the return visits say them.
import type { SatisfactionLevel } from '../cases/satisfaction.ts';
import type { Bilingual } from './index.ts';

export const SATISFACTION_LABELS = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basic: { zh: '基本满意', en: 'Mostly satisfied' },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
} as const satisfies Record<SatisfactionLevel, Bilingual>;
