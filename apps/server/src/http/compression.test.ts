import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebIfStale } from '../../../../scripts/web-build.mjs';
import { type Client, startTestApp, type TestApp } from '../../test/harness.ts';
import { answerEncoding } from './compress-answers.ts';

// Answers travel compressed when the client accepts it: the grid GeoJSON of the big screen's first
// load, the web bundle, lists. A client that asks for nothing gets the plain bytes.
const WEB_DIST = path.resolve(import.meta.dirname, '../../../web/dist');
let t: TestApp;
let client: Client;
beforeAll(async () => {
  buildWebIfStale();
  t = await startTestApp();
  client = await t.withToken('district');
}, 300_000);
afterAll(() => t?.close());

describe('compression', () => {
  it('sends the grid GeoJSON as brotli or gzip, as asked, and the same JSON either way', async () => {
    const plain = await client.get('/api/grids/geojson');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await client.get('/api/grids/geojson', { 'accept-encoding': 'br, gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    const brBytes = brotliDecompressSync(br.rawPayload);
    expect(JSON.parse(brBytes.toString())).toEqual(plain.data);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const gz = await client.get('/api/grids/geojson', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual(plain.data);
  });

  it('sends the web bundle precompressed at build time (br q11 / gzip 9), or plain when nothing is accepted', async () => {
    const html = await t.anon.get('/');
    expect(html.statusCode).toBe(200);
    const script = html.body.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeTruthy();
    const file = readFileSync(path.join(WEB_DIST, script!));
    // Answered from the build's <file>.br / <file>.gz, not compressed again per request.
    const br = await t.anon.get(script!, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.equals(readFileSync(path.join(WEB_DIST, `${script}.br`)))).toBe(true);
    expect(brotliDecompressSync(br.rawPayload).equals(file)).toBe(true);
    // Quality 11, smaller than the quality 4 the server compresses per-request answers with.
    const q4 = brotliCompressSync(file, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
    expect(br.rawPayload.length).toBeLessThan(q4.length);
    const gz = await t.anon.get(script!, { 'accept-encoding': 'br;q=0, gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.rawPayload.equals(readFileSync(path.join(WEB_DIST, `${script}.gz`)))).toBe(true);
    expect(gunzipSync(gz.rawPayload).equals(file)).toBe(true);
    for (const headers of [{}, { 'accept-encoding': 'identity' }] as Record<string, string>[]) {
      const plain = await t.anon.get(script!, headers);
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toMatch(/accept-encoding/i);
      expect(plain.rawPayload.equals(file)).toBe(true);
      // Caching is the same for every encoding: revalidated by ETag, each encoding its own.
      expect(plain.headers['cache-control']).toBe(br.headers['cache-control']);
      expect(plain.headers.etag).toBeTruthy();
      expect(plain.headers.etag).not.toBe(br.headers.etag);
    }
    const small = await t.anon.get('/api/health', { 'accept-encoding': 'br' });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('sends the pages, the single-page fallback, service workers and manifests with their types', async () => {
    const index = readFileSync(path.join(WEB_DIST, 'index.html'));
    const fieldApp = readFileSync(path.join(WEB_DIST, 'm.html'));
    for (const [url, page] of [
      ['/', index],
      ['/grids/12', index],
      ['/m/tasks', fieldApp],
    ] as const) {
      for (const encoding of [undefined, 'br', 'gzip']) {
        const res = await t.anon.get(url, encoding ? { 'accept-encoding': encoding } : undefined);
        expect(res.statusCode, `${url} ${encoding}`).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        expect(res.headers['content-encoding']).toBe(encoding);
        // The client-side routes' page is revalidated on every load, so a new release shows at once.
        if (url !== '/') expect(res.headers['cache-control'], url).toBe('no-cache');
        const body =
          encoding === 'br'
            ? brotliDecompressSync(res.rawPayload)
            : encoding === 'gzip'
              ? gunzipSync(res.rawPayload)
              : res.rawPayload;
        expect(body.equals(page), `${url} ${encoding}`).toBe(true);
      }
    }
    for (const [url, type] of [
      ['/m/sw.js', /javascript/],
      ['/app-shell-sw.js', /javascript/],
      ['/m/manifest.webmanifest', /^application\/manifest\+json/],
      ['/r/manifest.webmanifest', /^application\/manifest\+json/],
    ] as const) {
      const res = await t.anon.get(url, { 'accept-encoding': 'br' });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(type);
      const body =
        res.headers['content-encoding'] === 'br' ? brotliDecompressSync(res.rawPayload) : res.rawPayload;
      expect(body.equals(readFileSync(path.join(WEB_DIST, url))), url).toBe(true);
    }
  });

  it('compresses a JSON answer made per request, keeps its status and says it varies by encoding', async () => {
    const plain = await client.get('/api/cases?pageSize=50');
    expect(plain.statusCode).toBe(200);
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    const br = await client.get('/api/cases?pageSize=50', { 'accept-encoding': 'gzip;q=0.5, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(Number(br.headers['content-length'] ?? br.rawPayload.length)).toBe(br.rawPayload.length);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.data);
    const refusedBr = await client.get('/api/cases?pageSize=50', { 'accept-encoding': 'br;q=0, gzip' });
    expect(refusedBr.headers['content-encoding']).toBe('gzip');
    const error = await client.get('/api/cases?pageSize=100000', { 'accept-encoding': 'br' });
    expect(error.statusCode).toBe(400);
  });
});

describe('answerEncoding', () => {
  it('prefers brotli, honours q=0 and wildcards, and answers plain when nothing is accepted', () => {
    expect(answerEncoding(undefined)).toBeNull();
    expect(answerEncoding('')).toBeNull();
    expect(answerEncoding('identity')).toBeNull();
    expect(answerEncoding('gzip, deflate, br')).toBe('br');
    expect(answerEncoding('gzip')).toBe('gzip');
    expect(answerEncoding('br;q=0, gzip;q=0.8')).toBe('gzip');
    expect(answerEncoding('BR ; Q=0.1')).toBe('br');
    expect(answerEncoding('*')).toBe('br');
    expect(answerEncoding('*;q=0')).toBeNull();
    expect(answerEncoding('*, br;q=0')).toBe('gzip');
    expect(answerEncoding('gzip;q=0, br;q=0')).toBeNull();
    expect(answerEncoding('gzip;q=abc')).toBeNull();
  });
});
