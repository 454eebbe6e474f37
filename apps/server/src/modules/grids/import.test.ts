import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChain, createUser, square } from '../../../test/factories.ts';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';

// A 2 km community at (116.0, 40.0) split into a 2×2 block of grids.
const S = 0.02;
const H = S / 2;
const community = square(116, 40, S);
const cell = (i: number, j: number) => square(116 + i * H, 40 + j * H, H);
const feature = (code: string, geometry: object, extra: Record<string, unknown> = {}) => ({
  type: 'Feature',
  properties: { code, name: `网格${code.slice(-3)}`, households: 350, ...extra },
  geometry,
});
const tiling = () => ({
  type: 'FeatureCollection',
  features: [
    feature('130102001001001', cell(0, 1)),
    feature('130102001001002', cell(1, 1)),
    feature('130102001001003', cell(0, 0)),
    feature('130102001001004', cell(1, 0), { kind: 'special', specialType: 'school' }),
  ],
});

let t: TestApp;
let op: Client;
beforeAll(async () => {
  t = await startTestApp({ seed: 'none', config: { importBodyLimitBytes: 200_000 } });
  const chain = await createChain(t.db, { boundary: community });
  await createUser(t.db, { username: 'operator', roles: ['street_operator'], orgUnitIds: [chain.street.id] });
  await createUser(t.db, { username: 'viewer', roles: ['leader'], orgUnitIds: [chain.street.id] });
  op = await t.login('operator');
});
afterAll(() => t?.close());

async function gridCount() {
  return (await op.get('/api/grids')).data.total as number;
}

