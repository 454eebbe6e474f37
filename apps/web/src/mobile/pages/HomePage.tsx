import { Button, List } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { logOut, session } from '../api';
import { useGet, usePatrol, useQueue } from '../hooks';
import { t } from '../i18n/zh';
import { sentToday } from '../queue';

export interface Day {
  fixes: number;
  distanceM: number;
  insideOwnGridS: number;
  firstFix: { at: string } | null;
  lastFix: { at: string } | null;
  track: GeoJSON.FeatureCollection;
}

export const km = (m: number) => (m >= 1000 ? `${(m / 1000).toFixed(1)} km` : `${Math.round(m)} m`);
export const dur = (s: number) => {
  const m = Math.round(s / 60);
  return m >= 60 ? `${Math.floor(m / 60)}时${m % 60}分` : `${m}分`;
};

export function HomePage() {
  const navigate = useNavigate();
  const me = session.me();
  const day = useGet<Day>('/api/patrol/tracks', { keep: true });
  const inbox = useGet<{ total: number }>('/api/cases?view=inbox&pageSize=1', { keep: true });
  const queue = useQueue();
  const running = usePatrol().running;
  const elapsed =
    day.data?.firstFix && day.data.lastFix
      ? (Date.parse(day.data.lastFix.at) - Date.parse(day.data.firstFix.at)) / 1000
      : 0;
  const waiting = queue.filter((i) => !i.failed).length;
  const failed = queue.filter((i) => i.failed).length;
  return (
    <div data-testid="home">
      <div className="m-title">
        {me?.displayName ?? ''} <span className="m-muted">{me?.username}</span>
      </div>
      <div className="m-card">
        <h3>
          {t('todayPatrol')}{' '}
          {running && <span style={{ color: '#52c41a', fontSize: 14 }}>● {t('patrolling')}</span>}
        </h3>
        <div className="m-stats">
          <div className="m-stat">
            <b data-testid="home-distance">{km(day.data?.distanceM ?? 0)}</b>
            <span>{t('distance')}</span>
          </div>
          <div className="m-stat">
            <b>{dur(elapsed)}</b>
            <span>{t('duration')}</span>
          </div>
          <div className="m-stat">
            <b>{dur(day.data?.insideOwnGridS ?? 0)}</b>
            <span>{t('insideGrid')}</span>
          </div>
        </div>
      </div>
      <div className="m-card">
        <div className="m-stats">
          <button type="button" className="m-stat m-plain" onClick={() => navigate('/tasks')}>
            <b data-testid="home-tasks">{inbox.data?.total ?? '—'}</b>
            <span>{t('openTasks')}</span>
          </button>
          <button type="button" className="m-stat m-plain" onClick={() => navigate('/queue')}>
            <b data-testid="home-queue" style={{ color: waiting ? '#d46b08' : undefined }}>
              {waiting}
            </b>
            <span>{t('queueStatus')}</span>
          </button>
          <div className="m-stat">
            <b>{sentToday()}</b>
            <span>{t('sentToday')}</span>
          </div>
        </div>
        {failed > 0 && (
          <div className="m-muted" style={{ color: '#ff4d4f', marginTop: 8 }}>
            {t('failed')}: {failed}
          </div>
        )}
      </div>
      <Button block color="primary" size="large" className="m-big-btn" onClick={() => navigate('/report')}>
        {t('report')}
      </Button>
      <List style={{ marginTop: 12 }}>
        <List.Item onClick={() => navigate('/patrol')}>{t('patrol')}</List.Item>
        <List.Item onClick={() => navigate('/queue')} extra={waiting}>
          {t('queue')}
        </List.Item>
        <List.Item
          onClick={async () => {
            await logOut();
            window.location.assign('/m/login');
          }}
        >
          {t('logout')}
        </List.Item>
      </List>
    </div>
  );
}
