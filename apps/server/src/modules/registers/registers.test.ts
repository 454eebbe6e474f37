import { idNumberCheckChar } from '@wangge/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let street1: Client;
let street2: Client;
let worker: Client;
let gridId: string;
let buildingId: string;

function idNumber(birth: string, seq: string) {
  const first17 = `120110${birth}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

beforeAll(async () => {
  t = await startTestApp();
  street1 = await t.login('street1');
  street2 = await t.login('street2');
  const grid = await t.db
    .selectFrom('org_units')
    .select(['id', 'code'])
    .where('code', '=', '120110001001001')
    .executeTakeFirstOrThrow();
  gridId = grid.id;
  worker = await t.login(`w${grid.code}`);
  const b = await t.db
    .selectFrom('buildings')
    .select('id')
    .where('grid_id', '=', grid.id)
    .where('households', '>', 0)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  buildingId = b.id;
});
afterAll(() => t?.close());

describe('registers', () => {
  let addressId: string;
  let houseId: string;
  let personId: string;
  const ID = idNumber('19850312', '123');

  it('creates an address tree, a house and a person with masked fields, encrypted at rest', async () => {
    const road = await street1.post('/api/addresses', { level: 'road', name: '测试路', gridId });
    expect(road.statusCode).toBe(201);
    const number = await street1.post('/api/addresses', {
      parentId: road.data.id,
      level: 'number',
      name: '8号',
    });
    const building = await street1.post('/api/addresses', {
      parentId: number.data.id,
      level: 'building',
      name: '科技园1号楼',
      buildingId,
    });
    const unit = await street1.post('/api/addresses', {
      parentId: building.data.id,
      level: 'unit',
      name: '1单元',
      unitNo: 1,
    });
    const room = await street1.post('/api/addresses', {
      parentId: unit.data.id,
      level: 'room',
      name: '901室',
      room: '901',
      floor: 9,
    });
    expect(room.statusCode).toBe(201);
    expect(room.data.fullName).toBe('测试路8号科技园1号楼1单元901室');
    addressId = room.data.id;
    const house = await street1.post('/api/houses', {
      addressId,
      use: 'residential',
      structure: 'mixed',
      areaM2: 88,
      isRental: true,
      rentalHazard: 'general',
    });
    expect(house.statusCode).toBe(201);
    houseId = house.data.id;
    const person = await street1.post('/api/people', {
      name: '张伟',
      idNumber: ID,
      phone: '13812349876',
      gridId,
      role: {
        kind: 'floating',
        data: { inflow_date: '2024-05-01', inflow_reason: 'work', origin: '河北省沧州市' },
      },
    });
    expect(person.statusCode).toBe(201);
    personId = person.data.id;
    expect(person.data.idNumber).toBe(`1201**********${ID.slice(-4)}`);
    expect(person.data.phone).toBe('138****9876');
    expect(person.body).not.toContain(ID);
    expect(person.data.gender).toBe('male');
    expect(person.data.birthDate).toBe('1985-03-12');
    const raw = await t.db
      .selectFrom('people')
      .select(['id_number_enc', 'id_number_hash'])
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(raw.id_number_enc.toString('latin1')).not.toContain(ID);
    const found = await street1.get(`/api/people?idNumber=${ID}`);
    expect(found.data.items.map((p: { id: string }) => p.id)).toEqual([personId]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'registers.lookup_id_number')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('refuses duplicates and invalid input naming the field', async () => {
    const dup = await street1.post('/api/people', { name: '李四', idNumber: ID, gridId });
    expect(dup.statusCode).toBe(409);
    const badId = await street1.post('/api/people', {
      name: '李四',
      idNumber: `${ID.slice(0, 17)}0`.replace(/0$/, ID.endsWith('0') ? '1' : '0'),
      gridId,
    });
    expect(badId.statusCode).toBe(400);
    expect(badId.data.error.details.field).toBe('idNumber');
    const badPhone = await street1.post('/api/people', {
      name: '李四',
      idNumber: idNumber('19900101', '222'),
      phone: '12345',
      gridId,
    });
    expect(badPhone.data.error.details.field).toBe('phone');
    const badUnit = await street1.post('/api/units', {
      kind: 'shop',
      name: '测试商店',
      creditCode: '91120110MA05ABCDE0',
      gridId,
    });
    expect(badUnit.statusCode).toBe(400);
    expect(badUnit.data.error.details.field).toBe('creditCode');
  });

  it('moves in and out with effective dates, and keeps the history', async () => {
    const link = await street1.post(`/api/people/${personId}/houses`, {
      houseId,
      kind: 'tenant',
      validFrom: '2024-05-02',
    });
    expect(link.statusCode).toBe(201);
    const person = await street1.get(`/api/people/${personId}`);
    expect(person.data.addressId).toBe(addressId);
    const house = await street1.get(`/api/houses/${houseId}`);
    expect(house.data.people[0].person.idNumber).toMatch(/^1201\*+/);
    const end = await street1.post(`/api/people/${personId}/houses/${link.data.linkId}/end`, {
      validTo: '2025-01-31',
    });
    expect(end.statusCode).toBe(200);
    const events = await street1.get(`/api/people/${personId}/events`);
    expect(events.data.items.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'moved_in',
      'moved_out',
    ]);
    expect(events.data.items[2].effectiveDate).toBe('2025-01-31');
    const houseEvents = await street1.get(`/api/houses/${houseId}/events`);
    expect(houseEvents.data.items.map((e: { kind: string }) => e.kind)).toContain('moved_out');
    expect(events.body).not.toContain(ID);
  });

  it('reveal needs the permission and a reason and is audited', async () => {
    expect(
      (await worker.post(`/api/people/${personId}/reveal`, { field: 'idNumber', reason: '核实身份' }))
        .statusCode,
    ).toBe(403);
    expect((await street1.post(`/api/people/${personId}/reveal`, { field: 'idNumber' })).statusCode).toBe(
      400,
    );
    const res = await street1.post(`/api/people/${personId}/reveal`, {
      field: 'idNumber',
      reason: '核实身份',
    });
    expect(res.data.value).toBe(ID);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'registers.reveal')
      .execute();
    expect(JSON.stringify(audit)).toContain('核实身份');
    expect(JSON.stringify(audit)).not.toContain(ID);
  });

  it('special groups are visible only to roles granted the type', async () => {
    const missing = await street1.post(`/api/people/${personId}/special-groups`, {
      typeCode: '03',
      attentionLevel: 'serious',
      openedOn: '2024-06-01',
      extra: {},
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.data.error.details.field).toMatch(/^extra/);
    const open = await street1.post(`/api/people/${personId}/special-groups`, {
      typeCode: '03',
      attentionLevel: 'serious',
      openedOn: '2024-06-01',
      extra: {
        risk_level: 3,
        guardian_name: '张建国',
        guardian_phone: '13912345678',
        treatment_status: 'outpatient',
      },
    });
    expect(open.statusCode, open.body).toBe(201);
    const seen = await street1.get(`/api/people/${personId}`);
    expect(seen.data.specialGroups.map((g: { typeCode: string }) => g.typeCode)).toEqual(['03']);
    const hidden = await worker.get(`/api/people/${personId}`);
    expect(hidden.statusCode).toBe(200);
    expect(hidden.data.specialGroups).toEqual([]);
    const s1 = await street1.get('/api/registers/search?q=张伟&types=person&limit=100');
    const mine = s1.data.items.find((p: { id: string }) => p.id === personId);
    expect(mine.specialGroups).toEqual(['03']);
    const sw = await worker.get('/api/registers/search?q=张伟&types=person&limit=100');
    expect(sw.data.items.find((p: { id: string }) => p.id === personId).specialGroups).toEqual([]);
    const stats = await worker.get('/api/registers/stats');
    expect(stats.data.specialGroups).toEqual({});
  });

  it('searches by name, address fragment, phone last 4, birth date and unit name within scope', async () => {
    const name = await street1.get('/api/registers/search?q=张伟');
    expect(name.statusCode).toBe(200);
    expect(name.data.items[0].name).toBe('张伟');
    const addr = await street1.get(`/api/registers/search?q=${encodeURIComponent('科技园')}&types=address`);
    expect(addr.data.items.some((a: { fullName: string }) => a.fullName.includes('科技园'))).toBe(true);
    const last4 = await street1.get('/api/registers/search?q=9876&types=person');
    expect(last4.data.items.some((p: { id: string }) => p.id === personId)).toBe(true);
    const birth = await street1.get('/api/registers/search?q=19850312&types=person');
    expect(birth.data.items.some((p: { id: string }) => p.id === personId)).toBe(true);
    const unit = await t.db
      .selectFrom('units')
      .select(['name', 'grid_path'])
      .where('grid_path', 'like', '/120100000000/120110000000/120110001000/%')
      .executeTakeFirstOrThrow();
    const byUnit = await street1.get(`/api/registers/search?q=${encodeURIComponent(unit.name)}&types=unit`);
    expect(byUnit.data.items[0].name).toBe(unit.name);
    // street 2 sees nothing of street 1
    const other = await street2.get('/api/registers/search?q=19850312');
    expect(other.data.items.some((p: { id: string }) => p.id === personId)).toBe(false);
    expect(other.data.items.every((p: { gridId: string }) => p.gridId !== gridId)).toBe(true);
    const otherName = await street2.get(`/api/registers/search?q=${encodeURIComponent(unit.name)}`);
    expect(otherName.data.items.every((u: { gridId: string }) => u.gridId !== gridId)).toBe(true);
    expect(JSON.stringify(name.data)).not.toContain(ID);
  });

  it('scope: street 2 gets 404 on street 1 registers, matrix included', async () => {
    for (const url of [
      `/api/people/${personId}`,
      `/api/houses/${houseId}`,
      `/api/addresses/${addressId}`,
      `/api/buildings/${buildingId}/matrix`,
      `/api/people/${personId}/events`,
    ]) {
      expect((await street2.get(url)).statusCode, url).toBe(404);
    }
    expect(
      (await street2.post(`/api/people/${personId}/reveal`, { field: 'phone', reason: '核实身份' }))
        .statusCode,
    ).toBe(404);
    expect((await street2.get(`/api/people?idNumber=${ID}`)).data.items).toEqual([]);
  });

  it('shows a building matrix of units × floors × rooms with occupants and flags', async () => {
    const res = await worker.get(`/api/buildings/${buildingId}/matrix`);
    expect(res.statusCode).toBe(200);
    expect(res.data.units.length).toBeGreaterThan(0);
    const cell = res.data.units[0].floors[0].rooms[0];
    expect(cell.flags).toHaveProperty('vacant');
    expect(cell.flags).toHaveProperty('rental');
    const people = res.data.units.flatMap(
      (u: { floors: { rooms: { people: { idNumber: string }[] }[] }[] }) =>
        u.floors.flatMap((f) => f.rooms.flatMap((r) => r.people)),
    );
    expect(people.length).toBeGreaterThan(0);
    for (const p of people) expect(p.idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
  });

  it('death closes links and group records; stats count, never list people', async () => {
    const res = await street1.post(`/api/people/${personId}/status`, {
      status: 'deceased',
      effectiveDate: '2025-06-01',
    });
    expect(res.statusCode).toBe(200);
    expect(res.data.status).toBe('deceased');
    expect(res.data.specialGroups.every((g: { open: boolean }) => !g.open)).toBe(true);
    const stats = await street1.get('/api/registers/stats');
    expect(stats.data.peopleByStatus.active).toBeGreaterThan(1000);
    expect(stats.body).not.toContain('张伟');
    expect(stats.body).not.toMatch(/idNumber|phone/);
  });
});
