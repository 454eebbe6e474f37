import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebIfStale } from '../../../../scripts/web-build.mjs';
import { type Client, startTestApp, type TestApp } from '../../test/harness.ts';
import { answerEncoding } from './compress-answers.ts';

// Answers travel compressed when the client accepts it: the grid GeoJSON of the big screen's first
// load, the web bundle, lists. A client that asks for nothing gets the plain bytes.
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

  it('compresses the web bundle and leaves small answers alone', async () => {
    const html = await t.anon.get('/');
    const script = html.body.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeTruthy();
    const js = await t.anon.get(script!, { 'accept-encoding': 'br' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-encoding']).toBe('br');
    const small = await t.anon.get('/api/health', { 'accept-encoding': 'br' });
    expect(small.headers['content-encoding']).toBeUndefined();
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
