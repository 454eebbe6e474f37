// Per-register import rules: parse a row (field checks with @wangge/rules), check a batch against
// the file so far and the database (batched look-ups), and write a batch with bulk inserts.
// Duplicates (same ID number / credit code / house address) are reported as errors, never merged:
// updating existing records from a workbook is left for a later version.
import {
  FIRE_SAFETY_LEVELS,
  HOUSE_STRUCTURES,
  HOUSE_USES,
  RENTAL_HAZARD_LEVELS,
  RESIDENCE_ROLE_FIELDS,
  RESIDENCE_ROLES,
  type ResidenceRole,
  UNIT_KINDS,
  validateCreditCode,
  validateExtraFields,
  validateIdNumber,
  validatePhone,
} from '@wangge/rules';
import type { Actor } from '../../access/actor.ts';
import { inScope } from '../../access/authorize.ts';
import {
  bulkInsert,
  DIGIT_KEY_COLUMNS,
  HOUSE_COLUMNS,
  PEOPLE_COLUMNS,
  PERSON_ROLE_COLUMNS,
} from '../bulk.ts';
import { peopleRepository } from '../people/repository.ts';
import { ENTITY, type Executor, todayInChina } from '../shared.ts';
import { addressImporter } from './address-importer.ts';
import { COLUMNS, INFLOW_REASON_OPTIONS, type RegisterName } from './columns.ts';
import {
  enumOf,
  events,
  grams,
  type ImportContext,
  type Importer,
  type Item,
  maxLength,
  type Report,
  required,
  Seen,
  yesNo,
} from './importer.ts';
import { importRepository as repo } from './repository.ts';

interface Place {
  addressId: string | null;
  gridId: string;
  gridPath: string;
}

/**
 * Address and grid codes → placement, with a cache across batches. Like placement() in
 * people/operations.ts: the address must exist, be current, lie in one grid and in the caller's
 * scope (out of scope reads as "not found"); a grid code must name a grid in scope.
 */
class Places {
  private readonly cache = new Map<string, (Place & { houseAddress: boolean }) | string>();
  constructor(private readonly actor: Actor) {}

  async load(trx: Executor, addressCodes: string[], gridCodes: string[]) {
    if (this.cache.size > 50_000) this.cache.clear();
    const a = [...new Set(addressCodes)].filter((c) => !this.cache.has(`a:${c}`));
    const g = [...new Set(gridCodes)].filter((c) => !this.cache.has(`g:${c}`));
    const [addresses, grids] = await Promise.all([repo.addressesByCode(trx, a), repo.orgUnitsByCode(trx, g)]);
    for (const code of a)
      this.cache.set(`a:${code}`, '地址编码不存在或不在您的管辖范围内 (no such address in your scope)');
    for (const code of g)
      this.cache.set(`g:${code}`, '网格编码不存在或不在您的管辖范围内 (no such grid in your scope)');
    for (const r of addresses) {
      if (!inScope(this.actor, r.grid_path)) continue;
      this.cache.set(
        `a:${r.code}`,
        r.retired_at
          ? '地址已注销 (the address is retired)'
          : r.org_level !== 'grid'
            ? '地址须落在一个网格内 (the address must lie in one grid)'
            : { addressId: r.id, gridId: r.grid_id, gridPath: r.grid_path, houseAddress: true },
      );
    }
    for (const r of grids) {
      if (!inScope(this.actor, r.path)) continue;
      this.cache.set(
        `g:${r.code}`,
        r.level !== 'grid'
          ? '须为网格编码 (not a grid code)'
          : { addressId: null, gridId: r.id, gridPath: r.path, houseAddress: false },
      );
    }
  }

  get(kind: 'a' | 'g', code: string) {
    return this.cache.get(`${kind}:${code}`)!;
  }
}

interface Placed {
  addressCode: string;
  gridCode: string;
  place?: Place;
}

function parsePlace(v: Record<string, string>, report: Report): Placed | null {
  const addressCode = v.addressCode ?? '';
  const gridCode = v.gridCode ?? '';
  if (!addressCode && !gridCode) {
    report('addressCode', '地址编码或网格编码须填一个 (give an address code or a grid code)');
    return null;
  }
  return { addressCode, gridCode };
}

