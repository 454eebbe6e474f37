// Labels of the register vocabularies: label() of @wangge/rules in the console's language.
import { CARE_GROUP_TYPES, type ExtraFieldSpec, SPECIAL_GROUP_TYPES } from '@wangge/rules';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { useLabel } from '../../i18n/useLabel';

export function useRegisterLabels() {
  const { pick } = useI18n();
  const labelOf = useLabel();
  return useMemo(() => {
    const special = (code: string) => labelOf('specialGroup', code);
    const care = (key: string) => labelOf('careGroup', key);
    return {
      role: (key: string | null | undefined) => labelOf('residenceRole', key),
      linkKind: (key: string | null | undefined) => labelOf('houseLink', key),
      attention: (key: string | null | undefined) => labelOf('attentionLevel', key),
      houseUse: (key: string | null | undefined) => labelOf('houseUse', key),
      structure: (key: string | null | undefined) => labelOf('houseStructure', key),
      hazard: (key: string | null | undefined) => labelOf('rentalHazard', key),
      unitKind: (key: string | null | undefined) => labelOf('unitKind', key),
      fireSafety: (key: string | null | undefined) => labelOf('fireSafety', key),
      special,
      care,
      group: (family: 'special' | 'care', code: string) =>
        family === 'special' ? special(code) : care(code),
      gender: (g: string | null | undefined) => labelOf('gender', g),
      status: (s: string) => labelOf('personStatus', s),
      unitRole: (r: string) => labelOf('unitRole', r),
      event: (k: string) => labelOf('registerEvent', k),
      fieldLabel: (spec: ExtraFieldSpec) => pick(spec.labelZh, spec.labelEn),
    };
  }, [pick, labelOf]);
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
