// Service worker of the resident app (scope /r/): the shared offline shell (/app-shell-sw.js) with
// the resident app's files; the category list stays readable offline.
importScripts('/app-shell-sw.js');
self.wanggeAppShell({
  app: 'r',
  version: 'wangge-r-v1',
  staticFiles: ['/r/manifest.webmanifest', '/r/icon.svg', '/r/icon-192.png', '/r/icon-512.png'],
  cachedApi: [/^\/api\/case-categories$/],
});
