// One label function for every code a person may see, in Chinese first and English second.
// The UI never prints a code: it calls label(kind, code, lang). A code without a label comes
// back as itself, and packages/rules/test/labels.test.ts fails for every such code.
import { CASE_ACTION_LABELS, RELATION_LABELS } from '../cases/actions.ts';
import { CASE_STATE_LABELS } from '../cases/states.ts';
import { ERRAND_ACTION_LABELS, ERRAND_STATE_LABELS } from '../services/errands.ts';

export type Lang = 'zh' | 'en';
export interface Bilingual {
  zh: string;
  en: string;
}
type Table = Readonly<Record<string, Bilingual>>;

export const LABELS = {
  caseState: CASE_STATE_LABELS,
  caseAction: CASE_ACTION_LABELS,
  caseRelation: RELATION_LABELS,
  errandState: ERRAND_STATE_LABELS,
  errandAction: ERRAND_ACTION_LABELS,
} as const satisfies Record<string, Table>;

export type LabelKind = keyof typeof LABELS;

/** The name of `code` of `kind` in `lang`; the code itself when it has none (never throws). */
export function label(kind: LabelKind, code: string | null | undefined, lang: Lang): string {
  if (code === null || code === undefined || code === '') return '—';
  const table: Table = LABELS[kind];
  return Object.hasOwn(table, code) ? table[code]![lang] : code;
}

/** Whether `code` of `kind` has a label (for coverage tests and fallbacks). */
export function hasLabel(kind: LabelKind, code: string): boolean {
  return Object.hasOwn(LABELS[kind] as Table, code);
}
