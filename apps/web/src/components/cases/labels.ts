import { CASE_ACTION_LABELS, CASE_STATE_LABELS } from '@wangge/rules';
import { useCallback, useMemo } from 'react';
import type { CaseCategoryLeaf, CaseCategoryMajor } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';

type Bilingual = Readonly<Record<string, { zh: string; en: string }>>;

const STATE_LABELS: Bilingual = CASE_STATE_LABELS;
const ACTION_LABELS: Bilingual = {
  ...CASE_ACTION_LABELS,
  // Not a state-machine action, but listed in `actions` by the server.
  merge: { zh: '合并', en: 'Merge' },
  // Steps the server writes when a case is created.
  report: { zh: '上报', en: 'Report' },
  reportSelfHandled: { zh: '自处理上报', en: 'Report as self-handled' },
};

export const CASE_SOURCES = [
  'patrol',
  'resident_app',
  'hotline',
  'wechat',
  'web',
  'iot',
  'department',
  'leader',
] as const;

/** Names of states, actions and sources in the current language; unknown names show as they are. */
export function useCaseLabels() {
  const { lang, tk } = useI18n();
  const stateLabel = useCallback(
    (state: string | null | undefined) => {
      if (!state) return '—';
      const label = STATE_LABELS[state];
      return label ? label[lang] : state;
    },
    [lang],
  );
  const actionLabel = useCallback(
    (action: string) => {
      const label = ACTION_LABELS[action];
      return label ? label[lang] : action;
    },
    [lang],
  );
  const sourceLabel = useCallback((source: string) => tk(`caseSource.${source}`, source), [tk]);
  return useMemo(() => ({ stateLabel, actionLabel, sourceLabel }), [stateLabel, actionLabel, sourceLabel]);
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
