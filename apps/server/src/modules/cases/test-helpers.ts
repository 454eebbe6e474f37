import sharp from 'sharp';
import type { Client, TestApp } from '../../../test/harness.ts';
import { multipart } from '../../../test/multipart.ts';

/** A point strictly inside a grid: one of its buildings. */
export async function pointIn(t: TestApp, gridCode: string, nth = 0): Promise<{ lon: number; lat: number }> {
  const rows = await t.db
    .selectFrom('buildings as b')
    .innerJoin('org_units as o', 'o.id', 'b.grid_id')
    .select(['b.lon', 'b.lat'])
    .where('o.code', '=', gridCode)
    .orderBy('b.code')
    .execute();
  return rows[nth % rows.length]!;
}

export async function departmentId(t: TestApp, kind: string, unitCode = '120110000000'): Promise<string> {
  const row = await t.db
    .selectFrom('departments')
    .select('id')
    .where('code', '=', `${unitCode}-${kind}`)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function unitId(t: TestApp, code: string): Promise<string> {
  return (await t.db.selectFrom('org_units').select('id').where('code', '=', code).executeTakeFirstOrThrow())
    .id;
}

/** A department staff account, created through the API by the administrator. */
export async function departmentUser(
  t: TestApp,
  admin: Client,
  username: string,
  kind: string,
  unitCode = '120110000000',
): Promise<Client> {
  const res = await admin.post('/api/users', {
    username,
    displayName: username,
    password: 'Dept2026pass',
    roles: ['department_staff'],
    departmentIds: [await departmentId(t, kind, unitCode)],
  });
  if (res.statusCode !== 201) throw new Error(`create ${username}: ${res.body}`);
  return t.login(username, 'Dept2026pass');
}

/** Performs an action with the case's current version; fails the test with the body when refused. */
export async function act(
  client: Client,
  caseId: string,
  action: string,
  body: Record<string, unknown> = {},
) {
  const current = await client.get(`/api/cases/${caseId}`);
  const res = await client.post(`/api/cases/${caseId}/actions/${action}`, {
    version: current.data.version,
    ...body,
  });
  if (res.statusCode !== 200) throw new Error(`${action} → ${res.statusCode} ${res.body}`);
  return res.data;
}

/** Uploads a small JPEG as the client and returns its attachment id. */
export async function uploadPhoto(
  client: Client,
  colour: { r: number; g: number; b: number } = { r: 200, g: 80, b: 40 },
) {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
  const { body, contentType } = multipart([
    { name: 'file', data: jpeg, filename: 'photo.jpg', contentType: 'image/jpeg' },
  ]);
  const res = await client.request('POST', '/api/attachments', body, { 'content-type': contentType });
  if (res.statusCode !== 201) throw new Error(`upload → ${res.statusCode} ${res.body}`);
  return res.data.id as string;
}
