import { ConfigProvider, unstableSetRender } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { StrictMode, useEffect } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { useLang } from './i18n/lang';
import { patrol } from './patrol';
import { startQueueRunner } from './queue';
import { router } from './routes';
import './mobile.css';
import { registerAppWorker } from '../pwa/register-worker';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from m.html');

// antd-mobile 5 renders Toast/Dialog imperatively with React 18's API; React 19 needs this adapter
// (https://mobile.ant.design/guide/v5-for-19).
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

registerAppWorker('/m/sw.js', '/m/');
startQueueRunner();
patrol.resume();

/** Keyed by the language: a switch renders every screen afresh, so each t() and label() reads it. */
function App() {
  const lang = useLang();
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS}>
      <RouterProvider key={lang} router={router} />
    </ConfigProvider>
  );
}

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
