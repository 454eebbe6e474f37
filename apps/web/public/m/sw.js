// Service worker of the field app (scope /m/): the shared offline shell (/app-shell-sw.js) with the
// field app's files; its categories and grid boundaries stay readable offline.
importScripts('/app-shell-sw.js');
self.wanggeAppShell({
  app: 'm',
  version: 'wangge-m-v1',
  staticFiles: ['/m/manifest.webmanifest', '/m/icon.svg', '/m/icon-192.png', '/m/icon-512.png'],
  cachedApi: [/^\/api\/case-categories$/, /^\/api\/grids\/geojson$/],
});