describe('GeoJSON import', () => {
  it('previews by default: a clean tiling reports no issues and writes nothing', async () => {
    const res = await op.post('/api/grids/import', tiling());
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({
      applied: false,
      dryRun: true,
      summary: { features: 4, created: 4, errors: 0, warnings: 0 },
    });
    expect(await gridCount()).toBe(0);
  });

  it('reports every problem feature by feature and writes nothing', async () => {
    const bad = tiling();
    bad.features.push(feature('130102001001002', cell(1, 1))); // duplicate code
    bad.features.push(feature('1301020010010', cell(0, 0))); // malformed code
    bad.features.push(feature('130102001009001', cell(0, 0))); // unknown community
    bad.features.push(feature('130102001001005', square(116.5, 40.5, H))); // outside the community
    bad.features.push(
      feature('130102001001006', {
        type: 'Polygon',
        coordinates: [
          [
            [116, 40],
            [116.01, 40.01],
            [116.01, 40],
            [116, 40.01],
            [116, 40],
          ],
        ],
      }),
    ); // bow-tie
    bad.features.push(
      feature('130102001001007', {
        type: 'Polygon',
        coordinates: [
          [
            [116, 40],
            [116.01, 40],
          ],
        ],
      }),
    ); // too few points
    bad.features.push({ type: 'Nope' } as never);
    const res = await op.post('/api/grids/import?dryRun=false', bad);
    expect(res.statusCode).toBe(422);
    expect(res.data.applied).toBe(false);
    const byIndex = (i: number) =>
      res.data.issues
        .filter((x: { featureIndex: number }) => x.featureIndex === i)
        .map((x: { rule: string }) => x.rule);
    expect(byIndex(4)).toContain('duplicate_code');
    expect(byIndex(5)).toContain('invalid_code');
    expect(byIndex(6)).toContain('unknown_community');
    expect(byIndex(7)).toContain('outside_community');
    expect(byIndex(8)).toContain('self_intersection');
    expect(byIndex(9)).toContain('invalid_geometry');
    expect(byIndex(10)).toContain('invalid_feature');
    expect(await gridCount()).toBe(0);
  });

  it('finds overlaps and gaps', async () => {
    const overlapping = tiling();
    overlapping.features[1]!.geometry = square(116 + H * 0.5, 40 + H, H * 0.5); // inside cell(0,1)'s right half
    const res = await op.post('/api/grids/import', overlapping);
    const rules = res.data.issues.map((i: { rule: string }) => i.rule);
    expect(rules).toContain('overlap');
    expect(rules).toContain('coverage_gap');
    const gap = tiling();
    gap.features.pop();
    const gapRes = await op.post('/api/grids/import?dryRun=false', gap);
    expect(gapRes.statusCode).toBe(422);
    expect(gapRes.data.issues).toEqual([
      expect.objectContaining({ rule: 'coverage_gap', severity: 'error' }),
    ]);
    const allowed = await op.post('/api/grids/import?allowGaps=true', gap);
    expect(allowed.data.issues).toEqual([
      expect.objectContaining({ rule: 'coverage_gap', severity: 'warning' }),
    ]);
    expect(await gridCount()).toBe(0);
  });

  it('applies a clean import all at once; locate and export see it; a re-import changes nothing', async () => {
    const res = await op.post('/api/grids/import?dryRun=false', tiling());
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({ applied: true, summary: { created: 4 } });
    expect(await gridCount()).toBe(4);
    const located = await op.get(`/api/locate?lon=${116 + H * 1.5}&lat=${40 + H * 0.5}`);
    expect(located.data.grid.code).toBe('130102001001004');
    expect(located.data.grid.kind).toBe('special');
    // A point on the border shared by all four goes to the smallest code, every time.
    const corner = await op.get(`/api/locate?lon=${116 + H}&lat=${40 + H}`);
    expect(corner.data.grid.code).toBe('130102001001001');

    const exported = await op.get('/api/grids/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(/attachment/);
    const collection = JSON.parse(exported.body);
    expect(collection.features).toHaveLength(4);
    const again = await op.post('/api/grids/import?dryRun=false', collection);
    expect(again.data).toMatchObject({ applied: true, summary: { created: 0, updated: 0, unchanged: 4 } });
  });

  it('re-drawing two neighbours together is one change: history grows for both', async () => {
    const moved = tiling();
    // Move the vertical border between the two top cells to the right by a quarter.
    const q = H * 0.5;
    const polygon = (ring: number[][]) => ({ type: 'Polygon', coordinates: [ring] });
    moved.features[0]!.geometry = polygon([
      [116, 40 + H],
      [116 + H + q, 40 + H],
      [116 + H + q, 40 + S],
      [116, 40 + S],
      [116, 40 + H],
    ]);
    moved.features[1]!.geometry = polygon([
      [116 + H + q, 40 + H],
      [116 + S, 40 + H],
      [116 + S, 40 + S],
      [116 + H + q, 40 + S],
      [116 + H + q, 40 + H],
    ]);
    const res = await op.post('/api/grids/import?dryRun=false', moved);
    expect(res.data.issues).toEqual([]);
    expect(res.data).toMatchObject({ applied: true, summary: { updated: 2, unchanged: 2 } });
    const list = (await op.get('/api/grids')).data.items;
    const first = list.find((g: { code: string }) => g.code === '130102001001001');
    expect((await op.get(`/api/grids/${first.id}/boundaries`)).data.items).toHaveLength(2);
    const located = await op.get(`/api/locate?lon=${116 + H * 1.2}&lat=${40 + H * 1.5}`);
    expect(located.data.grid.code).toBe('130102001001001');
  });

  it('600 stacked squares: a report listing the first 200 issues and counting all, not a crash', async () => {
    // Every pair overlaps: 600 × 599 / 2 = 179,700 overlaps. Spreading them into one push(...)
    // overflowed the call stack (a 500).
    const stacked = {
      type: 'FeatureCollection',
      features: Array.from({ length: 600 }, (_, i) =>
        feature(`130102001001${String(i + 1).padStart(3, '0')}`, square(116 + i * 1e-6, 40 + i * 1e-6, H)),
      ),
    };
    const res = await op.post('/api/grids/import', stacked);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(res.data.issues).toHaveLength(200);
    expect(res.data.truncated).toBe(true);
    expect(res.data.total).toBe(res.data.summary.errors + res.data.summary.warnings);
    expect(res.data.summary.errors).toBeGreaterThanOrEqual(179_700);
    expect(res.data.issues[0]).toMatchObject({ rule: 'overlap', featureIndex: 0 });
    const clean = await op.post('/api/grids/import', tiling());
    expect(clean.data).toMatchObject({ issues: [], total: 0, truncated: false });
  }, 120_000);

  it('rejects bodies that are not a FeatureCollection, too large, or from a read-only role', async () => {
    const notFc = await op.post('/api/grids/import', { type: 'Feature', features: [] });
    expect(notFc.statusCode).toBe(400);
    expect(notFc.data.error.details.field).toBe('type');
    const empty = await op.post('/api/grids/import', { type: 'FeatureCollection', features: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.data.error.details.field).toBe('features');
    const huge = tiling();
    huge.features[0]!.properties.name = 'x'.repeat(300_000);
    const tooLarge = await op.post('/api/grids/import', huge);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.data.error.code).toBe('payload_too_large');
    const viewer = await t.login('viewer');
    expect((await viewer.post('/api/grids/import', tiling())).statusCode).toBe(403);
  });
});
