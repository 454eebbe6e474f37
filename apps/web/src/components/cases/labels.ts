import { CASE_SOURCES as ALL_SOURCES, label } from '@wangge/rules';
import { useCallback, useMemo } from 'react';
import type { CaseCategoryLeaf, CaseCategoryMajor } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';

/** The sources a person may pick; cases from the Open311 interface come only through it. */
export const CASE_SOURCES = ALL_SOURCES.filter((source) => source !== 'open311');

/** Names of states, actions, steps and sources in the current language (label() of @wangge/rules). */
export function useCaseLabels() {
  const { lang } = useI18n();
  const stateLabel = useCallback(
    (state: string | null | undefined) => label('caseState', state, lang),
    [lang],
  );
  const actionLabel = useCallback((action: string) => label('caseAction', action, lang), [lang]);
  const stepLabel = useCallback((action: string) => label('caseStep', action, lang), [lang]);
  const sourceLabel = useCallback((source: string) => label('caseSource', source, lang), [lang]);
  return useMemo(
    () => ({ stateLabel, actionLabel, stepLabel, sourceLabel }),
    [stateLabel, actionLabel, stepLabel, sourceLabel],
  );
}

/** A category's name, filing and closing standard in the current language. */
export function useCategoryText() {
  const { pick } = useI18n();
  return useMemo(
    () => ({
      name: (c: { nameZh: string; nameEn: string }) => pick(c.nameZh, c.nameEn),
      filing: (c: CaseCategoryLeaf) => pick(c.filingStandard, c.filingStandardEn),
      closing: (c: CaseCategoryLeaf) => pick(c.closingStandard, c.closingStandardEn),
    }),
    [pick],
  );
}

/** Leaves of the category tree by code. */
export function leafIndex(majors: CaseCategoryMajor[] | undefined): Map<string, CaseCategoryLeaf> {
  const index = new Map<string, CaseCategoryLeaf>();
  for (const major of majors ?? []) for (const leaf of major.children) index.set(leaf.code, leaf);
  return index;
}

/** A rate 0–1 as a percentage with one decimal; null (nothing to count) as a dash. */
export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(1)}%`;
}
