import './cases.css';
import { Tag, Tooltip } from 'antd';
import type { CaseLight, CaseSupervision } from '../../api/types';
import { useI18n } from '../../i18n/useI18n';
import { useCaseLabels } from './labels';

const STATE_COLORS: Record<string, string> = {
  reported: 'blue',
  confirming: 'cyan',
  accepted: 'geekblue',
  void_pending: 'orange',
  voided: 'default',
  filed: 'purple',
  dispatched: 'processing',
  in_progress: 'gold',
  suspended: 'volcano',
  handled: 'lime',
  rework: 'red',
  verified: 'green',
  closed: 'success',
  evaluated: 'success',
  archived: 'default',
  self_handled: 'magenta',
};

/** The state as a coloured tag; data-state carries the raw state name. */
export function CaseStateTag({ state, testId }: { state: string; testId?: string }) {
  const { stateLabel } = useCaseLabels();
  return (
    <Tag color={STATE_COLORS[state] ?? 'default'} data-state={state} data-testid={testId}>
      {stateLabel(state)}
    </Tag>
  );
}

/** Traffic light of the current step (green < 80 % of the limit, yellow 80–100 %, red over) and its due time. */
export function CaseLightDot({ light, dueAt }: { light: CaseLight; dueAt?: string | null }) {
  const { t, dateTime } = useI18n();
  return (
    <Tooltip title={`${t(`caseLight.${light}`)}${dueAt ? ` · ${t('case.dueAt')} ${dateTime(dueAt)}` : ''}`}>
      <span className="case-light-cell" data-light={light}>
        <span className={`case-light case-light-${light}`} />
        {dueAt !== undefined && <span className="case-due">{dueAt ? dateTime(dueAt) : '—'}</span>}
      </span>
    </Tooltip>
  );
}

const SUPERVISION_COLORS: Record<Exclude<CaseSupervision, 'none'>, string> = {
  ordinary: 'orange',
  yellow_card: 'gold',
  red_card: 'red',
};

/** 督办 / 黄牌 / 红牌; nothing when the case is not supervised. */
export function SupervisionTag({ supervision }: { supervision: CaseSupervision }) {
  const { t } = useI18n();
  if (supervision === 'none') return null;
  return (
    <Tag color={SUPERVISION_COLORS[supervision]} variant="solid" data-supervision={supervision}>
      {t(`caseSupervision.${supervision}`)}
    </Tag>
  );
}
