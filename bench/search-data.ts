// The search benchmark's city: the 5,880-grid Hohhot demo with its buildings, and generated
// registers at Pidu's scale (2,740,000 people by default) — addresses down to rooms, one house per
// room, households of people with valid ID numbers and phones, roles, house links, special and care
// groups, and units with valid credit codes. Rows are written to tab-separated files first, then
// streamed into PostgreSQL with COPY (foreign-key triggers off, secondary indexes built after the
// load); the search postings go last, timed on their own, the way a rebuild of the index would run.
// The finished database is kept, named by a hash of everything that shapes it, so re-runs skip
// the load.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import {
  CARE_GROUP_TYPES,
  createRandom,
  creditCodeCheckChar,
  idNumberCheckChar,
  organizationCodeCheckChar,
} from '@wangge/rules';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createDb } from '../apps/server/src/db/database.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { hashPassword } from '../apps/server/src/modules/auth/passwords.ts';
import { generateDemo } from '../apps/server/src/modules/demo/generate.ts';
import { DEMO_PASSWORD } from '../apps/server/src/modules/demo/logins.ts';
import { personName } from '../apps/server/src/modules/demo/names.ts';
import { chance, int, pick, type Rng } from '../apps/server/src/modules/demo/random.ts';
import { seedDemo } from '../apps/server/src/modules/demo/seed.ts';
import type { DemoBuilding, DemoData } from '../apps/server/src/modules/demo/types.ts';
import { DataCipher } from '../apps/server/src/modules/registers/privacy/crypto.ts';
import { gramsOf } from '../apps/server/src/modules/registers/shared.ts';

export interface SearchSizes {
  people: number;
  units: number;
}

export interface BuildReport {
  generateSeconds: number;
  loadSeconds: number;
  indexSeconds: number;
  rows: Record<string, number>;
  databaseBytes: number;
}

