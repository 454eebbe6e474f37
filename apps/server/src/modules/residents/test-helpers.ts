import { expect } from 'vitest';
import { type Client, makeClient, type TestApp } from '../../../test/harness.ts';
import { clearThrottle } from '../access/throttle.ts';
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
