import { idNumberCheckChar } from '@wangge/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../../test/harness.ts';

const GRID = '120110001001001';

let t: TestApp;
let street1: Client;
let street2: Client;
let gridLeader: Client;
let worker: Client;
let gridId: string;
let gridName: string;
let buildingId: string;
let roomId: string;
let houseId: string;
let person: string;

/** A valid ID number of Dongli (120110) with this birth date and sequence. */
function idNumber(birth: string, seq: string) {
  const first17 = `120110${birth}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

/** The first ID number from 1990-01-01 on whose last four characters are `last4` (seq + check). */
function idEndingIn(last4: string) {
  for (let day = 0; ; day++) {
    const birth = new Date(Date.UTC(1990, 0, 1) + day * 86_400_000)
      .toISOString()
      .slice(0, 10)
      .replaceAll('-', '');
    const id = idNumber(birth, last4.slice(0, 3));
    if (id.endsWith(last4)) return id;
  }
}

type Hit = { type: string; id: string; name?: string; [k: string]: unknown };
const search = async (client: Client, params: string) => {
  const res = await client.get(`/api/registers/search?${params}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.data as { items: Hit[]; more: boolean; offset: number; limit: number; query: { kind: string } };
};

async function createPerson(name: string, id: string, extra: Record<string, unknown> = {}) {
  const res = await street1.post('/api/people', {
    name,
    idNumber: id,
    gridId,
    role: { kind: 'registered', data: { hukou_type: 'urban' } },
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.data.id as string;
}

beforeAll(async () => {
  t = await startTestApp();
  const grid = await t.db
    .selectFrom('org_units')
    .select(['id', 'name'])
    .where('code', '=', GRID)
    .executeTakeFirstOrThrow();
  gridId = grid.id;
  gridName = grid.name;
  [street1, street2, gridLeader, worker] = await Promise.all([
    t.login('street1'),
    t.login('street2'),
    t.login(`wz${GRID}`),
    t.login(`w${GRID}`),
  ]);
  buildingId = (
    await t.db
      .selectFrom('buildings')
      .select('id')
      .where('grid_id', '=', gridId)
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).id;
  const add = async (body: Record<string, unknown>) => {
    const res = await street1.post('/api/addresses', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.data.id as string;
  };
  const road = await add({ level: 'road', name: '搜索测试路', gridId });
  const number = await add({ parentId: road, level: 'number', name: '6号' });
  const building = await add({ parentId: number, level: 'building', name: '星河湾2号楼', buildingId });
  const unit = await add({ parentId: building, level: 'unit', name: '1单元', unitNo: 1 });
  roomId = await add({ parentId: unit, level: 'room', name: '302室', room: '302', floor: 3 });
  const house = await street1.post('/api/houses', {
    addressId: roomId,
    use: 'residential',
    structure: 'mixed',
    isRental: true,
    rentalHazard: 'none',
  });
  expect(house.statusCode, house.body).toBe(201);
  houseId = house.data.id;

  person = await createPerson('欧阳锋', idNumber('19800101', '111'), {
    phone: '13800004321',
    role: {
      kind: 'floating',
      data: { inflow_date: '2024-05-01', inflow_reason: 'work', origin: '河北省沧州市' },
    },
  });
  const overseas = await street1.post(`/api/people/${person}/roles`, {
    kind: 'overseas',
    data: { nationality: 'MNG' },
  });
  expect(overseas.statusCode, overseas.body).toBe(201);
  const moveIn = await street1.post(`/api/people/${person}/houses`, {
    houseId,
    kind: 'tenant',
    validFrom: '2024-05-02',
  });
  expect(moveIn.statusCode, moveIn.body).toBe(201);
  await t.db
    .insertInto('care_group_records')
    .values({
      person_id: person,
      type_code: 'elderly_alone',
      attention_level: 'normal',
      opened_on: '2024-01-01',
    })
    .execute();
  // Community correction (02) is not granted to grid leaders; severe mental disorder (03) is.
  await t.db
    .insertInto('special_group_records')
    .values([
      { person_id: person, type_code: '02', attention_level: 'serious', opened_on: '2024-01-01' },
      { person_id: person, type_code: '03', attention_level: 'medium', opened_on: '2024-01-01' },
    ])
    .execute();
});
afterAll(() => t?.close());

describe('register search', () => {
  it('a person hit carries roles, care groups, the rental flag and the building of the address', async () => {
    const { items } = await search(street1, `q=${encodeURIComponent('欧阳锋')}&types=person`);
    const hit = items[0]!;
    expect(hit.id).toBe(person);
    expect(hit.roles).toEqual(['floating', 'overseas']);
    expect(hit.careGroups).toEqual(['elderly_alone']);
    expect(hit.rental).toBe(true);
    expect(hit.buildingId).toBe(buildingId);
    expect(hit.addressId).toBe(roomId);
    expect(hit.address).toBe('搜索测试路6号星河湾2号楼1单元302室');
    expect(hit.phone).toBe('138****4321');
  });

  it('special groups show only the types the caller holds the permission of', async () => {
    const q = `q=${encodeURIComponent('欧阳锋')}&types=person`;
    const flags = async (client: Client) => {
      const hit = (await search(client, q)).items.find((i) => i.id === person)!;
      return { special: hit.specialGroups, care: hit.careGroups };
    };
    expect(await flags(street1)).toEqual({ special: ['02', '03'], care: ['elderly_alone'] });
    expect(await flags(gridLeader)).toEqual({ special: ['03'], care: ['elderly_alone'] });
    expect(await flags(worker)).toEqual({ special: [], care: ['elderly_alone'] });
  });

  it('ranks the exact name first, then names starting with it, then names containing it; pages with offset and more', async () => {
    const prefix = await createPerson('欧阳锋华', idNumber('19800102', '112'));
    const inside = await createPerson('司马欧阳锋', idNumber('19800103', '113'));
    const q = `q=${encodeURIComponent('欧阳锋')}&types=person`;
    const all = await search(street1, q);
    expect(all.items.map((i) => i.id)).toEqual([person, prefix, inside]);
    expect(all.more).toBe(false);
    const pages = await Promise.all(
      [0, 1, 2].map((offset) => search(street1, `${q}&limit=1&offset=${offset}`)),
    );
    expect(pages.map((p) => p.items.map((i) => i.id))).toEqual([[person], [prefix], [inside]]);
    expect(pages.map((p) => p.more)).toEqual([true, true, false]);
    expect(pages[1]).toMatchObject({ offset: 1, limit: 1 });
    // Out of scope: street 2 finds none of them, and learns nothing of their existence.
    expect(await search(street2, q)).toMatchObject({ items: [], more: false });
  });

  it('four digits find phone endings before ID-number endings', async () => {
    const byId = await createPerson('慕容复', idEndingIn('4321'));
    const { items, query } = await search(street1, 'q=4321&types=person&limit=100');
    expect(query.kind).toBe('phone_last4');
    const ids = items.map((i) => i.id);
    expect(ids).toContain(byId);
    expect(ids.indexOf(person)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(person)).toBeLessThan(ids.indexOf(byId));
  });

  it('house and address hits carry the building for the matrix', async () => {
    const { items } = await search(street1, `q=${encodeURIComponent('搜索测试路')}&types=house,address`);
    const house = items.find((i) => i.type === 'house' && i.id === houseId);
    expect(house).toMatchObject({ addressId: roomId, isRental: true, buildingId });
    const room = items.find((i) => i.type === 'address' && i.id === roomId);
    expect(room).toMatchObject({ level: 'room', buildingId });
    const road = items.find((i) => i.type === 'address' && i.fullName === '搜索测试路6号');
    expect(road).toMatchObject({ level: 'number', buildingId: null });
    // Shorter (higher) addresses first: the house number before the building before its rooms.
    const addresses = items.filter((i) => i.type === 'address').map((i) => String(i.fullName).length);
    expect(addresses).toEqual([...addresses].sort((a, b) => a - b));
  });

  it('the person detail names the grid', async () => {
    const res = await worker.get(`/api/people/${person}`);
    expect(res.statusCode).toBe(200);
    expect(res.data.gridName).toBe(gridName);
  });

  it('refuses a bad offset naming the field', async () => {
    const res = await street1.get(`/api/registers/search?q=${encodeURIComponent('张')}&offset=5000`);
    expect(res.statusCode).toBe(400);
    expect(res.data.error.details.field).toBe('offset');
  });
});
