// Writes generated demo data into an empty database: one transaction, multi-row inserts in chunks.
import { areaM2, bboxOf, childPath } from '@wangge/rules';
import { type Kysely, sql, type Transaction } from 'kysely';
import { loadConfig } from '../../config.ts';
import type { Database, OrgLevel } from '../../db/schema.ts';
import { type FileStorage, LocalDiskStorage } from '../attachments/storage.ts';
import { registeredHouseholdsSql, registeredPeopleSql } from '../grids/registered-counts.ts';
import { DataCipher, resolveDataKey } from '../registers/privacy/crypto.ts';
import { seedBasemap } from './basemap.ts';
import { seedInspections } from './inspections.ts';
import { type SeedRegistersResult, seedRegisters } from './registers.ts';
import { seedAppeals } from './seed-appeals.ts';
import { seedAssessment } from './seed-assessment.ts';
import { seedCareers } from './seed-careers.ts';
import { seedDevices } from './seed-devices.ts';
import { seedDisputes } from './seed-disputes.ts';
import { seedDuty } from './seed-duty.ts';
import { type SeedErrandsResult, seedErrands } from './seed-errands.ts';
import { type SeedHistoryResult, seedHistory } from './seed-history.ts';
import { seedHotline } from './seed-hotline.ts';
import { seedNotices } from './seed-notices.ts';
import { seedResidents } from './seed-residents.ts';
import { seedTracks } from './seed-tracks.ts';
import type { DemoData } from './types.ts';

export interface SeedDemoOptions {
  /** Password hashing; defaults to the auth module's argon2id. Tests pass a fast fake. */
  hashPassword: (plain: string) => Promise<string>;
  /** Master key of the registers' personal data; defaults to the configured one. */
  dataKey?: Buffer;
  /** Where the demo's year of history ends; the seeding moment unless given. */
  today?: Date;
  /** Where the errands' document photos go; the configured files directory unless given. */
  files?: FileStorage;
  /**
   * Yesterday's and today's patrol tracks of every grid's worker (default true). The test template
   * leaves them out so other modules' tests see only the fixes they post; demo/tracks.test.ts
   * seeds them itself.
   */
  tracks?: boolean;
}

export interface SeedDemoResult {
  orgUnits: number;
  grids: number;
  buildings: number;
  users: number;
  registers: SeedRegistersResult;
  history: SeedHistoryResult;
  errands: SeedErrandsResult;
  fixes: number;
}

/** Rows per INSERT: far below PostgreSQL's 65,535 bind parameters for every table here. */
const CHUNK = 1000;
const LEVEL_ORDER: readonly OrgLevel[] = ['city', 'district', 'street', 'community', 'grid'];
const BOUNDARY_NOTE = '初始边界';

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

