// Labels of the register vocabularies, taken from @wangge/rules (zh and en in one place).
import {
  ATTENTION_LEVELS,
  CARE_GROUP_TYPES,
  type ExtraFieldSpec,
  FIRE_SAFETY_LEVELS,
  HOUSE_STRUCTURES,
  HOUSE_USES,
  PERSON_HOUSE_LINK_KINDS,
  RENTAL_HAZARD_LEVELS,
  RESIDENCE_ROLES,
  SPECIAL_GROUP_TYPES,
  UNIT_KINDS,
  type VocabularyEntry,
} from '@wangge/rules';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/useI18n';

export function useRegisterLabels() {
  const { pick, tk } = useI18n();
  return useMemo(() => {
    const from = (vocabulary: readonly VocabularyEntry[]) => (key: string | null | undefined) => {
      if (!key) return '—';
      const entry = vocabulary.find((e) => e.key === key);
      return entry ? pick(entry.labelZh, entry.labelEn) : key;
    };
    const special = (code: string) => {
      const type = SPECIAL_GROUP_TYPES.find((g) => g.code === code);
      return type ? pick(type.labelZh, type.labelEn) : code;
    };
    const care = (key: string) => {
      const type = CARE_GROUP_TYPES.find((g) => g.key === key);
      return type ? pick(type.labelZh, type.labelEn) : key;
    };
    return {
      role: from(RESIDENCE_ROLES),
      linkKind: from(PERSON_HOUSE_LINK_KINDS),
      attention: from(ATTENTION_LEVELS),
      houseUse: from(HOUSE_USES),
      structure: from(HOUSE_STRUCTURES),
      hazard: from(RENTAL_HAZARD_LEVELS),
      unitKind: from(UNIT_KINDS),
      fireSafety: from(FIRE_SAFETY_LEVELS),
      special,
      care,
      group: (family: 'special' | 'care', code: string) =>
        family === 'special' ? special(code) : care(code),
      gender: (g: string | null | undefined) => (g ? tk(`reg.gender.${g}`, g) : '—'),
      status: (s: string) => tk(`reg.status.${s}`, s),
      unitRole: (r: string) => tk(`reg.unitRole.${r}`, r),
      event: (k: string) => tk(`reg.event.${k}`, k),
      fieldLabel: (spec: ExtraFieldSpec) => pick(spec.labelZh, spec.labelEn),
    };
  }, [pick, tk]);
}

/** One typed extra value as text: enum → its label, boolean → 是/否, others as they are. */
export function formatExtraValue(
  spec: ExtraFieldSpec,
  value: unknown,
  pick: (zh: string, en: string) => string,
  yesNo: (v: boolean) => string,
): string {
  if (value === null || value === undefined || value === '') return '—';
  if (spec.type === 'enum') {
    const option = spec.options?.find((o) => o.key === value);
    return option ? pick(option.labelZh, option.labelEn) : String(value);
  }
  if (spec.type === 'boolean') return yesNo(value === true);
  return String(value);
}

export const ATTENTION_COLORS: Record<string, string> = {
  normal: 'default',
  medium: 'orange',
  serious: 'red',
};

export function groupSpec(family: 'special' | 'care', code: string) {
  return family === 'special'
    ? SPECIAL_GROUP_TYPES.find((g) => g.code === code)
    : CARE_GROUP_TYPES.find((g) => g.key === code);
}
