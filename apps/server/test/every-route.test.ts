import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from './harness.ts';

// Hostile input to every operation of the OpenAPI document — so a new route is covered by
// itself — must be answered with a 4xx in the error shape (or a success), never a 5xx.

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  minLength?: number;
  minItems?: number;
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

const ID_PATTERN = '^[1-9][0-9]{0,17}$';

/** A plausible valid value, so that one hostile field at a time travels as far as it can. */
function sample(schema: Schema | undefined, depth = 0): unknown {
  if (!schema || depth > 6) return 'x';
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const variant = schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema.allOf?.[0];
  if (variant) return sample(variant, depth + 1);
  switch (schema.type) {
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items, depth + 1));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = sample(schema.properties?.[key], depth + 1);
      return out;
    }
    default:
      if (schema.pattern === ID_PATTERN) return '1';
      if (schema.format === 'date') return '2026-12-01';
      if (schema.format === 'date-time') return '2026-12-01T08:00:00+08:00';
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
  }
}

const LONG = 'x'.repeat(100_000);
/** For the URL: a NUL, a surrogate encoded as UTF-8 (not valid UTF-8), an over-long value. */
const URL_VALUES = ['a%00b', '%00', '%ED%A0%80', 'a%ED%A0%80', LONG];
/** For bodies: text PostgreSQL refuses, an over-long string and every wrong type. */
const BODY_VALUES: unknown[] = [
  'a\u0000b',
  'a\ud800b',
  '\udc00',
  LONG,
  12345,
  'not-a-list',
  { x: 'y' },
  null,
  [],
];

interface Probe {
  method: string;
  url: string;
  body?: unknown;
  form?: boolean;
}

function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => params[name] ?? '1');
}

function queryString(query: Record<string, string>): string {
  const parts = Object.entries(query).map(([k, v]) => `${k}=${v}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

function probesOf(path: string, method: string, op: Operation): Probe[] {
  const params = op.parameters ?? [];
  const baseline = (where: 'path' | 'query') =>
    Object.fromEntries(
      params
        .filter((p) => p.in === where && (where === 'path' || p.schema?.default === undefined))
        .map((p) => [p.name, encodeURIComponent(String(sample(p.schema)))]),
    );
  const pathParams = baseline('path');
  const query = baseline('query');
  const content = op.requestBody?.content ?? {};
  const form = !content['application/json'] && !!content['application/x-www-form-urlencoded'];
  const bodySchema = (content['application/json'] ?? content['application/x-www-form-urlencoded'])?.schema;
  const body = bodySchema ? sample(bodySchema) : undefined;
  const probe = (p: Record<string, string>, q: Record<string, string>, b: unknown): Probe => ({
    method: method.toUpperCase(),
    url: fillPath(path, p) + queryString(q),
    ...(b === undefined ? {} : { body: b, form }),
  });
  const probes: Probe[] = [probe(pathParams, query, body)];
  for (const p of params) {
    if (p.in !== 'path' && p.in !== 'query') continue;
    for (const value of URL_VALUES) {
      probes.push(
        p.in === 'path'
          ? probe({ ...pathParams, [p.name]: value }, query, body)
          : probe(pathParams, { ...query, [p.name]: value }, body),
      );
    }
  }
  if (bodySchema?.type === 'object' && body && typeof body === 'object' && !Array.isArray(body)) {
    for (const [name, prop] of Object.entries(bodySchema.properties ?? {})) {
      const values = form ? BODY_VALUES.filter((v) => typeof v === 'string') : BODY_VALUES;
      for (const value of values) {
        probes.push(probe(pathParams, query, { ...body, [name]: value }));
        if (prop.type === 'array' && !form)
          probes.push(probe(pathParams, query, { ...body, [name]: [value] }));
      }
    }
  }
  return probes;
}

// Routes that would end the probing caller's own session, or that take their input outside the
// document's parameters (OsmAnd reads its query itself), get explicit probes instead.
const SKIP_AS_ADMIN =
  /^(POST \/api\/auth\/(logout|sessions\/revoke-others|password)|DELETE \/api\/auth\/sessions\/)/;
const EXTRA: Probe[] = [
  ...URL_VALUES.map((v) => ({ method: 'GET', url: `/track/osmand?id=${v}&lat=39.08&lon=117.3` })),
  ...URL_VALUES.map((v) => ({ method: 'POST', url: `/track/osmand?id=dev1&lat=39.08&lon=117.3&batt=${v}` })),
  ...URL_VALUES.map((v) => ({ method: 'GET', url: `/open311/v2/requests/${v}.json` })),
  ...URL_VALUES.map((v) => ({ method: 'GET', url: `/open311/v2/requests.json?service_request_id=${v}` })),
  ...BODY_VALUES.map((v) => ({
    method: 'POST',
    url: '/api/auth/login',
    body: { username: v, password: 'x' },
  })),
  ...['a\u0000b', 'a\ud800b'].map((v) => ({
    method: 'POST',
    url: '/open311/v2/requests.json',
    body: { api_key: v, service_code: v, lat: '39.08', long: '117.3', description: v },
    form: true,
  })),
];

/** A lone surrogate cannot be encoded as UTF-8: it goes as the bytes a careless client would send. */
function formEncode(text: string): string {
  return Array.from(text, (char) => {
    try {
      return encodeURIComponent(char);
    } catch {
      return '%ED%A0%80';
    }
  }).join('');
}

async function send(client: Client, probe: Probe) {
  if (probe.body === undefined) return client.request(probe.method as 'GET', probe.url);
  if (probe.form) {
    const form = Object.entries(probe.body as Record<string, unknown>)
      .map(([k, v]) => `${encodeURIComponent(k)}=${formEncode(String(v))}`)
      .join('&');
    return client.request(probe.method as 'POST', probe.url, form, {
      'content-type': 'application/x-www-form-urlencoded',
    });
  }
  return client.request(probe.method as 'POST', probe.url, JSON.stringify(probe.body), {
    'content-type': 'application/json',
  });
}

describe('every route of the OpenAPI document under hostile input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers NUL, lone surrogates, over-long and wrong-type values without a 5xx', async () => {
    const doc = (await t.anon.get('/api/openapi.json')).data as {
      paths: Record<string, Record<string, Operation>>;
    };
    const probes: Probe[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) probes.push(...probesOf(path, method, op));
    }
    const operations = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(operations).toBeGreaterThan(100);
    const admin = await t.login('admin');
    const failures: string[] = [];
    let sent = 0;
    for (const [who, client] of [
      ['anonymous', t.anon],
      ['admin', admin],
    ] as const) {
      for (const probe of [...probes, ...EXTRA]) {
        const route = `${probe.method} ${probe.url.split('?')[0]}`;
        if (who === 'admin' && SKIP_AS_ADMIN.test(route)) continue;
        const res = await send(client, probe);
        sent++;
        const shaped = res.statusCode < 400 || typeof res.data?.error?.code === 'string';
        const ogcOrXml = /^\/(ogc|open311)/.test(probe.url) || probe.url.includes('.xml');
        if (res.statusCode >= 500 || (!shaped && !ogcOrXml && res.statusCode !== 404)) {
          const body = JSON.stringify(probe.body ?? null).slice(0, 120);
          failures.push(
            `${who} ${probe.method} ${probe.url.slice(0, 160)} ${body} → ${res.statusCode} ${res.body.slice(0, 160)}`,
          );
        }
      }
    }
    console.log(`every-route: ${operations} operations, ${sent} requests, ${failures.length} failures`);
    expect(failures).toEqual([]);
    // Grows with every route (some 200 operations, thousands of probes, sent one at a time).
  }, 300_000);
});
