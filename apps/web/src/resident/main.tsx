import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Button, ConfigProvider, unstableSetRender } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';
import { api } from './api';
import { setLang, t, useLang } from './i18n';
import { ErrandRequestsPage } from './pages/ErrandRequestsPage';
import { HomePage } from './pages/HomePage';
import { MessagesPage } from './pages/MessagesPage';
import { MyGridPage } from './pages/MyGridPage';
import { ReportDetailPage } from './pages/ReportDetailPage';
import { ReportPage } from './pages/ReportPage';
import { SignInPage } from './pages/SignInPage';
import { TrackPage } from './pages/TrackPage';
import './resident.css';
import { registerAppWorker } from '../pwa/register-worker';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from r.html');

// antd-mobile 5 renders Toast/Dialog imperatively with React 18's API; React 19 needs this adapter.
unstableSetRender((node, container) => {
  const box = container as Element & { _reactRoot?: Root };
  box._reactRoot ??= createRoot(container);
  box._reactRoot.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    box._reactRoot?.unmount();
    delete box._reactRoot;
  };
});

registerAppWorker('/r/sw.js', '/r/');

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 10_000 } } });
const router = createBrowserRouter(
  [
    { path: '/', element: <HomePage /> },
    { path: '/grid', element: <MyGridPage /> },
    { path: '/errands', element: <ErrandRequestsPage /> },
    { path: '/messages', element: <MessagesPage /> },
    { path: '/report', element: <ReportPage /> },
    { path: '/reports/:id', element: <ReportDetailPage /> },
    { path: '/track/:code?', element: <TrackPage /> },
  ],
  { basename: '/r' },
);

/** Without an account a resident may still report, and follow the report by its tracking code. */
function guestRouter(onSignedIn: () => void) {
  return createBrowserRouter(
    [
      { path: '/', element: <SignInPage onSignedIn={onSignedIn} /> },
      { path: '/report', element: <ReportPage anonymous /> },
      { path: '/track/:code?', element: <TrackPage /> },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
    { basename: '/r' },
  );
}

function App() {
  const lang = useLang();
  const [signedIn, setSignedIn] = useState<boolean | null>(null);
  const [guest] = useState(() => guestRouter(() => setSignedIn(true)));
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  useEffect(() => {
    void api.resume().then(setSignedIn);
  }, []);
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS}>
      <QueryClientProvider client={queryClient}>
        <div className="r-app" key={lang}>
          <header className="r-bar">
            <span>{t('appName')}</span>
            <Button size="mini" fill="none" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
              {t('langSwitch')}
            </Button>
          </header>
          {signedIn === false && <RouterProvider router={guest} />}
          {signedIn && <RouterProvider router={router} />}
        </div>
      </QueryClientProvider>
    </ConfigProvider>
  );
}

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
