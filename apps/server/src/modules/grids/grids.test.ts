import type { Polygon } from '@wangge/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let street1: Client;
beforeAll(async () => {
  t = await startTestApp();
  street1 = await t.login('street1');
});
afterAll(() => t?.close());

async function gridByCode(client: Client, code: string) {
  const list = await client.get(`/api/grids?q=${code}`);
  return client.get(`/api/grids/${list.data.items[0].id}`);
}

/** A point well inside a polygon: the mean of its ring's vertices is good enough for the demo's convex-ish cells. */
function inner(geometry: Polygon): [number, number] {
  const ring = geometry.coordinates[0]!.slice(0, -1);
  const lon = ring.reduce((s, p) => s + p[0]!, 0) / ring.length;
  const lat = ring.reduce((s, p) => s + p[1]!, 0) / ring.length;
  return [lon, lat];
}

describe('grid reads', () => {
  it('lists grids in scope with the 300–500 household status and filters', async () => {
    const all = await street1.get('/api/grids?pageSize=500');
    expect(all.statusCode).toBe(200);
    expect(all.data.total).toBeGreaterThan(10);
    for (const g of all.data.items) {
      expect(g.code).toMatch(/^120110001\d{6}$/);
      const expected = g.households < 300 ? 'under' : g.households > 500 ? 'over' : 'ok';
      expect(g.householdStatus).toBe(expected);
    }
    const special = await street1.get('/api/grids?kind=special&pageSize=500');
    expect(special.data.items.every((g: { kind: string }) => g.kind === 'special')).toBe(true);
    const under = await street1.get('/api/grids?householdStatus=under&pageSize=500');
    expect(under.data.items.every((g: { households: number }) => g.households < 300)).toBe(true);
    const paged = await street1.get('/api/grids?pageSize=2&page=2');
    expect(paged.data.items).toHaveLength(2);
    expect(paged.data.items[0].code).toBe(all.data.items[2].code);
  });

  it('shows a grid with code, chain, boundary, buildings and its team of 1+1+1+N', async () => {
    const res = await gridByCode(street1, '120110001001001');
    expect(res.statusCode).toBe(200);
    const g = res.data;
    expect(g.code).toBe('120110001001001');
    expect(g.community.code).toBe('120110001001');
    expect(g.street.code).toBe('120110001000');
    expect(g.district.code).toBe('120110000000');
    expect(g.boundary.type).toMatch(/Polygon/);
    expect(g.bbox).toHaveLength(4);
    expect(g.buildings.length).toBeGreaterThan(0);
    expect(g.buildings[0].code).toMatch(/^120110001001001\d{3}$/);
    const roles = g.team.map((m: { teamRole: string }) => m.teamRole);
    expect(roles.filter((r: string) => r === 'leader')).toHaveLength(1);
    expect(roles.filter((r: string) => r === 'instructor')).toHaveLength(1);
    expect(roles.filter((r: string) => r === 'full_time')).toHaveLength(1);
    expect(roles.filter((r: string) => r === 'part_time').length).toBeGreaterThanOrEqual(1);
    expect(g.team[0].phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(g.actions).toEqual(['grid.edit', 'grid.editBoundary', 'grid.editTeam']);
    const worker = await t.login('w120110001001001');
    expect((await gridByCode(worker, '120110001001001')).data.actions).toEqual([]);
  });

  it('serves the map layer as GeoJSON limited to a unit', async () => {
    const community = (
      await street1.get(
        `/api/org/units?parentId=${(await street1.get('/api/auth/me')).data.user.scope[0].id}`,
      )
    ).data.items[0];
    const res = await street1.get(`/api/grids/geojson?within=${community.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.data.type).toBe('FeatureCollection');
    expect(res.data.features.length).toBeGreaterThan(0);
    for (const f of res.data.features) {
      expect(f.properties.code.startsWith(community.code)).toBe(true);
      expect(['under', 'ok', 'over']).toContain(f.properties.householdStatus);
    }
  });
});

describe('locate', () => {
  it('resolves a point to its grid and chain', async () => {
    const grid = (await gridByCode(street1, '120110001002003')).data;
    const [lon, lat] = inner(grid.boundary);
    const res = await street1.get(`/api/locate?lat=${lat}&lon=${lon}`);
    expect(res.statusCode).toBe(200);
    expect(res.data.grid.code).toBe('120110001002003');
    expect(res.data.community.code).toBe('120110001002');
    expect(res.data.street.code).toBe('120110001000');
    expect(res.data.district.code).toBe('120110000000');
    expect(res.data.city.code).toBe('120100000000');
  });

  it('answers 404 outside every grid and 400 for bad coordinates', async () => {
    const outside = await street1.get('/api/locate?lat=10&lon=10');
    expect(outside.statusCode).toBe(404);
    expect(outside.data.error.code).toBe('outside_all_grids');
    const bad = await street1.get('/api/locate?lat=91&lon=117');
    expect(bad.statusCode).toBe(400);
    expect(bad.data.error.details.field).toBe('lat');
    const text = await street1.get('/api/locate?lat=abc&lon=117');
    expect(text.statusCode).toBe(400);
    expect(text.data.error.details.field).toBe('lat');
  });
});

describe('boundary edits keep history', () => {
  it('shrinks a grid: accepted with a gap warning, history grows, locate follows', async () => {
    const a = (await gridByCode(street1, '120110001001001')).data;
    const history0 = (await street1.get(`/api/grids/${a.id}/boundaries`)).data.items;
    expect(history0).toHaveLength(1);
    // Buildings lie strictly inside their grid: a 2 m square around one stays inside, overlaps nobody.
    const [kept, dropped] = a.buildings as { lon: number; lat: number }[];
    const d = 0.00001;
    const tiny = [
      [kept!.lon - d, kept!.lat - d],
      [kept!.lon + d, kept!.lat - d],
      [kept!.lon + d, kept!.lat + d],
      [kept!.lon - d, kept!.lat + d],
      [kept!.lon - d, kept!.lat - d],
    ];
    expect((await street1.get(`/api/locate?lat=${dropped!.lat}&lon=${dropped!.lon}`)).data.grid.code).toBe(
      a.code,
    );
    const res = await street1.put(`/api/grids/${a.id}/boundary`, {
      geometry: { type: 'Polygon', coordinates: [tiny] },
      note: '街巷调整',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data.warnings.map((w: { rule: string }) => w.rule)).toContain('coverage_gap');
    const history = (await street1.get(`/api/grids/${a.id}/boundaries`)).data.items;
    expect(history).toHaveLength(2);
    expect(history[0].validTo).toBeNull();
    expect(history[0].note).toBe('街巷调整');
    expect(history[1].validTo).not.toBeNull();
    expect((await street1.get(`/api/locate?lat=${kept!.lat}&lon=${kept!.lon}`)).data.grid.code).toBe(a.code);
    expect((await street1.get(`/api/locate?lat=${dropped!.lat}&lon=${dropped!.lon}`)).statusCode).toBe(404);
  });

  it('refuses a boundary that overlaps a neighbour or leaves the community, with 422 and the rule', async () => {
    const a = (await gridByCode(street1, '120110001001002')).data;
    const ring = a.boundary.coordinates[0] as [number, number][];
    const [cx, cy] = inner(a.boundary);
    const grown = ring.map(([x, y]) => [cx + (x - cx) * 1.3, cy + (y - cy) * 1.3]);
    const res = await street1.put(`/api/grids/${a.id}/boundary`, {
      geometry: { type: 'Polygon', coordinates: [grown] },
    });
    expect(res.statusCode).toBe(422);
    const rules = res.data.error.details.issues.map((i: { rule: string }) => i.rule);
    expect(rules.some((r: string) => r === 'overlap' || r === 'outside_community')).toBe(true);
    expect((await street1.get(`/api/grids/${a.id}/boundaries`)).data.items).toHaveLength(1);
  });

  it('refuses malformed and self-intersecting geometry with the problem named', async () => {
    const a = (await gridByCode(street1, '120110001001003')).data;
    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [117.3, 39.08],
          [117.31, 39.09],
          [117.31, 39.08],
          [117.3, 39.09],
          [117.3, 39.08],
        ],
      ],
    };
    const res = await street1.put(`/api/grids/${a.id}/boundary`, { geometry: bowtie });
    expect(res.statusCode).toBe(422);
    expect(res.data.error.details.issues[0].rule).toBe('self_intersection');
    const open = await street1.put(`/api/grids/${a.id}/boundary`, {
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [117.3, 39.08],
            [117.31, 39.09],
            [117.31, 39.08],
          ],
        ],
      },
    });
    expect(open.statusCode).toBe(422);
    expect(open.data.error.code).toBe('invalid_geometry');
    const wrongType = await street1.put(`/api/grids/${a.id}/boundary`, {
      geometry: { type: 'Point', coordinates: [117.3, 39.08] },
    });
    expect(wrongType.statusCode).toBe(422);
  });

  it('edits attributes with validation and audit', async () => {
    const a = (await gridByCode(street1, '120110001001004')).data;
    const res = await street1.patch(`/api/grids/${a.id}`, { households: 420, name: '测试网格' });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({ households: 420, name: '测试网格', householdStatus: 'ok' });
    const bad = await street1.patch(`/api/grids/${a.id}`, { households: -1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.data.error.details.field).toBe('households');
    const special = await street1.patch(`/api/grids/${a.id}`, { kind: 'special' });
    expect(special.statusCode).toBe(400);
    expect(special.data.error.details.field).toBe('specialType');
    const worker = await t.login('w120110001001004');
    expect((await worker.patch(`/api/grids/${a.id}`, { households: 1 })).statusCode).toBe(403);
  });
});

describe('grid team', () => {
  it('replaces the team, keeps one leader / instructor / full-time worker, and places members on the grid', async () => {
    const g = (await gridByCode(street1, '120110001003001')).data;
    // Worker roles carry field permissions a street operator lacks, so the administrator grants
    // them (users/grants.test.ts); the street operator then forms the team.
    const admin = await t.login('admin');
    const created = await admin.post('/api/users', {
      username: 'helper.one',
      displayName: '李志愿',
      password: 'Helper2026a',
      roles: ['grid_worker_part'],
      orgUnitIds: [g.community.id],
    });
    const members = [
      ...g.team.map((m: { userId: string; teamRole: string }) => ({
        userId: m.userId,
        teamRole: m.teamRole,
      })),
      { userId: created.data.id, teamRole: 'part_time' },
    ];
    expect(created.statusCode, created.body).toBe(201);
    const res = await street1.put(`/api/grids/${g.id}/team`, { members });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data.team.map((m: { displayName: string }) => m.displayName)).toContain('李志愿');
    const helper = await t.login('helper.one', 'Helper2026a');
    expect((await helper.get('/api/auth/me')).data.user.scope.map((s: { code: string }) => s.code)).toContain(
      g.code,
    );

    const twoLeaders = members.map((m: { teamRole: string }) => ({ ...m, teamRole: 'leader' }));
    const bad = await street1.put(`/api/grids/${g.id}/team`, { members: twoLeaders });
    expect(bad.statusCode).toBe(400);
    expect(bad.data.error.details.field).toBe('members');
    const wrongRole = await street1.put(`/api/grids/${g.id}/team`, {
      members: [{ userId: created.data.id, teamRole: 'boss' }],
    });
    expect(wrongRole.statusCode).toBe(400);
    expect((await gridByCode(street1, g.code)).data.team).toHaveLength(members.length);
  });
});
