import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';

// street1 operates street 120110001000; everything under street 120110002000 must not exist for them.
const STREET_B = '120110002000';

let t: TestApp;
let a: Client;
let b: {
  street: { id: string; code: string; name: string };
  community: { id: string; code: string; name: string };
  grid: { id: string; code: string; name: string };
  point: [number, number];
  userId: string;
  departmentCode: string | null;
};

beforeAll(async () => {
  t = await startTestApp();
  a = await t.login('street1');
  const unit = (code: string) =>
    t.db
      .selectFrom('org_units')
      .select(['id', 'code', 'name'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
  const street = await unit(STREET_B);
  const community = await unit(`${STREET_B.slice(0, 9)}001`);
  const grid = await unit(`${STREET_B.slice(0, 9)}001001`);
  const building = await t.db
    .selectFrom('buildings')
    .select(['lon', 'lat'])
    .where('grid_id', '=', grid.id)
    .executeTakeFirstOrThrow();
  const user = await t.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', `w${grid.code}`)
    .executeTakeFirstOrThrow();
  b = { street, community, grid, point: [building.lon, building.lat], userId: user.id, departmentCode: null };
});
afterAll(() => t?.close());

function expectNoLeak(res: { statusCode: number; body: string }, ...secrets: string[]) {
  for (const s of secrets) expect(res.body).not.toContain(s);
}

describe('a street operator sees nothing of another street', () => {
  const direct: [string, () => string][] = [
    ['org unit', () => `/api/org/units/${b.street.id}`],
    ['org children', () => `/api/org/units?parentId=${b.community.id}`],
    ['grid children (buildings)', () => `/api/org/units?parentId=${b.grid.id}`],
    ['grid detail', () => `/api/grids/${b.grid.id}`],
    ['grid boundaries', () => `/api/grids/${b.grid.id}/boundaries`],
    ['grid list within', () => `/api/grids?within=${b.street.id}`],
    ['geojson within', () => `/api/grids/geojson?within=${b.community.id}`],
    ['export within', () => `/api/grids/export?within=${b.street.id}`],
    ['locate', () => `/api/locate?lon=${b.point[0]}&lat=${b.point[1]}`],
    ['user detail', () => `/api/users/${b.userId}`],
    ['users by unit', () => `/api/users?orgUnitId=${b.community.id}`],
    ['ogc feature', () => `/ogc/collections/grids/items/${b.grid.code}`],
  ];
  for (const [name, url] of direct) {
    it(`${name}: 404, no data`, async () => {
      const res = await a.get(url());
      expect(res.statusCode).toBe(404);
      expectNoLeak(res, b.grid.name, b.community.name, b.street.name);
    });
  }

  const lists: [string, () => string][] = [
    ['grid list', () => '/api/grids?pageSize=500'],
    ['grid search by code', () => `/api/grids?q=${b.grid.code}`],
    ['geojson', () => '/api/grids/geojson'],
    ['export', () => '/api/grids/export'],
    ['org roots', () => '/api/org/units'],
    ['users', () => '/api/users?pageSize=500'],
    ['users search', () => `/api/users?q=w${b.grid.code}`],
    ['departments', () => '/api/departments'],
    ['ogc items', () => '/ogc/collections/grids/items?limit=10000'],
  ];
  for (const [name, url] of lists) {
    it(`${name}: nothing of street B`, async () => {
      const res = await a.get(url());
      expect(res.statusCode).toBe(200);
      expectNoLeak(res, b.grid.code, b.community.code, `${STREET_B.slice(0, 9)}001`);
    });
  }

  it('writes under street B are refused without touching data', async () => {
    expect((await a.patch(`/api/grids/${b.grid.id}`, { households: 1 })).statusCode).toBe(404);
    expect(
      (await a.put(`/api/grids/${b.grid.id}/boundary`, { geometry: { type: 'Polygon', coordinates: [] } }))
        .statusCode,
    ).toBe(422);
    expect((await a.patch(`/api/users/${b.userId}`, { displayName: 'x' })).statusCode).toBe(404);
    expect((await a.post(`/api/users/${b.userId}/password`, { password: 'Abcdefg123' })).statusCode).toBe(
      404,
    );
    const created = await a.post('/api/users', {
      username: 'sneaky',
      displayName: '越权',
      password: 'Abcdefg123',
      roles: ['handler'],
      orgUnitIds: [b.grid.id],
    });
    expect(created.statusCode).toBe(400);
    expect(created.data.error.details.field).toBe('orgUnitIds');
    const grid = await t.db
      .selectFrom('grids')
      .select('households')
      .where('org_unit_id', '=', b.grid.id)
      .executeTakeFirstOrThrow();
    expect(grid.households).not.toBe(1);
  });

  it('the same reads work for the district operator above both streets', async () => {
    const d = await t.login('district');
    expect((await d.get(`/api/grids/${b.grid.id}`)).statusCode).toBe(200);
    expect((await d.get(`/api/locate?lon=${b.point[0]}&lat=${b.point[1]}`)).data.grid.code).toBe(b.grid.code);
    expect((await d.get(`/api/users/${b.userId}`)).statusCode).toBe(200);
  });

  it('a grid worker sees only their own grid; a resident sees no grid at all', async () => {
    const w = await t.login(`w${b.grid.code}`);
    const grids = await w.get('/api/grids');
    expect(grids.data.items.map((g: { code: string }) => g.code)).toEqual([b.grid.code]);
    const r = await t.login('resident');
    expect((await r.get('/api/grids')).statusCode).toBe(403);
    expect((await r.get(`/api/locate?lon=${b.point[0]}&lat=${b.point[1]}`)).statusCode).toBe(404);
  });

  it('anonymous callers get 401 everywhere', async () => {
    for (const [, url] of [...direct, ...lists]) {
      const res = await t.anon.get(url());
      expect(res.statusCode, url()).toBe(401);
    }
  });
});
