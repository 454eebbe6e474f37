import { label } from '@wangge/rules';
import { Button } from 'antd';
import { Link } from 'react-router-dom';
import { useWorkerCard } from '../api/command';
import type { Id } from '../api/types';
import { useI18n } from '../i18n/useI18n';

/** The card of a worker clicked on the big screen: who, where, and their day so far. */
export function WorkerCard({ userId, onClose }: { userId: Id; onClose: () => void }) {
  const { t, lang } = useI18n();
  const card = useWorkerCard(userId);
  const c = card.data;
  const minutes = (s: number) => t('command.cardMinutes', { n: Math.round(s / 60) });
  return (
    <div className="command-card" data-testid="worker-card">
      <div className="command-card-head">
        <strong>{c?.name ?? t('command.worker')}</strong>
        <Button type="text" size="small" onClick={onClose} aria-label="close">
          ×
        </Button>
      </div>
      {c && (
        <dl>
          <dt>{t('command.cardGrids')}</dt>
          <dd>{c.grids.map((g) => g.name).join('、') || '—'}</dd>
          <dt>{t('command.cardPhone')}</dt>
          <dd>{c.phoneMasked ?? '—'}</dd>
          <dt>{t('command.cardBattery')}</dt>
          <dd>{c.lastFix?.battery == null ? '—' : `${c.lastFix.battery}%`}</dd>
          <dt>{t('command.cardFix')}</dt>
          <dd>{c.lastFix ? t('command.lastFix', { s: c.lastFix.ageS }) : t('command.cardNoFix')}</dd>
          <dt>{t('command.cardDistance')}</dt>
          <dd>{t('command.cardKm', { km: (c.distanceM / 1000).toFixed(2) })}</dd>
          <dt>{t('command.cardInside')}</dt>
          <dd>{minutes(c.insideOwnGridS)}</dd>
          <dt>{t('command.cardVisits')}</dt>
          <dd>
            {minutes(c.visits.seconds)} / {t('command.cardMinutes', { n: c.visits.targetMinutes })}
          </dd>
          <dt>{t('command.cardCases')}</dt>
          <dd>{c.casesReported}</dd>
          <dt>{t('command.cardDuty')}</dt>
          <dd>{c.onDuty ? label('shiftKind', c.onDuty.kind, lang) : t('command.cardOffDuty')}</dd>
        </dl>
      )}
      <Link to={c ? `/tracks?user=${userId}&date=${c.date}` : `/tracks?user=${userId}`}>
        {t('command.playback')}
      </Link>
    </div>
  );
}
