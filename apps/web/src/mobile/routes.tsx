import { createBrowserRouter, Navigate } from 'react-router-dom';
import { Layout } from './Layout';
import { AppealPage } from './pages/AppealPage';
import { BuildingPage } from './pages/BuildingPage';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { ErrandNewPage } from './pages/ErrandNewPage';
import { ErrandPage } from './pages/ErrandPage';
import { ErrandsPage } from './pages/ErrandsPage';
import { HomePage } from './pages/HomePage';
import { InspectionFormPage } from './pages/InspectionFormPage';
import { InspectionsPage } from './pages/InspectionsPage';
import { LoginPage } from './pages/LoginPage';
import { LookupPage } from './pages/LookupPage';
import { MyAssessmentPage } from './pages/MyAssessmentPage';
import { MyCareerPage } from './pages/MyCareerPage';
import { MyReportsPage } from './pages/MyReportsPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { PatrolPage } from './pages/PatrolPage';
import { QueuePage } from './pages/QueuePage';
import { RecordEditPage } from './pages/RecordEditPage';
import { ReportPage } from './pages/ReportPage';
import { TaskPage } from './pages/TaskPage';
import { TasksPage } from './pages/TasksPage';
import { VisitsPage } from './pages/VisitsPage';

export const router = createBrowserRouter(
  [
    { path: '/login', element: <LoginPage /> },
    { path: '/password', element: <ChangePasswordPage /> },
    {
      element: <Layout />,
      children: [
        { index: true, element: <HomePage /> },
        { path: 'patrol', element: <PatrolPage /> },
        { path: 'report', element: <ReportPage /> },
        { path: 'my-reports', element: <MyReportsPage /> },
        { path: 'assessment', element: <MyAssessmentPage /> },
        { path: 'career', element: <MyCareerPage /> },
        { path: 'appeal', element: <AppealPage /> },
        { path: 'tasks', element: <TasksPage /> },
        { path: 'tasks/:id', element: <TaskPage /> },
        { path: 'lookup', element: <LookupPage /> },
        { path: 'buildings/:id', element: <BuildingPage /> },
        { path: 'queue', element: <QueuePage /> },
        { path: 'visits', element: <VisitsPage /> },
        { path: 'errands', element: <ErrandsPage /> },
        { path: 'errands/new', element: <ErrandNewPage /> },
        { path: 'errands/:id', element: <ErrandPage /> },
        { path: 'notifications', element: <NotificationsPage /> },
        { path: 'inspections', element: <InspectionsPage /> },
        { path: 'inspections/new', element: <InspectionFormPage /> },
        { path: 'records/:entity/:id', element: <RecordEditPage /> },
        { path: '*', element: <Navigate to="/" replace /> },
      ],
    },
  ],
  { basename: '/m' },
);
