import { expect } from 'vitest';
import { type Client, makeClient, type TestApp } from '../../../test/harness.ts';
import { clearThrottle } from '../access/throttle.ts';
import { act, pointIn, uploadPhoto } from '../cases/test-helpers.ts';
import type { DevSmsSink } from './sms.ts';

/** A resident signed in with the code the development SMS sink received (the address limit cleared first). */
export async function signInResident(t: TestApp, phone: string): Promise<Client> {
  await clearThrottle(t.db, { prefix: 'resident-code|addr|' });
  expect((await t.anon.post('/api/residents/code', { phone })).statusCode).toBe(200);
  const code = (t.app.sms as DevSmsSink).lastTo(phone)?.match(/\d{6}/)?.[0];
  const res = await t.anon.post('/api/residents/sign-in', { phone, code });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'wangge_session')!;
  return makeClient(t.app, { cookie: `wangge_session=${cookie.value}`, 'x-csrf-token': res.data.csrfToken });
}

/** A resident's report with a photo at the grid's nth point, as the resident app sends it. */
export async function reportAsResident(
  t: TestApp,
  client: Client,
  gridCode: string,
  nth: number,
  categoryCode = 'SG02-01',
) {
  const at = await pointIn(t, gridCode, nth);
  const res = await client.post('/api/cases', {
    categoryCode,
    description: '楼道堆放纸箱',
    source: 'resident_app',
    photoIds: [await uploadPhoto(client)],
    ...at,
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.data.id as string, ...at };
}

/** The case loop to its end: filed, dispatched to the grid, handled, verified and closed. */
export async function closeCase(
  t: TestApp,
  staff: { dispatcher: Client; worker: Client },
  id: string,
  gridCode: string,
) {
  const { dispatcher, worker } = staff;
  const grid = await t.db
    .selectFrom('org_units')
    .select('id')
    .where('code', '=', gridCode)
    .executeTakeFirstOrThrow();
  await act(dispatcher, id, 'accept');
  await act(dispatcher, id, 'file');
  await act(dispatcher, id, 'dispatch', { target: { type: 'unit', id: grid.id } });
  await act(worker, id, 'acceptTask');
  await act(worker, id, 'handle', { note: '已清理', photoIds: [await uploadPhoto(worker)] });
  await act(worker, id, 'verifyPass', { note: '已核查' });
  await act(dispatcher, id, 'close');
}
