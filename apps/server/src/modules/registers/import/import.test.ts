import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { idNumberCheckChar } from '@wangge/rules';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../../test/harness.ts';
import { multipart } from '../../../../test/multipart.ts';

let t: TestApp;
let street1: Client;
let street2: Client;
let grid1: { id: string; code: string; path: string };
let grid2: { id: string; code: string; path: string };
let room1: { id: string; code: string };
let room2: { id: string; code: string };

const PEOPLE_HEADERS = [
  '姓名',
  '身份证号码',
  '联系电话',
  '民族',
  '户籍地',
  '地址编码',
  '网格编码',
  '人员类别',
  '流入日期',
  '流入原因',
  '流出地',
];

function idNumber(birth: string, seq: number) {
  const first17 = `120110${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

async function workbook(headers: string[], rows: (string | number | null | undefined)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('实有人口');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(client: Client, register: string, data: Buffer, query = '') {
  const { body, contentType } = multipart([{ name: 'file', data, filename: 'people.xlsx' }]);
  return client.request('POST', `/api/registers/import/${register}${query}`, body, {
    'content-type': contentType,
  });
}

/** Polls an import job until it ends; `onPoll` sees every answer. */
async function waitFor(
  client: Client,
  id: string,
  onPoll?: (job: { status: string; progress: number }) => void,
) {
  for (;;) {
    const res = await client.get(`/api/registers/imports/${id}`);
    expect(res.statusCode).toBe(200);
    onPoll?.(res.data);
    if (res.data.status !== 'running') return res.data;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function peopleCount() {
  const r = await t.db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Sum of the uncompressed sizes in a zip's central directory. */
function unzippedSize(zip: Buffer): number {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    total += zip.readUInt32LE(p + 24);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return total;
}

beforeAll(async () => {
  t = await startTestApp();
  street1 = await t.login('street1');
  street2 = await t.login('street2');
  const scope = async (username: string) =>
    (
      await sql<{ path: string }>`SELECT o.path FROM users u JOIN user_assignments a ON a.user_id = u.id
        JOIN org_units o ON o.id = a.org_unit_id WHERE u.username = ${username}`.execute(t.db)
    ).rows[0]!.path;
  const gridIn = async (prefix: string) => {
    const g = await sql<{ id: string; code: string; path: string }>`SELECT id, code, path FROM org_units
      WHERE level = 'grid' AND starts_with(path, ${prefix}) ORDER BY code LIMIT 1`.execute(t.db);
    const room = await sql<{ id: string; code: string }>`SELECT id, code FROM addresses
      WHERE level = 'room' AND grid_id = ${g.rows[0]!.id} ORDER BY id LIMIT 1`.execute(t.db);
    return { grid: g.rows[0]!, room: room.rows[0]! };
  };
  const a = await gridIn(await scope('street1'));
  const b = await gridIn(await scope('street2'));
  grid1 = a.grid;
  room1 = a.room;
  grid2 = b.grid;
  room2 = b.room;
}, 60_000);
afterAll(() => t?.close());

describe('register import templates', () => {
  it.each(['addresses', 'people', 'houses', 'units'])(
    'serves the %s template with Chinese headers and a hint row',
    async (register) => {
      const res = await street1.get(`/api/registers/templates/${register}.xlsx`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const headers = (ws.getRow(1).values as string[]).slice(1);
      const expected = {
        addresses: ['地址编码', '上级地址编码', '上级地址', '层级*', '名称*', '网格编码', '经度', '纬度'],
        people: ['姓名*', '身份证号码*', '人员类别'],
        houses: ['地址编码*', '房屋用途*'],
        units: ['单位名称*', '统一社会信用代码'],
      }[register]!;
      for (const h of expected) expect(headers).toContain(h);
      expect((ws.getRow(2).values as unknown[]).some((v) => /required/.test(String(v)))).toBe(true);
      expect((ws.getRow(3).values as unknown[]).filter(Boolean).length).toBeGreaterThan(1);
    },
  );

  it('a template read back by the import is a valid one-row file (hint row skipped)', async () => {
    const res = await street1.get('/api/registers/templates/people');
    const dry = await upload(street1, 'people', res.rawPayload);
    expect(dry.statusCode).toBe(200);
    expect(dry.data).toMatchObject({ status: 'succeeded', dryRun: true, rowsTotal: 1, errorsTotal: 0 });
  });
});

describe('people import', () => {
  const good = () => [
    [
      '导入甲',
      idNumber('19800101', 101),
      '13900000001',
      '汉族',
      '天津市东丽区',
      room1.code,
      '',
      '户籍人口',
      '',
      '',
      '',
    ],
    [
      '导入乙',
      idNumber('19900202', 102),
      '',
      '',
      '',
      '',
      grid1.code,
      '流动人口',
      '2024-03-01',
      '务工',
      '河北省沧州市',
    ],
    ['导入丙', idNumber('20000303', 103), '022-84371234', '回族', '', room1.code, '', '', '', '', ''],
  ];

  it('dry run checks without writing; apply creates the people, searchable afterwards', async () => {
    const before = await peopleCount();
    const file = await workbook(PEOPLE_HEADERS, good());
    const dry = await upload(street1, 'people', file);
    expect(dry.statusCode).toBe(200);
    expect(dry.data).toMatchObject({
      status: 'succeeded',
      dryRun: true,
      rowsTotal: 3,
      rowsCreated: 0,
      errors: [],
    });
    expect(await peopleCount()).toBe(before);

    const applied = await upload(street1, 'people', file, '?dryRun=false');
    expect(applied.data).toMatchObject({ status: 'succeeded', dryRun: false, rowsTotal: 3, rowsCreated: 3 });
    expect(await peopleCount()).toBe(before + 3);

    const found = await street1.get(`/api/people?idNumber=${good()[1]![1]}`);
    expect(found.data.total).toBe(1);
    expect(found.data.items[0]).toMatchObject({ name: '导入乙', gridId: grid1.id, address: null });
    const detail = await street1.get(`/api/people/${found.data.items[0].id}`);
    expect(detail.data.roles[0]).toMatchObject({ kind: 'floating', validFrom: '2024-03-01' });
    expect(detail.data.roles[0].data).toMatchObject({ inflow_reason: 'work', origin: '河北省沧州市' });
    const search = await street1.get(`/api/registers/search?q=${encodeURIComponent('导入甲')}`);
    expect(search.body).toContain('导入甲');
    const digits = await street1.get('/api/registers/search?q=0001');
    expect(digits.body).toContain('导入甲'); // phone last 4, through the keyed digit index
    const history = await t.db
      .selectFrom('register_events')
      .select('kind')
      .where('entity_type', '=', 'person')
      .where('entity_id', '=', found.data.items[0].id)
      .execute();
    expect(history.map((h) => h.kind)).toEqual(['created']);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'registers.import')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
    // Not visible to the other street.
    const other = await street2.get(`/api/people?idNumber=${good()[1]![1]}`);
    expect(other.data.total).toBe(0);
  });

  it('reports every bad row with its row number and column, and writes nothing', async () => {
    const before = await peopleCount();
    const badCheck =
      idNumber('19850505', 201).slice(0, 17) + (idNumber('19850505', 201).endsWith('1') ? '2' : '1');
    const rows = [
      ['好人', idNumber('19850505', 202), '', '', '', '', grid1.code, '', '', '', ''], // row 2 fine
      ['', idNumber('19850505', 203), '', '', '', '', grid1.code, '', '', '', ''], // 3: no name
      ['坏号', badCheck, '', '', '', '', grid1.code, '', '', '', ''], // 4: checksum
      ['坏生日', `120110198513${'32'}123X`, '', '', '', '', grid1.code, '', '', '', ''], // 5: birth date
      ['坏电话', idNumber('19850505', 204), '1234', '', '', '', grid1.code, '', '', '', ''], // 6: phone
      ['坏类别', idNumber('19850505', 205), '', '', '', '', grid1.code, '外星人', '', '', ''], // 7: enum
      ['无地址', idNumber('19850505', 206), '', '', '', 'NO-SUCH-CODE', '', '', '', '', ''], // 8: address
      ['越界', idNumber('19850505', 207), '', '', '', room2.code, '', '', '', '', ''], // 9: other street's address
      ['越界格', idNumber('19850505', 208), '', '', '', '', grid2.code, '', '', '', ''], // 10: other street's grid
      ['流动', idNumber('19850505', 209), '', '', '', '', grid1.code, '流动人口', '', '务工', '河北'], // 11: inflow date
      ['无位置', idNumber('19850505', 210), '', '', '', '', '', '', '', '', ''], // 12: neither
    ];
    const file = await workbook(PEOPLE_HEADERS, rows);
    for (const query of ['', '?dryRun=false']) {
      const res = await upload(street1, 'people', file, query);
      expect(res.statusCode).toBe(200);
      expect(res.data).toMatchObject({ status: 'rejected', rowsTotal: 11, rowsCreated: 0, errorsTotal: 10 });
      const got = res.data.errors.map((e: { row: number; column: string }) => [e.row, e.column]);
      expect(got).toEqual([
        [3, '姓名'],
        [4, '身份证号码'],
        [5, '身份证号码'],
        [6, '联系电话'],
        [7, '人员类别'],
        [11, '流入日期'],
        [12, '地址编码'],
        [8, '地址编码'],
        [9, '地址编码'],
        [10, '网格编码'],
      ]);
      for (const e of res.data.errors) expect(e.reason).toMatch(/\(.+\)/);
      expect(res.data.errors.find((e: { row: number }) => e.row === 4).reason).toMatch(/校验码/);
      expect(JSON.stringify(res.data)).not.toContain(idNumber('19850505', 202));
    }
    expect(await peopleCount()).toBe(before);
  });

  it('a file without the required headers is refused as a whole', async () => {
    const res = await upload(street1, 'people', await workbook(['名字', '号码'], [['a', 'b']]));
    expect(res.data).toMatchObject({ status: 'failed', rowsCreated: 0 });
    expect(res.data.message).toMatch(/姓名/);
    const notXlsx = await upload(street1, 'people', Buffer.from('name,id\n'));
    expect(notXlsx.statusCode).toBe(400);
    const broken = await upload(
      street1,
      'people',
      Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(500, 7)]),
    );
    expect(broken.data).toMatchObject({ status: 'failed', rowsCreated: 0 });
    expect(broken.data.message).toMatch(/不是有效的 \.xlsx/);
    const worker = await t.login(`w${grid1.code}`);
    expect((await worker.get('/api/registers/imports/1')).statusCode).toBe(404); // not their job
  });

  it('reports duplicates within the file and against the register; nothing written', async () => {
    const before = await peopleCount();
    const dupe = idNumber('19700707', 301);
    const rows = [
      ['重复一', dupe, '', '', '', '', grid1.code, '', '', '', ''], // 2
      ['清白', idNumber('19700707', 302), '', '', '', '', grid1.code, '', '', '', ''], // 3
      ['重复二', dupe, '', '', '', '', grid1.code, '', '', '', ''], // 4: same as row 2
      ['已有', good()[0]![1], '', '', '', '', grid1.code, '', '', '', ''], // 5: registered before
      ['重复三', ` ${dupe.toLowerCase()} `, '', '', '', '', grid1.code, '', '', '', ''], // 6: same, other spelling
      ['已有二', good()[2]![1], '', '', '', '', grid1.code, '', '', '', ''], // 7
    ];
    const res = await upload(street1, 'people', await workbook(PEOPLE_HEADERS, rows), '?dryRun=false');
    expect(res.data).toMatchObject({ status: 'rejected', rowsTotal: 6, rowsCreated: 0, errorsTotal: 4 });
    const byRow = Object.fromEntries(
      res.data.errors.map((e: { row: number; reason: string }) => [e.row, e.reason]),
    );
    expect(byRow[4]).toMatch(/第 2 行/);
    expect(byRow[6]).toMatch(/第 2 行/);
    expect(byRow[5]).toMatch(/已登记/);
    expect(byRow[7]).toMatch(/已登记/);
    expect(await peopleCount()).toBe(before);
    // Street 2 learns only that the number is registered, never where.
    const other = await upload(
      street2,
      'people',
      await workbook(PEOPLE_HEADERS, [['他人', good()[0]![1], '', '', '', '', grid2.code, '', '', '', '']]),
    );
    expect(other.data.errors[0]).toMatchObject({ row: 2, column: '身份证号码' });
    expect(JSON.stringify(other.data)).not.toMatch(/personId/);
  });

  it('a retried import with the same Idempotency-Key returns the first job; the rows exist once', async () => {
    const before = await peopleCount();
    const rows = [
      ['重试甲', idNumber('19810101', 401), '', '', '', '', grid1.code, '', '', '', ''],
      ['重试乙', idNumber('19810101', 402), '', '', '', '', grid1.code, '', '', '', ''],
    ];
    const file = await workbook(PEOPLE_HEADERS, rows);
    const send = (key: string) => {
      const { body, contentType } = multipart([{ name: 'file', data: file, filename: 'people.xlsx' }]);
      return street1.request('POST', '/api/registers/import/people?dryRun=false', body, {
        'content-type': contentType,
        'idempotency-key': key,
      });
    };
    const first = await send('import-retry-0001');
    expect(first.data).toMatchObject({ status: 'succeeded', rowsCreated: 2 });
    const retried = await send('import-retry-0001');
    expect(retried.statusCode).toBe(200);
    expect(retried.data).toMatchObject({ id: first.data.id, status: 'succeeded', rowsCreated: 2 });
    expect(await peopleCount()).toBe(before + 2);
    // Another key is another import: the same people are refused as already registered.
    const other = await send('import-retry-0002');
    expect(other.data).toMatchObject({ status: 'rejected', rowsCreated: 0 });
    expect(await peopleCount()).toBe(before + 2);
  });

  it('streams a 100,000-row file as a background job with bounded memory', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'wangge-import-test-'));
    try {
      const file = path.join(dir, 'big.xlsx');
      const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
      const ws = writer.addWorksheet('实有人口');
      ws.addRow(PEOPLE_HEADERS).commit();
      const N = 100_000;
      for (let i = 0; i < N; i++) {
        const birth = new Date(Date.UTC(1950, 0, 1) + (i % 20_000) * 86_400_000)
          .toISOString()
          .slice(0, 10)
          .replaceAll('-', '');
        const first17 = `120115${birth}${String(Math.floor(i / 20_000)).padStart(3, '0')}`;
        ws.addRow([
          `批量${String.fromCharCode(0x4e00 + (i % 2000))}${String.fromCharCode(0x4e00 + ((i * 7) % 2000))}`,
          first17 + idNumberCheckChar(first17),
          `139${String(i).padStart(8, '0')}`,
          '汉族',
          '天津市东丽区',
          '',
          grid1.code,
          '户籍人口',
          '',
          '',
          '',
        ]).commit();
      }
      ws.commit();
      await writer.commit();
      const data = await readFile(file);
      const unzipped = unzippedSize(data);
      const before = await peopleCount();
      const { body, contentType } = multipart([{ name: 'file', data, filename: 'big.xlsx' }]);
      // Retained heap, not garbage: a full collection before each sample.
      v8.setFlagsFromString('--expose-gc');
      const gc = vm.runInNewContext('gc') as () => void;
      gc();
      const baseline = process.memoryUsage().heapUsed;
      let peak = baseline;
      const sample = () => {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      };
      const timer = setInterval(sample, 2000);
      try {
        const res = await street1.request('POST', '/api/registers/import/people?dryRun=false', body, {
          'content-type': contentType,
        });
        expect(res.statusCode).toBe(202);
        expect(res.headers.location).toBe(`/api/registers/imports/${res.data.id}`);
        // The progress bar of a running job: how far the file has been read, never going back.
        const seen: number[] = [];
        const done = await waitFor(street1, res.data.id, (job) => {
          if (job.status === 'running') seen.push(job.progress);
        });
        expect(seen.length).toBeGreaterThan(0);
        expect(seen).toEqual([...seen].sort((a, b) => a - b));
        expect(seen.at(-1)).toBeGreaterThan(0);
        expect(seen.at(-1)).toBeLessThanOrEqual(1);
        expect(done.progress).toBe(1);
        expect(done.errors.slice(0, 3)).toEqual([]);
        expect(done).toMatchObject({
          status: 'succeeded',
          rowsTotal: N,
          rowsDone: N,
          rowsCreated: N,
          errorsTotal: 0,
        });
      } finally {
        clearInterval(timer);
      }
      expect(await peopleCount()).toBe(before + N);
      const grams = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM register_digit_keys WHERE entity_type = 1`.execute(t.db);
      expect(grams.rows[0]!.n).toBeGreaterThanOrEqual(N * 5);
      // The workbook is never held whole: retained heap growth (the shared-strings table and the
      // within-file duplicate keys, both O(rows)) stays well below its unzipped XML.
      expect(unzipped).toBeGreaterThan(30 * 1024 * 1024);
      expect(peak - baseline).toBeLessThan(unzipped * 0.75);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 600_000);
});

