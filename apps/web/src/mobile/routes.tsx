import { createBrowserRouter, Navigate } from 'react-router-dom';
import { Layout } from './Layout';
import { BuildingPage } from './pages/BuildingPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { LookupPage } from './pages/LookupPage';
import { PatrolPage } from './pages/PatrolPage';
import { QueuePage } from './pages/QueuePage';
import { ReportPage } from './pages/ReportPage';
import { TaskPage } from './pages/TaskPage';
import { TasksPage } from './pages/TasksPage';

export const router = createBrowserRouter(
  [
    { path: '/login', element: <LoginPage /> },
    {
      element: <Layout />,
      children: [
        { index: true, element: <HomePage /> },
        { path: 'patrol', element: <PatrolPage /> },
        { path: 'report', element: <ReportPage /> },
        { path: 'tasks', element: <TasksPage /> },
        { path: 'tasks/:id', element: <TaskPage /> },
        { path: 'lookup', element: <LookupPage /> },
        { path: 'buildings/:id', element: <BuildingPage /> },
        { path: 'queue', element: <QueuePage /> },
        { path: '*', element: <Navigate to="/" replace /> },
      ],
    },
  ],
  { basename: '/m' },
);
