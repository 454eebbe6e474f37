import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cloneDatabase, runDatabases, TEST_DATA_KEY } from '../../../test/databases.ts';
import { type RunningPlatform, startPlatform } from '../../server.ts';
import { DEMO_PASSWORD } from '../demo/logins.ts';

// Production (WANGGE_DEMO=false) on an empty database: no demo with its published password, but
// the city and one administrator with a one-time password.
let database: { url: string; drop(): Promise<void> };
let filesDir: string;
let platform: RunningPlatform | null = null;

beforeAll(async () => {
  database = await cloneDatabase(
    inject('pgServerUrl'),
    runDatabases(inject('pgRunId')).templateEmpty,
    runDatabases(inject('pgRunId')).clonePrefix,
  );
  filesDir = await mkdtemp(path.join(os.tmpdir(), 'wangge-first-start-'));
});
afterAll(async () => {
  await platform?.stop();
  await database?.drop();
  await rm(filesDir, { recursive: true, force: true });
});

const start = (city: { code: string | null; name: string | null }) =>
  startPlatform({
    logger: false,
    config: {
      databaseUrl: database.url,
      port: 0,
      host: '127.0.0.1',
      dataKey: TEST_DATA_KEY,
      filesDir,
      demo: false,
      city,
    },
  });

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, data: await res.json(), cookie: res.headers.get('set-cookie') ?? '' };
}

describe('first start of a production database', () => {
  it('refuses to start without a valid city, naming the setting', async () => {
    await expect(start({ code: null, name: '天津市' })).rejects.toThrow(/WANGGE_CITY_CODE/);
    await expect(start({ code: '120000000000', name: '天津市' })).rejects.toThrow(/WANGGE_CITY_CODE/);
    await expect(start({ code: '120100000000', name: ' ' })).rejects.toThrow(/WANGGE_CITY_NAME/);
  });

  it('makes the city and an administrator whose one-time password must be changed; no demo logins', async () => {
    // Two instances starting together on the new database (as compose runs them): one makes it.
    const both = await Promise.all([0, 1].map(() => start({ code: '120100000000', name: '天津市' })));
    const makers = both.filter((p) => p.firstAdmin !== null);
    expect(makers).toHaveLength(1);
    platform = makers[0]!;
    await both.find((p) => p !== platform)!.stop();
    expect(platform.seeded).toBe(false);
    expect(platform.firstAdmin).toMatchObject({ username: 'admin', password: expect.any(String) });
    const units = await platform.db.selectFrom('org_units').select(['code', 'name', 'level']).execute();
    expect(units).toEqual([{ code: '120100000000', name: '天津市', level: 'city' }]);
    const users = await platform.db
      .selectFrom('users')
      .select('username')
      .where('active', '=', true)
      .execute();
    expect(users).toEqual([{ username: 'admin' }]);

    expect(
      (await post(`${platform.url}/api/auth/login`, { username: 'admin', password: DEMO_PASSWORD })).status,
    ).toBe(401);
    const login = await post(`${platform.url}/api/auth/login`, {
      username: 'admin',
      password: platform.firstAdmin!.password,
    });
    expect(login.status).toBe(200);
    const session = login.cookie.split(';')[0]!;
    const units2 = await fetch(`${platform.url}/api/org/units`, { headers: { cookie: session } });
    expect(units2.status).toBe(403);
    expect((await units2.json()).error.code).toBe('password_change_required');

    const audit = await platform.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'platform.initialise')
      .execute();
    expect(audit).toHaveLength(1);
    // The password is shown once and never stored or logged in clear.
    expect(JSON.stringify(audit)).not.toContain(platform.firstAdmin!.password);
  });

  it('does it once: the next start finds the city and makes nobody', async () => {
    await platform!.stop();
    platform = await start({ code: '120100000000', name: '天津市' });
    expect(platform.firstAdmin).toBeNull();
    expect(
      await platform.db.selectFrom('users').select('username').where('active', '=', true).execute(),
    ).toEqual([{ username: 'admin' }]);
  });
});
