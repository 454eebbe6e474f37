import { Tag } from 'antd';
import type { GridKind, HouseholdStatus, NodeLevel, TeamRole } from '../api/types';
import { useI18n } from '../i18n/useI18n';
import { useLabel } from '../i18n/useLabel';

const LEVEL_COLORS: Record<NodeLevel, string> = {
  city: 'magenta',
  district: 'purple',
  street: 'geekblue',
  community: 'cyan',
  grid: 'green',
  building: 'default',
};

export function LevelTag({ level }: { level: NodeLevel }) {
  const { t } = useI18n();
  return (
    <Tag color={LEVEL_COLORS[level]} variant="filled" className="level-tag">
      {t(`level.${level}`)}
    </Tag>
  );
}

export function KindTag({ kind, specialType }: { kind: GridKind; specialType?: string | null }) {
  const { t } = useI18n();
  const labelOf = useLabel();
  return (
    <Tag color={kind === 'special' ? 'orange' : 'blue'} data-kind={kind}>
      {t(`kind.${kind}`)}
      {kind === 'special' && specialType ? ` · ${labelOf('gridSpecialType', specialType)}` : ''}
    </Tag>
  );
}

const HOUSEHOLD_TAG: Record<HouseholdStatus, string> = { under: 'gold', ok: 'green', over: 'red' };

export function HouseholdTag({ status }: { status: HouseholdStatus | null }) {
  const { t } = useI18n();
  if (!status) return <Tag>{t('household.unknown')}</Tag>;
  return (
    <Tag color={HOUSEHOLD_TAG[status]} data-status={status}>
      {t(`household.${status}`)}
    </Tag>
  );
}

export function TeamRoleTag({ role }: { role: TeamRole }) {
  const { t } = useI18n();
  const color =
    role === 'leader' ? 'red' : role === 'instructor' ? 'purple' : role === 'full_time' ? 'blue' : 'default';
  return <Tag color={color}>{t(`teamRole.${role}`)}</Tag>;
}
