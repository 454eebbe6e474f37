import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { idNumberCheckChar } from '@wangge/rules';
import pg from 'pg';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_DATA_KEY, withDatabase } from '../../test/databases.ts';
import { type Client, startTestApp, type TestApp } from '../../test/harness.ts';
import { multipart } from '../../test/multipart.ts';
import { loadConfig } from '../config.ts';
import { createDb } from '../db/database.ts';
import { buildApp } from '../http/app.ts';
import type { App } from '../http/app-types.ts';
import { DEMO_PASSWORD } from '../modules/demo/logins.ts';
import { createBackup } from './backup.ts';
import { readManifest, rowCounts } from './manifest.ts';
import { restoreBackup } from './restore.ts';

const GRID = '120110001001001';
const KEY = Buffer.from(TEST_DATA_KEY, 'base64');

let t: TestApp;
let work: string;
let targetName: string;
const serverUrl = () => inject('pgServerUrl');

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: withDatabase(serverUrl(), 'postgres') });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function counts(url: string): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await rowCounts(c);
  } finally {
    await c.end();
  }
}

function upload(client: Client, data: Buffer) {
  const { body, contentType } = multipart([
    { name: 'file', data, filename: 'photo.jpg', contentType: 'image/jpeg' },
  ]);
  return client.request('POST', '/api/attachments', body, { 'content-type': contentType });
}

function idNumber(seq: string): string {
  const first17 = `12011019800101${seq}`;
  return first17 + idNumberCheckChar(first17);
}

/** Requests against the restored app, logged in as one user. */
async function loginTo(app: App, username: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'wangge_session')!;
  const headers = { cookie: `wangge_session=${cookie.value}`, 'x-csrf-token': res.json().csrfToken };
  return (method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'wangge-backup-'));
  t = await startTestApp({ config: { filesDir: path.join(work, 'files-source') } });
  targetName = `wangge_t_restore_${randomBytes(6).toString('hex')}`;
});
afterAll(async () => {
  await t?.close();
  if (targetName) await admin(`DROP DATABASE IF EXISTS ${targetName} WITH (FORCE)`);
  if (work) await rm(work, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('restores the demo district with its people and photos into a new empty database', async () => {
    const started = Date.now();
    const street1 = await t.login('street1');
    const patroller = await t.login('patroller');
    const grid = await t.db
      .selectFrom('org_units')
      .select('id')
      .where('code', '=', GRID)
      .executeTakeFirstOrThrow();
    const people: string[] = [];
    for (const seq of ['317', '428', '539']) {
      const res = await street1.post('/api/people', {
        name: `备份测试${seq}`,
        idNumber: idNumber(seq),
        phone: `13712345${seq}`,
        gridId: grid.id,
      });
      expect(res.statusCode, res.body).toBe(201);
      people.push(res.data.id);
    }
    const photos: { id: string; bytes: Buffer }[] = [];
    for (const shade of [40, 120]) {
      const bytes = await sharp({
        create: { width: 64, height: 48, channels: 3, background: { r: shade, g: 90, b: 30 } },
      })
        .jpeg()
        .toBuffer();
      const res = await upload(patroller, bytes);
      expect(res.statusCode, res.body).toBe(201);
      photos.push({ id: res.data.id, bytes });
    }

    const backup = await createBackup({
      databaseUrl: t.databaseUrl,
      filesDir: path.join(work, 'files-source'),
      dataKey: KEY,
      outDir: path.join(work, 'backups'),
    });
    const manifest = await readManifest(backup.folder);
    expect(manifest.dataKeyFingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(manifest)).not.toContain(TEST_DATA_KEY);
    expect(manifest.rowCounts.people).toBeGreaterThanOrEqual(people.length);
    expect(manifest.files.count).toBeGreaterThanOrEqual(2);

    await admin(`CREATE DATABASE ${targetName}`);
    const targetUrl = withDatabase(serverUrl(), targetName);
    const filesDir = path.join(work, 'files-restored');
    await expect(
      restoreBackup({
        folder: backup.folder,
        databaseUrl: targetUrl,
        filesDir,
        dataKey: Buffer.alloc(32, 9),
      }),
    ).rejects.toThrow(/data key differs/);
    const restored = await restoreBackup({
      folder: backup.folder,
      databaseUrl: targetUrl,
      filesDir,
      dataKey: KEY,
    });
    expect(restored.files).toBe(manifest.files.count);
    // A second restore into the now-filled database is refused.
    await expect(
      restoreBackup({ folder: backup.folder, databaseUrl: targetUrl, filesDir, dataKey: KEY }),
    ).rejects.toThrow(/not empty/);

    const before = await counts(t.databaseUrl);
    const after = await counts(targetUrl);
    console.log(
      `row counts (source → restored):\n${Object.entries(before)
        .map(([k, n]) => `  ${k}: ${n} → ${after[k]}`)
        .join('\n')}`,
    );
    expect(after).toEqual(before);
    expect(Object.values(after).reduce((a, b) => a + b, 0)).toBeGreaterThan(1000);

    const db = createDb(targetUrl, { max: 3 });
    const config = loadConfig({
      databaseUrl: targetUrl,
      port: 0,
      host: '127.0.0.1',
      dataKey: TEST_DATA_KEY,
      filesDir,
    });
    const { app } = await buildApp({ db, config, logger: { level: 'error' } });
    try {
      await app.ready();
      const asStreet = await loginTo(app, 'street1');
      for (const id of people) {
        const original = await street1.get(`/api/people/${id}`);
        const copy = await asStreet('GET', `/api/people/${id}`);
        expect(copy.statusCode).toBe(200);
        expect(copy.json()).toEqual(original.data);
      }
      const reveal = await asStreet('POST', `/api/people/${people[0]}/reveal`, {
        field: 'idNumber',
        reason: '恢复核对',
      });
      expect(reveal.statusCode, reveal.body).toBe(200);
      expect(JSON.stringify(reveal.json())).toContain(idNumber('317'));
      const asPatroller = await loginTo(app, 'patroller');
      for (const photo of photos) {
        const res = await asPatroller('GET', `/api/attachments/${photo.id}`);
        expect(res.statusCode).toBe(200);
        expect(Buffer.compare(res.rawPayload, photo.bytes)).toBe(0);
      }
    } finally {
      await app.close();
      await db.destroy();
    }
    console.log(
      `backup ${backup.dumpBytes} bytes of dump; backup + restore + checks in ${Date.now() - started} ms`,
    );
  }, 60_000);
});
