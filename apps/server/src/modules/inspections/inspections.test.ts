import { addIsoDays, chinaDayOf } from '@wangge/rules';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { uploadPhoto } from '../cases/test-helpers.ts';

// Venue inspections (DOMAIN.md §6): a grid worker checks the three-small venues and shops of the
// grid; failed items become one case of the closed loop.
let t: TestApp;
let worker: Client;
let street: Client;
let grid: { id: string; code: string; path: string };
let otherGridUnitId: string;
let fireUnits: string[];
let shopUnit: string;
let keyCounter = 0;

const FIRE_KEYS = [
  'extinguishers',
  'evacuation_routes',
  'exits_lighting',
  'wiring',
  'no_sleeping_in',
  'gas_use',
  'flammables',
  'fire_lane',
];
const today = () => chinaDayOf(new Date());
const newKey = () => `inspect-test-${++keyCounter}-${Date.now()}`;

function allPass(extra: Record<string, 'pass' | 'fail' | 'na'> = {}) {
  return FIRE_KEYS.map((key) => ({ key, result: extra[key] ?? ('pass' as const) }));
}

function inspect(client: Client, body: Record<string, unknown>, key: string | null = newKey()) {
  return client.request('POST', '/api/inspections', body, key ? { 'idempotency-key': key } : {});
}

