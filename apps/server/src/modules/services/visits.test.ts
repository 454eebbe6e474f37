import { chinaDayOf } from '@wangge/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';

// Door-to-door visits (DOMAIN.md §6): at least three hours a day in Dongli.
const GRID = '120110001001001';
const OTHER_STREET_GRID = '120110002001001';
let t: TestApp;
let worker: Client;
let leader: Client;
let houses: string[];
let people: string[];
let foreignHouse: string;
// Yesterday on China's calendar, so every visit lies safely in the past.
const DAY = chinaDayOf(new Date(Date.now() - 86_400_000));
const at = (hhmm: string) => `${DAY}T${hhmm}:00+08:00`;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.login(`w${GRID}`);
  leader = await t.login(`wz${GRID}`);
  // The demo's year of visits may include this day: the tests count from an empty day.
  await t.db
    .deleteFrom('visits')
    .where('idempotency_key', 'like', 'demo-visit-%')
    .where('started_at', '>=', new Date(`${DAY}T00:00:00+08:00`))
    .where('started_at', '<', new Date(new Date(`${DAY}T00:00:00+08:00`).getTime() + 86_400_000))
    .execute();
  const inGrid = (code: string) =>
    t.db
      .selectFrom('houses')
      .select('id')
      .where('grid_path', 'like', `%/${code}/`)
      .where('retired_at', 'is', null)
      .orderBy('id')
      .limit(3)
      .execute();
  houses = (await inGrid(GRID)).map((h) => h.id);
  foreignHouse = (await inGrid(OTHER_STREET_GRID))[0]!.id;
  people = (
    await t.db
      .selectFrom('people')
      .select('id')
      .where('grid_path', 'like', `%/${GRID}/`)
      // Living elsewhere than the three houses, so each visit's household is distinct.
      .where((eb) =>
        eb.or([
          eb('address_id', 'is', null),
          eb('address_id', 'not in', eb.selectFrom('houses').select('address_id').where('id', 'in', houses)),
        ]),
      )
      .orderBy('id')
      .limit(2)
      .execute()
  ).map((p) => p.id);
});
afterAll(() => t?.close());

