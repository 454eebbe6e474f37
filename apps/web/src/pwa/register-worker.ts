import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

/**
 * Registers an installable app's service worker (the field app /m, the resident app /r) once the
 * page has loaded, then hands it the files its HTML does not name — the map's worker and split
 * chunks fetched since — so they are cached for offline use too.
 */
export function registerAppWorker(script: string, scope: string): void {
  if (!('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register(script, { scope }).catch(() => undefined);
    void navigator.serviceWorker.ready.then((registration) => {
      const urls = performance
        .getEntriesByType('resource')
        .map((e) => new URL(e.name).pathname)
        .filter((p) => p.startsWith('/assets/'));
      registration.active?.postMessage({ type: 'precache', urls: [...new Set([workerUrl, ...urls])] });
    });
  });
}