describe('houses and units import', () => {
  it('imports houses (one per address) and units (credit codes checked, duplicates reported)', async () => {
    const free = await sql<{
      code: string;
    }>`SELECT a.code FROM addresses a WHERE a.grid_id = ${grid1.id} AND a.level = 'room'
      AND NOT EXISTS (SELECT 1 FROM houses h WHERE h.address_id = a.id AND h.retired_at IS NULL) LIMIT 1`.execute(
      t.db,
    );
    const houseHeaders = [
      '地址编码',
      '房屋用途',
      '建筑结构',
      '建筑面积（平方米）',
      '是否出租',
      '隐患等级',
      '是否危房',
      '备注',
    ];
    const taken = room1.code; // demo: every room has a house
    const houses = await workbook(houseHeaders, [
      ...(free.rows[0]
        ? [[free.rows[0].code, '住宅', '钢筋混凝土结构', 80, '是', '一般隐患', '否', '']]
        : []),
      [taken, '住宅', '砖木结构', 60, '否', '', '否', ''],
      [room1.code, '宫殿', '砖木结构', -3, '否', '重大隐患', '也许', ''],
    ]);
    const h = await upload(street1, 'houses', houses, '?dryRun=false');
    expect(h.data.status).toBe('rejected');
    const rowsOf = (errors: { row: number; column: string }[]) => errors.map((e) => `${e.row}:${e.column}`);
    const off = free.rows[0] ? 1 : 0;
    expect(rowsOf(h.data.errors)).toEqual([
      `${3 + off}:房屋用途`,
      `${3 + off}:建筑面积（平方米）`,
      `${3 + off}:是否危房`,
      `${3 + off}:隐患等级`,
      `${2 + off}:地址编码`,
    ]);
    expect(h.data.errors.find((e: { column: string }) => e.column === '地址编码').reason).toMatch(/已有房屋/);

    const unitHeaders = [
      '单位名称',
      '单位类别',
      '统一社会信用代码',
      '从业人数',
      '消防安全等级',
      '地址编码',
      '网格编码',
    ];
    const tmpl = new ExcelJS.Workbook();
    await tmpl.xlsx.load(
      (await street1.get('/api/registers/templates/units')).rawPayload as unknown as ArrayBuffer,
    );
    const code = String(tmpl.worksheets[0]!.getRow(3).getCell(3).value);
    const units = await workbook(unitHeaders, [
      ['导入单位甲', '个体商户', code, 3, '一般单位', '', grid1.code],
      ['导入单位乙', '企业', code, 5, '', '', grid1.code],
      ['导入单位丙', '企业', '91120110MA05X0000', 'x', '', '', grid1.code],
    ]);
    const u = await upload(street1, 'units', units, '?dryRun=false');
    expect(u.data.status).toBe('rejected');
    expect(rowsOf(u.data.errors)).toEqual(['4:统一社会信用代码', '4:从业人数', '3:统一社会信用代码']);
    const ok = await upload(
      street1,
      'units',
      await workbook(unitHeaders, [['导入单位甲', '个体商户', code, 3, '一般单位', '', grid1.code]]),
      '?dryRun=false',
    );
    expect(ok.data).toMatchObject({ status: 'succeeded', rowsCreated: 1 });
    const search = await street1.get(`/api/registers/search?q=${encodeURIComponent('导入单位甲')}`);
    expect(search.body).toContain('导入单位甲');
    const again = await upload(
      street1,
      'units',
      await workbook(unitHeaders, [['导入单位丁', '企业', code, 1, '', '', grid1.code]]),
    );
    expect(again.data).toMatchObject({
      status: 'rejected',
      errors: [{ reason: expect.stringMatching(/已登记/) }],
    });
  });
});