let keyNo = 0;
async function visit(client: Client, body: Record<string, unknown>, status = 201) {
  const res = await client.post('/api/visits', {
    note: '入户走访',
    idempotencyKey: `visit-key-${++keyNo}`,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(status);
  return res.data;
}

async function summaryFor(client: Client, username: string, query = '') {
  const res = await client.get(`/api/visits/summary?date=${DAY}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.data.items.find((i: { user: { username: string } }) => i.user.username === username);
}

describe('recording visits', () => {
  it('records a visit to a house; the grid comes from the house', async () => {
    const v = await visit(worker, {
      houseId: houses[0],
      startedAt: at('08:00'),
      endedAt: at('08:30'),
      lon: 117.2,
      lat: 39.1,
      note: '了解独居老人近况',
    });
    expect(v).toMatchObject({
      houseId: houses[0],
      grid: { code: GRID },
      minutes: 30,
      note: '了解独居老人近况',
    });
  });

  it('an offline retry with the same idempotency key returns the same visit', async () => {
    const body = {
      personId: people[0],
      startedAt: at('07:00'),
      endedAt: at('07:20'),
      note: '离线排队的走访',
      idempotencyKey: 'offline-queue-0001',
    };
    const first = await worker.post('/api/visits', body);
    expect(first.statusCode, first.body).toBe(201);
    const retry = await worker.post('/api/visits', body);
    expect(retry.statusCode).toBe(200);
    expect(retry.data.id).toBe(first.data.id);
    const rows = await t.db
      .selectFrom('visits')
      .select('id')
      .where('idempotency_key', '=', 'offline-queue-0001')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('validates times and the target', async () => {
    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await worker.post('/api/visits', {
        note: '',
        idempotencyKey: `bad-${field}-${++keyNo}`,
        ...body,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.data.error.details.field).toBe(field);
    };
    await bad({ houseId: houses[0], startedAt: at('10:00'), endedAt: at('09:00') }, 'endedAt');
    await bad({ houseId: houses[0], startedAt: at('10:00'), endedAt: at('10:00') }, 'endedAt');
    const dayBefore = chinaDayOf(new Date(Date.now() - 2 * 86_400_000));
    await bad(
      { houseId: houses[0], startedAt: `${dayBefore}T06:00:00+08:00`, endedAt: at('06:00') },
      'endedAt',
    );
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    await bad({ houseId: houses[0], startedAt: new Date().toISOString(), endedAt: soon }, 'endedAt');
    await bad({ startedAt: at('10:00'), endedAt: at('11:00') }, 'personId');
    await bad({ houseId: houses[0], startedAt: 'yesterday', endedAt: at('11:00') }, 'startedAt');
  });

  it('only in the worker’s own grid: a house of another street does not exist for them', async () => {
    const res = await worker.post('/api/visits', {
      houseId: foreignHouse,
      startedAt: at('10:00'),
      endedAt: at('11:00'),
      note: '',
      idempotencyKey: 'foreign-house-1',
    });
    expect(res.statusCode).toBe(404);
    // Department staff and operators do not record visits.
    const street = await t.login('street1');
    expect(
      (
        await street.post('/api/visits', {
          houseId: houses[0],
          startedAt: at('10:00'),
          endedAt: at('11:00'),
          note: '',
          idempotencyKey: 'street-op-1',
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('the daily summary', () => {
  it('overlapping visits count once; households are distinct; compared with the 3-hour target', async () => {
    const before = (await summaryFor(leader, `w${GRID}`)) ?? { minutes: 0, visits: 0 };
    // Until now: 08:00–08:30 (house 0) and 07:00–07:20 (person 0).
    expect(before).toMatchObject({
      visits: 2,
      minutes: 50,
      households: 2,
      targetMinutes: 180,
      metTarget: false,
    });

    await visit(worker, { houseId: houses[1], startedAt: at('09:00'), endedAt: at('10:30') });
    // Overlaps the previous visit by half an hour: a neighbour joined the conversation.
    await visit(worker, {
      houseId: houses[1],
      personId: people[1],
      startedAt: at('10:00'),
      endedAt: at('11:00'),
    });
    await visit(worker, { houseId: houses[2], startedAt: at('14:00'), endedAt: at('15:00') });
    const s = await summaryFor(leader, `w${GRID}`);
    // 50 + (09:00–11:00 = 120, not 150) + 60 = 230 minutes.
    expect(s).toMatchObject({
      visits: 5,
      minutes: 230,
      households: 4,
      targetMinutes: 180,
      metTarget: true,
      grids: [{ code: GRID }],
    });
    // Colleagues without visits show with zero against the target.
    const helper = await summaryFor(leader, `wj${GRID}_1`);
    expect(helper).toMatchObject({ visits: 0, minutes: 0, metTarget: false });
  });

  it('the target is configurable per unit; the nearest unit wins', async () => {
    const community = await t.db
      .selectFrom('org_units')
      .select('id')
      .where('code', '=', GRID.slice(0, 12))
      .executeTakeFirstOrThrow();
    const street = await t.login('street1');
    const res = await street.put(`/api/visits/targets/${community.id}`, { dailyMinutes: 240 });
    expect(res.statusCode, res.body).toBe(200);
    const s = await summaryFor(street, `w${GRID}`, `&within=${community.id}`);
    expect(s).toMatchObject({ minutes: 230, targetMinutes: 240, metTarget: false });
    // The worker cannot read the summary but sees their own target beside their visits.
    expect((await worker.get(`/api/visits/summary?date=${DAY}`)).statusCode).toBe(403);
    expect((await worker.get(`/api/visits?date=${DAY}`)).data.targetMinutes).toBe(240);
    expect((await worker.put(`/api/visits/targets/${community.id}`, { dailyMinutes: 60 })).statusCode).toBe(
      403,
    );
  });

  it('lists the visits of a day: a worker their own, a leader by worker', async () => {
    const own = await worker.get(`/api/visits?date=${DAY}`);
    expect(own.statusCode).toBe(200);
    expect(own.data.items).toHaveLength(5);
    const user = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', `w${GRID}`)
      .executeTakeFirstOrThrow();
    const byLeader = await leader.get(`/api/visits?date=${DAY}&userId=${user.id}`);
    expect(byLeader.data.items.map((v: { startedAt: string }) => v.startedAt)).toHaveLength(5);
  });

  it('a worker of street 2 sees none of it', async () => {
    const other = await t.login(`w${OTHER_STREET_GRID}`);
    const otherLeader = await t.login(`wz${OTHER_STREET_GRID}`);
    expect((await other.get(`/api/visits?date=${DAY}`)).data.items).toHaveLength(0);
    expect((await other.get('/api/visits/summary')).statusCode).toBe(403);
    const res = await otherLeader.get(`/api/visits/summary?date=${DAY}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(`w${GRID}`);
    const user = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', `w${GRID}`)
      .executeTakeFirstOrThrow();
    expect((await otherLeader.get(`/api/visits?date=${DAY}&userId=${user.id}`)).data.items).toHaveLength(0);
  });
});
