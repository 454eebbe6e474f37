import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { systemTool } from '../../../test/system-tools.ts';

const execFileAsync = promisify(execFile);

let t: TestApp;
let client: Client;
beforeAll(async () => {
  t = await startTestApp();
  client = await t.withToken('district');
});
afterAll(() => t?.close());

describe('OGC API – Features', () => {
  it('has a landing page, conformance and the grids collection', async () => {
    const landing = await client.get('/ogc');
    expect(landing.statusCode).toBe(200);
    const rels = landing.data.links.map((l: { rel: string }) => l.rel);
    expect(rels).toEqual(expect.arrayContaining(['self', 'service-desc', 'conformance', 'data']));
    const conf = await client.get('/ogc/conformance');
    expect(conf.data.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core');
    expect(conf.data.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson');
    const cols = await client.get('/ogc/collections');
    expect(cols.data.collections.map((c: { id: string }) => c.id)).toEqual(['grids']);
    const [minLon, minLat, maxLon, maxLat] = cols.data.collections[0].extent.spatial.bbox[0];
    expect(minLon).toBeLessThan(maxLon);
    expect(minLat).toBeLessThan(maxLat);
  });

  it('pages items with next links and numberMatched, as GeoJSON', async () => {
    const first = await client.get('/ogc/collections/grids/items?limit=5');
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/application\/geo\+json/);
    expect(first.data.type).toBe('FeatureCollection');
    expect(first.data.numberReturned).toBe(5);
    expect(first.data.numberMatched).toBeGreaterThan(5);
    const next = first.data.links.find((l: { rel: string }) => l.rel === 'next');
    const nextUrl = new URL(next.href);
    const second = await client.get(nextUrl.pathname + nextUrl.search);
    expect(second.data.features[0].id).not.toBe(first.data.features[0].id);
    const one = await client.get(`/ogc/collections/grids/items/${first.data.features[0].id}`);
    expect(one.data.properties.code).toBe(first.data.features[0].id);
  });

  it('filters by bbox and rejects a malformed one', async () => {
    const all = await client.get('/ogc/collections/grids/items?limit=10000');
    const f = all.data.features[0];
    const ring = f.geometry.coordinates[0] as [number, number][];
    const [x, y] = ring[0]!;
    const near = await client.get(
      `/ogc/collections/grids/items?bbox=${x - 1e-6},${y - 1e-6},${x + 1e-6},${y + 1e-6}`,
    );
    expect(near.data.features.map((g: { id: string }) => g.id)).toContain(f.id);
    expect(near.data.numberMatched).toBeLessThan(all.data.numberMatched);
    const bad = await client.get('/ogc/collections/grids/items?bbox=1,2,3');
    expect(bad.statusCode).toBe(400);
    expect(bad.data.error.details.field).toBe('bbox');
  });

  it('links a single feature to its collection (/req/core/f-links)', async () => {
    const code = (await client.get('/ogc/collections/grids/items?limit=1')).data.features[0].id;
    const one = await client.get(`/ogc/collections/grids/items/${code}`);
    const collection = one.data.links.find((l: { rel: string }) => l.rel === 'collection');
    expect(new URL(collection.href).pathname).toBe('/ogc/collections/grids');
    expect(collection.type).toBe('application/json');
  });

  it('answers 400 to a query parameter the API does not define (/req/core/query-param-unknown)', async () => {
    const code = (await client.get('/ogc/collections/grids/items?limit=1')).data.features[0].id;
    const unknown: [string, string][] = [
      ['/ogc?lang=zh', 'lang'],
      ['/ogc/conformance?limit=1', 'limit'],
      ['/ogc/collections?bbox=0,0,1,1', 'bbox'],
      ['/ogc/collections/grids?foo=1', 'foo'],
      ['/ogc/collections/grids/items?bbx=117,39,118,40', 'bbx'],
      ['/ogc/collections/grids/items?limit=5&datetime=2026-01-01T00:00:00Z', 'datetime'],
      [`/ogc/collections/grids/items/${code}?limit=5`, 'limit'],
    ];
    for (const [url, field] of unknown) {
      const res = await client.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.data.error.details.field, url).toBe(field);
    }
    for (const url of [
      '/ogc?f=json',
      '/ogc/collections/grids?f=json',
      '/ogc/collections/grids/items?f=geojson&limit=2&offset=1&bbox=-180,-90,180,90',
      `/ogc/collections/grids/items/${code}?f=geojson`,
    ]) {
      expect((await client.get(url)).statusCode, url).toBe(200);
    }
  });

  it('needs authentication and knows only the grids collection', async () => {
    expect((await t.anon.get('/ogc/collections/grids/items')).statusCode).toBe(401);
    expect((await client.get('/ogc/collections/people/items')).statusCode).toBe(404);
  });
});

const ogrinfo = systemTool('/usr/bin/ogrinfo', 'gdal-bin');
describe.skipIf(!ogrinfo.available)('read by GDAL (ogrinfo OAPIF driver)', () => {
  it('lists the grids layer and reads every feature with a bearer token', async () => {
    const base = await t.listen();
    const session = await t.login('district');
    const token = (await session.post('/api/auth/tokens', { name: 'gdal' })).data.token;
    const env = { ...process.env, GDAL_HTTP_HEADERS: `Authorization: Bearer ${token}` };
    const run = (args: string[]) => execFileAsync('/usr/bin/ogrinfo', args, { env, timeout: 30_000 });
    const summary = await run(['-ro', '-so', `OAPIF:${base}/ogc`, 'grids']);
    const expected = (await client.get('/ogc/collections/grids/items?limit=1')).data.numberMatched;
    expect(summary.stdout).toContain('Geometry: Polygon');
    expect(summary.stdout).toContain(`Feature Count: ${expected}`);
    const full = await run(['-ro', '-al', '-q', `OAPIF:${base}/ogc`]);
    expect(full.stdout.match(/code \(String\) = \d{15}/g)).toHaveLength(expected);
    expect(full.stdout).toContain('code (String) = 120110001001001');
    const denied = await execFileAsync('/usr/bin/ogrinfo', ['-ro', '-so', `OAPIF:${base}/ogc`], {
      timeout: 30_000,
    }).catch((e) => e);
    expect(denied.code).not.toBe(0);
  });
});
