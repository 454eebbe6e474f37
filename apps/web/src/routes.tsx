import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router-dom';
import { DISPUTE_PERMISSIONS } from './api/disputes';
import { HomeRedirect } from './auth/HomeRedirect';
import { RequireAuth } from './auth/RequireAuth';
import { RequirePermission } from './auth/RequirePermission';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';

// The console's frame (menu, notifications) loads after the login page: the first load of a
// signed-out visitor carries only what /login needs.
const AppLayout = lazy(() => import('./components/AppLayout').then((m) => ({ default: m.AppLayout })));
const OrgPage = lazy(() => import('./pages/OrgPage'));
const DevicesPage = lazy(() => import('./pages/DevicesPage'));
const HotlinePage = lazy(() => import('./pages/HotlinePage'));
const NoticesPage = lazy(() => import('./pages/NoticesPage'));
const MapPage = lazy(() => import('./pages/MapPage'));
const GridsPage = lazy(() => import('./pages/GridsPage'));
const GridPage = lazy(() => import('./pages/GridPage'));
const BoundariesPage = lazy(() => import('./pages/BoundariesPage'));
const UsersPage = lazy(() => import('./pages/UsersPage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));
const TokensPage = lazy(() => import('./pages/TokensPage'));
const SessionsPage = lazy(() => import('./pages/SessionsPage'));
const CasesPage = lazy(() => import('./pages/CasesPage'));
const CaseInboxPage = lazy(() => import('./pages/CaseInboxPage'));
const CasePage = lazy(() => import('./pages/CasePage'));
const NewCasePage = lazy(() => import('./pages/NewCasePage'));
const CaseStatsPage = lazy(() => import('./pages/CaseStatsPage'));
const RegisterSearchPage = lazy(() => import('./pages/RegisterSearchPage'));
const RegisterImportPage = lazy(() => import('./pages/RegisterImportPage'));
const RegisterPersonPage = lazy(() => import('./pages/RegisterPersonPage'));
const RegisterBuildingPage = lazy(() => import('./pages/RegisterBuildingPage'));
const RegisterHousePage = lazy(() => import('./pages/RegisterHousePage'));
const RegisterUnitPage = lazy(() => import('./pages/RegisterUnitPage'));
const ErrandsPage = lazy(() => import('./pages/ErrandsPage'));
const ErrandPage = lazy(() => import('./pages/ErrandPage'));
const DisputesPage = lazy(() => import('./pages/DisputesPage'));
const AlertsPage = lazy(() => import('./pages/AlertsPage'));
const HotspotsPage = lazy(() => import('./pages/HotspotsPage'));
const DisputePage = lazy(() => import('./pages/DisputePage'));
const TrackPage = lazy(() => import('./pages/TrackPage'));
const DispatchPage = lazy(() => import('./pages/DispatchPage'));
const DutyPage = lazy(() => import('./pages/DutyPage'));
const CommandPage = lazy(() => import('./pages/CommandPage'));
const AssessmentRankingsPage = lazy(() => import('./pages/AssessmentRankingsPage'));
const AssessmentScorePage = lazy(() => import('./pages/AssessmentScorePage'));
const AssessmentScorecardPage = lazy(() => import('./pages/AssessmentScorecardPage'));
const AssessmentSchemesPage = lazy(() => import('./pages/AssessmentSchemesPage'));
const AssessmentAppealsPage = lazy(() => import('./pages/AssessmentAppealsPage'));
const AssessmentBonusesPage = lazy(() => import('./pages/AssessmentBonusesPage'));
const AssessmentCareersPage = lazy(() => import('./pages/AssessmentCareersPage'));
const AssessmentTrainingPage = lazy(() => import('./pages/AssessmentTrainingPage'));
const ASSESSMENT_READ = ['assessment.view', 'assessment.view_own'] as const;
const APPEAL_READ = ['assessment.decide_appeals', 'assessment.view'] as const;

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/password', element: <ChangePasswordPage /> },
  {
    // The big screen stands alone: no menu, no header, the whole display.
    path: '/command',
    element: (
      <RequireAuth>
        <Suspense fallback={<Spin size="large" />}>
          <RequirePermission permission="command.view" element={<CommandPage />} />
        </Suspense>
      </RequireAuth>
    ),
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Suspense
          fallback={
            <div className="fullscreen-center">
              <Spin size="large" />
            </div>
          }
        >
          <AppLayout />
        </Suspense>
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'org', element: <RequirePermission permission="org.read" element={<OrgPage />} /> },
      { path: 'map', element: <RequirePermission permission="grids.read" element={<MapPage />} /> },
      { path: 'tracks', element: <RequirePermission permission="patrol.monitor" element={<TrackPage />} /> },
      {
        path: 'dispatch',
        element: <RequirePermission permission="cases.dispatch" element={<DispatchPage />} />,
      },
      { path: 'duty', element: <RequirePermission permission="duty.read" element={<DutyPage />} /> },
      { path: 'grids', element: <RequirePermission permission="grids.read" element={<GridsPage />} /> },
      { path: 'grids/:id', element: <RequirePermission permission="grids.read" element={<GridPage />} /> },
      {
        path: 'boundaries',
        element: <RequirePermission permission="grids.write" element={<BoundariesPage />} />,
      },
      { path: 'users', element: <RequirePermission permission="users.read" element={<UsersPage />} /> },
      { path: 'audit', element: <RequirePermission permission="audit.read" element={<AuditPage />} /> },
      { path: 'cases', element: <RequirePermission permission="cases.read" element={<CasesPage />} /> },
      {
        path: 'cases/inbox',
        element: <RequirePermission permission="cases.read" element={<CaseInboxPage />} />,
      },
      {
        path: 'cases/new',
        element: <RequirePermission permission="cases.report" element={<NewCasePage />} />,
      },
      {
        path: 'cases/stats',
        element: <RequirePermission permission="cases.stats" element={<CaseStatsPage />} />,
      },
      { path: 'cases/:id', element: <RequirePermission permission="cases.read" element={<CasePage />} /> },
      {
        path: 'hotspots',
        element: <RequirePermission permission="cases.stats" element={<HotspotsPage />} />,
      },
      { path: 'alerts', element: <RequirePermission permission="alerts.read" element={<AlertsPage />} /> },
      { path: 'errands', element: <RequirePermission permission="errands.read" element={<ErrandsPage />} /> },
      {
        path: 'disputes',
        element: <RequirePermission permission={DISPUTE_PERMISSIONS} element={<DisputesPage />} />,
      },
      {
        path: 'disputes/:caseId',
        element: <RequirePermission permission={DISPUTE_PERMISSIONS} element={<DisputePage />} />,
      },
      {
        path: 'errands/:id',
        element: <RequirePermission permission="errands.read" element={<ErrandPage />} />,
      },
      {
        path: 'registers',
        element: <RequirePermission permission="registers.read" element={<RegisterSearchPage />} />,
      },
      {
        path: 'registers/import',
        element: <RequirePermission permission="registers.write" element={<RegisterImportPage />} />,
      },
      {
        path: 'registers/people/:id',
        element: <RequirePermission permission="registers.read" element={<RegisterPersonPage />} />,
      },
      {
        path: 'registers/buildings/:id',
        element: <RequirePermission permission="registers.read" element={<RegisterBuildingPage />} />,
      },
      {
        path: 'registers/houses/:id',
        element: <RequirePermission permission="registers.read" element={<RegisterHousePage />} />,
      },
      {
        path: 'registers/units/:id',
        element: <RequirePermission permission="registers.read" element={<RegisterUnitPage />} />,
      },
      { path: 'devices', element: <RequirePermission permission="devices.read" element={<DevicesPage />} /> },
      { path: 'hotline', element: <RequirePermission permission="hotline.read" element={<HotlinePage />} /> },
      {
        path: 'notices',
        element: <RequirePermission permission="notices.manage" element={<NoticesPage />} />,
      },
      { path: 'tokens', element: <RequirePermission permission="tokens.manage" element={<TokensPage />} /> },
      {
        path: 'assessment',
        element: <RequirePermission permission={ASSESSMENT_READ} element={<AssessmentRankingsPage />} />,
      },
      {
        path: 'assessment/scores/:subjectType/:id',
        element: <RequirePermission permission={ASSESSMENT_READ} element={<AssessmentScorePage />} />,
      },
      {
        path: 'assessment/scorecard',
        element: <RequirePermission permission="assessment.view" element={<AssessmentScorecardPage />} />,
      },
      {
        path: 'assessment/schemes',
        element: <RequirePermission permission="assessment.manage" element={<AssessmentSchemesPage />} />,
      },
      {
        path: 'assessment/appeals',
        element: <RequirePermission permission={APPEAL_READ} element={<AssessmentAppealsPage />} />,
      },
      {
        path: 'assessment/bonuses',
        element: <RequirePermission permission="assessment.view" element={<AssessmentBonusesPage />} />,
      },
      {
        path: 'assessment/careers',
        element: <RequirePermission permission="careers.read" element={<AssessmentCareersPage />} />,
      },
      {
        path: 'assessment/training',
        element: <RequirePermission permission="careers.read" element={<AssessmentTrainingPage />} />,
      },
      { path: 'sessions', element: <SessionsPage /> },
      { path: 'home', element: <Navigate to="/" replace /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
