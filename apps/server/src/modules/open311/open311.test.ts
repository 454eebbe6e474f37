import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { act, pointIn, unitId } from '../cases/test-helpers.ts';

// GeoReport v2 through HTTP, as a third-party 311 app uses it. Every JSON body is validated against
// the official schema files as they are; for the documents they do not cover (discovery, errors,
// the POST answer) the schemas below follow the specification text and reuse the official fields.

const SCHEMA_DIR = process.env.OPEN311_SCHEMA_DIR ?? '/work/shared/standards/open311-georeport-v2';
const GRID = '120110001001001';
const SPEC_REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
].sort();

// The official files leave out "type" beside "properties"/"required"; strictTypes would only log that.
const ajv = new Ajv({ allErrors: true, strictTypes: false });
addFormats(ajv);
for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'))) {
  ajv.addSchema(JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), 'utf8')), file);
}
ajv.addSchema(
  {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      required: ['code', 'description'],
      additionalProperties: false,
      properties: { code: { type: 'integer' }, description: { type: 'string', minLength: 1 } },
    },
  },
  'errors.local.json',
);
ajv.addSchema(
  {
    type: 'object',
    required: ['changeset', 'contact', 'key_service', 'endpoints'],
    properties: {
      changeset: { type: 'string', format: 'date-time' },
      contact: { type: 'string' },
      key_service: { type: 'string' },
      endpoints: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['specification', 'url', 'changeset', 'type', 'formats'],
          properties: {
            specification: { type: 'string', format: 'uri' },
            url: { type: 'string', format: 'uri' },
            changeset: { type: 'string', format: 'date-time' },
            type: { enum: ['production', 'test'] },
            formats: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
  },
  'discovery.local.json',
);
ajv.addSchema(
  {
    type: 'array',
    minItems: 1,
    maxItems: 1,
    items: {
      type: 'object',
      required: ['service_request_id'],
      properties: {
        service_request_id: { $ref: 'request.json#/properties/service_request_id' },
        service_notice: { $ref: 'request.json#/properties/service_notice' },
        account_id: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      },
    },
  },
  'post-response.local.json',
);

type Schema =
  | 'services.json'
  | 'service-definition.json'
  | 'requests.json'
  | 'errors.local.json'
  | 'discovery.local.json'
  | 'post-response.local.json';

function validator(schema: Schema): ValidateFunction {
  const validate = ajv.getSchema(schema);
  if (!validate) throw new Error(`schema ${schema} not loaded`);
  return validate;
}

const xml = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  isArray: (name) => ['service', 'request', 'error', 'endpoint', 'format', 'attribute'].includes(name),
});

let t: TestApp;
let filesDir: string;
let admin: Client;
let dispatcher: Client;
let street: Client;
let worker: Client;
let apiKey: string;
let dispatcherKey: string;

interface Call {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  form?: Record<string, string>;
  json?: unknown;
  raw?: { body: string; contentType: string };
  headers?: Record<string, string>;
}

function send(url: string, call: Call = {}): Promise<LightMyRequestResponse> {
  const method = call.method ?? (call.form || call.json !== undefined || call.raw ? 'POST' : 'GET');
  const headers = { ...call.headers };
  let payload: string | object | undefined;
  if (call.form) {
    payload = new URLSearchParams(call.form).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  } else if (call.raw) {
    payload = call.raw.body;
    headers['content-type'] = call.raw.contentType;
  } else if (call.json !== undefined) {
    payload = call.json as object;
  }
  return t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
}

/** Parsed bodies of many document types; the schema check (JSON) and root check (XML) assert their shape. */
// biome-ignore lint/suspicious/noExplicitAny: see above.
type Parsed = any;