/** Resolves the placement of every item; drops (and reports) the unplaceable. */
async function place<T extends Placed>(trx: Executor, places: Places, items: Item<T>[]) {
  await places.load(
    trx,
    items.filter((i) => i.value.addressCode).map((i) => i.value.addressCode),
    items.filter((i) => !i.value.addressCode).map((i) => i.value.gridCode),
  );
  return items.filter((i) => {
    const found = i.value.addressCode
      ? places.get('a', i.value.addressCode)
      : places.get('g', i.value.gridCode);
    if (typeof found === 'string') {
      i.report(i.value.addressCode ? 'addressCode' : 'gridCode', found);
      return false;
    }
    i.value.place = found;
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// People

interface PersonValue extends Placed {
  name: string;
  idNumber: string;
  idHash: Buffer;
  gender: 'male' | 'female';
  birthDate: string;
  phone: string | null;
  ethnicity: string | null;
  hukouPlace: string | null;
  role: { kind: ResidenceRole; data: Record<string, unknown>; validFrom: string } | null;
}

/** role data key → import column field */
const ROLE_FIELD_COLUMN: Record<string, string> = {
  inflow_date: 'inflowDate',
  inflow_reason: 'inflowReason',
  origin: 'origin',
  nationality: 'nationality',
};

function peopleImporter(ctx: ImportContext): Importer<PersonValue> {
  const seen = new Seen();
  const places = new Places(ctx.actor);
  const today = todayInChina();
  return {
    columns: COLUMNS.people,
    parse(v, report) {
      const name = required(v, 'name', report);
      if (name) maxLength(name, 50, 'name', report);
      const idText = required(v, 'idNumber', report);
      const id = idText ? validateIdNumber(idText) : null;
      if (id && !id.ok) report('idNumber', id.reason);
      let phone: string | null = null;
      if (v.phone) {
        const p = validatePhone(v.phone);
        if (p.ok) phone = p.normalized;
        else report('phone', p.reason);
      }
      if (v.ethnicity) maxLength(v.ethnicity, 20, 'ethnicity', report);
      if (v.hukouPlace) maxLength(v.hukouPlace, 100, 'hukouPlace', report);
      const placed = parsePlace(v, report);
      let role: PersonValue['role'] = null;
      if (v.roleKind) {
        const kind = enumOf(RESIDENCE_ROLES, v.roleKind, 'roleKind', report);
        if (kind) {
          const data: Record<string, unknown> = {};
          for (const spec of RESIDENCE_ROLE_FIELDS[kind]) {
            const col = ROLE_FIELD_COLUMN[spec.key];
            const text = col ? v[col] : '';
            if (!text) continue;
            if (spec.key === 'inflow_reason') {
              const k = enumOf(INFLOW_REASON_OPTIONS, text, col!, report);
              if (k) data[spec.key] = k;
            } else data[spec.key] = text;
          }
          const checked = validateExtraFields(RESIDENCE_ROLE_FIELDS[kind], data);
          if (checked.ok) {
            const inflow =
              kind === 'floating' ? (checked.values.inflow_date as string | undefined) : undefined;
            role = { kind, data: checked.values, validFrom: inflow ?? today };
          } else report(ROLE_FIELD_COLUMN[checked.field] ?? 'roleKind', checked.reason);
        }
      }
      if (!name || !id?.ok || !placed) return null;
      return {
        ...placed,
        name,
        idNumber: id.normalized,
        idHash: ctx.cipher.hash('id', id.normalized),
        gender: id.gender,
        birthDate: id.birthDate,
        phone,
        ethnicity: v.ethnicity || null,
        hukouPlace: v.hukouPlace || null,
        role,
      };
    },
    async check(trx, items) {
      const fresh = items.filter((i) => {
        // 96 bits of the keyed hash as a 12-character key: small per row, collisions out of reach.
        const earlier = seen.claim(i.value.idHash.toString('latin1', 0, 12), i.row);
        if (earlier !== null) {
          i.report('idNumber', `与第 ${earlier} 行身份证号码重复 (same ID number as row ${earlier})`);
          return false;
        }
        return true;
      });
      const existing = new Set(
        (
          await peopleRepository.byIdHashes(
            trx,
            fresh.map((i) => i.value.idHash),
          )
        ).map((r) => r.id_number_hash.toString('base64')),
      );
      const unique = fresh.filter((i) => {
        if (!existing.has(i.value.idHash.toString('base64'))) return true;
        // As in createPerson: one identity per person; which record it is stays unnamed here.
        i.report('idNumber', '该身份证号码已登记 (a person with this ID number is already registered)');
        return false;
      });
      return place(trx, places, unique);
    },
    async insert(trx, items) {
      const { cipher } = ctx;
      const rows = items.map(({ value: p }) => [
        p.name,
        p.gender,
        p.birthDate,
        p.ethnicity,
        cipher.encrypt(p.idNumber),
        p.idHash,
        p.phone ? cipher.encrypt(p.phone) : null,
        p.phone ? cipher.hash('phone', p.phone) : null,
        p.hukouPlace,
        p.place!.addressId,
        p.place!.gridId,
        p.place!.gridPath,
      ]);
      const inserted = await bulkInsert(trx, 'people', PEOPLE_COLUMNS, rows, 'id');
      const ids = inserted.map((r) => String(r.id));
      await grams(
        trx,
        ENTITY.person,
        items.map((i, k) => ({ id: ids[k]!, gridPath: i.value.place!.gridPath, text: i.value.name })),
      );
      const digits: unknown[][] = [];
      items.forEach(({ value: p }, k) => {
        for (const d of cipher.fragmentsOf(p.idNumber, p.phone))
          digits.push([d, ENTITY.person, ids[k], p.place!.gridPath]);
      });
      await bulkInsert(trx, 'register_digit_keys', DIGIT_KEY_COLUMNS, digits);
      const roles: unknown[][] = [];
      items.forEach(({ value: p }, k) => {
        if (p.role) roles.push([ids[k], p.role.kind, JSON.stringify(p.role.data), p.role.validFrom]);
      });
      await bulkInsert(trx, 'person_roles', PERSON_ROLE_COLUMNS, roles);
      await events(
        trx,
        ctx,
        'person',
        items.map((i, k) => ({
          id: ids[k]!,
          gridPath: i.value.place!.gridPath,
          changes: {
            name: i.value.name,
            addressId: i.value.place!.addressId,
            role: i.value.role?.kind ?? null,
          },
        })),
        today,
      );
      return ids.length;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Houses

interface HouseValue extends Placed {
  use: string;
  structure: string;
  areaM2: number | null;
  isRental: boolean;
  rentalHazard: string | null;
  isDangerous: boolean;
  note: string | null;
}

function housesImporter(ctx: ImportContext): Importer<HouseValue> {
  const seen = new Seen();
  const places = new Places(ctx.actor);
  const today = todayInChina();
  return {
    columns: COLUMNS.houses,
    parse(v, report) {
      const addressCode = required(v, 'addressCode', report);
      const useText = required(v, 'use', report);
      const use = useText ? enumOf(HOUSE_USES, useText, 'use', report) : null;
      const structureText = required(v, 'structure', report);
      const structure = structureText ? enumOf(HOUSE_STRUCTURES, structureText, 'structure', report) : null;
      let areaM2: number | null = null;
      if (v.areaM2) {
        const n = Number(v.areaM2);
        if (!Number.isFinite(n) || n <= 0 || n >= 1e8)
          report('areaM2', '面积应为正数 (area must be a positive number)');
        else areaM2 = Math.round(n * 100) / 100;
      }
      const isRental = yesNo(v.isRental ?? '', 'isRental', report);
      const isDangerous = yesNo(v.isDangerous ?? '', 'isDangerous', report);
      let rentalHazard: string | null = null;
      if (v.rentalHazard) {
        rentalHazard = enumOf(RENTAL_HAZARD_LEVELS, v.rentalHazard, 'rentalHazard', report);
        if (rentalHazard && isRental === false)
          report('rentalHazard', '只有出租房屋有隐患等级 (only a rental has a hazard level)');
      }
      if (v.note) maxLength(v.note, 500, 'note', report);
      if (!addressCode || !use || !structure || isRental === null || isDangerous === null) return null;
      return {
        addressCode,
        gridCode: '',
        use,
        structure,
        areaM2,
        isRental,
        rentalHazard: isRental ? rentalHazard : null,
        isDangerous,
        note: v.note || null,
      };
    },
    async check(trx, items) {
      const fresh = items.filter((i) => {
        const earlier = seen.claim(i.value.addressCode, i.row);
        if (earlier === null) return true;
        i.report('addressCode', `与第 ${earlier} 行地址重复 (same address as row ${earlier})`);
        return false;
      });
      const placed = await place(trx, places, fresh);
      const taken = new Set(
        (
          await repo.currentHousesAt(
            trx,
            placed.map((i) => i.value.place!.addressId!),
          )
        ).map((h) => h.address_id),
      );
      return placed.filter((i) => {
        if (!taken.has(i.value.place!.addressId!)) return true;
        i.report('addressCode', '该地址已有房屋 (the address already has a house)');
        return false;
      });
    },
    async insert(trx, items) {
      const inserted = await bulkInsert(
        trx,
        'houses',
        [...HOUSE_COLUMNS, ['note', 'text']],
        items.map(({ value: h }) => [
          h.place!.addressId,
          h.place!.gridId,
          h.place!.gridPath,
          h.use,
          h.structure,
          h.areaM2,
          h.isRental,
          h.rentalHazard,
          h.isDangerous,
          h.note,
        ]),
        'id',
      );
      await events(
        trx,
        ctx,
        'house',
        items.map((i, k) => ({
          id: String(inserted[k]!.id),
          gridPath: i.value.place!.gridPath,
          changes: { addressId: i.value.place!.addressId, use: i.value.use },
        })),
        today,
      );
      return inserted.length;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Units

interface UnitValue extends Placed {
  name: string;
  kind: string;
  creditCode: string | null;
  employees: number;
  fireSafetyLevel: string;
}

function unitsImporter(ctx: ImportContext): Importer<UnitValue> {
  const seen = new Seen();
  const places = new Places(ctx.actor);
  const today = todayInChina();
  return {
    columns: COLUMNS.units,
    parse(v, report) {
      const name = required(v, 'name', report);
      if (name) maxLength(name, 100, 'name', report);
      const kindText = required(v, 'kind', report);
      const kind = kindText ? enumOf(UNIT_KINDS, kindText, 'kind', report) : null;
      let creditCode: string | null = null;
      let ok = true;
      if (v.creditCode) {
        const c = validateCreditCode(v.creditCode);
        if (c.ok) creditCode = c.normalized;
        else {
          report('creditCode', c.reason);
          ok = false;
        }
      }
      let employees = 0;
      if (v.employees) {
        employees = Number(v.employees);
        if (!Number.isInteger(employees) || employees < 0 || employees > 10_000_000) {
          report('employees', '从业人数应为非负整数 (employees must be a whole number ≥ 0)');
          ok = false;
        }
      }
      const fire = v.fireSafetyLevel
        ? enumOf(FIRE_SAFETY_LEVELS, v.fireSafetyLevel, 'fireSafetyLevel', report)
        : 'general';
      const placed = parsePlace(v, report);
      if (!name || !kind || !ok || !fire || !placed) return null;
      return { ...placed, name, kind, creditCode, employees, fireSafetyLevel: fire };
    },
    async check(trx, items) {
      const fresh = items.filter((i) => {
        if (!i.value.creditCode) return true;
        const earlier = seen.claim(i.value.creditCode, i.row);
        if (earlier === null) return true;
        i.report('creditCode', `与第 ${earlier} 行统一社会信用代码重复 (same credit code as row ${earlier})`);
        return false;
      });
      const taken = new Set(
        (
          await repo.unitsByCreditCode(
            trx,
            fresh.flatMap((i) => (i.value.creditCode ? [i.value.creditCode] : [])),
          )
        ).map((u) => u.credit_code),
      );
      const unique = fresh.filter((i) => {
        if (!i.value.creditCode || !taken.has(i.value.creditCode)) return true;
        i.report('creditCode', '统一社会信用代码已登记 (credit code already registered)');
        return false;
      });
      return place(trx, places, unique);
    },
    async insert(trx, items) {
      const inserted = await bulkInsert(
        trx,
        'units',
        [
          ['kind', 'text'],
          ['name', 'text'],
          ['credit_code', 'text'],
          ['employees', 'int'],
          ['fire_safety_level', 'text'],
          ['address_id', 'bigint'],
          ['grid_id', 'bigint'],
          ['grid_path', 'text'],
        ],
        items.map(({ value: u }) => [
          u.kind,
          u.name,
          u.creditCode,
          u.employees,
          u.fireSafetyLevel,
          u.place!.addressId,
          u.place!.gridId,
          u.place!.gridPath,
        ]),
        'id',
      );
      const ids = inserted.map((r) => String(r.id));
      await grams(
        trx,
        ENTITY.unit,
        items.map((i, k) => ({ id: ids[k]!, gridPath: i.value.place!.gridPath, text: i.value.name })),
      );
      await events(
        trx,
        ctx,
        'unit',
        items.map((i, k) => ({
          id: ids[k]!,
          gridPath: i.value.place!.gridPath,
          changes: { name: i.value.name, kind: i.value.kind },
        })),
        today,
      );
      return ids.length;
    },
  };
}

export function importerFor(register: RegisterName, ctx: ImportContext): Importer<unknown> {
  const make = {
    addresses: addressImporter,
    people: peopleImporter,
    houses: housesImporter,
    units: unitsImporter,
  }[register];
  return make(ctx) as Importer<unknown>;
}
