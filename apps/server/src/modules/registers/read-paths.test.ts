import { idNumberCheckChar } from '@wangge/rules';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type Response, startTestApp, type TestApp } from '../../../test/harness.ts';
import { importJobs } from './import/repository.ts';

// Every read path of the registers, taken from the OpenAPI document so that a new route cannot be
// forgotten here, is asked twice about one person of grid G: by street 2 (out of scope: 404, or
// nothing of G) and by G's own full-time worker, who lacks special.02 (never a trace of the
// person's community-correction record). The street operator of G, who holds special.02, asks the
// same paths too, so the markers are shown to be there to find.

const GRID = '120110001001001';
const OTHER_GRID = '120110002001001';
const NAME = '隔离甲乙';
const OFFICE = '读取路径司法所';
const UNIT_NAME = '读取路径测试商贸有限公司';

let t: TestApp;
let street1: Client;
let street2: Client;
let worker: Client;
const ids: Record<string, string> = {};

const REGISTER_PREFIXES = [
  '/api/people',
  '/api/houses',
  '/api/units',
  '/api/addresses',
  '/api/buildings/',
  '/api/registers/',
  '/api/special-groups',
  '/api/care-groups',
];

type Kind = 'one' | 'many' | 'file' | 'static';
interface ReadPath {
  kind: Kind;
  /** The question; `grid` is a grid of the caller's own (export asks for one grid, not a street). */
  url: (grid: string) => string;
  /** The same question narrowed to grid G, which street 2 must be refused (404). */
  withinG?: () => string;
}

/** Every GET route of the registers, by its OpenAPI path. */
const PATHS: Record<string, ReadPath> = {
  '/api/people': {
    kind: 'many',
    url: () => `/api/people?addressId=${ids.address}`,
    withinG: () => `/api/people?within=${ids.grid}`,
  },
  '/api/people/{id}': { kind: 'one', url: () => `/api/people/${ids.person}` },
  '/api/people/{id}/events': { kind: 'one', url: () => `/api/people/${ids.person}/events` },
  '/api/houses': {
    kind: 'many',
    url: () => `/api/houses?buildingId=${ids.building}`,
    withinG: () => `/api/houses?within=${ids.grid}`,
  },
  '/api/houses/{id}': { kind: 'one', url: () => `/api/houses/${ids.house}` },
  '/api/houses/{id}/events': { kind: 'one', url: () => `/api/houses/${ids.house}/events` },
  '/api/units': {
    kind: 'many',
    url: () => '/api/units?kind=enterprise&pageSize=200',
    withinG: () => `/api/units?within=${ids.grid}`,
  },
  '/api/units/{id}': { kind: 'one', url: () => `/api/units/${ids.unit}` },
  '/api/units/{id}/events': { kind: 'one', url: () => `/api/units/${ids.unit}/events` },
  '/api/addresses': {
    kind: 'many',
    url: () => `/api/addresses?parentId=${ids.addressParent}`,
    withinG: () => `/api/addresses?within=${ids.grid}`,
  },
  '/api/addresses/{id}': { kind: 'one', url: () => `/api/addresses/${ids.address}` },
  '/api/addresses/{id}/events': { kind: 'one', url: () => `/api/addresses/${ids.address}/events` },
  '/api/buildings/{id}/matrix': { kind: 'one', url: () => `/api/buildings/${ids.building}/matrix` },
  '/api/special-groups/{id}': { kind: 'one', url: () => `/api/special-groups/${ids.special}` },
  '/api/care-groups/{id}': { kind: 'one', url: () => `/api/care-groups/${ids.care}` },
  '/api/registers/search': {
    kind: 'many',
    url: () => `/api/registers/search?q=${encodeURIComponent(NAME)}`,
  },
  '/api/registers/stats': {
    kind: 'many',
    url: () => '/api/registers/stats',
    withinG: () => `/api/registers/stats?within=${ids.grid}`,
  },
  '/api/registers/export/{register}': {
    kind: 'file',
    url: (grid) => `/api/registers/export/people?within=${grid}`,
    withinG: () => `/api/registers/export/people?within=${ids.grid}`,
  },
  '/api/registers/templates/{register}': { kind: 'static', url: () => '/api/registers/templates/people' },
  '/api/registers/imports/{id}': { kind: 'one', url: () => `/api/registers/imports/${ids.importJob}` },
};

