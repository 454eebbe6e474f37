import { Button, Dialog } from 'antd-mobile';
import { useEffect } from 'react';
import { FieldMap } from '../FieldMap';
import { hhmm, useGet, usePatrol } from '../hooks';
import { t } from '../i18n/zh';
import { patrol } from '../patrol';
import { type Day, dur, km } from './HomePage';

export function PatrolPage() {
  const state = usePatrol();
  const day = useGet<Day>('/api/patrol/tracks', { keep: true });
  // Refresh the drawn track while patrolling.
  useEffect(() => {
    if (!state.running) return;
    const id = setInterval(day.reload, 30_000);
    return () => clearInterval(id);
  }, [state.running, day.reload]);
  return (
    <div data-testid="patrol">
      <div className="m-card">
        <div className="m-stats">
          <div className="m-stat">
            <b>{km(day.data?.distanceM ?? 0)}</b>
            <span>{t('distance')}</span>
          </div>
          <div className="m-stat">
            <b>{day.data?.fixes ?? 0}</b>
            <span>{t('fixes')}</span>
          </div>
          <div className="m-stat">
            <b>{dur(day.data?.insideOwnGridS ?? 0)}</b>
            <span>{t('insideGrid')}</span>
          </div>
          <div className="m-stat">
            <b data-testid="patrol-visit-time">{dur(day.data?.visits.seconds ?? 0)}</b>
            <span>{t('visitTime')}</span>
          </div>
        </div>
      </div>
      <div className="m-card">
        <FieldMap track={day.data?.track ?? null} height={260} testId="patrol-map" />
      </div>
      {state.running && (
        <div className="m-muted" data-testid="patrol-status" style={{ marginBottom: 8 }}>
          {t('patrolling')} · {state.startedAt ? hhmm(state.startedAt) : ''} ·{' '}
          {t('fixesBuffered', { n: state.recorded })}
        </div>
      )}
      {state.lastError && (
        <div style={{ color: '#ff4d4f', marginBottom: 8 }}>{t('noGeo', { msg: state.lastError })}</div>
      )}
      {state.running ? (
        <Button
          block
          color="danger"
          size="large"
          className="m-big-btn"
          data-testid="patrol-stop"
          onClick={async () => {
            if (await Dialog.confirm({ content: `${t('stopPatrol')}？` })) {
              await patrol.stop();
              day.reload();
            }
          }}
        >
          {t('stopPatrol')}
        </Button>
      ) : (
        <Button
          block
          color="primary"
          size="large"
          className="m-big-btn"
          data-testid="patrol-start"
          onClick={() => patrol.start()}
        >
          {t('startPatrol')}
        </Button>
      )}
    </div>
  );
}
