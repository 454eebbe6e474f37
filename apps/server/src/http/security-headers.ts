import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { Config } from '../config.ts';

/**
 * The scheme and host of the base-map tile template as a CSP source. Template placeholders in the
 * host ({s}, {1-4}) become the leftmost wildcard label CSP allows, so every subdomain shard loads.
 */
export function tileSource(tileUrl: string | null): string | null {
  const match = tileUrl ? /^(https?):\/\/([^/?#]+)/i.exec(tileUrl) : null;
  if (!match) return null;
  const labels = match[2]!.split('.');
  const lastTemplated = labels.findLastIndex((label) => label.includes('{'));
  const host = lastTemplated < 0 ? labels.join('.') : ['*', ...labels.slice(lastTemplated + 1)].join('.');
  return `${match[1]!.toLowerCase()}://${host}`;
}

const API_PATH = /^\/(api|ogc|open311)(\/|\?|$)/;

/**
 * Browser-side defences on every response (console, field app /m, API, /ogc, Open311): a CSP under
 * which an injected inline script does not run, no framing, no referrer, no MIME sniffing; and
 * API answers, which carry personal data, are never stored by the browser or a proxy.
 */
export async function registerSecurityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  const tiles = tileSource(config.tileUrl);
  const extra = tiles ? [tiles] : [];
  const headers = helmetHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // No 'unsafe-inline': the console, the field app and Swagger UI load only script files.
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        // Ant Design's CSS-in-JS writes <style> elements at run time; a nonce would need every HTML
        // page rendered per request. Styles cannot run script, so only styles are left inline.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // MapLibre decodes images from blob: and data: URLs; tiles come from WANGGE_TILE_URL's host.
        imgSrc: ["'self'", 'data:', 'blob:', ...extra],
        // 'self' covers ws:/wss: to the same host (CSP 3); MapLibre fetches tiles from its worker.
        connectSrc: ["'self'", ...extra],
        // MapLibre starts its worker from a blob: URL; the field app's and the resident app's service
        // workers are /m/sw.js and /r/sw.js (both importScripts /app-shell-sw.js), same-origin scripts served from the web build.
        workerSrc: ["'self'", 'blob:'],
        // The camera player (hls.js) feeds the <video> through MediaSource, i.e. a blob: URL.
        mediaSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'", 'data:'],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Only behind HTTPS: on plain http it would rewrite the page's own requests to https.
        ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // HSTS only where the platform is served over HTTPS (the same switch as secure cookies).
    strictTransportSecurity: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(headers);
  });
  // Routes that choose their own caching keep it (photos: private, one day, revalidated by ETag).
  app.addHook('onSend', async (request, reply) => {
    if (API_PATH.test(request.url) && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
  });
}

/**
 * The headers helmet sets, worked out once: they depend on the configuration only, and building
 * helmet's middleware per request (as @fastify/helmet does) parsed the CSP on every call.
 */
function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader() {},
  };
  helmet(options)({} as never, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return headers;
}
