// The field app's home of those who do not patrol: a department's staff (its cases and errands)
// and a resident (report a problem, follow one's reports). Neither asks for patrol figures, which
// the server refuses them.
import { Button, List } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { logOut, session } from '../api';
import { LangSwitch } from '../components/LangSwitch';
import { useGet } from '../hooks';
import { t } from '../i18n/zh';

function Account() {
  return (
    <>
      <LangSwitch />
      <List.Item
        onClick={async () => {
          await logOut();
          window.location.assign('/m/login');
        }}
      >
        {t('logout')}
      </List.Item>
    </>
  );
}

function Title() {
  const me = session.me();
  return (
    <div className="m-title">
      {me?.displayName ?? ''} <span className="m-muted">{me?.username}</span>
    </div>
  );
}

export function DepartmentHome({ errands }: { errands: boolean }) {
  const navigate = useNavigate();
  const tasks = useGet<{ total: number }>('/api/cases?view=inbox&pageSize=1', { keep: true });
  const waiting = useGet<{ total: number }>(errands ? '/api/errands?view=inbox&pageSize=1' : null, {
    keep: true,
  });
  return (
    <div data-testid="home" data-home="department">
      <Title />
      <div className="m-card">
        <div className="m-stats">
          <button type="button" className="m-stat m-plain" onClick={() => navigate('/tasks')}>
            <b data-testid="home-tasks">{tasks.data?.total ?? '—'}</b>
            <span>{t('openTasks')}</span>
          </button>
          {errands && (
            <button
              type="button"
              className="m-stat m-plain"
              data-testid="tile-errands"
              onClick={() => navigate('/errands')}
            >
              <b data-testid="home-errands">{waiting.data?.total ?? '—'}</b>
              <span>{t('openErrands')}</span>
            </button>
          )}
        </div>
      </div>
      <List>
        <List.Item onClick={() => navigate('/tasks')}>{t('tasks')}</List.Item>
        {errands && <List.Item onClick={() => navigate('/errands')}>{t('errands')}</List.Item>}
        <Account />
      </List>
    </div>
  );
}

export function ResidentHome() {
  const navigate = useNavigate();
  return (
    <div data-testid="home" data-home="resident">
      <Title />
      <div className="m-card m-muted">{t('residentHint')}</div>
      <Button
        block
        color="primary"
        size="large"
        className="m-big-btn"
        data-testid="home-report"
        onClick={() => navigate('/report')}
      >
        {t('report')}
      </Button>
      <List style={{ marginTop: 12 }}>
        <List.Item data-testid="home-my-reports" onClick={() => navigate('/my-reports')}>
          {t('myReports')}
        </List.Item>
        <Account />
      </List>
    </div>
  );
}
