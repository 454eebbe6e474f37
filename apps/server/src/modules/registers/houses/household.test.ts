// The household sheet through HTTP: each person once and counted once, members added and removed
// on a visit (resendable), the house facts a worker records at the door.
import { idNumberCheckChar } from '@wangge/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../../test/harness.ts';

let t: TestApp;
let worker: Client;
let street2: Client;
let buildingId: string;
let houseId: string;
let addressId: string;

interface Cell {
  addressId: string;
  houseId: string | null;
  residents: number;
  flags: { vacant: boolean };
  people: { id: string; linkKind: string; linkKinds: string[] }[];
}

const idNumber = (birth: string, seq: string) => {
  const first17 = `120110${birth}${seq}`;
  return first17 + idNumberCheckChar(first17);
};

async function cell(): Promise<Cell> {
  const res = await worker.get(`/api/buildings/${buildingId}/matrix`);
  expect(res.statusCode).toBe(200);
  const cells: Cell[] = res.data.units.flatMap((u: { floors: { rooms: Cell[] }[] }) =>
    u.floors.flatMap((f) => f.rooms),
  );
  return cells.find((c) => c.addressId === addressId)!;
}

beforeAll(async () => {
  t = await startTestApp();
  const grid = await t.db
    .selectFrom('org_units')
    .select(['id', 'code'])
    .where('code', '=', '120110001001001')
    .executeTakeFirstOrThrow();
  worker = await t.login(`w${grid.code}`);
  street2 = await t.login('street2');
  const house = await t.db
    .selectFrom('houses as h')
    .innerJoin('addresses as a', 'a.id', 'h.address_id')
    .innerJoin('person_house_links as l', 'l.house_id', 'h.id')
    .select(['h.id', 'a.id as address_id', 'a.building_id'])
    .where('h.grid_id', '=', grid.id)
    .where('a.building_id', 'is not', null)
    .where('l.valid_to', 'is', null)
    .where('l.kind', '=', 'resident')
    .orderBy('h.id')
    .executeTakeFirstOrThrow();
  houseId = house.id;
  addressId = house.address_id;
  buildingId = house.building_id!;
});
afterAll(() => t?.close());

