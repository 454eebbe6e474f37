// Register demo data (一标三实) from the DemoData: for every building the address tree down to
// rooms (units × floors × rooms, as many rooms as the building's households), one house per room,
// ~2.6 people per household with valid Tianjin ID numbers, ~20% floating population, ~15% rentals,
// special groups at a few per thousand, care groups, shops and "three small" venues in every grid,
// a school or hospital in special grids. Deterministic from the seed; written with unnest() bulk
// inserts so the district seeds in seconds. ID and phone numbers go in encrypted, with keyed hashes.
import {
  CARE_GROUP_TYPES,
  cjkBigrams,
  createRandom,
  creditCodeCheckChar,
  type ExtraFieldSpec,
  idNumberCheckChar,
  organizationCodeCheckChar,
  SPECIAL_GROUP_TYPES,
  validateCreditCode,
  validateExtraFields,
} from '@wangge/rules';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  ADDRESS_COLUMNS,
  type BulkColumn,
  bulkInsert,
  DIGIT_KEY_COLUMNS,
  GRAM_COLUMNS,
  HOUSE_COLUMNS,
  PEOPLE_COLUMNS,
  PERSON_ROLE_COLUMNS,
} from '../registers/bulk.ts';
import type { DataCipher } from '../registers/privacy/crypto.ts';
import { ENTITY } from '../registers/shared.ts';
import { personName, phoneNumber } from './names.ts';
import { chance, int, pick, type Rng } from './random.ts';
import type { DemoData } from './types.ts';

const TIANJIN_REGIONS = [
  '120101',
  '120102',
  '120103',
  '120104',
  '120105',
  '120106',
  '120110',
  '120111',
  '120112',
  '120113',
];
const STRUCTURES = ['reinforced_concrete', 'mixed', 'steel_concrete', 'brick_wood'];
const SPECIAL_RATES: [string, number][] = [
  ['01', 0.002],
  ['02', 0.0005],
  ['03', 0.003],
  ['04', 0.001],
  ['05', 0.0005],
  ['06', 0.001],
  ['07', 0.0005],
];
const TODAY = '2026-01-01';

export interface SeedRegistersResult {
  addresses: number;
  houses: number;
  people: number;
  units: number;
}

type Col = BulkColumn;

/** The registers module's bulk writer (INSERT … SELECT FROM unnest), 20,000 rows a statement. */
function bulk(db: Kysely<Database>, table: string, cols: Col[], rows: unknown[][], returning?: string) {
  return bulkInsert(db, table, cols, rows, returning);
}

function extraFor(rng: Rng, fields: readonly ExtraFieldSpec[], taken: Set<string>) {
  const values: Record<string, unknown> = {};
  for (const f of fields) {
    if (!f.required) continue;
    if (f.type === 'enum') values[f.key] = pick(rng, f.options ?? []).key;
    else if (f.type === 'date')
      values[f.key] = `20${String(int(rng, 15, 24))}-0${int(rng, 1, 9)}-1${int(rng, 0, 9)}`;
    else if (f.type === 'boolean') values[f.key] = chance(rng, 0.5);
    else if (f.type === 'number') values[f.key] = f.min ?? 0;
    else if (f.format === 'phone') values[f.key] = phoneNumber(rng, taken);
    else values[f.key] = f.key.includes('name') ? personName(rng) : '见档案';
  }
  const checked = validateExtraFields(fields, values);
  return checked.ok ? checked.values : null;
}

function creditCode(rng: Rng, taken: Set<string>, kind: string): string {
  for (;;) {
    const org = Array.from({ length: 8 }, () => String(int(rng, 0, 9))).join('');
    const first17 = `${kind === 'shop' || kind === 'three_small' ? '92' : kind === 'social_org' ? '52' : '91'}120110${org}${organizationCodeCheckChar(org)}`;
    const code = first17 + creditCodeCheckChar(first17);
    if (!taken.has(code) && validateCreditCode(code).ok) {
      taken.add(code);
      return code;
    }
  }
}

