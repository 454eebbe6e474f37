import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HOTLINE_CALLBACK_MAX_ATTEMPTS } from '@wangge/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { deliverHotlineCallbacks } from './callbacks.ts';
import {
  NONCE_HEADER,
  SIGNATURE_HEADER,
  signatureMatches,
  signHotline,
  TIMESTAMP_HEADER,
} from './signature.ts';

const SECRET = 'hotline-test-secret-0123456789';

// The hotline's side of the call-backs: a local receiver that fails while `failing` is set and
// checks every signature.
const received: { body: Record<string, unknown>; signed: boolean }[] = [];
let failing = true;
let receiver: Server;
let t: TestApp;
let admin: Client;
let address: string;

function signed(body: unknown, overrides: { timestamp?: string; nonce?: string; secret?: string } = {}) {
  const text = JSON.stringify(body);
  const timestamp = overrides.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = overrides.nonce ?? randomUUID();
  return {
    text,
    headers: {
      'content-type': 'application/json',
      [TIMESTAMP_HEADER]: timestamp,
      [NONCE_HEADER]: nonce,
      [SIGNATURE_HEADER]: signHotline(overrides.secret ?? SECRET, timestamp, nonce, text),
    },
  };
}

const push = (request: { text: string; headers: Record<string, string> }) =>
  t.anon.request('POST', '/api/intake/hotline', request.text, request.headers);

const order = (orderNo: string, extra: Record<string, unknown> = {}) => ({
  orderNo,
  caller: { name: '李先生', phone: '13800138000' },
  content: '楼道内堆放杂物，堵塞消防通道',
  address,
  deadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
  ...extra,
});

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const h = (name: string) => String(req.headers[name] ?? '');
      received.push({
        body: JSON.parse(body),
        signed: signatureMatches(SECRET, h(TIMESTAMP_HEADER), h(NONCE_HEADER), body, h(SIGNATURE_HEADER)),
      });
      res.statusCode = failing ? 503 : 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as AddressInfo;
  t = await startTestApp({
    config: {
      hotline: { secret: SECRET, callbackUrl: `http://127.0.0.1:${port}/callback`, windowSeconds: 300 },
    },
  });
  admin = await t.login('admin');
  const row = await t.db
    .selectFrom('addresses')
    .select('full_name')
    .where('level', '=', 'room')
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  address = row.full_name;
});

afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('12345 hotline transfer', () => {
  it('makes one hotline case of a signed order at its standard address, once per order number', async () => {
    const first = await push(signed(order('GD-001')));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.data).toMatchObject({ orderNo: 'GD-001', created: true, state: 'reported' });
    const kase = await t.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', first.data.caseId)
      .executeTakeFirstOrThrow();
    expect(kase).toMatchObject({
      source: 'hotline',
      address,
      reporter_name: '李先生',
      reporter_phone: '13800138000',
    });
    // The same order pushed again (a new, genuine request): the same case.
    const again = await push(signed(order('GD-001', { content: '再次来电催办' })));
    expect(again.statusCode).toBe(200);
    expect(again.data).toMatchObject({ caseId: first.data.caseId, created: false });
    const count = await t.db
      .selectFrom('hotline_orders')
      .select('order_no')
      .where('order_no', '=', 'GD-001')
      .execute();
    expect(count).toHaveLength(1);
  });

  it('refuses bad signatures, stale timestamps and replayed requests, creating nothing', async () => {
    const before = await t.db
      .selectFrom('cases')
      .select(t.db.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const forged = await push(signed(order('GD-002'), { secret: 'guess' }));
    expect(forged.statusCode).toBe(401);
    expect(forged.data.error).toMatchObject({ code: 'bad_signature', details: { field: SIGNATURE_HEADER } });
    const tampered = signed(order('GD-002'));
    expect((await push({ ...tampered, text: tampered.text.replace('李先生', '王先生') })).statusCode).toBe(
      401,
    );
    const stale = await push(
      signed(order('GD-002'), { timestamp: String(Math.floor(Date.now() / 1000) - 3600) }),
    );
    expect(stale.statusCode).toBe(401);
    expect(stale.data.error.code).toBe('replay_refused');
    const genuine = signed(order('GD-002'));
    expect((await push(genuine)).statusCode).toBe(201);
    const replayed = await push(genuine);
    expect(replayed.statusCode).toBe(409);
    expect(replayed.data.error).toMatchObject({ code: 'replay_refused', details: { field: NONCE_HEADER } });
    const unsigned = await t.anon.request('POST', '/api/intake/hotline', order('GD-003'));
    expect(unsigned.statusCode).toBe(401);
    const after = await t.db
      .selectFrom('cases')
      .select(t.db.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
  });

  it('answers an unknown address with 422 naming the field and makes nothing', async () => {
    const res = await push(signed(order('GD-404', { address: '不存在路 999 号' })));
    expect(res.statusCode).toBe(422);
    expect(res.data.error).toMatchObject({ code: 'unknown_address', details: { field: 'address' } });
    expect(
      await t.db.selectFrom('hotline_orders').select('order_no').where('order_no', '=', 'GD-404').execute(),
    ).toEqual([]);
    const bad = await push(signed(order('GD-405', { content: '' })));
    expect(bad.statusCode).toBe(400);
  });

  it('calls the hotline back on each status change, retrying a failing receiver with back-off', async () => {
    const res = await push(signed(order('GD-CB')));
    const caseId = res.data.caseId as string;
    const kase = await t.db
      .selectFrom('cases')
      .select('version')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    const accepted = await admin.post(`/api/cases/${caseId}/actions/accept`, { version: kase.version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const log = { warn: () => {} };
    const config = t.context.config;
    const rows = () =>
      t.db
        .selectFrom('hotline_callbacks')
        .selectAll()
        .where('order_no', '=', 'GD-CB')
        .orderBy('id')
        .execute();
    const mine = () => received.filter((r) => r.body.orderNo === 'GD-CB');
    const first = await deliverHotlineCallbacks({ db: t.db, config, log });
    expect(first.retried).toBeGreaterThanOrEqual(2);
    const waiting = await rows();
    expect(waiting.map((r) => [r.state, r.action])).toEqual([
      ['reported', 'report'],
      ['accepted', 'accept'],
    ]);
    for (const row of waiting) {
      expect(row).toMatchObject({ status: 'pending', attempts: 1, last_status_code: 503 });
      expect(row.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 20_000);
    }
    expect(mine()).toHaveLength(2);
    // Not yet due: nothing is sent.
    await deliverHotlineCallbacks({ db: t.db, config, log });
    expect(mine()).toHaveLength(2);
    // Due again, and the receiver is back.
    failing = false;
    await t.db
      .updateTable('hotline_callbacks')
      .set({ next_attempt_at: new Date() })
      .where('order_no', '=', 'GD-CB')
      .execute();
    await deliverHotlineCallbacks({ db: t.db, config, log });
    for (const row of await rows()) {
      expect(row).toMatchObject({ status: 'delivered', attempts: 2, last_status_code: 204 });
    }
    expect(mine()).toHaveLength(4);
    expect(mine().every((r) => r.signed)).toBe(true);
    expect(mine().at(-1)!.body).toMatchObject({ state: 'accepted', stateName: '已受理', action: 'accept' });
    const page = await admin.get(`/api/intake/hotline/callbacks?caseId=${caseId}`);
    expect(page.statusCode).toBe(200);
    expect(page.data.total).toBe(2);
    expect(page.data.items[0]).toMatchObject({
      orderNo: 'GD-CB',
      status: 'delivered',
      attempts: 2,
      state: 'accepted',
    });
  });

  it('gives a call-back up after the last attempt', async () => {
    failing = true;
    const res = await push(signed(order('GD-FAIL')));
    const kase = await t.db
      .selectFrom('cases')
      .select('version')
      .where('id', '=', res.data.caseId)
      .executeTakeFirstOrThrow();
    await admin.post(`/api/cases/${res.data.caseId}/actions/accept`, { version: kase.version });
    for (let i = 0; i < HOTLINE_CALLBACK_MAX_ATTEMPTS; i++) {
      await t.db
        .updateTable('hotline_callbacks')
        .set({ next_attempt_at: new Date() })
        .where('order_no', '=', 'GD-FAIL')
        .execute();
      await deliverHotlineCallbacks({ db: t.db, config: t.context.config, log: { warn: () => {} } });
    }
    const rows = await t.db
      .selectFrom('hotline_callbacks')
      .selectAll()
      .where('order_no', '=', 'GD-FAIL')
      .execute();
    expect(rows).toHaveLength(2);
    for (const row of rows)
      expect(row).toMatchObject({ status: 'failed', attempts: HOTLINE_CALLBACK_MAX_ATTEMPTS });
  });
});