export interface SearchDatabase {
  url: string;
  name: string;
  cached: boolean;
  report: BuildReport;
  /** Grids that got a full-time grid worker login `w<code>`. */
  workerGrids: string[];
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PREFIX = 'wangge_bench_search_';
const SCHEMA = ['0008_registers.sql', '0014_register_search_keys.sql'];
/** Every WORKER_EVERY-th grid gets a grid worker login, so grid-scope queries span the city. */
const WORKER_EVERY = 196;
/** Mean of HOUSEHOLD_SIZES is 2.75; rooms are laid out for 8 % vacancy on top. */
const HOUSEHOLD_SIZES = [1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 2, 3, 4, 1, 2, 3, 2, 3, 5];
const ROOMS_PER_PERSON = 1.08 / 2.75;

// Surname shares (per mille, 2020 census order): 张伟 is as common here as in life.
const SURNAMES: [string, number][] = (
  '王71 李70 张67 刘51 陈46 杨32 黄25 赵23 吴21 周19 徐16 孙14 马13 朱12 胡11 郭11 何11 林10 高10 罗9 ' +
  '郑9 梁8 谢7 宋7 唐7 许6 韩6 冯6 邓6 曹6 彭5 曾5 肖5 田5 董5 潘5 袁5 于5 蒋5 蔡5 余4 杜4 叶4 程4 苏4 ' +
  '魏4 吕4 丁4 任4 沈4 姚3 卢3 姜3 崔3 钟3 谭3 陆3 汪3 范3 金3 石2 廖2 贾2 夏2 韦2 付2 方2 白2 邹2 孟2 ' +
  '熊2 秦2 邱2 江2 尹2 薛2 闫2 段1 雷1 侯1 龙1 史1 陶1 黎1 贺1 顾1 毛1 郝1 龚1 邵1 万1 钱1 严1 武1 戴1'
)
  .split(' ')
  .map((s) => [s[0]!, Number(s.slice(1))]);
/** Rare surnames, a few hundredths of a per cent each: the "rare name" queries. */
const RARE_SURNAMES = '仝亓蔺昝晏佟阚蒯濮訾'.split('');
/** Mongolian names, common in Hohhot; written in full, no surname. */
const MONGOLIAN =
  '巴特尔 乌云 其木格 斯琴 图雅 阿拉坦 娜仁花 额尔敦 苏日娜 那顺 朝鲁 格日勒 宝音 乌兰 敖登 孟和'.split(' ');

const COMPOUND_HEADS =
  '锦绣 阳光 金地 万达 恒大 绿城 保利 华润 兴泰 巨海 丁香 紫薇 海亮 中海 富力 东方 世纪 青城 盛乐 如意 滨河 万科 鹿城 金桥 和平 民族 园丁 铁路 电力 邮电'.split(
    ' ',
  );
const COMPOUND_TAILS =
  '花园 家园 小区 公寓 华府 名都 新城 嘉园 雅居 佳苑 丽景 府邸 东区 西区 南院 北院'.split(' ');
/** About 1.5 % of the grids are science-park compounds: the "科技园" address queries. */
const SCIENCE_PARKS = [
  '科技园小区',
  '科技园公寓',
  '软件科技园家属院',
  '金桥科技园',
  '科技园东区',
  '科技园西区',
];

const FIRM_WORDS =
  '鑫达 恒通 宏盛 华创 金鼎 瑞丰 伊泰 蒙兴 草原 塞北 青城 北疆 天骄 敕勒 大盛 昭君 永顺 兴旺 正大 博远 众诚 佳和 德润 汇通 安达 鸿运 利民 长城 万家 聚源 宝丰 同心 嘉禾 锦程 天成 华夏 金桥 盛世 新元 广源 恒信 百川 东方 中联 九州 腾飞 汇丰 和顺 益民 诚信'.split(
    ' ',
  );
const TRADES =
  '科技 商贸 餐饮管理 建筑工程 物流 文化传媒 房地产开发 信息技术 农牧业 医药 环保科技 电子商务 物业服务 教育咨询 装饰工程 汽车服务'.split(
    ' ',
  );
const FORMS = ['有限公司', '有限责任公司', '股份有限公司'];
const SHOPS = '便利店 超市 理发店 药店 水果店 五金店 烟酒店 母婴店 手机店 眼镜店 花店 文具店'.split(' ');
const SMALL = '小吃店 面馆 烧烤店 洗衣店 修理部 小作坊 奶茶店 包子铺 羊肉馆 早餐店'.split(' ');
const FLOATING_REGIONS = ['130921', '371402', '411602', '341202', '152601', '150202', '140802', '622901'];
const SPECIAL_RATES: [string, number][] = [
  ['01', 0.002],
  ['02', 0.0005],
  ['03', 0.003],
  ['04', 0.001],
  ['05', 0.0005],
  ['06', 0.001],
  ['07', 0.0005],
];

function weighted(entries: [string, number][]) {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let acc = 0;
  const cumulative = entries.map(([v, w]) => {
    acc += w;
    return [v, acc / total] as const;
  });
  return (rng: Rng) => {
    const x = rng.next();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]![1] < x) lo = mid + 1;
      else hi = mid;
    }
    return cumulative[lo]![0];
  };
}
const surname = weighted(SURNAMES);

function fullName(rng: Rng): string {
  const r = rng.next();
  if (r < 0.02) return pick(rng, MONGOLIAN);
  // personName draws the given name from the demo's list; the surname follows real frequencies.
  const given = personName(rng).slice(1);
  return (r < 0.0205 ? pick(rng, RARE_SURNAMES) : surname(rng)) + given;
}

/** One COPY text-format file per table; rows are buffered and written in ~1 MB chunks. */
class TsvFile {
  rows = 0;
  private parts: string[] = [];
  private size = 0;
  private readonly out: WriteStream;

  constructor(
    readonly table: string,
    readonly columns: readonly string[],
    readonly file: string,
  ) {
    this.out = createWriteStream(file);
  }

  add(values: readonly (string | number | boolean | null | Buffer)[]): void {
    const line = `${values.map(field).join('\t')}\n`;
    this.parts.push(line);
    this.size += line.length;
    this.rows++;
  }

  async flush(force = false): Promise<void> {
    if (!force && this.size < 1 << 20) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.out.write(chunk)) await new Promise((resolve) => this.out.once('drain', resolve));
  }

  async close(): Promise<void> {
    await this.flush(true);
    await new Promise<void>((resolve, reject) =>
      this.out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
  }
}

function field(v: string | number | boolean | null | Buffer): string {
  if (v === null) return '\\N';
  if (Buffer.isBuffer(v)) return `\\\\x${v.toString('hex')}`;
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return String(v);
}

interface Org {
  id: string;
  code: string;
  path: string;
  name: string;
}