export async function seedRegisters(
  db: Kysely<Database>,
  data: DemoData,
  options: { cipher: DataCipher; seed?: number },
): Promise<SeedRegistersResult> {
  const { cipher } = options;
  const rng = createRandom((options.seed ?? 20261122) ^ 0x1b873593);
  const orgs = new Map(
    (await db.selectFrom('org_units').select(['id', 'code', 'path']).execute()).map((o) => [o.code, o]),
  );
  const buildingIds = new Map(
    (await db.selectFrom('buildings').select(['id', 'code']).execute()).map((b) => [b.code, b.id]),
  );
  const gridSpecial = new Map(data.grids.map((g) => [g.code, g]));
  const gridName = new Map(data.orgUnits.map((u) => [u.code, u.name]));

  // 1. Address tree, level by level: road and number per grid, then building → unit → room.
  type Addr = {
    code: string;
    parent: string | null;
    level: string;
    name: string;
    full: string;
    grid: string;
    building: string | null;
    unitNo: number | null;
    floor: number | null;
    room: string | null;
  };
  const levels: Addr[][] = [[], [], [], [], []];
  const roomsOf: { addr: Addr; grid: string; households: number }[] = [];
  const byGrid = new Map<string, typeof data.buildings>();
  for (const b of data.buildings) byGrid.set(b.gridCode, [...(byGrid.get(b.gridCode) ?? []), b]);
  for (const [grid, buildings] of [...byGrid.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const sample = buildings[0]!;
    const rest = sample.address.replace(/^东丽区/, '').slice(0, -sample.name.length);
    const m = /^(.*?)(\d+号)$/.exec(rest);
    const roadName = m?.[1] ?? rest;
    const numberName = m?.[2] ?? '1号';
    const road: Addr = {
      code: `${grid}R`,
      parent: null,
      level: 'road',
      name: roadName,
      full: roadName,
      grid,
      building: null,
      unitNo: null,
      floor: null,
      room: null,
    };
    const number: Addr = {
      code: `${grid}N`,
      parent: road.code,
      level: 'number',
      name: numberName,
      full: road.full + numberName,
      grid,
      building: null,
      unitNo: null,
      floor: null,
      room: null,
    };
    levels[0]!.push(road);
    levels[1]!.push(number);
    for (const b of buildings) {
      const building: Addr = {
        code: b.code,
        parent: number.code,
        level: 'building',
        name: b.name,
        full: number.full + b.name,
        grid,
        building: b.code,
        unitNo: null,
        floor: null,
        room: null,
      };
      levels[2]!.push(building);
      const perFloor = Math.max(1, Math.ceil(b.households / (b.units * b.floors)));
      let left = b.households;
      for (let u = 1; u <= b.units; u++) {
        const unit: Addr = {
          code: `${b.code}-${u}`,
          parent: building.code,
          level: 'unit',
          name: `${u}单元`,
          full: `${building.full}${u}单元`,
          grid,
          building: b.code,
          unitNo: u,
          floor: null,
          room: null,
        };
        levels[3]!.push(unit);
      }
      // Fill floor by floor across the units, so the matrix is full from the ground up.
      for (let f = 1; f <= b.floors && left > 0; f++) {
        for (let u = 1; u <= b.units && left > 0; u++) {
          for (let k = 1; k <= perFloor && left > 0; k++, left--) {
            const room = `${f}${String(k).padStart(2, '0')}`;
            const addr: Addr = {
              code: `${b.code}-${u}-${room}`,
              parent: `${b.code}-${u}`,
              level: 'room',
              name: `${room}室`,
              full: `${building.full}${u}单元${room}室`,
              grid,
              building: b.code,
              unitNo: u,
              floor: f,
              room,
            };
            levels[4]!.push(addr);
            roomsOf.push({ addr, grid, households: 1 });
          }
        }
      }
    }
  }
  const addressIds = new Map<string, string>();
  const gridOf = (code: string) => orgs.get(code)!;
  for (const level of levels) {
    const rows = level.map((a) => [
      a.parent ? addressIds.get(a.parent)! : null,
      a.level,
      a.code,
      a.name,
      a.full,
      // Roads and house numbers belong to the grid here: the demo gives each grid its own number.
      gridOf(a.grid).id,
      gridOf(a.grid).path,
      a.building ? buildingIds.get(a.building)! : null,
      a.unitNo,
      a.floor,
      a.room,
    ]);
    const got = await bulk(db, 'addresses', ADDRESS_COLUMNS, rows, 'id, code');
    for (const r of got) addressIds.set(String(r.code), String(r.id));
  }
  const allAddresses = levels.flat();

  // 2. Houses, one per room.
  const houseRows = roomsOf.map((r) => {
    const rental = chance(rng, 0.15);
    return [
      addressIds.get(r.addr.code)!,
      gridOf(r.grid).id,
      gridOf(r.grid).path,
      'residential',
      pick(rng, STRUCTURES),
      int(rng, 45, 140),
      rental,
      rental ? pick(rng, ['none', 'none', 'none', 'general', 'major']) : null,
      chance(rng, 0.003),
    ];
  });
  const houses = await bulk(db, 'houses', HOUSE_COLUMNS, houseRows, 'id, address_id');
  const houseByAddress = new Map(houses.map((h) => [String(h.address_id), String(h.id)]));

  // 3. People per household.
  const idTaken = new Set<string>();
  const phones = new Set<string>();
  type P = {
    key: string;
    name: string;
    id: string;
    phone: string | null;
    birth: string;
    gender: string;
    addr: string;
    grid: string;
    house: string;
    rental: boolean;
    first: boolean;
    floating: boolean;
    alone: boolean;
    age: number;
  };
  const people: P[] = [];
  roomsOf.forEach((r, i) => {
    const size = pick(rng, [1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 2, 3, 4, 1, 2, 3, 2, 3, 5]);
    const rental = houseRows[i]![6] as boolean;
    const floating = rental ? chance(rng, 0.85) : chance(rng, 0.06);
    for (let k = 0; k < size; k++) {
      const age =
        size === 1 && chance(rng, 0.2) ? int(rng, 66, 92) : k >= 2 ? int(rng, 1, 17) : int(rng, 22, 80);
      let id = '';
      do {
        const year = 2025 - age;
        const birth = `${year}${String(int(rng, 1, 12)).padStart(2, '0')}${String(int(rng, 1, 28)).padStart(2, '0')}`;
        const first17 = `${pick(rng, TIANJIN_REGIONS)}${birth}${String(int(rng, 0, 999)).padStart(3, '0')}`;
        id = first17 + idNumberCheckChar(first17);
      } while (idTaken.has(id));
      idTaken.add(id);
      people.push({
        key: id,
        name: personName(rng),
        id,
        phone: age >= 14 && chance(rng, 0.9) ? phoneNumber(rng, phones) : null,
        birth: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
        gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
        addr: addressIds.get(r.addr.code)!,
        grid: r.grid,
        house: houseByAddress.get(addressIds.get(r.addr.code)!)!,
        rental,
        first: k === 0,
        floating,
        alone: size === 1 && age >= 66,
        age,
      });
    }
  });
  const personRows = people.map((p) => [
    p.name,
    p.gender,
    p.birth,
    chance(rng, 0.95) ? '汉族' : pick(rng, ['回族', '满族', '蒙古族']),
    cipher.encrypt(p.id),
    cipher.hash('id', p.id),
    p.phone ? cipher.encrypt(p.phone) : null,
    p.phone ? cipher.hash('phone', p.phone) : null,
    p.floating ? pick(rng, ['河北省沧州市', '山东省德州市', '河南省周口市', '安徽省阜阳市']) : '天津市东丽区',
    p.addr,
    gridOf(p.grid).id,
    gridOf(p.grid).path,
  ]);
  const insertedPeople = await bulk(
    db,
    'people',
    PEOPLE_COLUMNS,
    personRows,
    "id, encode(id_number_hash, 'hex') AS h",
  );
  const personId = new Map(insertedPeople.map((r) => [String(r.h), String(r.id)]));
  const pid = (p: P) => personId.get(cipher.hash('id', p.id).toString('hex'))!;
  const ids = people.map(pid);

  // 4. Roles, house links, groups.
  await bulk(
    db,
    'person_roles',
    PERSON_ROLE_COLUMNS,
    people.map((p, i) => [
      ids[i],
      p.floating ? 'floating' : 'registered',
      JSON.stringify(
        p.floating
          ? {
              inflow_date: `202${int(rng, 0, 5)}-0${int(rng, 1, 9)}-15`,
              inflow_reason: pick(rng, ['work', 'work', 'business', 'study', 'family']),
              origin: pick(rng, ['河北省沧州市', '山东省德州市', '河南省周口市']),
              expected_stay_months: int(rng, 6, 36),
            }
          : { hukou_type: 'urban' },
      ),
      p.floating ? '2024-01-01' : p.birth,
    ]),
  );
  const links: unknown[][] = [];
  people.forEach((p, i) => {
    links.push([ids[i], p.house, p.rental ? 'tenant' : 'resident', '2020-01-01']);
    if (p.first && !p.rental) links.push([ids[i], p.house, 'owner', '2015-06-01']);
  });
  await bulk(
    db,
    'person_house_links',
    [
      ['person_id', 'bigint'],
      ['house_id', 'bigint'],
      ['kind', 'text'],
      ['valid_from', 'date'],
    ],
    links,
  );

  const specials: unknown[][] = [];
  const cares: unknown[][] = [];
  people.forEach((p, i) => {
    if (p.age >= 18) {
      for (const [code, rate] of SPECIAL_RATES) {
        if (!chance(rng, rate)) continue;
        const extra = extraFor(rng, SPECIAL_GROUP_TYPES.find((t) => t.code === code)!.fields, phones);
        if (extra)
          specials.push([
            ids[i],
            code,
            JSON.stringify(extra),
            pick(rng, ['normal', 'normal', 'medium', 'serious']),
            '2023-03-01',
          ]);
      }
    }
    const care = p.alone
      ? 'elderly_alone'
      : chance(rng, 0.01)
        ? 'disabled'
        : chance(rng, 0.01)
          ? 'low_income'
          : null;
    if (care) {
      const extra = extraFor(rng, CARE_GROUP_TYPES.find((t) => t.key === care)!.fields, phones);
      if (extra) cares.push([ids[i], care, JSON.stringify(extra), 'normal', '2024-01-01']);
    }
  });
  const groupCols: Col[] = [
    ['person_id', 'bigint'],
    ['type_code', 'text'],
    ['extra', 'jsonb'],
    ['attention_level', 'text'],
    ['opened_on', 'date'],
  ];
  await bulk(db, 'special_group_records', groupCols, specials);
  await bulk(db, 'care_group_records', groupCols, cares);

  // 5. Units: shops and three-small venues at each grid's house number; a school or hospital in
  // the special grids.
  const credit = new Set<string>();
  const units: {
    kind: string;
    name: string;
    grid: string;
    addr: string;
    employees: number;
    fire: string;
    legal: string | null;
  }[] = [];
  for (const [grid, buildings] of byGrid) {
    const numberAddr = addressIds.get(`${grid}N`)!;
    const road = levels[0]!.find((a) => a.grid === grid)!.name;
    for (let k = 0; k < int(rng, 2, 5); k++) {
      const kind = chance(rng, 0.5) ? 'shop' : 'three_small';
      const what =
        kind === 'shop'
          ? pick(rng, ['便利店', '超市', '理发店', '药店', '水果店'])
          : pick(rng, ['小饭馆', '小作坊', '小商店', '洗衣店']);
      const owner = people[int(rng, 0, people.length - 1)]!;
      units.push({
        kind,
        name: `${road}${owner.name.slice(0, 1)}记${what}`,
        grid,
        addr: numberAddr,
        employees: int(rng, 1, 8),
        fire: 'general',
        legal: pid(owner),
      });
    }
    const special = gridSpecial.get(grid);
    if (special?.specialType === 'school' || special?.specialType === 'hospital') {
      const name = (gridName.get(grid) ?? '').replace(/专属网格$/, '');
      units.push({
        kind: special.specialType,
        name: `东丽区${name}`,
        grid,
        addr: numberAddr,
        employees: int(rng, 60, 400),
        fire: 'key',
        legal: null,
      });
    }
    void buildings;
  }
  const insertedUnits = await bulk(
    db,
    'units',
    [
      ['kind', 'text'],
      ['name', 'text'],
      ['credit_code', 'text'],
      ['legal_rep_person_id', 'bigint'],
      ['employees', 'int'],
      ['fire_safety_level', 'text'],
      ['address_id', 'bigint'],
      ['grid_id', 'bigint'],
      ['grid_path', 'text'],
    ],
    units.map((u) => [
      u.kind,
      u.name,
      creditCode(rng, credit, u.kind),
      u.legal,
      u.employees,
      u.fire,
      u.addr,
      gridOf(u.grid).id,
      gridOf(u.grid).path,
    ]),
    'id',
  );
  await bulk(
    db,
    'unit_people',
    [
      ['unit_id', 'bigint'],
      ['person_id', 'bigint'],
      ['role', 'text'],
      ['valid_from', 'date'],
    ],
    units.flatMap((u, i) => (u.legal ? [[insertedUnits[i]!.id, u.legal, 'legal_rep', '2022-01-01']] : [])),
  );

  // 6. Search index and history.
  const grams: unknown[][] = [];
  const addGrams = (type: number, id: string, path: string, text: string) => {
    for (const g of new Set(cjkBigrams(text))) grams.push([g, type, id, path]);
  };
  people.forEach((p, i) => {
    addGrams(ENTITY.person, ids[i]!, gridOf(p.grid).path, p.name);
  });
  for (const a of allAddresses)
    addGrams(ENTITY.address, addressIds.get(a.code)!, gridOf(a.grid).path, a.full);
  units.forEach((u, i) => {
    addGrams(ENTITY.unit, String(insertedUnits[i]!.id), gridOf(u.grid).path, u.name);
  });
  await bulk(db, 'register_grams', GRAM_COLUMNS, grams);
  const digits: unknown[][] = [];
  people.forEach((p, i) => {
    for (const d of cipher.fragmentsOf(p.id, p.phone))
      digits.push([d, ENTITY.person, ids[i], gridOf(p.grid).path]);
  });
  await bulk(db, 'register_digit_keys', DIGIT_KEY_COLUMNS, digits);
  await bulk(
    db,
    'register_events',
    [
      ['entity_type', 'text'],
      ['entity_id', 'bigint'],
      ['kind', 'text'],
      ['effective_date', 'date'],
      ['grid_path', 'text'],
      ['changes', 'jsonb'],
    ],
    people.map((p, i) => [
      'person',
      ids[i],
      'created',
      TODAY,
      gridOf(p.grid).path,
      JSON.stringify({ source: 'demo' }),
    ]),
  );
  return {
    addresses: allAddresses.length,
    houses: houses.length,
    people: people.length,
    units: units.length,
  };
}
