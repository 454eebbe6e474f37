import {
  AccountBookOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  CloudUploadOutlined,
  CommentOutlined,
  ContactsOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FireOutlined,
  InboxOutlined,
  KeyOutlined,
  LaptopOutlined,
  LogoutOutlined,
  NodeIndexOutlined,
  NotificationOutlined,
  PhoneOutlined,
  PlusCircleOutlined,
  ReadOutlined,
  RiseOutlined,
  ScheduleOutlined,
  SendOutlined,
  SettingOutlined,
  SolutionOutlined,
  SwapOutlined,
  TableOutlined,
  TeamOutlined,
  TrophyOutlined,
  WifiOutlined,
} from '@ant-design/icons';
import { Layout, Menu, type MenuProps, Spin } from 'antd';
import { type ReactNode, Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { hasPermission, useMe } from '../api/auth';
import { DISPUTE_PERMISSIONS } from '../api/disputes';
import { useLogout } from '../auth/useLogout';
import { useI18n } from '../i18n/useI18n';
import type { MessageKey } from '../i18n/zh';
import { NotificationBell } from './cases/NotificationBell';
import { UserBadge } from './UserBadge';

interface NavItem {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** The permission the item needs, or several of which any will do. */
  permission?: string | readonly string[];
  /** Items of one group (e.g. 考核评价) are shown together as a submenu named by the group. */
  group?: MessageKey;
}

const ASSESSMENT_READ = ['assessment.view', 'assessment.view_own'] as const;

const NAV: NavItem[] = [
  { path: '/cases', label: 'nav.cases', icon: <AlertOutlined />, permission: 'cases.read' },
  { path: '/cases/inbox', label: 'nav.caseInbox', icon: <InboxOutlined />, permission: 'cases.read' },
  { path: '/dispatch', label: 'nav.dispatch', icon: <SendOutlined />, permission: 'cases.dispatch' },
  { path: '/duty', label: 'nav.duty', icon: <ScheduleOutlined />, permission: 'duty.read' },
  { path: '/command', label: 'nav.command', icon: <DashboardOutlined />, permission: 'command.view' },
  { path: '/cases/new', label: 'nav.caseNew', icon: <PlusCircleOutlined />, permission: 'cases.report' },
  { path: '/cases/stats', label: 'nav.caseStats', icon: <BarChartOutlined />, permission: 'cases.stats' },
  { path: '/registers', label: 'nav.registers', icon: <ContactsOutlined />, permission: 'registers.read' },
  {
    path: '/registers/import',
    label: 'nav.registerImport',
    icon: <CloudUploadOutlined />,
    permission: 'registers.write',
  },
  { path: '/errands', label: 'nav.errands', icon: <SolutionOutlined />, permission: 'errands.read' },
  { path: '/alerts', label: 'nav.alerts', icon: <BellOutlined />, permission: 'alerts.read' },
  { path: '/hotspots', label: 'nav.hotspots', icon: <FireOutlined />, permission: 'cases.stats' },
  { path: '/disputes', label: 'nav.disputes', icon: <CommentOutlined />, permission: DISPUTE_PERMISSIONS },
  {
    path: '/assessment',
    label: 'nav.assessmentRankings',
    icon: <TrophyOutlined />,
    permission: ASSESSMENT_READ,
    group: 'nav.assessment',
  },
  {
    path: '/assessment/scorecard',
    label: 'nav.assessmentScorecard',
    icon: <TableOutlined />,
    permission: 'assessment.view',
    group: 'nav.assessment',
  },
  {
    path: '/assessment/schemes',
    label: 'nav.assessmentSchemes',
    icon: <SettingOutlined />,
    permission: 'assessment.manage',
    group: 'nav.assessment',
  },
  {
    path: '/assessment/appeals',
    label: 'nav.assessmentAppeals',
    icon: <AuditOutlined />,
    permission: ['assessment.decide_appeals', 'assessment.view'],
    group: 'nav.assessment',
  },
  {
    path: '/assessment/bonuses',
    label: 'nav.assessmentBonuses',
    icon: <AccountBookOutlined />,
    permission: 'assessment.view',
    group: 'nav.assessment',
  },
  {
    path: '/assessment/careers',
    label: 'nav.assessmentCareers',
    icon: <RiseOutlined />,
    permission: 'careers.read',
    group: 'nav.assessment',
  },
  {
    path: '/assessment/training',
    label: 'nav.assessmentTraining',
    icon: <ReadOutlined />,
    permission: 'careers.read',
    group: 'nav.assessment',
  },
  { path: '/devices', label: 'nav.devices', icon: <WifiOutlined />, permission: 'devices.read' },
  { path: '/hotline', label: 'nav.hotline', icon: <PhoneOutlined />, permission: 'hotline.read' },
  { path: '/notices', label: 'nav.notices', icon: <NotificationOutlined />, permission: 'notices.manage' },
  { path: '/org', label: 'nav.org', icon: <ApartmentOutlined />, permission: 'org.read' },
  { path: '/map', label: 'nav.map', icon: <EnvironmentOutlined />, permission: 'grids.read' },
  { path: '/tracks', label: 'nav.tracks', icon: <NodeIndexOutlined />, permission: 'patrol.monitor' },
  { path: '/grids', label: 'nav.grids', icon: <TableOutlined />, permission: 'grids.read' },
  { path: '/boundaries', label: 'nav.boundaries', icon: <SwapOutlined />, permission: 'grids.write' },
  { path: '/users', label: 'nav.users', icon: <TeamOutlined />, permission: 'users.read' },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { path: '/tokens', label: 'nav.tokens', icon: <KeyOutlined />, permission: 'tokens.manage' },
  { path: '/sessions', label: 'nav.sessions', icon: <LaptopOutlined /> },
];

export function AppLayout() {
  const me = useMe();
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const onLogout = useLogout();
  const [collapsed, setCollapsed] = useState(false);

  const visible = NAV.filter((item) => !item.permission || hasPermission(me, item.permission));
  const entry = (item: NavItem) => ({
    key: item.path,
    icon: item.icon,
    label: t(item.label),
    'data-testid': `nav-${item.path.slice(1).replaceAll('/', '-')}`,
  });
  // A group's items go into one submenu where its first item stands.
  const items: MenuProps['items'] = visible.flatMap((item, index) => {
    if (!item.group) return [entry(item)];
    if (visible.findIndex((other) => other.group === item.group) !== index) return [];
    const members = visible.filter((other) => other.group === item.group);
    return [
      {
        key: `group:${item.group}`,
        icon: item.icon,
        label: t(item.group),
        'data-testid': `nav-group-${item.group.replace('nav.', '')}`,
        children: members.map(entry),
      },
    ];
  });
  // The longest matching path wins: /cases/inbox is not /cases.
  const selected = visible
    .filter((item) => location.pathname === item.path || location.pathname.startsWith(`${item.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;
  const hasCases = me.permissions.some((permission) => permission.startsWith('cases.'));

  return (
    <Layout className="app-shell">
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} theme="dark">
        <div className="app-brand" title={t('app.name')}>
          <span className="app-brand-mark">{t('app.mark')}</span>
          {!collapsed && <span className="app-brand-name">{t('app.brand')}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          defaultOpenKeys={visible
            .filter((item) => item.group && item.path === selected)
            .map((item) => `group:${item.group}`)}
          items={items}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          {hasCases && <NotificationBell />}
          <UserBadge me={me} />
          <button
            type="button"
            className="app-logout"
            onClick={() => navigate('/password')}
            data-testid="change-password-link"
          >
            <KeyOutlined /> {t('password.title')}
          </button>
          <button type="button" className="app-logout" onClick={onLogout} data-testid="logout">
            <LogoutOutlined /> {t('header.logout')}
          </button>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Suspense
            fallback={
              <div className="fullscreen-center">
                <Spin />
              </div>
            }
          >
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