function need<V>(map: Map<string, V>, key: string, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo seed: unknown ${what} ${key}`);
  return value;
}

async function defaultHash(plain: string): Promise<string> {
  const { hashPassword } = await import('../auth/passwords.ts');
  return hashPassword(plain);
}

export async function seedDemo(
  db: Kysely<Database>,
  data: DemoData,
  options?: SeedDemoOptions,
): Promise<SeedDemoResult> {
  const hashPassword = options?.hashPassword ?? defaultHash;
  // Hash outside the transaction (argon2 is slow on purpose), once per distinct password.
  const hashes = new Map<string, string>();
  for (const password of new Set(data.users.map((u) => u.password))) {
    hashes.set(password, await hashPassword(password));
  }
  const cipher = new DataCipher(options?.dataKey ?? (await resolveDataKey(loadConfig())));
  return db.transaction().execute(async (trx) => {
    const counts = await insertAll(trx, data, hashes);
    const registers = await seedRegisters(trx, data, { cipher });
    await declareRegisteredFigures(trx);
    await seedInspections(trx);
    await seedBasemap(trx, data);
    const today = options?.today ?? new Date();
    const history = await seedHistory(trx, data, { today });
    const files = options?.files ?? new LocalDiskStorage(loadConfig().filesDir);
    const errands = await seedErrands(trx, data, { today, files });
    await seedDisputes(trx, { today });
    await seedDuty(trx, { today });
    await seedDevices(trx, { today });
    await seedHotline(trx);
    await seedResidents(trx);
    await seedNotices(trx, { today });
    await seedCareers(trx, { today });
    await seedAppeals(trx, { today });
    await seedAssessment(trx, { today });
    const fixes = options?.tracks === false ? 0 : await seedTracks(trx, data, { today });
    return { ...counts, registers, history, errands, fixes };
  });
}

/** The demo's declared grid figures are what its registers count, so both screens agree. */
async function declareRegisteredFigures(trx: Transaction<Database>): Promise<void> {
  const id = sql.ref('grids.org_unit_id');
  // Only grids the registers cover: the city-scale data set has no buildings, hence no houses.
  await sql`UPDATE grids SET households = ${registeredHouseholdsSql(id)}, population = ${registeredPeopleSql(id)}
    WHERE EXISTS (SELECT 1 FROM houses h WHERE h.grid_id = grids.org_unit_id)`.execute(trx);
}

async function insertAll(
  trx: Transaction<Database>,
  data: DemoData,
  hashes: Map<string, string>,
): Promise<Omit<SeedDemoResult, 'registers' | 'history' | 'errands' | 'fixes'>> {
  // Org units level by level, so every parent id and path is known before its children.
  const units = new Map<string, { id: string; path: string }>();
  for (const level of LEVEL_ORDER) {
    const rows = data.orgUnits
      .filter((u) => u.level === level)
      .map((u) => {
        const parent = u.parentCode === null ? null : need(units, u.parentCode, 'parent org unit');
        return {
          parent_id: parent?.id ?? null,
          level: u.level,
          code: u.code,
          name: u.name,
          path: childPath(parent?.path ?? null, u.code),
        };
      });
    for (const chunk of chunks(rows)) {
      const inserted = await trx
        .insertInto('org_units')
        .values(chunk)
        .returning(['id', 'code', 'path'])
        .execute();
      for (const row of inserted) units.set(row.code, { id: row.id, path: row.path });
    }
  }
  const unitId = (code: string) => need(units, code, 'org unit').id;

  const boundaries = data.orgUnits.flatMap((u) => {
    if (u.boundary === null) return [];
    const [minLon, minLat, maxLon, maxLat] = bboxOf(u.boundary);
    return [
      {
        org_unit_id: unitId(u.code),
        geometry: JSON.stringify(u.boundary),
        min_lon: minLon,
        min_lat: minLat,
        max_lon: maxLon,
        max_lat: maxLat,
        area_m2: areaM2(u.boundary),
        note: BOUNDARY_NOTE,
        valid_to: null,
        changed_by: null,
      },
    ];
  });
  // Geometry text makes these rows large; smaller chunks keep each statement modest.
  for (const chunk of chunks(boundaries, 200)) await trx.insertInto('boundaries').values(chunk).execute();

  const grids = data.grids.map((g) => ({
    org_unit_id: unitId(g.code),
    kind: g.kind,
    special_type: g.specialType,
    households: g.households,
    population: g.population,
  }));
  for (const chunk of chunks(grids)) await trx.insertInto('grids').values(chunk).execute();

  const buildings = data.buildings.map((b) => ({
    grid_id: unitId(b.gridCode),
    code: b.code,
    name: b.name,
    address: b.address,
    lon: b.lon,
    lat: b.lat,
    floors: b.floors,
    units: b.units,
    households: b.households,
  }));
  for (const chunk of chunks(buildings)) await trx.insertInto('buildings').values(chunk).execute();

  const departments = new Map<string, string>();
  const departmentRows = data.departments.map((d) => ({
    org_unit_id: unitId(d.orgUnitCode),
    code: d.code,
    name: d.name,
    kind: d.kind,
    is_police: d.isPolice,
  }));
  for (const chunk of chunks(departmentRows)) {
    const inserted = await trx.insertInto('departments').values(chunk).returning(['id', 'code']).execute();
    for (const row of inserted) departments.set(row.code, row.id);
  }

  const users = new Map<string, string>();
  const userRows = data.users.map((u) => ({
    username: u.username,
    display_name: u.displayName,
    phone: u.phone,
    password_hash: need(hashes, u.password, 'password of'),
    // The demo password is published: outside demo mode it must be changed at first login.
    must_change_password: true,
  }));
  for (const chunk of chunks(userRows)) {
    const inserted = await trx.insertInto('users').values(chunk).returning(['id', 'username']).execute();
    for (const row of inserted) users.set(row.username, row.id);
  }

  const roles: { user_id: string; role_code: string }[] = [];
  const assignments: { user_id: string; org_unit_id: string | null; department_id: string | null }[] = [];
  const team: {
    grid_id: string;
    user_id: string;
    team_role: 'leader' | 'instructor' | 'full_time' | 'part_time';
  }[] = [];
  for (const u of data.users) {
    const userId = need(users, u.username, 'user');
    for (const role of new Set(u.roles)) roles.push({ user_id: userId, role_code: role });
    for (const code of new Set(u.orgUnitCodes)) {
      assignments.push({ user_id: userId, org_unit_id: unitId(code), department_id: null });
    }
    for (const code of new Set(u.departmentCodes)) {
      assignments.push({
        user_id: userId,
        org_unit_id: null,
        department_id: need(departments, code, 'department'),
      });
    }
    for (const member of u.team) {
      team.push({ grid_id: unitId(member.gridCode), user_id: userId, team_role: member.teamRole });
    }
  }
  for (const chunk of chunks(roles)) await trx.insertInto('user_roles').values(chunk).execute();
  for (const chunk of chunks(assignments)) await trx.insertInto('user_assignments').values(chunk).execute();
  for (const chunk of chunks(team)) await trx.insertInto('grid_team_members').values(chunk).execute();

  return {
    orgUnits: units.size,
    grids: grids.length,
    buildings: buildings.length,
    users: users.size,
  };
}
