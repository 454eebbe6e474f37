import { Button, List } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { logOut, session } from '../api';
import { LangSwitch } from '../components/LangSwitch';
import { SosButton } from '../components/SosButton';
import { useGet, usePatrol, useQueue, useVisit } from '../hooks';
import { t } from '../i18n/zh';
import { useDue } from '../inspections';
import { sentToday } from '../queue';
import { DepartmentHome, ResidentHome } from './RoleHomes';
import { useTodayVisits } from './VisitsPage';

export interface Day {
  fixes: number;
  distanceM: number;
  insideOwnGridS: number;
  visits: { count: number; households: number; seconds: number; targetMinutes: number };
  firstFix: { at: string } | null;
  lastFix: { at: string } | null;
  track: GeoJSON.FeatureCollection;
}

export const km = (m: number) => (m >= 1000 ? `${(m / 1000).toFixed(1)} km` : `${Math.round(m)} m`);
export const dur = (s: number) => {
  const m = Math.round(s / 60);
  return m >= 60 ? `${Math.floor(m / 60)}时${m % 60}分` : `${m}分`;
};

/**
 * Each role's home: who patrols gets the day's figures and tiles; a resident (who only reports)
 * reporting and its reports; everybody else who works cases — departments first — its tasks and
 * errands.
 */
export function HomePage() {
  const permissions = session.me()?.permissions ?? [];
  if (permissions.includes('patrol.report')) return <WorkerHome />;
  if (!permissions.includes('cases.read')) return <ResidentHome />;
  return <DepartmentHome errands={permissions.includes('errands.read')} />;
}

function WorkerHome() {
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
  const visits = useTodayVisits();
  const visiting = useVisit() !== null;
  const errands = useGet<{ total: number }>('/api/errands?view=inbox&pageSize=1', { keep: true });
  const due = useDue();
  const open = due.data?.items.filter((e) => e.status !== 'done') ?? null;
  const overdue = open?.filter((e) => e.status === 'overdue').length ?? 0;
  return (
    <div data-testid="home" data-home="worker">
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
      <div className="m-tiles">
        <button
          type="button"
          className="m-tile"
          data-testid="tile-visits"
          onClick={() => navigate('/visits')}
        >
          <b
            data-testid="home-visit-minutes"
            style={{ color: visits.minutes >= visits.target ? '#52c41a' : undefined }}
          >
            {visits.minutes}/{visits.target}
          </b>
          <span>{t('visits')}</span>
          <small style={visiting ? { color: '#52c41a' } : undefined}>
            {visiting ? `● ${t('visiting')}` : '分钟'}
          </small>
        </button>
        <button
          type="button"
          className="m-tile"
          data-testid="tile-errands"
          onClick={() => navigate('/errands')}
        >
          <b>{errands.data?.total ?? '—'}</b>
          <span>{t('errands')}</span>
          <small>待处理</small>
        </button>
        <button
          type="button"
          className="m-tile"
          data-testid="tile-inspections"
          onClick={() => navigate('/inspections')}
        >
          <b data-testid="home-due" style={{ color: overdue ? '#ff4d4f' : undefined }}>
            {open ? open.length : '—'}
          </b>
          <span>{t('inspections')}</span>
          <small style={overdue ? { color: '#ff4d4f' } : undefined}>
            {overdue ? `${t('statusOverdue')} ${overdue}` : t('statusDue')}
          </small>
        </button>
      </div>
      <Button block color="primary" size="large" className="m-big-btn" onClick={() => navigate('/report')}>
        {t('report')}
      </Button>
      {me?.permissions.includes('alerts.sos') && (
        <div style={{ marginTop: 12 }}>
          <SosButton />
        </div>
      )}
      <List style={{ marginTop: 12 }}>
        <List.Item onClick={() => navigate('/patrol')}>{t('patrol')}</List.Item>
        <List.Item data-testid="home-my-reports" onClick={() => navigate('/my-reports')}>
          {t('myReports')}
        </List.Item>
        {me?.permissions.includes('assessment.view_own') && (
          <List.Item data-testid="home-assessment" onClick={() => navigate('/assessment')}>
            {t('myAssessment')}
          </List.Item>
        )}
        {me?.permissions.includes('assessment.view_own') && (
          <List.Item data-testid="home-career" onClick={() => navigate('/career')}>
            {t('myCareer')}
          </List.Item>
        )}
        {me?.permissions.includes('assessment.view_own') && (
          <List.Item data-testid="home-appeal" onClick={() => navigate('/appeal')}>
            {t('appeal')}
          </List.Item>
        )}
        <List.Item onClick={() => navigate('/queue')} extra={waiting}>
          {t('queue')}
        </List.Item>
        <LangSwitch />
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
