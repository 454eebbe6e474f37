import { type LabelKind, label } from '@wangge/rules';
import { useCallback } from 'react';
import { useI18n } from './useI18n';

/** The one label function of @wangge/rules in the console's current language. */
export function useLabel(): (kind: LabelKind, code: string | null | undefined) => string {
  const { lang } = useI18n();
  return useCallback((kind: LabelKind, code: string | null | undefined) => label(kind, code, lang), [lang]);
}