function idNumber(birth: string, seq: string) {
  const first17 = `120110${birth}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

/** The text of a response: JSON as it came, a workbook as all its cells. */
async function textOf(res: Response): Promise<string> {
  if (!String(res.headers['content-type']).includes('spreadsheet')) return res.body;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((r) => {
      for (const v of (r.values as unknown[]).slice(1)) cells.push(String(v ?? ''));
    });
  }
  return cells.join('|');
}

/** Every special-group code the response shows: values under keys naming special groups. */
function specialCodes(value: unknown, underSpecial = false, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const v of value) specialCodes(v, underSpecial, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const special = underSpecial || /special/i.test(k);
      if (special && /^0[1-7]$/.test(k)) out.push(k);
      specialCodes(v, special, out);
    }
  } else if (underSpecial && typeof value === 'string' && /^0[1-7]$/.test(value)) {
    out.push(value);
  }
  return out;
}

beforeAll(async () => {
  t = await startTestApp();
  street1 = await t.login('street1');
  street2 = await t.login('street2');
  worker = await t.login(`w${GRID}`);
  const grid = await t.db
    .selectFrom('org_units')
    .select('id')
    .where('code', '=', GRID)
    .executeTakeFirstOrThrow();
  ids.grid = grid.id;
  ids.otherGrid = (
    await t.db.selectFrom('org_units').select('id').where('code', '=', OTHER_GRID).executeTakeFirstOrThrow()
  ).id;
  const house = await t.db
    .selectFrom('houses as h')
    .innerJoin('addresses as a', 'a.id', 'h.address_id')
    .select(['h.id', 'a.id as address_id', 'a.parent_id', 'a.building_id'])
    .where('h.grid_id', '=', grid.id)
    .where('a.building_id', 'is not', null)
    .orderBy('h.id')
    .executeTakeFirstOrThrow();
  Object.assign(ids, {
    house: house.id,
    address: house.address_id,
    addressParent: house.parent_id!,
    building: house.building_id!,
  });
  const unit = await street1.post('/api/units', {
    kind: 'enterprise',
    name: UNIT_NAME,
    creditCode: '91350100M000100Y43',
    gridId: grid.id,
  });
  expect(unit.statusCode, unit.body).toBe(201);
  ids.unit = unit.data.id;

  const person = await street1.post('/api/people', {
    name: NAME,
    idNumber: idNumber('19790215', '317'),
    phone: '13712345608',
    gridId: grid.id,
  });
  expect(person.statusCode, person.body).toBe(201);
  ids.person = person.data.id;
  const lives = await street1.post(`/api/people/${ids.person}/houses`, {
    houseId: ids.house,
    kind: 'tenant',
  });
  expect(lives.statusCode, lives.body).toBe(201);
  const works = await street1.post(`/api/units/${ids.unit}/people`, {
    personId: ids.person,
    role: 'legal_rep',
  });
  expect(works.statusCode, works.body).toBe(201);
  const special = await street1.post(`/api/people/${ids.person}/special-groups`, {
    typeCode: '02',
    attentionLevel: 'serious',
    openedOn: '2025-03-01',
    extra: {
      correction_start: '2025-03-01',
      correction_end: '2027-02-28',
      correction_type: 'probation',
      judicial_office: OFFICE,
    },
  });
  expect(special.statusCode, special.body).toBe(201);
  ids.special = special.data.id;
  const care = await street1.post(`/api/people/${ids.person}/care-groups`, {
    typeCode: 'low_income',
    attentionLevel: 'normal',
    openedOn: '2025-03-01',
    extra: { certificate_no: 'DB2025-0317', monthly_amount: 1010 },
  });
  expect(care.statusCode, care.body).toBe(201);
  ids.care = care.data.id;
  const street1Id = await t.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'street1')
    .executeTakeFirstOrThrow();
  ids.importJob = await importJobs.create(t.db, {
    userId: street1Id.id,
    register: 'people',
    dryRun: true,
    fileName: `${NAME}.xlsx`,
  });
});
afterAll(() => t?.close());

describe('every register read path', () => {
  it('is listed here: the OpenAPI document has no register GET route this test does not ask', async () => {
    const doc = await t.anon.get('/api/openapi.json');
    const gets = Object.entries(doc.data.paths as Record<string, Record<string, unknown>>)
      .filter(([path, ops]) => ops.get && REGISTER_PREFIXES.some((p) => path.startsWith(p)))
      .map(([path]) => path)
      .sort();
    expect(gets).toEqual(Object.keys(PATHS).sort());
  });

  it('the street operator of G finds the person, the unit and the community-correction record', async () => {
    const seen: string[] = [];
    const codes: string[] = [];
    for (const [path, read] of Object.entries(PATHS)) {
      if (path === '/api/registers/imports/{id}') continue; // registers.write only; street 1's own
      const res = await street1.get(read.url(ids.grid!));
      expect(res.statusCode, `${path}: ${res.body.slice(0, 200)}`).toBe(200);
      const text = await textOf(res);
      seen.push(text);
      if (read.kind !== 'file' && read.kind !== 'static') codes.push(...specialCodes(JSON.parse(res.body)));
    }
    const all = seen.join('\n');
    expect(all).toContain(NAME);
    expect(all).toContain(UNIT_NAME);
    expect(all).toContain(OFFICE);
    expect(codes).toContain('02');
  });

  it('out of scope (street 2): a record is 404, a list or search shows nothing of grid G', async () => {
    for (const [path, read] of Object.entries(PATHS)) {
      const res = await street2.get(read.url(ids.otherGrid!));
      if (read.kind === 'one') {
        expect(res.statusCode, path).toBe(404);
        expect(res.body, path).not.toContain(NAME);
        continue;
      }
      expect(res.statusCode, path).toBe(200);
      const text = await textOf(res);
      for (const marker of [NAME, UNIT_NAME, OFFICE]) expect(text, path).not.toContain(marker);
      if (read.kind === 'many') {
        const body = JSON.parse(res.body);
        const listed = (body.items ?? []).map((i: { id: string }) => i.id);
        for (const id of [ids.person, ids.house, ids.unit, ids.address])
          expect(listed, path).not.toContain(id);
      }
      if (read.withinG) expect((await street2.get(read.withinG())).statusCode, `${path} within G`).toBe(404);
    }
  });

  it('in scope without special.02 (the grid worker): no trace of the community-correction record', async () => {
    for (const [path, read] of Object.entries(PATHS)) {
      const res = await worker.get(read.url(ids.grid!));
      if (path === '/api/special-groups/{id}') {
        expect(res.statusCode, path).toBe(404);
        continue;
      }
      if (path === '/api/registers/imports/{id}') {
        expect(res.statusCode, path).toBe(404); // street 1's job
        continue;
      }
      expect(res.statusCode, `${path}: ${res.body.slice(0, 200)}`).toBe(200);
      const text = await textOf(res);
      expect(text, path).not.toContain(OFFICE);
      expect(text, path).not.toContain('community_correction');
      expect(text, path).not.toContain('社区矫正');
      if (read.kind === 'one' || read.kind === 'many') {
        expect(specialCodes(JSON.parse(res.body)), path).toEqual([]);
      }
    }
    // The worker does see the person, the care record and the unit: only the special record hides.
    expect((await worker.get(`/api/people/${ids.person}`)).body).toContain(NAME);
    expect((await worker.get(`/api/care-groups/${ids.care}`)).statusCode).toBe(200);
  });
});