const ADDRESS_HEADERS = [
  '地址编码',
  '上级地址编码',
  '上级地址',
  '层级',
  '名称',
  '网格编码',
  '建筑编码',
  '经度',
  '纬度',
  '单元号',
  '楼层',
  '房号',
];

/** One address row by header, the rest blank. */
function addressRow(cells: Partial<Record<(typeof ADDRESS_HEADERS)[number], string | number>>) {
  return ADDRESS_HEADERS.map((h) => cells[h] ?? '');
}

async function addressCount() {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM addresses`.execute(t.db);
  return r.rows[0]!.n;
}

describe('address import', () => {
  let communityCode: string;
  let streetPath: string;
  /** A demo building of grid 1 whose location the grid index places in grid 1. */
  let building: { id: string; code: string; lon: number; lat: number };
  /** A point in another grid of street 1. */
  let elsewhere: { lon: number; lat: number };
  /** The unit above room 1. */
  let roomParent: { id: string; code: string; fullName: string; buildingId: string; unitNo: number };

  beforeAll(async () => {
    communityCode = grid1.code.slice(0, 12);
    streetPath = `${grid1.path.split('/').slice(0, 4).join('/')}/`;
    const buildings = await t.db
      .selectFrom('buildings as b')
      .innerJoin('org_units as o', 'o.id', 'b.grid_id')
      .select(['b.id', 'b.code', 'b.lon', 'b.lat', 'b.grid_id'])
      .where(sql<boolean>`starts_with(o.path, ${streetPath})`)
      .orderBy('b.id')
      .execute();
    building = buildings.find(
      (b) => b.grid_id === grid1.id && t.context.gridIndex.locate(b.lon, b.lat)?.id === grid1.id,
    )!;
    elsewhere = buildings.find(
      (b) => b.grid_id !== grid1.id && t.context.gridIndex.locate(b.lon, b.lat)?.id === b.grid_id,
    )!;
    expect(building && elsewhere).toBeTruthy();
    roomParent = (
      await sql<
        typeof roomParent
      >`SELECT p.id, p.code, p.full_name AS "fullName", p.building_id AS "buildingId",
        p.unit_no AS "unitNo" FROM addresses a JOIN addresses p ON p.id = a.parent_id
        WHERE a.code = ${room1.code}`.execute(t.db)
    ).rows[0]!;
  });

  it('the template read back is a valid tree for the demo community (dry run)', async () => {
    const community1 = await t.login('community1');
    const res = await community1.get('/api/registers/templates/addresses.xlsx');
    const dry = await upload(community1, 'addresses', res.rawPayload);
    expect(dry.data).toMatchObject({ status: 'succeeded', dryRun: true, rowsTotal: 5, errorsTotal: 0 });
  });

  it('imports a tree from one sheet: parents by code, by path or registered; grids from code, building, coordinates or parent', async () => {
    const rows = [
      addressRow({ 地址编码: 'IMP-R', 层级: '路/街巷', 名称: '导入测试路', 网格编码: communityCode }), // 2
      addressRow({ 地址编码: 'IMP-R-5', 上级地址编码: 'IMP-R', 层级: '门牌号', 名称: '5号' }), // 3
      addressRow({
        地址编码: 'IMP-R-5-1',
        上级地址编码: 'IMP-R-5',
        层级: '楼栋',
        名称: '1号楼',
        网格编码: grid1.code,
        建筑编码: building.code,
        经度: building.lon,
        纬度: building.lat,
      }), // 4
      addressRow({ 上级地址: '导入测试路/5号/1号楼', 层级: '单元', 名称: '1单元', 单元号: 1 }), // 5
      addressRow({
        上级地址: '导入测试路 / 5号 / 1号楼 / 1单元',
        层级: '房间',
        名称: '101室',
        楼层: 1,
        房号: '101',
      }), // 6
      addressRow({
        上级地址编码: 'IMP-R-5',
        层级: 'building',
        名称: '2号楼',
        经度: building.lon,
        纬度: building.lat,
      }), // 7
      addressRow({ 上级地址编码: roomParent.code, 层级: '房间', 名称: '9901室', 楼层: 99, 房号: '9901' }), // 8
    ];
    const file = await workbook(ADDRESS_HEADERS, rows);
    const before = await addressCount();
    const siblings = (
      await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM addresses WHERE parent_id = ${roomParent.id}`.execute(t.db)
    ).rows[0]!.n;

    const dry = await upload(street1, 'addresses', file);
    expect(dry.data).toMatchObject({ status: 'succeeded', dryRun: true, rowsTotal: 7, errors: [] });
    expect(await addressCount()).toBe(before);

    const applied = await upload(street1, 'addresses', file, '?dryRun=false');
    expect(applied.data).toMatchObject({ status: 'succeeded', rowsTotal: 7, rowsCreated: 7, errors: [] });
    expect(await addressCount()).toBe(before + 7);

    const community = (
      await t.db
        .selectFrom('org_units')
        .select('id')
        .where('code', '=', communityCode)
        .executeTakeFirstOrThrow()
    ).id;
    const generated = `${roomParent.code}.${siblings + 1}`;
    const expected = [
      // code, parent, level, full name, grid, building, unit, floor, room (file order)
      ['IMP-R', null, 'road', '导入测试路', community, null, null, null, null],
      ['IMP-R-5', 'IMP-R', 'number', '导入测试路5号', community, null, null, null, null],
      ['IMP-R-5-1', 'IMP-R-5', 'building', '导入测试路5号1号楼', grid1.id, building.id, null, null, null],
      ['IMP-R-5-1.1', 'IMP-R-5-1', 'unit', '导入测试路5号1号楼1单元', grid1.id, building.id, 1, null, null],
      [
        'IMP-R-5-1.1.1',
        'IMP-R-5-1.1',
        'room',
        '导入测试路5号1号楼1单元101室',
        grid1.id,
        building.id,
        1,
        1,
        '101',
      ],
      // Placed in grid 1 by its coordinates alone.
      ['IMP-R-5.2', 'IMP-R-5', 'building', '导入测试路5号2号楼', grid1.id, null, null, null, null],
      // Under a registered unit: the next number among its children.
      [
        generated,
        roomParent.code,
        'room',
        `${roomParent.fullName}9901室`,
        grid1.id,
        roomParent.buildingId,
        roomParent.unitNo,
        99,
        '9901',
      ],
    ];
    const made = await t.db
      .selectFrom('addresses as a')
      .leftJoin('addresses as p', 'p.id', 'a.parent_id')
      .select([
        'a.code',
        'p.code as parent',
        'a.level',
        'a.full_name',
        'a.grid_id',
        'a.building_id',
        'a.unit_no',
        'a.floor',
        'a.room',
      ])
      .where(
        'a.code',
        'in',
        expected.map((e) => e[0] as string),
      )
      .execute();
    const byCode = new Map(made.map((m) => [m.code, Object.values(m)]));
    expect(expected.map((e) => byCode.get(e[0] as string))).toEqual(expected);

    const search = await street1.get(`/api/registers/search?q=${encodeURIComponent('导入测试路')}`);
    expect(search.body).toContain('导入测试路5号1号楼1单元101室');
    expect(
      (await street2.get(`/api/registers/search?q=${encodeURIComponent('导入测试路')}`)).body,
    ).not.toContain('导入测试路');
    const room = await t.db
      .selectFrom('addresses')
      .select('id')
      .where('code', '=', 'IMP-R-5-1.1.1')
      .executeTakeFirstOrThrow();
    const history = await t.db
      .selectFrom('register_events')
      .select(['kind', 'changes'])
      .where('entity_type', '=', 'address')
      .where('entity_id', '=', room.id)
      .execute();
    expect(history).toEqual([
      {
        kind: 'created',
        changes: {
          level: 'room',
          code: 'IMP-R-5-1.1.1',
          fullName: '导入测试路5号1号楼1单元101室',
          source: 'import',
        },
      },
    ]);
    // The new room takes a house like any address.
    const house = await street1.post('/api/houses', {
      addressId: room.id,
      use: 'residential',
      structure: 'mixed',
    });
    expect(house.statusCode, house.body).toBe(201);
  });

  it('reports every bad row with its row number, column and reason; writes nothing', async () => {
    const demoRoad = (
      await sql<{ name: string }>`SELECT name FROM addresses WHERE parent_id IS NULL AND grid_id = ${grid1.id}
        AND retired_at IS NULL LIMIT 1`.execute(t.db)
    ).rows[0]!.name;
    const rows = [
      addressRow({ 地址编码: 'BAD-R', 层级: '路/街巷', 名称: '坏行测试路', 网格编码: communityCode }), // 2 fine
      addressRow({ 上级地址编码: 'NO-SUCH', 层级: '门牌号', 名称: '1号' }), // 3 unknown parent
      addressRow({ 上级地址编码: 'BAD-R', 层级: '单元', 名称: '1单元', 单元号: 1 }), // 4 a unit on the community's road: no grid
      addressRow({ 上级地址编码: 'BAD-R', 层级: '路/街巷', 名称: '支路' }), // 5 a road under a road
      addressRow({ 地址编码: 'BAD-R', 层级: '路/街巷', 名称: '另一条路', 网格编码: communityCode }), // 6 code as row 2
      addressRow({ 地址编码: room1.code, 上级地址编码: 'BAD-R', 层级: '门牌号', 名称: '2号' }), // 7 code registered
      addressRow({ 层级: '路/街巷', 名称: '越界路', 网格编码: grid2.code }), // 8 other street's grid
      addressRow({ 地址编码: 'BAD-N', 上级地址编码: 'BAD-R', 层级: '门牌号', 名称: '3号' }), // 9 fine
      addressRow({ 上级地址编码: 'BAD-N', 层级: '楼栋', 名称: '3号楼' }), // 10 a building on a community
      addressRow({
        上级地址编码: 'BAD-N',
        层级: '楼栋',
        名称: '4号楼',
        网格编码: grid1.code,
        经度: elsewhere.lon,
        纬度: elsewhere.lat,
      }), // 11 outside its grid
      addressRow({ 上级地址编码: 'BAD-N', 层级: '宫殿', 名称: '5号楼' }), // 12 no such level
      addressRow({ 上级地址: '坏行测试路/99号', 层级: '楼栋', 名称: '5号楼', 网格编码: grid1.code }), // 13 unknown path
      addressRow({ 上级地址: '坏行测试路/3号/3号楼', 层级: '单元', 名称: '1单元', 单元号: 1 }), // 14 parent is row 10
      addressRow({
        地址编码: 'BAD-B',
        上级地址编码: 'BAD-N',
        层级: '楼栋',
        名称: '6号楼',
        网格编码: grid1.code,
      }), // 15 fine
      addressRow({ 上级地址编码: 'BAD-B', 层级: '单元', 名称: '2单元' }), // 16 no unit number
      addressRow({ 上级地址编码: 'BAD-B', 层级: '房间', 名称: '201室' }), // 17 a room needs a unit and a floor
      addressRow({ 上级地址编码: 'BAD-B', 层级: '单元', 名称: '3单元', 单元号: 3 }), // 18 fine
      addressRow({ 上级地址编码: 'BAD-B', 层级: '单元', 名称: '3单元', 单元号: 4 }), // 19 same name as row 18
      addressRow({ 上级地址编码: 'BAD-N', 层级: '楼栋', 名称: '7号楼', 网格编码: grid1.code, 经度: 117.3 }), // 20 no latitude
      addressRow({ 层级: '路/街巷', 名称: demoRoad, 网格编码: grid1.code }), // 21 a road of that name is registered
      addressRow({ 上级地址编码: 'BAD-B', 层级: '门牌号', 名称: '9号' }), // 22 a number under a building
    ];
    const file = await workbook(ADDRESS_HEADERS, rows);
    const before = await addressCount();
    for (const query of ['', '?dryRun=false']) {
      const res = await upload(street1, 'addresses', file, query);
      expect(res.data).toMatchObject({ status: 'rejected', rowsTotal: 21, rowsCreated: 0 });
      const got = res.data.errors
        .map((e: { row: number; column: string }) => `${e.row}:${e.column}`)
        .sort((a: string, b: string) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
      expect(got).toEqual([
        '3:上级地址编码',
        '4:网格编码',
        '5:上级地址编码',
        '6:地址编码',
        '7:地址编码',
        '8:网格编码',
        '10:网格编码',
        '11:经度',
        '12:层级',
        '13:上级地址',
        '14:上级地址',
        '16:单元号',
        '17:楼层',
        '19:名称',
        '20:纬度',
        '21:名称',
        '22:层级',
      ]);
      const reason = (row: number) => res.data.errors.find((e: { row: number }) => e.row === row).reason;
      expect(reason(3)).toMatch(/不存在/);
      expect(reason(6)).toMatch(/第 2 行/);
      expect(reason(7)).toMatch(/已存在/);
      expect(reason(10)).toMatch(/一个网格/);
      expect(reason(11)).toMatch(new RegExp(`网格 ${grid1.code} 的边界`));
      expect(reason(14)).toMatch(/第 10 行/);
      expect(reason(19)).toMatch(/第 18 行/);
      expect(reason(21)).toMatch(/同名/);
      for (const e of res.data.errors) expect(e.reason).toMatch(/\(.+\)/);
    }
    expect(await addressCount()).toBe(before);

    // Another street's operator cannot hang anything on street 1's addresses: they do not exist there.
    const other = await upload(
      street2,
      'addresses',
      await workbook(ADDRESS_HEADERS, [
        addressRow({ 上级地址编码: roomParent.code, 层级: '房间', 名称: '9902室', 楼层: 99 }),
        addressRow({ 上级地址: '导入测试路/5号', 层级: '楼栋', 名称: '9号楼', 网格编码: grid2.code }),
      ]),
    );
    expect(other.data.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual([
      '2:上级地址编码',
      '3:上级地址',
    ]);
    expect(other.data.errors[0].reason).toMatch(/不在您的管辖范围内/);
  });
});

