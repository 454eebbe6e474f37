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
import { Bell } from './components/Bell';
import { useOnline, useQueue } from './hooks';
import { t } from './i18n/zh';

// A tab shows only to whom the server grants its permission (the signed-in user's list).
const TABS = [
  { key: '/', title: 'home', icon: <AppOutline />, permission: null },
  { key: '/patrol', title: 'patrol', icon: <EnvironmentOutline />, permission: 'patrol.report' },
  { key: '/report', title: 'report', icon: <AddCircleOutline />, permission: 'cases.report' },
  { key: '/tasks', title: 'tasks', icon: <UnorderedListOutline />, permission: 'cases.read' },
  { key: '/lookup', title: 'lookup', icon: <SearchOutline />, permission: 'registers.read' },
] as const;

/**
 * The tab a path belongs to: its own root or a page under it (/tasks/12). Pages outside every tab
 * (代办, 走访, 待发送, …) highlight none, so that every tab, 首页 included, is a way out of them.
 */
function tabOf(pathname: string): string | null {
  if (pathname === '/') return '/';
  return (
    TABS.find((tab) => tab.key !== '/' && (pathname === tab.key || pathname.startsWith(`${tab.key}/`)))
      ?.key ?? null
  );
}

export function Layout() {
  const navigate = useNavigate();
  const location = useLocation();
  const online = useOnline();
  const queue = useQueue();
  const [loggedIn, setLoggedIn] = useState(() => Boolean(session.token()));
  useEffect(() => setLoggedOutHandler(() => setLoggedIn(false)), []);
  if (!loggedIn) return <Navigate to="/login" replace />;
  const waiting = queue.filter((i) => !i.failed).length;
  const tabs = TABS.filter((tab) => !tab.permission || session.me()?.permissions.includes(tab.permission));
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
      {/* On the tabs' own pages, which have no title bar for it to cover. */}
      {tabOf(location.pathname) === location.pathname && <Bell />}
      <main className="m-main">
        <Outlet />
      </main>
      {/* A tap always goes to the tab's root, also on the highlighted tab (from /tasks/12 back to /tasks). */}
      <TabBar className="m-tabbar" activeKey={tabOf(location.pathname)} safeArea>
        {tabs.map((tab) => (
          <TabBar.Item
            key={tab.key}
            icon={tab.icon}
            title={t(tab.title)}
            data-testid={`tab-${tab.title}`}
            onClick={() => navigate(tab.key)}
          />
        ))}
      </TabBar>
    </div>
  );
}
