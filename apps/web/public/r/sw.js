// Service worker of the resident app (scope /r/), modelled on the field app's (/m/sw.js).
// Hand-written, no build plugin:
// - install: caches the app shell — /r (r.html), the manifest, the icons and every /assets/ file
//   that r.html references (Vite's hashed entry script, stylesheet and modulepreload chunks);
// - navigations under /r: network first, the cached shell when offline;
// - /assets/*: cache first (file names carry a content hash), filled as they are fetched;
// - the read-only category list: network first, cache when offline.
// Writes never go through here: reports, photos and sign-in always go to the network.
const VERSION = 'wangge-r-v1';
const SHELL = '/r';
const STATIC = ['/r/manifest.webmanifest', '/r/icon.svg', '/r/icon-192.png', '/r/icon-512.png'];
const CACHED_API = [/^\/api\/case-categories$/];

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
      // Only this app's own old versions: the field app (/m) keeps its caches beside ours.
      for (const key of await caches.keys())
        if (key.startsWith('wangge-r-') && key !== VERSION) await caches.delete(key);
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
  if (request.mode === 'navigate' && /^\/r(\/|$)/.test(url.pathname)) {
    event.respondWith(networkFirst(request, SHELL));
  } else if (url.pathname.startsWith('/assets/') || STATIC.includes(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else if (CACHED_API.some((re) => re.test(url.pathname))) {
    event.respondWith(networkFirst(request, url.pathname + url.search));
  }
});