describe('register export', () => {
  async function read(res: { rawPayload: Buffer }) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: string[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    return rows;
  }

  it('exports people in scope only, with ID and phone numbers masked; audited', async () => {
    const res = await street1.get(`/api/registers/export/people.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const rows = await read(res);
    const header = rows[0]!;
    expect(header).toContain('身份证号码（脱敏）');
    const idCol = header.indexOf('身份证号码（脱敏）');
    const phoneCol = header.indexOf('联系电话（脱敏）');
    const gridCol = header.indexOf('网格编码');
    const inDb = await sql<{ n: number }>`SELECT count(*)::int AS n FROM people WHERE starts_with(grid_path, (
      SELECT o.path FROM users u JOIN user_assignments a ON a.user_id = u.id JOIN org_units o ON o.id = a.org_unit_id
      WHERE u.username = 'street1'))`.execute(t.db);
    expect(rows.length - 1).toBe(inDb.rows[0]!.n);
    const streetCode = grid1.code.slice(0, 9);
    for (const r of rows.slice(1)) {
      expect(r[gridCol]!.startsWith(streetCode)).toBe(true);
      expect(r[idCol]).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
      if (r[phoneCol]) expect(r[phoneCol]).toContain('*');
    }
    const jia = rows.find((r) => r[0] === '导入甲')!;
    expect(jia[idCol]).not.toContain('19800101');
    expect(rows.some((r) => r[0] === '他人')).toBe(false);
    const flat = rows.flat().join('|');
    expect(flat).not.toContain(idNumber('19800101', 101));
    expect(flat).not.toContain('13900000001');

    const other = await read(await street2.get('/api/registers/export/people'));
    expect(other.some((r) => r[0] === '导入甲')).toBe(false);
    expect(other.slice(1).every((r) => !r[gridCol]!.startsWith(streetCode))).toBe(true);

    const within = await read(await street1.get(`/api/registers/export/people?within=${grid1.id}`));
    expect(within.slice(1).every((r) => r[gridCol] === grid1.code)).toBe(true);
    expect((await street2.get(`/api/registers/export/people?within=${grid1.id}`)).statusCode).toBe(404);

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'registers.export')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
  }, 600_000);

  it('exports the addresses of the scope, parents before children, under the import headers', async () => {
    const rows = await read(await street1.get(`/api/registers/export/addresses`));
    const header = rows[0]!;
    for (const h of [
      '地址编码',
      '上级地址编码',
      '层级',
      '名称',
      '网格编码',
      '建筑编码',
      '单元号',
      '楼层',
      '房号',
    ])
      expect(header).toContain(h);
    const at = (code: string) => rows.findIndex((r) => r[0] === code);
    const room = rows[at('IMP-R-5-1.1.1')]!;
    expect(room[header.indexOf('完整地址')]).toBe('导入测试路5号1号楼1单元101室');
    expect(room[header.indexOf('层级')]).toBe('房间');
    expect(rows[at('IMP-R-5-1')]![header.indexOf('经度')]).not.toBe('');
    const parentCol = header.indexOf('上级地址编码');
    for (const [k, r] of rows.entries()) if (k > 0 && r[parentCol]) expect(at(r[parentCol]!)).toBeLessThan(k);
    const street = `${grid1.path.split('/').slice(0, 4).join('/')}/`;
    const inDb = await sql<{ n: number }>`SELECT count(*)::int AS n FROM addresses
      WHERE retired_at IS NULL AND starts_with(grid_path, ${street})`.execute(t.db);
    expect(rows.length - 1).toBe(inDb.rows[0]!.n);
    const other = await read(await street2.get('/api/registers/export/addresses'));
    expect(other.some((r) => r[0] === 'IMP-R')).toBe(false);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'registers.export')
      .where('target_type', '=', 'addresses')
      .execute();
    expect(audit.length).toBe(2);
  });

  it('exports houses and units of the scope', async () => {
    const houses = await read(await street1.get('/api/registers/export/houses'));
    expect(houses[0]).toContain('房屋用途');
    expect(houses.length).toBeGreaterThan(1);
    const units = await read(await street1.get(`/api/registers/export/units?within=${grid1.id}`));
    expect(units.some((r) => r[0] === '导入单位甲')).toBe(true);
  });
});
