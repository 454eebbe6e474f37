import type { LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { type Config, loadConfig } from '../src/config.ts';
import { createDb, type Db } from '../src/db/database.ts';
import { buildApp } from '../src/http/app.ts';
import type { App, AppContext } from '../src/http/app-types.ts';
import { DEMO_PASSWORD } from '../src/modules/demo/logins.ts';
import { cloneDatabase, runDatabases, TEST_DATA_KEY } from './databases.ts';

export interface TestApp {
  app: App;
  db: Db;
  context: AppContext;
  databaseUrl: string;
  /** Requests as an anonymous caller. */
  anon: Client;
  login(username: string, password?: string): Promise<Client>;
  /** A client authenticating with a bearer API token of the given user. */
  withToken(username: string): Promise<Client>;
  /** Listen on a real port (browser tests); returns the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export interface Response extends LightMyRequestResponse {
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read parsed JSON of many shapes; assertions check it.
  data: any;
}
export interface Client {
  request(
    method: Method,
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
  get(url: string, headers?: Record<string, string>): Promise<Response>;
  post(url: string, payload?: unknown): Promise<Response>;
  put(url: string, payload?: unknown): Promise<Response>;
  patch(url: string, payload?: unknown): Promise<Response>;
  delete(url: string): Promise<Response>;
}

export function makeClient(app: App, baseHeaders: Record<string, string>): Client {
  const request = async (
    method: Method,
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await app.inject({
      method,
      url,
      headers: { ...baseHeaders, ...headers },
      ...(payload === undefined
        ? {}
        : typeof payload === 'string'
          ? { payload }
          : { payload: payload as object }),
    });
    let data: unknown = null;
    try {
      data = res.body ? JSON.parse(res.body) : null;
    } catch {
      data = null;
    }
    return Object.assign(res, { data }) as Response;
  };
  return {
    request,
    get: (url, headers) => request('GET', url, undefined, headers),
    post: (url, payload) => request('POST', url, payload ?? {}),
    put: (url, payload) => request('PUT', url, payload ?? {}),
    patch: (url, payload) => request('PATCH', url, payload ?? {}),
    delete: (url) => request('DELETE', url),
  };
}

/** The whole app on its own database cloned from a template (the demo district by default). */
export async function startTestApp(
  options: { seed?: 'demo' | 'none'; config?: Partial<Config> } = {},
): Promise<TestApp> {
  const serverUrl = inject('pgServerUrl');
  const names = runDatabases(inject('pgRunId'));
  const database = await cloneDatabase(
    serverUrl,
    options.seed === 'none' ? names.templateEmpty : names.templateDemo,
    names.clonePrefix,
  );
  const db = createDb(database.url, { max: 5 });
  const config = loadConfig({
    databaseUrl: database.url,
    port: 0,
    host: '127.0.0.1',
    dataKey: TEST_DATA_KEY,
    checkResponses: true,
    ...options.config,
  });
  // Only unexpected failures are logged, so a flaky test shows the server's side of it.
  const { app, context } = await buildApp({ db, config, logger: { level: 'error' } });
  await app.ready();
  const anon = makeClient(app, {});
  const login = async (username: string, password = DEMO_PASSWORD) => {
    const res = await anon.post('/api/auth/login', { username, password });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'wangge_session');
    return makeClient(app, { cookie: `wangge_session=${cookie!.value}`, 'x-csrf-token': res.data.csrfToken });
  };
  return {
    app,
    db,
    context,
    databaseUrl: database.url,
    anon,
    login,
    async withToken(username) {
      const session = await login(username);
      const res = await session.post('/api/auth/tokens', { name: 'test' });
      return makeClient(app, { authorization: `Bearer ${res.data.token}` });
    },
    async listen() {
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      return address;
    },
    async close() {
      await app.close();
      await db.destroy();
      await database.drop();
    },
  };
}