async function dueItems(client: Client, query = '') {
  const res = await client.get(`/api/inspections/due?pageSize=500${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.data;
}

async function countCasesBy(username: string) {
  const row = await t.db
    .selectFrom('cases as c')
    .innerJoin('users as u', 'u.id', 'c.created_by')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
  return row.n;
}

beforeAll(async () => {
  t = await startTestApp();
  // A grid of street 1 with several three-small venues and at least one shop.
  const row = await t.db
    .selectFrom('units as u')
    .innerJoin('org_units as g', 'g.id', 'u.grid_id')
    .select(['g.id', 'g.code', 'g.path'])
    .where('g.code', 'like', '120110001%')
    .where('u.retired_at', 'is', null)
    .groupBy(['g.id', 'g.code', 'g.path'])
    .having(sql<boolean>`count(*) FILTER (WHERE u.kind = 'three_small') >= 3`)
    .having(sql<boolean>`count(*) FILTER (WHERE u.kind = 'shop') >= 1`)
    .orderBy('g.code')
    .executeTakeFirstOrThrow();
  grid = row;
  const units = await t.db
    .selectFrom('units')
    .select(['id', 'kind'])
    .where('grid_id', '=', grid.id)
    .orderBy('id')
    .execute();
  fireUnits = units.filter((u) => u.kind === 'three_small').map((u) => u.id);
  shopUnit = units.find((u) => u.kind === 'shop')!.id;
  otherGridUnitId = (
    await t.db
      .selectFrom('units')
      .select('id')
      .where('grid_id', '<>', grid.id)
      .where('kind', '=', 'three_small')
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).id;
  worker = await t.login(`w${grid.code}`);
  street = await t.login('street1');
});
afterAll(() => t?.close());

describe('checklists', () => {
  it('lists the fire check of three-small venues and the street-shop check, items with leaf categories', async () => {
    const res = await worker.get('/api/inspections/checklists');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data.items.map((c: { code: string }) => c.code)).toEqual(['fire_three_small', 'shop_safety']);
    const [fire, shop] = res.data.items;
    expect(fire).toMatchObject({ nameZh: '三小场所消防安全检查', unitKinds: ['three_small'], cycleDays: 30 });
    expect(fire.items.map((i: { key: string }) => i.key)).toEqual(FIRE_KEYS);
    expect(fire.items[0]).toEqual({
      key: 'extinguishers',
      labelZh: '灭火器配置有效',
      labelEn: 'Fire extinguishers present and in date',
      hazardCategoryCode: 'SG02-01',
    });
    expect(shop).toMatchObject({ nameZh: '沿街商铺安全检查', unitKinds: ['shop'], cycleDays: 90 });
    const shopLabels = shop.items.map((i: { labelZh: string }) => i.labelZh).join(' ');
    for (const label of ['门前三包', '店外经营', '招牌牢固']) expect(shopLabels).toContain(label);
    const codes = [...fire.items, ...shop.items]
      .map((i: { hazardCategoryCode: string | null }) => i.hazardCategoryCode)
      .filter((c: string | null) => c !== null);
    const leaves = await t.db
      .selectFrom('case_categories')
      .select('code')
      .where('code', 'in', codes)
      .where('parent_code', 'is not', null)
      .where('is_police', '=', false)
      .execute();
    expect(new Set(leaves.map((l) => l.code))).toEqual(new Set(codes));
  });

  it('a resident may neither read checklists nor inspect', async () => {
    const resident = await t.login('resident');
    expect((await resident.get('/api/inspections/checklists')).statusCode).toBe(403);
    expect((await resident.get('/api/inspections/due')).statusCode).toBe(403);
    const res = await inspect(resident, {
      unitId: fireUnits[0],
      checklistCode: 'fire_three_small',
      results: allPass(),
    });
    expect(res.statusCode).toBe(403);
    expect(res.data.error.details.permission).toBe('inspections.perform');
  });
});

describe('the due list', () => {
  it("shows a grid worker their own grid's three-small venues and shops, once per checklist, overdue first", async () => {
    const data = await dueItems(worker);
    const expected = await t.db
      .selectFrom('units')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('grid_id', '=', grid.id)
      .where('kind', 'in', ['three_small', 'shop'])
      .where('retired_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(data.total).toBe(expected.n);
    expect(data.items).toHaveLength(expected.n);
    for (const item of data.items) {
      expect(item.unit.gridId).toBe(grid.id);
      expect(item.checklistCode).toBe(item.unit.kind === 'shop' ? 'shop_safety' : 'fire_three_small');
      expect(item.unit.lon).toEqual(expect.any(Number));
      expect(item.unit.address).toEqual(expect.any(String));
      expect(item.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const statuses = data.items.map((i: { status: string }) => i.status);
    const firstNotOverdue = statuses.findIndex((s: string) => s !== 'overdue');
    if (firstNotOverdue >= 0) expect(statuses.slice(firstNotOverdue)).not.toContain('overdue');
    const rest = data.items.slice(Math.max(firstNotOverdue, 0));
    expect(rest.map((i: { dueOn: string }) => i.dueOn)).toEqual(
      [...rest.map((i: { dueOn: string }) => i.dueOn)].sort(),
    );
    const units = new Set(data.items.map((i: { unit: { id: string } }) => i.unit.id));
    expect(units.size).toBe(data.items.length);
  });

  it('opens on a mix of done, due and overdue venues in the demo, filtered by status', async () => {
    const all = await dueItems(street);
    expect(all.counts.done).toBeGreaterThan(0);
    expect(all.counts.due).toBeGreaterThan(0);
    expect(all.counts.overdue).toBeGreaterThan(0);
    expect(all.counts.done + all.counts.due + all.counts.overdue).toBe(all.total);
    const overdue = await dueItems(street, '&status=overdue');
    expect(overdue.total).toBe(all.counts.overdue);
    expect(new Set(overdue.items.map((i: { status: string }) => i.status))).toEqual(new Set(['overdue']));
    const page2 = await street.get('/api/inspections/due?status=all&page=2&pageSize=5');
    expect(page2.data.items).toEqual(all.items.slice(5, 10));
  });

  it('narrows to a grid in scope and hides grids outside it', async () => {
    const mine = await dueItems(street, `&gridId=${grid.id}`);
    expect(mine.total).toBe((await dueItems(worker)).total);
    const otherGrid = await t.db
      .selectFrom('units')
      .select('grid_id')
      .where('id', '=', otherGridUnitId)
      .executeTakeFirstOrThrow();
    expect((await worker.get(`/api/inspections/due?gridId=${otherGrid.grid_id}`)).statusCode).toBe(404);
  });
});

describe('inspecting', () => {
  it('a passing inspection reports no case and makes the venue done for a cycle', async () => {
    const before = await dueItems(worker);
    const target = before.items.find(
      (i: { status: string; unit: { kind: string } }) => i.status !== 'done' && i.unit.kind === 'three_small',
    );
    expect(target).toBeDefined();
    const cases = await countCasesBy(`w${grid.code}`);
    const res = await inspect(worker, {
      unitId: target.unit.id,
      checklistCode: 'fire_three_small',
      results: allPass({ gas_use: 'na' }),
      note: '整改到位',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.data).toMatchObject({ caseId: null, caseCode: null });
    expect(res.data.inspection).toMatchObject({
      unit: { id: target.unit.id, kind: 'three_small' },
      checklistCode: 'fire_three_small',
      checklistName: '三小场所消防安全检查',
      outcome: 'pass',
      failedCount: 0,
      note: '整改到位',
      caseId: null,
      gridId: grid.id,
    });
    expect(res.data.inspection.results).toHaveLength(8);
    expect(res.data.inspection.results[5]).toEqual({
      key: 'gas_use',
      labelZh: '燃气使用规范',
      labelEn: 'Gas used safely',
      result: 'na',
      note: null,
      photoIds: [],
    });
    expect(await countCasesBy(`w${grid.code}`)).toBe(cases);

    const after = await dueItems(worker);
    const row = after.items.find((i: { unit: { id: string } }) => i.unit.id === target.unit.id);
    expect(row).toMatchObject({ status: 'done', lastOutcome: 'pass', dueOn: addIsoDays(today(), 30) });
    expect(row.lastInspectedAt).toBe(res.data.inspection.observedAt);
    expect(after.counts.done).toBe(before.counts.done + 1);
  });

  it('a failing inspection reports exactly one case: first failed category, failed photos, observed time', async () => {
    const unitId = fireUnits[1]!;
    const [gasPhoto, lanePhoto, passPhoto] = [
      await uploadPhoto(worker, { r: 250, g: 10, b: 10 }),
      await uploadPhoto(worker, { r: 10, g: 250, b: 10 }),
      await uploadPhoto(worker, { r: 10, g: 10, b: 250 }),
    ];
    const observedAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const cases = await countCasesBy(`w${grid.code}`);
    // Answers in another order than the checklist: the category follows the checklist's order.
    const results = [
      { key: 'fire_lane', result: 'fail', note: '门口堆放货物', photoIds: [lanePhoto] },
      ...allPass()
        .filter((r) => !['fire_lane', 'gas_use', 'extinguishers'].includes(r.key))
        .reverse(),
      { key: 'extinguishers', result: 'pass', photoIds: [passPhoto] },
      { key: 'gas_use', result: 'fail', note: '液化气罐放在灶台旁', photoIds: [gasPhoto] },
    ];
    const res = await inspect(worker, { unitId, checklistCode: 'fire_three_small', observedAt, results });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.data.caseId).toEqual(expect.any(String));
    expect(res.data.caseCode).toMatch(/^SJ\d{14}$/);
    expect(res.data.inspection).toMatchObject({ outcome: 'fail', failedCount: 2, caseId: res.data.caseId });
    expect(Date.parse(res.data.inspection.observedAt)).toBe(Date.parse(observedAt));
    expect(await countCasesBy(`w${grid.code}`)).toBe(cases + 1);

    const kase = await worker.get(`/api/cases/${res.data.caseId}`);
    expect(kase.statusCode, kase.body).toBe(200);
    const unit = await t.db
      .selectFrom('units')
      .select('name')
      .where('id', '=', unitId)
      .executeTakeFirstOrThrow();
    expect(kase.data).toMatchObject({ code: res.data.caseCode, categoryCode: 'SG02-04', source: 'patrol' });
    expect(kase.data.description).toContain(unit.name);
    expect(kase.data.description).toContain('燃气使用规范：液化气罐放在灶台旁');
    expect(kase.data.description).toContain('消防通道无占用：门口堆放货物');
    expect(kase.data.description).not.toContain('灭火器');
    expect(kase.data.photos.map((p: { id: string }) => p.id).sort()).toEqual([gasPhoto, lanePhoto].sort());
    expect(kase.data.steps[0].details).toMatchObject({ observedAt });
    expect(Date.parse(kase.data.steps[0].at)).toBe(Date.parse(observedAt));

    // The passed item's photo stays with the inspection, readable by those who read it.
    const photo = await street.get(
      `/api/inspections/${res.data.inspection.id}/photos/${passPhoto}/thumbnail`,
    );
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    const notOurs = await street.get(`/api/inspections/${res.data.inspection.id}/photos/999999999`);
    expect(notOurs.statusCode).toBe(404);

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('target_type', '=', 'inspection')
      .where('target_id', '=', res.data.inspection.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'inspections.perform', details: { caseId: res.data.caseId } });
  });

  it('with reportCase false a failed inspection is recorded without a case', async () => {
    const cases = await countCasesBy(`w${grid.code}`);
    const res = await inspect(worker, {
      unitId: fireUnits[2],
      checklistCode: 'fire_three_small',
      results: allPass({ wiring: 'fail' }),
      reportCase: false,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.data).toMatchObject({ caseId: null, inspection: { outcome: 'fail', failedCount: 1 } });
    expect(await countCasesBy(`w${grid.code}`)).toBe(cases);
  });

  it('a failed item without a case category reports no case', async () => {
    const res = await inspect(worker, {
      unitId: shopUnit,
      checklistCode: 'shop_safety',
      results: [
        { key: 'frontage_duties', result: 'pass' },
        { key: 'no_outside_trading', result: 'pass' },
        { key: 'signboard_secure', result: 'pass' },
        { key: 'power_and_fire', result: 'pass' },
        { key: 'licence_displayed', result: 'fail' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.data).toMatchObject({ caseId: null, inspection: { outcome: 'fail' } });
  });

  it('a high-risk venue is due again after half the cycle', async () => {
    await t.db
      .updateTable('units')
      .set({ fire_safety_level: 'high_risk' })
      .where('id', '=', fireUnits[2]!)
      .execute();
    const row = (await dueItems(worker)).items.find(
      (i: { unit: { id: string } }) => i.unit.id === fireUnits[2],
    );
    expect(row).toMatchObject({
      unit: { fireSafetyLevel: 'high_risk' },
      cycleDays: 15,
      dueOn: addIsoDays(today(), 15),
      status: 'done',
    });
  });

  it('a venue without a location needs the point of the inspection to report its case', async () => {
    const bare = await t.db
      .insertInto('units')
      .values({ kind: 'three_small', name: '无地址小作坊', grid_id: grid.id, grid_path: grid.path })
      .returning('id')
      .executeTakeFirstOrThrow();
    const body = {
      unitId: bare.id,
      checklistCode: 'fire_three_small',
      results: allPass({ flammables: 'fail' }),
    };
    const missing = await inspect(worker, body);
    expect(missing.statusCode).toBe(422);
    expect(missing.data.error).toMatchObject({ code: 'location_unknown', details: { field: 'lon' } });
    const point = await t.db
      .selectFrom('buildings')
      .select(['lon', 'lat'])
      .where('grid_id', '=', grid.id)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const res = await inspect(worker, { ...body, ...point });
    expect(res.statusCode, res.body).toBe(201);
    const kase = await worker.get(`/api/cases/${res.data.caseId}`);
    expect(kase.data).toMatchObject({ lon: point.lon, lat: point.lat, grid: { id: grid.id } });
    expect(res.data.inspection).toMatchObject({ lon: point.lon, lat: point.lat });
  });
});

describe('retries', () => {
  it('the same key again returns the same inspection and case, with 200', async () => {
    const key = newKey();
    const body = {
      unitId: fireUnits[0],
      checklistCode: 'fire_three_small',
      results: allPass({ wiring: 'fail' }),
    };
    const first = await inspect(worker, body, key);
    expect(first.statusCode, first.body).toBe(201);
    const cases = await countCasesBy(`w${grid.code}`);
    const again = await inspect(worker, body, key);
    expect(again.statusCode).toBe(200);
    expect(again.data).toEqual(first.data);
    expect(await countCasesBy(`w${grid.code}`)).toBe(cases);
  });

  it('two concurrent requests with one key record one inspection and one case', async () => {
    const key = newKey();
    const body = {
      unitId: fireUnits[0],
      checklistCode: 'fire_three_small',
      results: allPass({ gas_use: 'fail' }),
    };
    const cases = await countCasesBy(`w${grid.code}`);
    const [a, b] = await Promise.all([inspect(worker, body, key), inspect(worker, body, key)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.data.inspection.id).toBe(b.data.inspection.id);
    expect(a.data.caseId).toBe(b.data.caseId);
    expect(await countCasesBy(`w${grid.code}`)).toBe(cases + 1);
    const rows = await t.db
      .selectFrom('inspections')
      .select('id')
      .where('idempotency_key', '=', key)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('a refused request leaves its key free for the corrected retry', async () => {
    const key = newKey();
    const bad = await inspect(
      worker,
      { unitId: fireUnits[0], checklistCode: 'fire_three_small', results: [] },
      key,
    );
    expect(bad.statusCode).toBe(400);
    const good = await inspect(
      worker,
      { unitId: fireUnits[0], checklistCode: 'fire_three_small', results: allPass() },
      key,
    );
    expect(good.statusCode, good.body).toBe(201);
  });
});

describe('validation', () => {
  const fire = () => ({ unitId: fireUnits[0], checklistCode: 'fire_three_small' });

  async function expectError(
    body: Record<string, unknown>,
    status: number,
    field: string | undefined,
    key: string | null = newKey(),
  ) {
    const res = await inspect(worker, body, key);
    expect(res.statusCode, res.body).toBe(status);
    if (field !== undefined) expect(res.data.error.details.field).toBe(field);
    return res.data.error;
  }

  it('requires the Idempotency-Key header', async () => {
    await expectError({ ...fire(), results: allPass() }, 400, 'Idempotency-Key', null);
  });

  it('names an unknown or repeated item by position, and lists unanswered items', async () => {
    await expectError(
      { ...fire(), results: [...allPass(), { key: 'sprinklers', result: 'pass' }] },
      400,
      'results[8].key',
    );
    await expectError(
      { ...fire(), results: [...allPass(), { key: 'wiring', result: 'fail' }] },
      400,
      'results[8].key',
    );
    const error = await expectError({ ...fire(), results: allPass().slice(2) }, 400, 'results');
    expect(error.details.missing).toEqual(['extinguishers', 'evacuation_routes']);
    await expectError({ ...fire(), results: [{ key: 'wiring', result: 'maybe' }] }, 400, 'results.0.result');
  });

  it('refuses unknown and inapplicable checklists', async () => {
    await expectError(
      { unitId: fireUnits[0], checklistCode: 'boiler_check', results: allPass() },
      400,
      'checklistCode',
    );
    const error = await expectError(
      { unitId: fireUnits[0], checklistCode: 'shop_safety', results: [] },
      422,
      'checklistCode',
    );
    expect(error.code).toBe('checklist_not_applicable');
  });

  it('hides units outside the scope or unknown (404) and refuses retired ones (409)', async () => {
    await expectError({ ...fire(), unitId: otherGridUnitId, results: allPass() }, 404, undefined);
    await expectError({ ...fire(), unitId: '999999999', results: allPass() }, 404, undefined);
    const retire = await worker.post(`/api/units/${fireUnits.at(-1)}/retire`, {});
    expect(retire.statusCode, retire.body).toBe(200);
    await expectError({ ...fire(), unitId: fireUnits.at(-1), results: allPass() }, 409, 'unitId');
    const due = await dueItems(worker);
    expect(due.items.map((i: { unit: { id: string } }) => i.unit.id)).not.toContain(fireUnits.at(-1));
  });

  it('bounds observedAt like a case report', async () => {
    for (const observedAt of [
      new Date(Date.now() - 8 * 86_400_000).toISOString(),
      new Date(Date.now() + 3_600_000).toISOString(),
    ]) {
      await expectError({ ...fire(), observedAt, results: allPass() }, 400, 'observedAt');
    }
  });

  it("takes only the caller's own photos, each once and not used elsewhere", async () => {
    const leader = await t.login(`wz${grid.code}`);
    const theirs = await uploadPhoto(leader);
    const withPhoto = (photoIds: string[]) =>
      allPass().map((r) => (r.key === 'wiring' ? { ...r, result: 'fail', photoIds } : r));
    await expectError({ ...fire(), results: withPhoto([theirs]) }, 400, 'results[3].photoIds');
    const mine = await uploadPhoto(worker);
    const twice = allPass().map((r) =>
      r.key === 'wiring' || r.key === 'gas_use' ? { ...r, result: 'fail', photoIds: [mine] } : r,
    );
    await expectError({ ...fire(), results: twice }, 400, 'results[5].photoIds');
    const used = await inspect(worker, { ...fire(), results: withPhoto([mine]) });
    expect(used.statusCode, used.body).toBe(201);
    await expectError({ ...fire(), results: withPhoto([mine]) }, 400, 'results[3].photoIds');
  });
});

describe('reading', () => {
  it('lists a unit’s inspections newest first, in scope; details for those who may see them', async () => {
    const list = await worker.get(`/api/inspections?unitId=${fireUnits[1]}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.data.total).toBeGreaterThanOrEqual(1);
    const observed = list.data.items.map((i: { observedAt: string }) => i.observedAt);
    expect(observed).toEqual([...observed].sort().reverse());
    const first = list.data.items[0];
    expect(first).toMatchObject({ unit: { id: fireUnits[1] }, inspector: { name: expect.any(String) } });

    const byGrid = await street.get(`/api/inspections?gridId=${grid.id}&pageSize=500`);
    expect(byGrid.data.total).toBeGreaterThanOrEqual(list.data.total);
    expect(byGrid.data.items.every((i: { gridId: string }) => i.gridId === grid.id)).toBe(true);
    const future = await street.get(
      `/api/inspections?gridId=${grid.id}&from=${new Date(Date.now() + 86_400_000).toISOString()}`,
    );
    expect(future.data.total).toBe(0);

    expect((await street.get(`/api/inspections/${first.id}`)).data).toEqual(first);
    const otherStreet = await t.login('street2');
    expect((await otherStreet.get(`/api/inspections/${first.id}`)).statusCode).toBe(404);
    expect((await otherStreet.get(`/api/inspections?unitId=${fireUnits[1]}`)).data.total).toBe(0);
  });
});
