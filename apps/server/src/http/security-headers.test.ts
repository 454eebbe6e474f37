import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebIfStale } from '../../../../scripts/web-build.mjs';
import { type Client, startTestApp, type TestApp } from '../../test/harness.ts';
import { tileSource } from './security-headers.ts';

const TILES = 'https://webrd0{s}.tiles.example.cn/appmaptile?x={x}&y={y}&z={z}';

let t: TestApp;
let client: Client;
beforeAll(async () => {
  // The console page and /m are the built web; without it they would be the JSON 404.
  buildWebIfStale();
  t = await startTestApp({ config: { tileUrl: TILES } });
  client = await t.withToken('district');
}, 300_000);
afterAll(() => t?.close());

function directives(csp: string | undefined): Map<string, string[]> {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('security headers', () => {
  it('puts a CSP without inline script, no framing, no referrer and nosniff on every kind of response', async () => {
    const responses = {
      console: await t.anon.get('/login'),
      fieldApp: await t.anon.get('/m'),
      api: await client.get('/api/auth/me'),
      ogc: await client.get('/ogc'),
      open311: await t.anon.get('/open311/discovery.json'),
    };
    expect(responses.console.headers['content-type']).toMatch(/text\/html/);
    expect(responses.fieldApp.body).toContain('/m/manifest.webmanifest');
    for (const [name, res] of Object.entries(responses)) {
      expect(res.statusCode, name).toBe(200);
      const csp = directives(res.headers['content-security-policy'] as string);
      expect(csp.get('script-src'), name).toEqual(["'self'"]);
      expect(csp.get('script-src-attr'), name).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors'), name).toEqual(["'none'"]);
      expect(csp.get('object-src'), name).toEqual(["'none'"]);
      expect(csp.get('worker-src'), name).toEqual(["'self'", 'blob:']);
      // The configured tile host, as a wildcard over its numbered shards.
      expect(csp.get('img-src'), name).toEqual(["'self'", 'data:', 'blob:', 'https://*.tiles.example.cn']);
      expect(csp.get('connect-src'), name).toEqual(["'self'", 'https://*.tiles.example.cn']);
      // Plain http here: upgrading would send the page's own requests to https.
      expect(csp.has('upgrade-insecure-requests'), name).toBe(false);
      expect(res.headers['x-frame-options'], name).toBe('DENY');
      expect(res.headers['referrer-policy'], name).toBe('no-referrer');
      expect(res.headers['x-content-type-options'], name).toBe('nosniff');
      expect(res.headers['strict-transport-security'], name).toBeUndefined();
    }
    for (const name of ['api', 'ogc', 'open311'] as const) {
      expect(responses[name].headers['cache-control'], name).toBe('no-store');
    }
    expect(responses.console.headers['cache-control']).not.toBe('no-store');
  });

  it('keeps no-store and the defences on API errors too (refused by authentication, unknown path)', async () => {
    const refused = await t.anon.get('/api/auth/me', { authorization: 'Bearer not-a-token' });
    const unknown = await t.anon.get('/api/no-such-route');
    expect([refused.statusCode, unknown.statusCode]).toEqual([401, 404]);
    for (const res of [refused, unknown]) {
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(directives(res.headers['content-security-policy'] as string).get('script-src')).toEqual([
        "'self'",
      ]);
    }
  });
});

describe('tileSource', () => {
  it('turns a tile template into the CSP source of its host', () => {
    expect(tileSource(null)).toBeNull();
    expect(tileSource('not a url')).toBeNull();
    expect(tileSource('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe(
      'https://*.tile.openstreetmap.org',
    );
    expect(tileSource(TILES)).toBe('https://*.tiles.example.cn');
    expect(tileSource('HTTP://tiles.example.cn:8080/{z}/{x}/{y}.png')).toBe('http://tiles.example.cn:8080');
  });
});