/** Writes every register table's rows for the city to files in `dir`; returns the files. */
async function generate(
  dir: string,
  sizes: SearchSizes,
  data: DemoData,
  orgs: Map<string, Org>,
  cipher: DataCipher,
  firstIds: Record<'addresses' | 'houses' | 'people' | 'units' | 'buildings', number>,
) {
  const rng = createRandom(0x5ea7c4);
  const file = (table: string, columns: string[]) =>
    new TsvFile(table, columns, path.join(dir, `${table}.tsv`));
  const out = {
    buildings: file('buildings', [
      'id',
      'grid_id',
      'code',
      'name',
      'address',
      'lon',
      'lat',
      'floors',
      'units',
      'households',
    ]),
    addresses: file('addresses', [
      'id',
      'parent_id',
      'level',
      'code',
      'name',
      'full_name',
      'grid_id',
      'grid_path',
      'building_id',
      'unit_no',
      'floor',
      'room',
    ]),
    houses: file('houses', [
      'id',
      'address_id',
      'grid_id',
      'grid_path',
      'use',
      'structure',
      'area_m2',
      'is_rental',
      'rental_hazard',
      'is_dangerous',
    ]),
    people: file('people', [
      'id',
      'name',
      'gender',
      'birth_date',
      'ethnicity',
      'id_number_enc',
      'id_number_hash',
      'phone_enc',
      'phone_hash',
      'hukou_place',
      'address_id',
      'grid_id',
      'grid_path',
    ]),
    roles: file('person_roles', ['person_id', 'kind', 'data', 'valid_from']),
    links: file('person_house_links', ['person_id', 'house_id', 'kind', 'valid_from']),
    special: file('special_group_records', [
      'person_id',
      'type_code',
      'extra',
      'attention_level',
      'opened_on',
    ]),
    care: file('care_group_records', ['person_id', 'type_code', 'extra', 'attention_level', 'opened_on']),
    units: file('units', [
      'id',
      'kind',
      'name',
      'credit_code',
      'legal_rep_person_id',
      'employees',
      'fire_safety_level',
      'address_id',
      'grid_id',
      'grid_path',
    ]),
    unitPeople: file('unit_people', ['unit_id', 'person_id', 'role', 'valid_from']),
    grams: file('register_grams', ['gram', 'entity_type', 'entity_id', 'grid_path']),
    digits: file('register_digit_keys', ['digest', 'entity_type', 'entity_id', 'grid_path']),
  };
  const ids = { ...firstIds };
  const next = (table: keyof typeof ids) => String(ids[table]++);
  const grams = (type: number, id: string, gridPath: string, text: string) => {
    for (const g of gramsOf([text])) out.grams.add([g, type, id, gridPath]);
  };

  const byGrid = new Map<string, DemoBuilding[]>();
  for (const b of data.buildings) byGrid.set(b.gridCode, [...(byGrid.get(b.gridCode) ?? []), b]);
  const totalHouseholds = data.buildings.reduce((s, b) => s + b.households, 0);
  const roomShare = (sizes.people * ROOMS_PER_PERSON) / totalHouseholds;
  const unitShare = sizes.units / Math.max(1, sizes.people);
  const districtOf = (gridCode: string) => orgs.get(`${gridCode.slice(0, 6)}000000`)!;
  const idTaken = new Set<string>();
  const creditTaken = new Set<string>();
  let roomCarry = 0;
  let unitCarry = 0;
  let peopleCarry = 0;
  let peopleLeft = sizes.people;
  let gridsLeft = byGrid.size;

  for (const [gridCode, buildings] of [...byGrid.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const grid = orgs.get(gridCode)!;
    const district = districtOf(gridCode);
    const gridRooms: { addressId: string; houseId: string; rental: boolean }[] = [];
    // Road and house number as the demo writes them: '<district><road><n>号<building>'.
    const sample = buildings[0]!;
    const rest = sample.address.slice(district.name.length, -sample.name.length);
    const m = /^(.*?)(\d+号)$/.exec(rest);
    const road = m?.[1] ?? rest;
    const number = m?.[2] ?? '1号';
    const compound = chance(rng, 0.015)
      ? pick(rng, SCIENCE_PARKS)
      : pick(rng, COMPOUND_HEADS) + pick(rng, COMPOUND_TAILS);
    const roadId = next('addresses');
    const numberId = next('addresses');
    const addAddress = (
      id: string,
      parent: string | null,
      level: string,
      code: string,
      name: string,
      full: string,
      building: string | null,
      unitNo: number | null,
      floor: number | null,
      room: string | null,
    ) => {
      out.addresses.add([
        id,
        parent,
        level,
        code,
        name,
        full,
        grid.id,
        grid.path,
        building,
        unitNo,
        floor,
        room,
      ]);
      grams(2, id, grid.path, full);
    };
    addAddress(roadId, null, 'road', `${gridCode}R`, road, road, null, null, null, null);
    addAddress(numberId, roadId, 'number', `${gridCode}N`, number, road + number, null, null, null, null);
    for (const b of buildings) {
      const buildingId = next('buildings');
      const name = compound + b.name;
      const full = road + number + name;
      out.buildings.add([
        buildingId,
        grid.id,
        b.code,
        name,
        district.name + full,
        b.lon,
        b.lat,
        b.floors,
        b.units,
        b.households,
      ]);
      const addressId = next('addresses');
      addAddress(addressId, numberId, 'building', b.code, name, full, buildingId, null, null, null);
      roomCarry += b.households * roomShare;
      let rooms = Math.floor(roomCarry);
      roomCarry -= rooms;
      const perFloor = Math.max(1, Math.ceil(rooms / (b.units * b.floors)));
      const unitIds: string[] = [];
      for (let u = 1; u <= b.units; u++) {
        const id = next('addresses');
        unitIds.push(id);
        addAddress(
          id,
          addressId,
          'unit',
          `${b.code}-${u}`,
          `${u}单元`,
          `${full}${u}单元`,
          buildingId,
          u,
          null,
          null,
        );
      }
      for (let f = 1; f <= b.floors && rooms > 0; f++) {
        for (let u = 1; u <= b.units && rooms > 0; u++) {
          for (let k = 1; k <= perFloor && rooms > 0; k++, rooms--) {
            const room = `${f}${String(k).padStart(2, '0')}`;
            const id = next('addresses');
            addAddress(
              id,
              unitIds[u - 1]!,
              'room',
              `${b.code}-${u}-${room}`,
              `${room}室`,
              `${full}${u}单元${room}室`,
              buildingId,
              u,
              f,
              room,
            );
            const rental = chance(rng, 0.15);
            const houseId = next('houses');
            out.houses.add([
              houseId,
              id,
              grid.id,
              grid.path,
              'residential',
              pick(rng, ['reinforced_concrete', 'mixed', 'steel_concrete', 'brick_wood']),
              int(rng, 45, 140),
              rental,
              rental ? pick(rng, ['none', 'none', 'none', 'general', 'major']) : null,
              chance(rng, 0.003),
            ]);
            gridRooms.push({ addressId: id, houseId, rental });
          }
        }
      }
    }

    // People: in proportion to the grid's rooms, household by household; rooms left over stay
    // vacant, and the last grid takes whatever rounding left.
    peopleCarry += gridRooms.length / ROOMS_PER_PERSON;
    let gridPeople = --gridsLeft === 0 ? peopleLeft : Math.min(peopleLeft, Math.floor(peopleCarry));
    peopleCarry -= gridPeople;
    if (gridPeople > 0 && gridRooms.length === 0)
      throw new Error(`grid ${gridCode} has no rooms for its people`);
    const firstPerson = ids.people;
    for (let r = 0; gridPeople > 0; r++) {
      const room = gridRooms[r % gridRooms.length]!;
      const size = r < gridRooms.length ? Math.min(pick(rng, HOUSEHOLD_SIZES), gridPeople) : 1;
      const floating = room.rental ? chance(rng, 0.85) : chance(rng, 0.06);
      for (let k = 0; k < size; k++, gridPeople--, peopleLeft--) {
        const age =
          size === 1 && chance(rng, 0.2) ? int(rng, 66, 92) : k >= 2 ? int(rng, 1, 17) : int(rng, 22, 80);
        const region = floating
          ? pick(rng, FLOATING_REGIONS)
          : chance(rng, 0.8)
            ? district.code.slice(0, 6)
            : pick(rng, [
                '150102',
                '150103',
                '150104',
                '150105',
                '150121',
                '150122',
                '150123',
                '150124',
                '150125',
              ]);
        let idNumber = '';
        do {
          const birth = `${2025 - age}${String(int(rng, 1, 12)).padStart(2, '0')}${String(int(rng, 1, 28)).padStart(2, '0')}`;
          const first17 = `${region}${birth}${String(int(rng, 0, 999)).padStart(3, '0')}`;
          idNumber = first17 + idNumberCheckChar(first17);
        } while (idTaken.has(idNumber));
        idTaken.add(idNumber);
        const phone =
          age >= 14 && chance(rng, 0.9)
            ? pick(rng, [
                '130',
                '131',
                '135',
                '136',
                '138',
                '139',
                '150',
                '151',
                '158',
                '180',
                '186',
                '189',
              ]) + String(int(rng, 0, 99_999_999)).padStart(8, '0')
            : null;
        const personId = next('people');
        const name = fullName(rng);
        const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
        out.people.add([
          personId,
          name,
          Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
          birthDate,
          MONGOLIAN.includes(name)
            ? '蒙古族'
            : chance(rng, 0.95)
              ? '汉族'
              : pick(rng, ['回族', '满族', '蒙古族']),
          cipher.encrypt(idNumber),
          cipher.hash('id', idNumber),
          phone ? cipher.encrypt(phone) : null,
          phone ? cipher.hash('phone', phone) : null,
          floating
            ? pick(rng, ['河北省沧州市', '山东省德州市', '河南省周口市', '安徽省阜阳市'])
            : '内蒙古呼和浩特市',
          room.addressId,
          grid.id,
          grid.path,
        ]);
        grams(1, personId, grid.path, name);
        for (const d of cipher.fragmentsOf(idNumber, phone)) out.digits.add([d, 1, personId, grid.path]);
        out.roles.add([
          personId,
          floating ? 'floating' : 'registered',
          floating
            ? '{"inflow_reason":"work","origin":"河北省沧州市","expected_stay_months":12}'
            : '{"hukou_type":"urban"}',
          floating ? '2024-01-01' : birthDate,
        ]);
        if (chance(rng, 0.003)) out.roles.add([personId, 'overseas', '{"nationality":"MNG"}', '2023-05-01']);
        out.links.add([personId, room.houseId, room.rental ? 'tenant' : 'resident', '2020-01-01']);
        if (k === 0 && !room.rental) out.links.add([personId, room.houseId, 'owner', '2015-06-01']);
        if (age >= 18) {
          for (const [code, rate] of SPECIAL_RATES) {
            if (chance(rng, rate))
              out.special.add([
                personId,
                code,
                '{}',
                pick(rng, ['normal', 'normal', 'medium', 'serious']),
                '2023-03-01',
              ]);
          }
        }
        const care =
          size === 1 && age >= 66
            ? 'elderly_alone'
            : chance(rng, 0.01)
              ? 'disabled'
              : chance(rng, 0.01)
                ? 'low_income'
                : null;
        if (care && CARE_GROUP_TYPES.some((t) => t.key === care))
          out.care.add([personId, care, '{}', 'normal', '2024-01-01']);
      }
    }

    // Units of this grid, at its house number; legal representatives are its residents.
    unitCarry += (ids.people - firstPerson) * unitShare;
    const units = Math.floor(unitCarry);
    unitCarry -= units;
    const districtShort = district.name;
    for (let k = 0; k < units; k++) {
      const r = rng.next();
      const kind =
        r < 0.4
          ? 'enterprise'
          : r < 0.7
            ? 'shop'
            : r < 0.95
              ? 'three_small'
              : r < 0.97
                ? 'school'
                : r < 0.98
                  ? 'hospital'
                  : 'social_org';
      const firm = pick(rng, FIRM_WORDS) + (chance(rng, 0.5) ? pick(rng, FIRM_WORDS) : '');
      const name =
        kind === 'enterprise'
          ? `${pick(rng, ['呼和浩特市', '内蒙古', '呼和浩特', ''])}${firm}${pick(rng, TRADES)}${pick(rng, FORMS)}`
          : kind === 'shop'
            ? `${districtShort}${firm}${pick(rng, SHOPS)}`
            : kind === 'three_small'
              ? `${surname(rng)}记${pick(rng, SMALL)}`
              : kind === 'school'
                ? `呼和浩特市${firm}${pick(rng, ['小学', '中学', '幼儿园', '职业学校'])}`
                : kind === 'hospital'
                  ? `${districtShort}${firm}${pick(rng, ['医院', '诊所', '社区卫生服务站'])}`
                  : `${districtShort}${firm}${pick(rng, ['志愿者协会', '商会', '养老服务中心'])}`;
      const unitId = next('units');
      const legal =
        (kind === 'enterprise' || kind === 'shop') && ids.people > firstPerson
          ? String(int(rng, firstPerson, ids.people - 1))
          : null;
      out.units.add([
        unitId,
        kind,
        name,
        creditCode(rng, creditTaken, kind),
        legal,
        kind === 'enterprise' ? int(rng, 3, 300) : int(rng, 1, 12),
        kind === 'school' || kind === 'hospital' ? 'key' : chance(rng, 0.1) ? 'high_risk' : 'general',
        numberId,
        grid.id,
        grid.path,
      ]);
      if (legal) out.unitPeople.add([unitId, legal, 'legal_rep', '2022-01-01']);
      grams(3, unitId, grid.path, name);
    }
    await Promise.all(Object.values(out).map((f) => f.flush()));
  }
  await Promise.all(Object.values(out).map((f) => f.close()));
  return out;
}

function creditCode(rng: Rng, taken: Set<string>, kind: string): string {
  const head = kind === 'shop' || kind === 'three_small' ? '92' : kind === 'social_org' ? '52' : '91';
  for (;;) {
    const org = String(int(rng, 0, 99_999_999)).padStart(8, '0');
    const first17 = `${head}150100${org}${organizationCodeCheckChar(org)}`;
    const code = first17 + creditCodeCheckChar(first17);
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The cache key: sizes, this generator, the search-relevant schema, the rules of grams, the key. */
async function cacheName(sizes: SearchSizes, dataKey: Buffer): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(sizes));
  hash.update(await readFile(fileURLToPath(import.meta.url)));
  // The migrations that define the registers and their postings; later ones are applied on open.
  for (const f of SCHEMA) hash.update(f).update(await readFile(path.join(ROOT, 'apps/server/migrations', f)));
  hash.update(await readFile(path.join(ROOT, 'packages/rules/src/registers/search-keys.ts')));
  hash.update(createHash('sha256').update(dataKey).digest());
  return `${PREFIX}${hash.digest('hex').slice(0, 12)}`;
}

async function admin<T>(serverUrl: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

function workerGridsOf(data: DemoData): string[] {
  return data.grids.filter((_, i) => i % WORKER_EVERY === 0).map((g) => g.code);
}

/**
 * The city database for these sizes: the cached one when it exists (a previous run finished it),
 * else built now. Older builds (other sizes, an older generator or schema) are dropped.
 */
export async function openSearchDatabase(
  serverUrl: string,
  sizes: SearchSizes,
  dataKey: Buffer,
): Promise<SearchDatabase> {
  const name = await cacheName(sizes, dataKey);
  const url = withDatabase(serverUrl, name);
  const data = generateDemo({ scale: 'city', seed: 1, buildings: true });
  const workerGrids = workerGridsOf(data);
  const existing = await admin(serverUrl, async (c) => {
    const { rows } = await c.query<{ datname: string; comment: string | null }>(
      `SELECT datname, shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname LIKE $1`,
      [`${PREFIX}%`],
    );
    for (const r of rows) {
      // A build that did not finish has no report in its comment: rebuild it.
      if (r.datname !== name || !r.comment) await c.query(`DROP DATABASE ${r.datname} WITH (FORCE)`);
    }
    return rows.find((r) => r.datname === name && r.comment)?.comment ?? null;
  });
  if (existing) {
    await migrate(url);
    return { url, name, cached: true, report: JSON.parse(existing) as BuildReport, workerGrids };
  }
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  try {
    const report = await build(url, sizes, data, workerGrids, dataKey);
    await admin(serverUrl, (c) => c.query(`COMMENT ON DATABASE ${name} IS '${JSON.stringify(report)}'`));
    return { url, name, cached: false, report, workerGrids };
  } catch (err) {
    await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    throw err;
  }
}

async function build(
  url: string,
  sizes: SearchSizes,
  data: DemoData,
  workerGrids: string[],
  dataKey: Buffer,
): Promise<BuildReport> {
  await migrate(url);
  const db = createDb(url, { max: 2 });
  const workers = workerGrids.map((code, i) => ({
    username: `w${code}`,
    displayName: `网格员${i + 1}`,
    phone: `1390000${String(i).padStart(4, '0')}`,
    password: DEMO_PASSWORD,
    roles: ['grid_worker_full'],
    orgUnitCodes: [code],
    departmentCodes: [],
    team: [{ gridCode: code, teamRole: 'full_time' as const }],
  }));
  // Buildings go in with the registers (COPY); the demo seeder would also fill them with people.
  await seedDemo(
    db,
    { ...data, buildings: [], users: [...data.users, ...workers] },
    { hashPassword, dataKey },
  );
  const orgs = new Map(
    (await db.selectFrom('org_units').select(['id', 'code', 'path', 'name']).execute()).map((o) => [
      o.code,
      o,
    ]),
  );
  const firstIds = { addresses: 1, houses: 1, people: 1, units: 1, buildings: 1 };
  for (const table of Object.keys(firstIds) as (keyof typeof firstIds)[]) {
    const rows = await query(url, `SELECT coalesce(max(id), 0)::bigint AS n FROM ${table}`);
    firstIds[table] = Number(rows[0]!.n) + 1;
  }
  await db.destroy();

  const dir = await mkdtemp(path.join(os.tmpdir(), 'wangge-bench-search-'));
  try {
    let t0 = performance.now();
    const files = await generate(dir, sizes, data, orgs, new DataCipher(dataKey), firstIds);
    const generateSeconds = (performance.now() - t0) / 1000;
    console.log(`generated the registers' rows in ${generateSeconds.toFixed(1)} s`);

    const { grams, digits, ...base } = files;
    t0 = performance.now();
    await loadTables(url, Object.values(base), false);
    for (const table of Object.keys(firstIds))
      await query(
        url,
        `SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`,
      );
    await query(url, 'VACUUM ANALYZE');
    const loadSeconds = (performance.now() - t0) / 1000;
    console.log(
      `loaded the registers (COPY, then their indexes, VACUUM ANALYZE) in ${loadSeconds.toFixed(1)} s`,
    );

    t0 = performance.now();
    await loadTables(url, [grams, digits], true);
    await query(url, 'ANALYZE register_grams');
    await query(url, 'ANALYZE register_digit_keys');
    const indexSeconds = (performance.now() - t0) / 1000;
    console.log(`built the search index (postings COPY + their indexes) in ${indexSeconds.toFixed(1)} s`);
    const size = await query(url, 'SELECT pg_database_size(current_database())::bigint AS n');
    return {
      generateSeconds,
      loadSeconds,
      indexSeconds,
      rows: Object.fromEntries(Object.values(files).map((f) => [f.table, f.rows])),
      databaseBytes: Number(size[0]!.n),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function query(url: string, text: string): Promise<Record<string, unknown>[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
}

/**
 * COPY each file into its table, two at a time (one per core), with the tables' secondary indexes
 * dropped first and rebuilt after, and foreign-key triggers off: the generator wrote consistent
 * rows. `freeze` (tables nothing references) writes the rows frozen and all-visible, so index-only
 * scans work without a VACUUM pass over them.
 */
async function loadTables(url: string, files: TsvFile[], freeze: boolean): Promise<void> {
  const tables = files.map((f) => f.table);
  const indexes = await query(
    url,
    `SELECT format('%I', indexname) AS name, indexdef AS def FROM pg_indexes i
     WHERE schemaname = 'public' AND tablename = ANY('{${tables.join(',')}}')
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
  );
  for (const i of indexes) await query(url, `DROP INDEX ${i.name}`);
  const queue = [...files].sort((a, b) => b.rows - a.rows);
  const copyOne = async (f: TsvFile) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query("SET session_replication_role = 'replica'");
      await c.query('BEGIN');
      if (freeze) await c.query(`TRUNCATE ${f.table}`);
      const stream = c.query(
        copyFrom(`COPY ${f.table} (${f.columns.join(', ')}) FROM STDIN${freeze ? ' WITH (FREEZE)' : ''}`),
      );
      await pipeline(createReadStream(f.file, { highWaterMark: 1 << 20 }), stream);
      await c.query('COMMIT');
    } finally {
      await c.end();
    }
  };
  const worker = async () => {
    for (let f = queue.shift(); f; f = queue.shift()) await copyOne(f);
  };
  await Promise.all([worker(), worker()]);
  const defs = indexes.map((i) => String(i.def));
  const build = async () => {
    for (let def = defs.shift(); def; def = defs.shift()) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query("SET maintenance_work_mem = '512MB'");
        await c.query(def);
      } finally {
        await c.end();
      }
    }
  };
  await Promise.all([build(), build()]);
}
