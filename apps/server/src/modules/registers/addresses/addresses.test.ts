import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../../test/harness.ts';

let t: TestApp;
let community1: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  community1 = await t.login('community1');
  const units = await t.db
    .selectFrom('org_units')
    .select(['id', 'code'])
    .where('code', 'in', ['120110001001', '120110001001001', '120110001001002', '120110001002001'])
    .execute();
  for (const u of units) ids[u.code] = u.id;
}, 60_000);
afterAll(() => t?.close());

/**
 * The tree rules of addresses/rules.ts through the one-at-a-time API (the Excel import applies the
 * same rules row by row: import/import.test.ts).
 */
describe('address tree rules', () => {
  it('refuses trees out of order, off their grid or without their matrix numbers', async () => {
    const add = (body: Record<string, unknown>) => community1.post('/api/addresses', body);
    const refused = async (body: Record<string, unknown>, field: string, reason: RegExp) => {
      const res = await add(body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.data.error.details.field).toBe(field);
      expect(res.data.error.message).toMatch(reason);
    };
    const road = await add({ level: 'road', name: '规则路', gridId: ids['120110001001'] });
    expect(road.statusCode).toBe(201);
    const number = await add({ parentId: road.data.id, level: 'number', name: '1号' });
    expect(number.data.gridId).toBe(ids['120110001001']);

    await refused({ level: 'number', name: '2号', gridId: ids['120110001001'] }, 'parentId', /只有路/);
    await refused({ parentId: road.data.id, level: 'road', name: '支路' }, 'parentId', /只有路/);
    // A building on the community's number: not in one grid.
    await refused({ parentId: number.data.id, level: 'building', name: '1号楼' }, 'gridId', /一个网格/);

    const building = await add({
      parentId: number.data.id,
      level: 'building',
      name: '1号楼',
      gridId: ids['120110001001001'],
    });
    expect(building.statusCode, building.body).toBe(201);
    await refused({ parentId: building.data.id, level: 'number', name: '3号' }, 'level', /不能在/);
    await refused({ parentId: building.data.id, level: 'unit', name: '1单元' }, 'unitNo', /单元号/);
    await refused({ parentId: building.data.id, level: 'room', name: '101室', floor: 1 }, 'floor', /单元/);
    // Community 1's second community is outside its scope: not found, never a hint.
    const outside = await add({
      parentId: building.data.id,
      level: 'unit',
      name: '2单元',
      unitNo: 2,
      gridId: ids['120110001002001'],
    });
    expect(outside.statusCode).toBe(404);

    // A road in grid 1 keeps everything below it in grid 1.
    const gridRoad = await add({ level: 'road', name: '网格路', gridId: ids['120110001001001'] });
    await refused(
      { parentId: gridRoad.data.id, level: 'number', name: '1号', gridId: ids['120110001001002'] },
      'gridId',
      /上级地址的范围内/,
    );

    const unit = await add({ parentId: building.data.id, level: 'unit', name: '1单元', unitNo: 1 });
    expect(unit.data).toMatchObject({ code: `${building.data.code}.1`, unitNo: 1 });
    const room = await add({ parentId: unit.data.id, level: 'room', name: '101室', floor: 1 });
    expect(room.data).toMatchObject({
      code: `${unit.data.code}.1`,
      fullName: '规则路1号1号楼1单元101室',
      unitNo: 1,
      floor: 1,
      room: '101室',
    });
  });
});
