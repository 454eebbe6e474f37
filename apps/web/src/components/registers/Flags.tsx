import { Tag } from 'antd';
import { useI18n } from '../../i18n/useI18n';
import { useRegisterLabels } from './labels';

/** Colours shared by tags, matrix cells and the legend. */
export const FLAG_COLORS = {
  floating: 'blue',
  rental: 'gold',
  special: 'red',
  care: 'green',
  vacant: 'default',
  dangerous: 'volcano',
} as const;

/** The small flags of a person: floating, special groups (only the ones the API returned), care groups. */
export function PersonFlags({
  roles = [],
  specialGroups = [],
  careGroups = [],
  rental = false,
}: {
  roles?: string[];
  specialGroups?: string[];
  careGroups?: string[];
  rental?: boolean;
}) {
  const { t } = useI18n();
  const labels = useRegisterLabels();
  return (
    <span className="reg-flags">
      {roles.includes('floating') && (
        <Tag color={FLAG_COLORS.floating} data-flag="floating">
          {t('reg.flag.floating')}
        </Tag>
      )}
      {rental && (
        <Tag color={FLAG_COLORS.rental} data-flag="rental">
          {t('reg.flag.rental')}
        </Tag>
      )}
      {specialGroups.map((code) => (
        <Tag key={`s${code}`} color={FLAG_COLORS.special} data-flag="special" title={t('reg.flag.special')}>
          {labels.special(code)}
        </Tag>
      ))}
      {careGroups.map((key) => (
        <Tag key={`c${key}`} color={FLAG_COLORS.care} data-flag="care" title={t('reg.flag.care')}>
          {labels.care(key)}
        </Tag>
      ))}
    </span>
  );
}

export function StatusTag({ status }: { status: string }) {
  const labels = useRegisterLabels();
  if (status === 'active') return null;
  return (
    <Tag color={status === 'deceased' ? 'default' : 'purple'} data-status={status}>
      {labels.status(status)}
    </Tag>
  );
}
