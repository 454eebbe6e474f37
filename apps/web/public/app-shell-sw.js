// The offline shell both installable apps share (the field app /m, the resident app /r), loaded
// by their service workers with importScripts. Hand-written, no build plugin:
// - install: caches the app shell — /<app> (<app>.html), the app's static files and every /assets/
//   file the page references (Vite's hashed entry script, stylesheet and modulepreload chunks);
// - navigations under /<app>: network first, the cached shell when offline;
// - /assets/*: cache first (file names carry a content hash), filled as they are fetched;
// - the app's read-only API answers: network first, cache when offline.
// Writes never go through here: each app sends them itself (the field app from its IndexedDB queue).
self.wanggeAppShell = ({ app, version, staticFiles, cachedApi }) => {
  const VERSION = version;
  const PREFIX = `wangge-${app}-`;
  const SHELL = `/${app}`;
  const STATIC = staticFiles;
  const CACHED_API = cachedApi;

  self.addEventListener('install', (event) => {
    event.waitUntil(
      (async () => {
        const cache = await caches.open(VERSION);
        const response = await fetch(SHELL, { cache: 'no-store' });
        const html = await response.clone().text();
        await cache.put(SHELL, response);
        const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
        await cache.addAll([...new Set([...assets, ...STATIC])]);
        await self.skipWaiting();
      })(),
    );
  });

  self.addEventListener('activate', (event) => {
    event.waitUntil(
      (async () => {
        // Only this app's own old versions: the other app keeps its caches beside ours.
        for (const key of await caches.keys())
          if (key.startsWith(PREFIX) && key !== VERSION) await caches.delete(key);
        await self.clients.claim();
      })(),
    );
  });

  // The page names the lazily loaded assets it uses (map worker, split chunks).
  self.addEventListener('message', (event) => {
    const data = event.data;
    if (data?.type !== 'precache' || !Array.isArray(data.urls)) return;
    const urls = data.urls.filter((u) => typeof u === 'string' && u.startsWith('/assets/'));
    event.waitUntil(
      caches.open(VERSION).then(async (cache) => {
        for (const url of urls) if (!(await cache.match(url))) await cache.add(url).catch(() => undefined);
      }),
    );
  });

  async function networkFirst(request, cacheKey) {
    const cache = await caches.open(VERSION);
    try {
      const response = await fetch(request);
      if (response.ok) await cache.put(cacheKey, response.clone());
      return response;
    } catch (error) {
      const cached = await cache.match(cacheKey);
      if (cached) return cached;
      throw error;
    }
  }

  async function cacheFirst(request) {
    const cache = await caches.open(VERSION);
    const cached = await cache.match(request);
    if (cached) return cached;
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  }

  self.addEventListener('fetch', (event) => {
    const { request } = event;
    if (request.method !== 'GET') return;
    const url = new URL(request.url);
    if (url.origin !== self.location.origin) return;
    if (request.mode === 'navigate' && (url.pathname === SHELL || url.pathname.startsWith(`${SHELL}/`))) {
      event.respondWith(networkFirst(request, SHELL));
    } else if (url.pathname.startsWith('/assets/') || STATIC.includes(url.pathname)) {
      event.respondWith(cacheFirst(request));
    } else if (CACHED_API.some((re) => re.test(url.pathname))) {
      event.respondWith(networkFirst(request, url.pathname + url.search));
    }
  });
};
