import { NoticeBar, TabBar } from 'antd-mobile';
import {
  AddCircleOutline,
  AppOutline,
  EnvironmentOutline,
  SearchOutline,
  UnorderedListOutline,
} from 'antd-mobile-icons';
import { useEffect, useState } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { session, setLoggedOutHandler } from './api';
import { useOnline, useQueue } from './hooks';
import { t } from './i18n/zh';

const TABS = [
  { key: '/', title: t('home'), icon: <AppOutline /> },
  { key: '/patrol', title: t('patrol'), icon: <EnvironmentOutline /> },
  { key: '/report', title: t('report'), icon: <AddCircleOutline /> },
  { key: '/tasks', title: t('tasks'), icon: <UnorderedListOutline /> },
  { key: '/lookup', title: t('lookup'), icon: <SearchOutline /> },
];

export function Layout() {
  const navigate = useNavigate();
  const location = useLocation();
  const online = useOnline();
  const queue = useQueue();
  const [loggedIn, setLoggedIn] = useState(() => Boolean(session.token()));
  useEffect(() => setLoggedOutHandler(() => setLoggedIn(false)), []);
  if (!loggedIn) return <Navigate to="/login" replace />;
  const waiting = queue.filter((i) => !i.failed).length;
  const active = TABS.find((tab) => tab.key !== '/' && location.pathname.startsWith(tab.key))?.key ?? '/';
  return (
    <div className="m-app">
      {!online && <NoticeBar data-testid="offline-banner" content={t('offline')} color="alert" wrap />}
      {waiting > 0 && location.pathname !== '/queue' && (
        <button
          type="button"
          className="m-queue-chip"
          data-testid="queue-chip"
          onClick={() => navigate('/queue')}
        >
          {t('waiting', { n: waiting })}
        </button>
      )}
      <main className="m-main">
        <Outlet />
      </main>
      <TabBar className="m-tabbar" activeKey={active} onChange={(key) => navigate(key)} safeArea>
        {TABS.map((tab) => (
          <TabBar.Item key={tab.key} icon={tab.icon} title={tab.title} />
        ))}
      </TabBar>
    </div>
  );
}