describe('household sheet', () => {
  let newcomerId: string;

  it('lists an owner who lives there once and counts distinct people', async () => {
    const before = await cell();
    const resident = before.people.find((p) => p.linkKind === 'resident')!;
    // The demo, like real registers, has owners living in their flat: two links, one person.
    const owns = await t.db
      .selectFrom('person_house_links')
      .select('id')
      .where('person_id', '=', resident.id)
      .where('house_id', '=', houseId)
      .where('kind', '=', 'owner')
      .where('valid_to', 'is', null)
      .executeTakeFirst();
    if (!owns) {
      const owned = await worker.post(`/api/people/${resident.id}/houses`, { houseId, kind: 'owner' });
      expect(owned.statusCode).toBe(201);
    }
    const after = await cell();
    expect(after.people.filter((p) => p.id === resident.id)).toHaveLength(1);
    expect(after.people.find((p) => p.id === resident.id)!.linkKinds).toEqual(['resident', 'owner']);
    expect(new Set(after.people.map((p) => p.id)).size).toBe(after.people.length);
    expect(after.residents).toBe(after.people.length);
  });

  it('adds a new member registered at the house, once even when sent twice', async () => {
    const before = await cell();
    const body = { kind: 'resident', person: { name: '王小新', idNumber: idNumber('20240105', '332') } };
    const first = await worker.post(`/api/houses/${houseId}/members`, body);
    expect(first.statusCode).toBe(201);
    expect(first.data.added.created).toBe(true);
    newcomerId = first.data.added.personId;
    expect(first.data.people.map((p: { person: { id: string } }) => p.person.id)).toContain(newcomerId);
    const again = await worker.post(`/api/houses/${houseId}/members`, body);
    expect(again.statusCode).toBe(200);
    expect(again.data.added).toMatchObject({ personId: newcomerId, created: false });
    const links = await t.db
      .selectFrom('person_house_links')
      .select('id')
      .where('person_id', '=', newcomerId)
      .execute();
    expect(links).toHaveLength(1);
    const person = await worker.get(`/api/people/${newcomerId}`);
    expect(person.data.addressId).toBe(addressId);
    expect((await cell()).residents).toBe(before.residents + 1);
  });

  it('refuses a bad ID number, both or neither target, naming the field', async () => {
    const bad = await worker.post(`/api/houses/${houseId}/members`, {
      kind: 'resident',
      person: { name: '错号', idNumber: '120110202401053321' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.data.error.details.field).toBe('person.idNumber');
    const neither = await worker.post(`/api/houses/${houseId}/members`, { kind: 'resident' });
    expect(neither.statusCode).toBe(400);
    expect(neither.data.error.details.field).toBe('personId');
    const both = await worker.post(`/api/houses/${houseId}/members`, {
      kind: 'resident',
      personId: newcomerId,
      person: { name: '王小新', idNumber: idNumber('20240105', '332') },
    });
    expect(both.statusCode).toBe(400);
  });

  it('removes a member who moved out by an end-dated link with the reason, history appended', async () => {
    const before = await cell();
    const res = await worker.post(`/api/houses/${houseId}/members/${newcomerId}/remove`, {
      reason: 'moved_out',
    });
    expect(res.statusCode).toBe(200);
    expect(res.data.people.map((p: { person: { id: string } }) => p.person.id)).not.toContain(newcomerId);
    const link = await t.db
      .selectFrom('person_house_links')
      .select(['valid_to', 'end_reason'])
      .where('person_id', '=', newcomerId)
      .executeTakeFirstOrThrow();
    expect(link.valid_to).not.toBeNull();
    expect(link.end_reason).toBe('moved_out');
    const events = await t.db
      .selectFrom('register_events')
      .select(['entity_type', 'kind'])
      .where('kind', '=', 'moved_out')
      .where((eb) =>
        eb.or([
          eb.and([eb('entity_type', '=', 'person'), eb('entity_id', '=', newcomerId)]),
          eb.and([eb('entity_type', '=', 'house'), eb('entity_id', '=', houseId)]),
        ]),
      )
      .execute();
    expect(events.map((e) => e.entity_type).sort()).toEqual(['house', 'person']);
    expect((await cell()).residents).toBe(before.residents - 1);
    const again = await worker.post(`/api/houses/${houseId}/members/${newcomerId}/remove`, {
      reason: 'moved_out',
    });
    expect(again.statusCode).toBe(200);
    const other = await worker.post(`/api/houses/${houseId}/members/${newcomerId}/remove`, {
      reason: 'deceased',
    });
    expect(other.statusCode).toBe(409);
  });

  it('records a death: the person is deceased, the links end, nothing is deleted', async () => {
    const added = await worker.post(`/api/houses/${houseId}/members`, {
      kind: 'resident',
      person: { name: '王老', idNumber: idNumber('19400101', '113') },
    });
    const id = added.data.added.personId;
    const res = await worker.post(`/api/houses/${houseId}/members/${id}/remove`, { reason: 'deceased' });
    expect(res.statusCode).toBe(200);
    const person = await worker.get(`/api/people/${id}`);
    expect(person.data.status).toBe('deceased');
    const link = await t.db
      .selectFrom('person_house_links')
      .select('end_reason')
      .where('person_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(link.end_reason).toBe('deceased');
  });

  it('keeps other streets out', async () => {
    const res = await street2.post(`/api/houses/${houseId}/members`, {
      kind: 'resident',
      personId: newcomerId,
    });
    expect(res.statusCode).toBe(404);
    const rm = await street2.post(`/api/houses/${houseId}/members/${newcomerId}/remove`, { reason: 'other' });
    expect(rm.statusCode).toBe(404);
  });

  it('edits what a worker records at the door: use, area, ownership, occupancy, rental, note', async () => {
    const res = await worker.patch(`/api/houses/${houseId}`, {
      use: 'mixed',
      areaM2: 76.5,
      ownership: 'private',
      occupancy: 'seasonal',
      isRental: true,
      rentalHazard: 'none',
      note: '夏季居住',
    });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({
      use: 'mixed',
      areaM2: 76.5,
      ownership: 'private',
      occupancy: 'seasonal',
      isRental: true,
      rentalHazard: 'none',
      note: '夏季居住',
    });
    expect(res.data.actions).toContain('house.members');
    const vacant = await worker.patch(`/api/houses/${houseId}`, { occupancy: 'vacant' });
    expect(vacant.statusCode).toBe(409);
    expect(vacant.data.error.details.field).toBe('occupancy');
    const wrong = await worker.patch(`/api/houses/${houseId}`, { ownership: 'stolen' });
    expect(wrong.statusCode).toBe(400);
  });
});