/** A JSON answer: the status, the content type and the body valid against its schema. */
async function json(url: string, schema: Schema, status = 200, call: Call = {}): Promise<Parsed> {
  const res = await send(url, call);
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  const body = JSON.parse(res.body);
  const validate = validator(schema);
  expect(validate(body), `${url} against ${schema}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  return body;
}

/** An XML answer: status, content type, the declaration and the parsed document under its root. */
async function xmlDoc(
  url: string,
  root: string,
  status = 200,
  call: Call = {},
): Promise<{ doc: Parsed; raw: string }> {
  const res = await send(url, call);
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
  expect(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const parsed = xml.parse(res.body);
  expect(Object.keys(parsed)).toEqual([root]);
  return { doc: parsed[root], raw: res.body };
}

/** The same failure in both formats: the Open311 error document with the HTTP status as its code. */
async function expectError(url: string, status: number, call: Call = {}, match?: RegExp) {
  const body = await json(url, 'errors.local.json', status, call);
  expect(body).toHaveLength(1);
  expect(body[0].code).toBe(status);
  if (match) expect(body[0].description).toMatch(match);
  const xmlUrl = url.includes('?')
    ? url.replace(/(\.json)?\?/, '.xml?')
    : `${url.replace(/\.json$/, '')}.xml`;
  const { doc } = await xmlDoc(xmlUrl, 'errors', status, call);
  expect(doc.error).toHaveLength(1);
  expect(doc.error[0].code).toBe(String(status));
  // The same words, save the resource's own suffix where the description names the path.
  expect(doc.error[0].description.replaceAll('.xml', '.json')).toBe(body[0].description);
  return body[0].description as string;
}

async function photo(client: Client): Promise<string> {
  const png = await sharp(randomBytes(48 * 48 * 3), { raw: { width: 48, height: 48, channels: 3 } })
    .png()
    .toBuffer();
  const boundary = `----Open311Test${randomBytes(6).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="after.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    png,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await client.request('POST', '/api/attachments', body, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.data.id;
}

async function caseIdOf(code: string): Promise<string> {
  return (await t.db.selectFrom('cases').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

async function file(fields: Record<string, string>, url = '/open311/v2/requests.json') {
  const at = await pointIn(t, GRID, 2);
  const body = await json(url, 'post-response.local.json', 201, {
    form: { api_key: apiKey, service_code: 'CG06-01', lat: String(at.lat), long: String(at.lon), ...fields },
  });
  return body[0] as { service_request_id: string; service_notice: string | null; account_id: null };
}

beforeAll(async () => {
  filesDir = await mkdtemp(path.join(os.tmpdir(), 'wangge-open311-'));
  t = await startTestApp({ config: { filesDir } });
  admin = await t.login('admin');
  dispatcher = await t.login('dispatcher');
  street = await t.login('street1');
  worker = await t.login(`w${GRID}`);
  // The integration account of a citizens' 311 app: it may report, nothing else, and has no area.
  const created = await admin.post('/api/users', {
    username: 'open311.app',
    displayName: '市民随手拍接入',
    password: 'Open311pass2026',
    roles: ['resident'],
  });
  expect(created.statusCode, created.body).toBe(201);
  const integration = await t.login('open311.app', 'Open311pass2026');
  const token = await integration.post('/api/auth/tokens', { name: 'open311 app' });
  expect(token.statusCode, token.body).toBe(201);
  apiKey = token.data.token;
  dispatcherKey = (await dispatcher.post('/api/auth/tokens', { name: 'open311 reader' })).data.token;
});
afterAll(async () => {
  await t?.close();
  if (filesDir) await rm(filesDir, { recursive: true, force: true });
});

describe('discovery, services and service definitions', () => {
  it('discovery names the v2 endpoint and its formats, in JSON and XML', async () => {
    for (const url of ['/open311/v2/discovery', '/open311/v2/discovery.json', '/open311/discovery.json']) {
      const body = await json(url, 'discovery.local.json');
      expect(body.endpoints).toEqual([
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: 'http://localhost:80/open311/v2',
          changeset: body.changeset,
          type: 'production',
          formats: ['application/json', 'text/xml'],
        },
      ]);
      expect(body.key_service).toContain('api_key');
    }
    const { doc } = await xmlDoc('/open311/v2/discovery.xml', 'discovery');
    expect(doc.endpoints.endpoint[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      type: 'production',
      formats: { format: ['application/json', 'text/xml'] },
    });
  });

  it('lists every leaf category as a service, grouped by its major category', async () => {
    const leaves = await t.db
      .selectFrom('case_categories')
      .select('code')
      .where('parent_code', 'is not', null)
      .execute();
    const services = await json('/open311/v2/services.json', 'services.json');
    expect(services.map((s: { service_code: string }) => s.service_code).sort()).toEqual(
      leaves.map((l) => l.code).sort(),
    );
    const manhole = services.find((s: { service_code: string }) => s.service_code === 'CG06-01');
    const row = await t.db
      .selectFrom('case_categories as c')
      .innerJoin('case_categories as m', 'm.code', 'c.parent_code')
      .select(['c.name_zh', 'c.name_en', 'c.filing_standard', 'm.name_zh as group'])
      .where('c.code', '=', 'CG06-01')
      .executeTakeFirstOrThrow();
    expect(manhole).toEqual({
      service_code: 'CG06-01',
      service_name: row.name_zh,
      description: row.filing_standard,
      metadata: false,
      type: 'realtime',
      keywords: row.name_en,
      group: row.group,
    });
    expect(await json('/open311/v2/services', 'services.json')).toEqual(services);

    const { doc } = await xmlDoc('/open311/v2/services.xml', 'services');
    expect(doc.service).toHaveLength(services.length);
    expect(doc.service.find((s: { service_code: string }) => s.service_code === 'CG06-01')).toEqual({
      ...manhole,
      metadata: 'false',
    });
  });

  it('gives the service definition of a leaf, and 404 for majors and unknown codes', async () => {
    expect(await json('/open311/v2/services/CG06-01.json', 'service-definition.json')).toEqual({
      service_code: 'CG06-01',
      attributes: [],
    });
    expect(await json('/open311/v2/services/CG06-01', 'service-definition.json')).toEqual({
      service_code: 'CG06-01',
      attributes: [],
    });
    const { doc } = await xmlDoc('/open311/v2/services/CG06-01.xml', 'service_definition');
    expect(doc).toEqual({ service_code: 'CG06-01', attributes: '' });
    await expectError('/open311/v2/services/XX99-99.json', 404, {}, /XX99-99/);
    await expectError('/open311/v2/services/CG06.json', 404);
  });
});

describe('an Open311 client files a request and follows it to closure', () => {
  it('discovery → services → definition → POST → poll (open) → staff handle it → poll (closed)', async () => {
    const discovery = await json('/open311/v2/discovery.json', 'discovery.local.json');
    const base = new URL(discovery.endpoints[0].url).pathname;
    const services = await json(`${base}/services.json`, 'services.json');
    const service = services.find((s: { service_code: string }) => s.service_code === 'CG06-01');
    const definition = await json(`${base}/services/${service.service_code}.json`, 'service-definition.json');
    expect(definition.attributes).toEqual([]);

    const at = await pointIn(t, GRID, 1);
    const posted = await json(`${base}/requests.json`, 'post-response.local.json', 201, {
      form: {
        api_key: apiKey,
        service_code: service.service_code,
        lat: String(at.lat),
        long: String(at.lon),
        address_string: '丽湖路与春华街交口',
        description: '路口井盖破损，存在安全隐患',
        first_name: '三',
        last_name: '张',
        phone: '13812345678',
        email: 'zhangsan@example.com',
        jurisdiction_id: 'tianjin.gov.cn',
      },
    });
    const id = posted[0].service_request_id;
    expect(id).toMatch(/^SJ\d{14}$/);
    expect(posted[0].account_id).toBeNull();
    expect(posted[0].service_notice).toMatch(/受理时限.*处置时限/);

    // The case behind it: an ordinary Wangge case from source open311, reporter kept for staff only.
    const kase = await t.db.selectFrom('cases').selectAll().where('code', '=', id).executeTakeFirstOrThrow();
    expect(kase).toMatchObject({
      source: 'open311',
      state: 'reported',
      category_code: 'CG06-01',
      reporter_name: '张三',
      reporter_phone: '13812345678',
      address: '丽湖路与春华街交口',
      description: '路口井盖破损，存在安全隐患',
    });
    const grid = await t.db
      .selectFrom('org_units')
      .select('code')
      .where('id', '=', kase.grid_id)
      .executeTakeFirstOrThrow();
    expect(grid.code).toBe(GRID);

    const open = await json(`${base}/requests/${id}.json`, 'requests.json');
    expect(open).toHaveLength(1);
    expect(Object.keys(open[0]).sort()).toEqual(SPEC_REQUEST_FIELDS);
    expect(open[0]).toMatchObject({
      service_request_id: id,
      status: 'open',
      status_notes: '已上报',
      service_code: 'CG06-01',
      service_name: service.service_name,
      description: '路口井盖破损，存在安全隐患',
      address: '丽湖路与春华街交口',
      lat: at.lat,
      long: at.lon,
      media_url: null,
      requested_datetime: new Date(kase.reported_at).toISOString(),
    });
    expect(open[0].agency_responsible).toBeTruthy();
    expect(open[0].expected_datetime).not.toBeNull();
    expect(JSON.stringify(open)).not.toMatch(/张三|13812345678|zhangsan/);

    // Staff work the case through the Wangge API.
    const caseId = await caseIdOf(id);
    await act(dispatcher, caseId, 'accept');
    await act(dispatcher, caseId, 'file');
    await act(dispatcher, caseId, 'dispatch', { target: { type: 'unit', id: await unitId(t, GRID) } });
    const dispatched = await json(`${base}/requests/${id}.json`, 'requests.json');
    const gridName = await t.db
      .selectFrom('org_units')
      .select('name')
      .where('code', '=', GRID)
      .executeTakeFirstOrThrow();
    expect(dispatched[0]).toMatchObject({
      status: 'open',
      status_notes: '已派遣',
      agency_responsible: gridName.name,
    });
    await act(worker, caseId, 'acceptTask');
    const after = await photo(worker);
    await act(worker, caseId, 'handle', { note: '已更换井盖', photoIds: [after] });
    await act(worker, caseId, 'verifyPass', { note: '现场复核，井盖已更换牢固' });
    // Only the note staff publish with an action reaches the public; the verifier's note is internal.
    await act(dispatcher, caseId, 'close', { note: '结案，归档', publicNote: '井盖已更换，感谢反映' });

    const closed = await json(`${base}/requests/${id}.json`, 'requests.json');
    expect(closed[0]).toMatchObject({
      status: 'closed',
      status_notes: '已结案：井盖已更换，感谢反映',
      expected_datetime: null,
      media_url: `http://localhost:80/api/attachments/${after}`,
    });
    const closedAt = await t.db
      .selectFrom('cases')
      .select('closed_at')
      .where('code', '=', id)
      .executeTakeFirstOrThrow();
    expect(closed[0].updated_datetime).toBe(closedAt.closed_at!.toISOString());
    expect(JSON.stringify(closed)).not.toMatch(/张三|13812345678|zhangsan|现场复核|结案，归档|已更换井盖/);

    // The same request in XML, and in the list of closed requests.
    const { doc } = await xmlDoc(`${base}/requests/${id}.xml`, 'service_requests');
    expect(doc.request).toHaveLength(1);
    expect(doc.request[0]).toMatchObject({
      service_request_id: id,
      status: 'closed',
      status_notes: '已结案：井盖已更换，感谢反映',
      lat: String(at.lat),
      long: String(at.lon),
      address_id: '',
      zipcode: '',
    });
    const closedList = await json(`${base}/requests.json?status=closed`, 'requests.json');
    expect(closedList.map((r: { service_request_id: string }) => r.service_request_id)).toContain(id);
    const openList = await json(`${base}/requests.json?status=open`, 'requests.json');
    expect(openList.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(id);
  });

  it('accepts JSON bodies too; a voided request reads as closed without the internal reasons', async () => {
    const at = await pointIn(t, GRID, 3);
    const posted = await json('/open311/v2/requests', 'post-response.local.json', 201, {
      json: { api_key: apiKey, service_code: 'CG06-01', lat: at.lat, long: at.lon, description: '同一井盖' },
    });
    const id = posted[0].service_request_id;
    const caseId = await caseIdOf(id);
    await act(dispatcher, caseId, 'accept');
    await act(dispatcher, caseId, 'requestVoid', { reason: '与已受理事件重复，报事人多次骚扰' });
    await act(street, caseId, 'approveVoid', { note: '同意作废，王科长批示' });
    const voided = await json(`/open311/v2/requests/${id}.json`, 'requests.json');
    expect(voided[0]).toMatchObject({ status: 'closed', status_notes: '已作废' });
    const { raw } = await xmlDoc(`/open311/v2/requests/${id}.xml`, 'service_requests');
    for (const leaked of [JSON.stringify(voided), raw])
      expect(leaked).not.toMatch(/重复|骚扰|同意作废|王科长/);
  });

  it('shows the latest public note of an open or voided request in status_notes', async () => {
    const at = await pointIn(t, GRID, 3);
    const posted = await json('/open311/v2/requests', 'post-response.local.json', 201, {
      json: { api_key: apiKey, service_code: 'CG06-01', lat: at.lat, long: at.lon, description: '井盖缺失' },
    });
    const id = posted[0].service_request_id;
    const caseId = await caseIdOf(id);
    await act(dispatcher, caseId, 'accept', { note: '内部：转城管', publicNote: '已受理，将尽快处置' });
    const accepted = await json(`/open311/v2/requests/${id}.json`, 'requests.json');
    expect(accepted[0].status).toBe('open');
    expect(accepted[0].status_notes).toMatch(/：已受理，将尽快处置$/);
    await act(dispatcher, caseId, 'requestVoid', { reason: '重复', publicNote: '与先前的诉求合并办理' });
    await act(street, caseId, 'approveVoid', { note: '同意' });
    const voided = await json(`/open311/v2/requests/${id}.json`, 'requests.json');
    expect(voided[0]).toMatchObject({ status: 'closed', status_notes: '已作废：与先前的诉求合并办理' });
    const detail = await dispatcher.get(`/api/cases/${caseId}`);
    const steps = detail.data.steps as { action: string; publicNote: string | null }[];
    expect(steps.find((s) => s.action === 'accept')?.publicNote).toBe('已受理，将尽快处置');
    expect(steps.find((s) => s.action === 'approveVoid')?.publicNote).toBeNull();
  });

  it('keeps a submitted media_url with the case and returns it in JSON, XML and the case detail', async () => {
    const at = await pointIn(t, GRID, 5);
    const mediaUrl = 'https://img.example.cn/reports/2026/manhole.jpg?size=large';
    const posted = await json('/open311/v2/requests.json', 'post-response.local.json', 201, {
      form: {
        api_key: apiKey,
        service_code: 'CG06-01',
        lat: String(at.lat),
        long: String(at.lon),
        description: '井盖下沉',
        media_url: mediaUrl,
      },
    });
    const id = posted[0].service_request_id;
    const kase = await t.db
      .selectFrom('cases')
      .select(['id', 'description', 'media_url'])
      .where('code', '=', id)
      .executeTakeFirstOrThrow();
    expect(kase).toMatchObject({ description: '井盖下沉', media_url: mediaUrl });
    const [request] = await json(`/open311/v2/requests/${id}.json`, 'requests.json');
    expect(request).toMatchObject({ description: '井盖下沉', media_url: mediaUrl });
    const { doc } = await xmlDoc(`/open311/v2/requests/${id}.xml`, 'service_requests');
    expect(doc.request[0].media_url).toBe(mediaUrl);
    expect((await dispatcher.get(`/api/cases/${kase.id}`)).data.mediaUrl).toBe(mediaUrl);
  });

  it('POST with a media_url that is not a plain http(s) URL, or too long → 400, and nothing is filed', async () => {
    const at = await pointIn(t, GRID, 5);
    const before = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const fields = { api_key: apiKey, service_code: 'CG06-01', lat: String(at.lat), long: String(at.lon) };
    for (const mediaUrl of [
      'javascript:alert(1)',
      'ftp://files.example.cn/a.jpg',
      'https://user:secret@img.example.cn/a.jpg',
      '/relative/a.jpg',
      'https://img.example.cn/a b.jpg',
    ]) {
      await expectError(
        '/open311/v2/requests.json',
        400,
        { form: { ...fields, media_url: mediaUrl } },
        /media_url/,
      );
    }
    const tooLong = `https://img.example.cn/${'a'.repeat(2000)}.jpg`;
    await expectError(
      '/open311/v2/requests.json',
      400,
      { form: { ...fields, media_url: tooLong } },
      /media_url/,
    );
    const after = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('answers the POST in XML, and escapes markup while keeping Chinese text intact', async () => {
    const at = await pointIn(t, GRID, 4);
    const tricky = `井盖<b>松动</b> & "响" 'A&B' 🚧`;
    const { doc } = await xmlDoc('/open311/v2/requests.xml', 'service_requests', 201, {
      form: {
        api_key: apiKey,
        service_code: 'CG06-01',
        lat: String(at.lat),
        long: String(at.lon),
        description: tricky,
      },
    });
    const id = doc.request[0].service_request_id;
    expect(id).toMatch(/^SJ\d{14}$/);
    expect(doc.request[0].account_id).toBe('');
    const { doc: read, raw } = await xmlDoc(`/open311/v2/requests/${id}.xml`, 'service_requests');
    expect(read.request[0].description).toBe(tricky);
    expect(raw).toContain('井盖&lt;b&gt;松动&lt;/b&gt; &amp; &quot;响&quot; &apos;A&amp;B&apos; 🚧');
  });

  it('tokens are never issued: GET tokens/{token} is 404', async () => {
    await expectError('/open311/v2/tokens/abc123.json', 404, {}, /never issued/);
  });

  it('is described in the platform OpenAPI document', async () => {
    const doc = await t.anon.get('/api/openapi.json');
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.data.paths)).toEqual(
      expect.arrayContaining(['/open311/v2/requests.json', '/open311/v2/requests/{service_request_id}']),
    );
  });
});

describe('reading requests', () => {
  let patrolCode: string;
  let ownCode: string;

  beforeAll(async () => {
    const at = await pointIn(t, GRID, 5);
    const patrol = await worker.post('/api/cases', {
      categoryCode: 'CG01-01',
      description: '巡查发现暴露垃圾',
      source: 'patrol',
      reporterName: '李四',
      reporterPhone: '13900001111',
      ...at,
    });
    expect(patrol.statusCode, patrol.body).toBe(201);
    patrolCode = patrol.data.code;
    ownCode = (
      await file({
        description: '人行道地砖松动',
        first_name: 'Wei',
        last_name: 'Wang',
        phone: '13700002222',
      })
    ).service_request_id;
  });

  it('without api_key: only requests filed through Open311, and no personal data', async () => {
    const all = await json('/open311/v2/requests.json', 'requests.json');
    const codes = all.map((r: { service_request_id: string }) => r.service_request_id);
    expect(codes).toContain(ownCode);
    expect(codes).not.toContain(patrolCode);
    const sources = await t.db
      .selectFrom('cases')
      .select('source')
      .where('code', 'in', codes)
      .distinct()
      .execute();
    expect(sources).toEqual([{ source: 'open311' }]);
    for (const r of all) expect(Object.keys(r).sort()).toEqual(SPEC_REQUEST_FIELDS);
    expect(JSON.stringify(all)).not.toMatch(/Wang|13700002222|李四|13900001111|张三|13812345678/);
    await expectError(`/open311/v2/requests/${patrolCode}.json`, 404);
  });

  it('with api_key: the cases that key’s user may see, still without personal data', async () => {
    const staff = await json(
      `/open311/v2/requests.json?api_key=${encodeURIComponent(dispatcherKey)}`,
      'requests.json',
    );
    const codes = staff.map((r: { service_request_id: string }) => r.service_request_id);
    expect(codes).toEqual(expect.arrayContaining([patrolCode, ownCode]));
    // The same key as a bearer token, for clients that keep keys out of URLs.
    const bearer = await json('/open311/v2/requests.json', 'requests.json', 200, {
      headers: { authorization: `Bearer ${dispatcherKey}` },
    });
    expect(bearer).toEqual(staff);
    expect(JSON.stringify(staff)).not.toMatch(/Wang|13700002222|李四|13900001111/);
    const one = await json(
      `/open311/v2/requests/${patrolCode}.json?api_key=${encodeURIComponent(dispatcherKey)}`,
      'requests.json',
    );
    expect(one[0]).toMatchObject({ service_request_id: patrolCode, service_code: 'CG01-01', status: 'open' });

    // The integration account has no area: it sees the requests it filed itself.
    const mine = await json(
      `/open311/v2/requests.json?api_key=${encodeURIComponent(apiKey)}`,
      'requests.json',
    );
    const mineCodes = mine.map((r: { service_request_id: string }) => r.service_request_id);
    expect(mineCodes).toContain(ownCode);
    expect(mineCodes).not.toContain(patrolCode);
  });

  it('filters by ids, service codes, status and a date window of 90 days by default', async () => {
    const both = await json(
      `/open311/v2/requests.json?service_request_id=${ownCode},SJ00000000000000`,
      'requests.json',
    );
    expect(both.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([ownCode]);
    const manholes = await json('/open311/v2/requests.json?service_code=CG06-01,CG01-01', 'requests.json');
    expect(manholes.length).toBeGreaterThan(0);
    for (const r of manholes) expect(r.service_code).toBe('CG06-01');
    expect(await json('/open311/v2/requests.json?service_code=XX01-01', 'requests.json')).toEqual([]);
    const { doc } = await xmlDoc('/open311/v2/requests.xml?service_code=XX01-01', 'service_requests');
    expect(doc).toBe('');

    // A request from 100 days ago lies outside the default window but inside an explicit one.
    const old = await file({ description: '旧的请求' });
    const longAgo = new Date(Date.now() - 100 * 86_400_000);
    await t.db
      .updateTable('cases')
      .set({ reported_at: longAgo })
      .where('code', '=', old.service_request_id)
      .execute();
    const recent = await json('/open311/v2/requests.json', 'requests.json');
    expect(recent.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(
      old.service_request_id,
    );
    const start = new Date(longAgo.getTime() - 86_400_000).toISOString();
    const end = new Date(longAgo.getTime() + 86_400_000).toISOString();
    const window = await json(
      `/open311/v2/requests.json?start_date=${start}&end_date=${end}`,
      'requests.json',
    );
    expect(window.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([
      old.service_request_id,
    ]);
    // An offset whose '+' arrived unencoded (as a space) is still understood.
    const plus = start.replace('Z', '+00:00');
    const spaced = await json(
      `/open311/v2/requests.json?start_date=${plus.replace('+', '%20')}`,
      'requests.json',
    );
    expect(spaced.map((r: { service_request_id: string }) => r.service_request_id)).toContain(
      old.service_request_id,
    );
    // service_request_id overrides the window.
    const byId = await json(
      `/open311/v2/requests.json?service_request_id=${old.service_request_id}&status=closed`,
      'requests.json',
    );
    expect(byId).toHaveLength(1);
  });
});

describe('errors in the Open311 format, JSON and XML', () => {
  it('POST without api_key or with an invalid one → 403', async () => {
    const at = await pointIn(t, GRID);
    const fields = {
      service_code: 'CG06-01',
      lat: String(at.lat),
      long: String(at.lon),
      description: '测试',
    };
    await expectError('/open311/v2/requests.json', 403, { form: fields }, /api_key was not provided/);
    await expectError(
      '/open311/v2/requests.json',
      403,
      { form: { ...fields, api_key: 'not-a-key' } },
      /invalid/,
    );
    await expectError('/open311/v2/requests.json', 403, { form: { ...fields, api_key: '' } }, /not provided/);
    // A key whose user may not report.
    const auditor = await admin.post('/api/users', {
      username: 'open311.reader',
      displayName: '只读接入',
      password: 'Open311pass2026',
      roles: ['grid_instructor'],
    });
    expect(auditor.statusCode, auditor.body).toBe(201);
    const key = (
      await (await t.login('open311.reader', 'Open311pass2026')).post('/api/auth/tokens', { name: 'r' })
    ).data.token;
    await expectError(
      '/open311/v2/requests.json',
      403,
      { form: { ...fields, api_key: key } },
      /may not submit/,
    );
    await expectError(`/open311/v2/requests.json?api_key=nope`, 403, {}, /invalid/);
    await expectError(
      '/open311/v2/requests.json',
      403,
      { headers: { authorization: 'Bearer nope' } },
      /invalid/,
    );
  });

  it('POST with a missing or unknown service_code → 400', async () => {
    const at = await pointIn(t, GRID);
    const fields = { api_key: apiKey, lat: String(at.lat), long: String(at.lon) };
    await expectError('/open311/v2/requests.json', 400, { form: fields }, /service_code was not provided/);
    await expectError(
      '/open311/v2/requests.json',
      400,
      { form: { ...fields, service_code: 'XX99-99' } },
      /not a valid service/,
    );
    await expectError(
      '/open311/v2/requests.json',
      400,
      { form: { ...fields, service_code: 'CG06' } },
      /not a valid service/,
    );
  });

  it('POST without coordinates, with bad ones, or outside every grid → 400, and nothing is filed', async () => {
    const before = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const fields = { api_key: apiKey, service_code: 'CG06-01', description: '测试' };
    await expectError(
      '/open311/v2/requests.json',
      400,
      { form: { ...fields, address_string: '丽湖路18号' } },
      /lat and long are required/,
    );
    await expectError(
      '/open311/v2/requests.json',
      400,
      { form: { ...fields, lat: '39.1', long: '' } },
      /lat and long are required/,
    );
    await expectError(
      '/open311/v2/requests.json',
      400,
      { form: { ...fields, lat: 'north', long: '117.2' } },
      /lat must be/,
    );
    await expectError(
      '/open311/v2/requests.json',
      400,
      { form: { ...fields, lat: '95', long: '117.2' } },
      /lat must be/,
    );
    await expectError(
      '/open311/v2/requests.json',
      400,
      { form: { ...fields, lat: '0', long: '0' } },
      /outside every grid/,
    );
    await expectError(
      '/open311/v2/requests.json',
      400,
      { json: { ...fields, lat: { deg: 39 }, long: 117 } },
      /lat/,
    );
    const after = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('bad dates, statuses and bodies → 400; unknown requests, resources and routes → 404', async () => {
    await expectError('/open311/v2/requests.json?start_date=yesterday', 400, {}, /start_date/);
    await expectError('/open311/v2/requests.json?end_date=2026-01-01', 400, {}, /end_date/);
    await expectError(
      '/open311/v2/requests.json?start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z',
      400,
      {},
      /start_date/,
    );
    await expectError('/open311/v2/requests.json?status=pending', 400, {}, /status/);
    await expectError('/open311/v2/requests/SJ20990101000001.json', 404, {}, /SJ20990101000001/);
    await expectError('/open311/v2/nothing.json', 404, {}, /no Open311 resource/);
    await expectError('/open311/v2/requests.json', 404, { method: 'DELETE' });
    await expectError('/open311/v2/requests.json', 400, {
      raw: { body: '{"api_key": ', contentType: 'application/json' },
    });
    await expectError(
      '/open311/v2/requests.json',
      415,
      { raw: { body: 'hello', contentType: 'text/plain' } },
      /unsupported/,
    );
    await expectError(
      '/open311/v2/requests.json',
      415,
      { raw: { body: '--x\r\n\r\n--x--\r\n', contentType: 'multipart/form-data; boundary=x' } },
      /unsupported/,
    );
    await expectError(
      '/open311/v2/requests.json',
      400,
      { form: { api_key: apiKey, service_code: 'X'.repeat(51) } },
      /service_code/,
    );
    // Elsewhere the platform keeps its own error shape.
    const api = await t.anon.get('/api/nothing');
    expect(api.statusCode).toBe(404);
    expect(api.data.error.code).toBe('not_found');
  });
});
