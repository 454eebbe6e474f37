import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
});
afterAll(() => t?.close());

describe('level tree', () => {
  it('walks city → district → street → community → grid → building with national codes', async () => {
    const roots = (await admin.get('/api/org/units')).data.items;
    expect(roots).toEqual([expect.objectContaining({ level: 'city', code: '120100000000', name: '天津市' })]);
    const levels = ['district', 'street', 'community', 'grid', 'building'];
    let parent = roots[0];
    for (const level of levels) {
      expect(parent.childCount).toBeGreaterThan(0);
      const children = (await admin.get(`/api/org/units?parentId=${parent.id}`)).data.items;
      expect(children.length).toBeGreaterThan(0);
      for (const c of children) {
        expect(c.level).toBe(level);
        expect(
          c.code.startsWith(parent.code.replace(/0+$/, '').slice(0, level === 'building' ? 15 : undefined)),
        ).toBe(true);
      }
      parent = children[0];
    }
    expect(parent.code).toMatch(/^\d{18}$/);
  });

  it('shows a unit with its chain and the actions the caller may take', async () => {
    const grid = await t.db
      .selectFrom('org_units')
      .select('id')
      .where('code', '=', '120110001001001')
      .executeTakeFirstOrThrow();
    const res = await admin.get(`/api/org/units/${grid.id}`);
    expect(res.data.chain.map((c: { level: string }) => c.level)).toEqual([
      'city',
      'district',
      'street',
      'community',
      'grid',
    ]);
    expect(res.data.actions).toContain('org.rename');
    const s = await t.login('street1');
    const scoped = await s.get(`/api/org/units/${grid.id}`);
    expect(scoped.data.chain.map((c: { level: string }) => c.level)).toEqual(['street', 'community', 'grid']);
    expect(scoped.data.actions).toEqual([]);
  });

  it('creates a community under a street only with a matching 12-digit code', async () => {
    const street = await t.db
      .selectFrom('org_units')
      .select('id')
      .where('code', '=', '120110003000')
      .executeTakeFirstOrThrow();
    const ok = await admin.post('/api/org/units', {
      parentId: street.id,
      code: '120110003099',
      name: '新建社区',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.data).toMatchObject({ level: 'community', code: '120110003099' });
    const dup = await admin.post('/api/org/units', {
      parentId: street.id,
      code: '120110003099',
      name: '重复',
    });
    expect(dup.statusCode).toBe(409);
    const foreign = await admin.post('/api/org/units', {
      parentId: street.id,
      code: '120110002098',
      name: '别的街道',
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.data.error.details.field).toBe('code');
    const malformed = await admin.post('/api/org/units', {
      parentId: street.id,
      code: '12011000309',
      name: 'x',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.data.error.details.field).toBe('code');
    const unknownParent = await admin.post('/api/org/units', {
      parentId: '999999',
      code: '120110003098',
      name: 'x',
    });
    expect(unknownParent.statusCode).toBe(404);
    const renamed = await admin.patch(`/api/org/units/${ok.data.id}`, { name: '幸福里社区' });
    expect(renamed.data.name).toBe('幸福里社区');
    const empty = await admin.patch(`/api/org/units/${ok.data.id}`, { name: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.data.error.details.field).toBe('name');
  });

  it('refuses writes to roles without org.write', async () => {
    const s = await t.login('street1');
    const street = await t.db
      .selectFrom('org_units')
      .select('id')
      .where('code', '=', '120110001000')
      .executeTakeFirstOrThrow();
    const res = await s.post('/api/org/units', { parentId: street.id, code: '120110001098', name: 'x' });
    expect(res.statusCode).toBe(403);
    expect(res.data.error.code).toBe('forbidden');
  });

  it('answers unknown ids and malformed ids clearly', async () => {
    expect((await admin.get('/api/org/units/123456789')).statusCode).toBe(404);
    const bad = await admin.get('/api/org/units/abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.data.error.details.field).toBe('id');
  });
});

describe('system endpoints', () => {
  it('health checks the database', async () => {
    const res = await t.anon.get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({ status: 'ok' });
  });

  it('publishes the OpenAPI document and the docs page', async () => {
    const doc = await t.anon.get('/api/openapi.json');
    expect(doc.statusCode).toBe(200);
    expect(doc.data.openapi).toMatch(/^3\./);
    for (const path of ['/api/grids', '/api/locate', '/api/grids/import', '/api/users', '/api/auth/login']) {
      expect(doc.data.paths).toHaveProperty([path]);
    }
    expect(doc.data.paths['/api/locate'].get.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      'lat',
      'lon',
    ]);
    const docs = await t.anon.get('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/html/);
  });

  it('answers unknown API routes with the error shape', async () => {
    const res = await t.anon.get('/api/nope');
    expect(res.statusCode).toBe(404);
    expect(res.data.error.code).toBe('not_found');
  });

  it('refuses oversized bodies with 413', async () => {
    const res = await t.anon.post('/api/auth/login', {
      username: 'a',
      password: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(res.statusCode).toBe(413);
    expect(res.data.error.code).toBe('payload_too_large');
  });
});
