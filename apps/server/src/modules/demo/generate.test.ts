import { readdirSync, readFileSync } from 'node:fs';
import {
  areaM2,
  CASE_SOURCES,
  CASE_STATES,
  checkTiling,
  type Geometry,
  INITIAL_STATE,
  isBuildingCode,
  isChildCode,
  nextState,
  parseGeometry,
  pointInGeometry,
  satisfactionLevel,
  validateCode,
} from '@wangge/rules';
import { beforeAll, describe, expect, it } from 'vitest';
import { CITY_SCALE_GRIDS, DEFAULT_DEMO_SEED, generateDemo } from './generate.ts';
import {
  generateHistory,
  type HistoryCategory,
  type PlannedCase,
  SATISFACTION_SHARES,
  SELF_HANDLED_SHARE,
  SOURCE_SHARES,
} from './history.ts';
import {
  DEMO_LOGINS,
  DEMO_PASSWORD,
  DEMO_STREET1_COMMUNITIES,
  DEMO_STREETS,
  DEPARTMENT_LOGINS,
} from './logins.ts';
import type { DemoData, DemoOrgUnit } from './types.ts';

/** Every built-in role some migration inserts (0002 made the first sixteen). */
const MIGRATIONS = new URL('../../../migrations/', import.meta.url);
const ROLE_CODES = readdirSync(MIGRATIONS)
  .filter((f) => f.endsWith('.sql'))
  .sort()
  .flatMap((f) =>
    [...readFileSync(new URL(f, MIGRATIONS), 'utf8').matchAll(/INSERT INTO roles[^;]*;/g)].flatMap((insert) =>
      [...insert[0].matchAll(/^\s*\('([a-z_]+)',/gm)].map((m) => m[1]!),
    ),
  );

/** Twice the signed planar area: positive for a counter-clockwise ring. */
function signedArea(ring: number[][]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    sum += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  }
  return sum;
}

function byUsername(data: DemoData, username: string) {
  const user = data.users.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user;
}

function childrenOf(data: DemoData): Map<string, DemoOrgUnit[]> {
  const map = new Map<string, DemoOrgUnit[]>();
  for (const unit of data.orgUnits) {
    if (unit.parentCode === null) continue;
    const list = map.get(unit.parentCode) ?? [];
    list.push(unit);
    map.set(unit.parentCode, list);
  }
  return map;
}

function expectTiles(parent: DemoOrgUnit, children: DemoOrgUnit[]): void {
  const issues = checkTiling({
    container: parent.boundary,
    parts: children.map((c) => ({ key: c.code, geometry: c.boundary! })),
  });
  expect(issues.map((i) => i.message)).toEqual([]);
  const sum = children.reduce((s, c) => s + areaM2(c.boundary!), 0);
  const whole = areaM2(parent.boundary!);
  expect(Math.abs(sum - whole) / whole).toBeLessThan(0.001);
}

describe('generateDemo district', () => {
  let data: DemoData;
  beforeAll(() => {
    data = generateDemo({ scale: 'district' });
  });

  it('is deterministic for a seed and changes with it', () => {
    expect(generateDemo({ scale: 'district', seed: DEFAULT_DEMO_SEED })).toEqual(data);
    const other = generateDemo({ scale: 'district', seed: 7 });
    expect(JSON.stringify(other)).not.toEqual(JSON.stringify(data));
    expect(generateDemo({ scale: 'district', seed: 7 })).toEqual(other);
  });

  it('builds Dongli: 1 city, 1 district, 3 streets of 3–4 communities of 5–9 grids', () => {
    const byLevel = (level: string) => data.orgUnits.filter((u) => u.level === level);
    expect(byLevel('city').map((u) => [u.code, u.name])).toEqual([['120100000000', '天津市']]);
    expect(byLevel('district').map((u) => [u.code, u.name])).toEqual([['120110000000', '东丽区']]);
    expect(byLevel('street').map((u) => u.code)).toEqual(['120110001000', '120110002000', '120110003000']);
    expect(byLevel('street').map((u) => u.name)).toEqual(['东丽湖街道', '华明街道', '金桥街道']);
    const children = childrenOf(data);
    for (const street of byLevel('street')) {
      const n = children.get(street.code)!.length;
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(4);
    }
    for (const community of byLevel('community')) {
      const n = children.get(community.code)!.length;
      expect(n).toBeGreaterThanOrEqual(5);
      expect(n).toBeLessThanOrEqual(9);
    }
    expect(byLevel('grid').length).toBe(data.grids.length);
  });

  it('uses valid codes whose prefixes follow the tree', () => {
    const codes = new Set(data.orgUnits.map((u) => u.code));
    expect(codes.size).toBe(data.orgUnits.length);
    for (const unit of data.orgUnits) {
      expect(validateCode(unit.code, unit.level), unit.code).toEqual({ ok: true, level: unit.level });
      if (unit.parentCode === null) {
        expect(unit.level).toBe('city');
      } else {
        expect(codes.has(unit.parentCode)).toBe(true);
        expect(isChildCode(unit.parentCode, unit.code), `${unit.parentCode} → ${unit.code}`).toBe(true);
      }
    }
    const gridCodes = data.grids.map((g) => g.code);
    expect(new Set(gridCodes).size).toBe(gridCodes.length);
    for (const code of gridCodes) {
      expect(code).toMatch(/^\d{15}$/);
      expect(codes.has(code)).toBe(true);
    }
  });

  it('numbers grids from 001 without holes inside each community', () => {
    for (const [parent, units] of childrenOf(data)) {
      if (parent.length !== 12 || units[0]!.level !== 'grid') continue;
      expect(units.map((u) => u.code)).toEqual(
        units.map((_, i) => `${parent}${String(i + 1).padStart(3, '0')}`),
      );
    }
  });

  it('gives every unit a valid counter-clockwise polygon', () => {
    for (const unit of data.orgUnits) {
      const geometry = unit.boundary as Geometry;
      expect(geometry.type).toBe('Polygon');
      const parsed = parseGeometry(geometry);
      expect(parsed.ok, unit.code).toBe(true);
      if (geometry.type !== 'Polygon') continue;
      expect(geometry.coordinates.length).toBe(1);
      const ring = geometry.coordinates[0]!;
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(signedArea(ring)).toBeGreaterThan(0);
    }
  });

  it('tiles every level exactly: grids the community, communities the street, streets the district', () => {
    const children = childrenOf(data);
    for (const unit of data.orgUnits) {
      const kids = children.get(unit.code);
      if (kids) expectTiles(unit, kids);
    }
  });

  it('keeps households mostly within 300–500, with some under and a few over', () => {
    const base = data.grids.filter((g) => g.kind === 'base');
    const within = base.filter((g) => g.households >= 300 && g.households <= 500).length;
    expect(within / base.length).toBeGreaterThan(0.6);
    expect(data.grids.some((g) => g.households < 300)).toBe(true);
    expect(data.grids.some((g) => g.households > 500)).toBe(true);
    for (const g of data.grids) {
      expect(g.population).toBeGreaterThanOrEqual(Math.floor(g.households * 2.4));
      expect(g.population).toBeLessThanOrEqual(Math.ceil(g.households * 2.8));
    }
    const specials = data.grids.filter((g) => g.kind === 'special');
    expect(specials.length).toBeGreaterThan(0);
    expect(specials.length).toBeLessThan(data.grids.length / 4);
    for (const g of data.grids) expect(g.kind === 'special').toBe(g.specialType !== null);
  });

  it('places 6–20 buildings strictly inside each grid, households adding up', () => {
    const grids = new Map(data.orgUnits.filter((u) => u.level === 'grid').map((u) => [u.code, u]));
    const perGrid = new Map<string, { n: number; households: number }>();
    const codes = new Set<string>();
    for (const b of data.buildings) {
      expect(isBuildingCode(b.code), b.code).toBe(true);
      expect(b.code.slice(0, 15)).toBe(b.gridCode);
      codes.add(b.code);
      const grid = grids.get(b.gridCode)!;
      expect(pointInGeometry([b.lon, b.lat], grid.boundary!), b.code).toBe(1);
      expect(b.floors).toBeGreaterThan(0);
      expect(b.units).toBeGreaterThan(0);
      expect(b.address.startsWith('东丽区')).toBe(true);
      expect(b.address.endsWith(b.name)).toBe(true);
      const acc = perGrid.get(b.gridCode) ?? { n: 0, households: 0 };
      acc.n++;
      acc.households += b.households;
      perGrid.set(b.gridCode, acc);
    }
    expect(codes.size).toBe(data.buildings.length);
    for (const g of data.grids) {
      const acc = perGrid.get(g.code)!;
      expect(acc.n).toBeGreaterThanOrEqual(6);
      expect(acc.n).toBeLessThanOrEqual(20);
      expect(acc.households).toBe(g.households);
    }
  });

  it('has departments at the district and streets, police flagged', () => {
    const units = new Set(data.orgUnits.map((u) => u.code));
    const codes = new Set(data.departments.map((d) => d.code));
    expect(codes.size).toBe(data.departments.length);
    for (const d of data.departments) expect(units.has(d.orgUnitCode)).toBe(true);
    const district = data.departments.filter((d) => d.orgUnitCode === '120110000000');
    expect(district.map((d) => d.name)).toContain('东丽区民政局');
    expect(district.filter((d) => d.isPolice).map((d) => d.name)).toEqual(['天津市公安局东丽分局']);
    expect(
      data.departments.some((d) => d.orgUnitCode.endsWith('000') && d.orgUnitCode !== '120110000000'),
    ).toBe(true);
  });

  it('has users for every role, the named logins and a full team per grid', () => {
    expect(ROLE_CODES.length).toBeGreaterThanOrEqual(17);
    const roles = new Set(data.users.flatMap((u) => u.roles));
    for (const role of ROLE_CODES) expect(roles.has(role), role).toBe(true);
    for (const u of data.users) for (const r of u.roles) expect(ROLE_CODES).toContain(r);

    const byName = new Map(data.users.map((u) => [u.username, u]));
    expect(byName.size).toBe(data.users.length);
    for (const login of DEMO_LOGINS) {
      expect(byName.get(login.username)?.password, login.username).toBe(DEMO_PASSWORD);
    }
    expect(byName.get('admin')!.orgUnitCodes).toEqual(['120100000000']);
    expect(byName.get('street1')!.orgUnitCodes).toEqual(['120110001000']);
    expect(byName.get('street2')!.orgUnitCodes).toEqual(['120110002000']);
    expect(byName.get('community1')!.orgUnitCodes).toEqual(['120110001001']);
    expect(byName.get('resident')!.orgUnitCodes).toEqual([]);
    expect(byName.get('dept_civil')!.departmentCodes).toEqual(['120110000000-civil_affairs']);
    const police = data.departments.find((d) => d.code === byName.get('police')!.departmentCodes[0]);
    expect(police?.isPolice).toBe(true);

    const units = new Set(data.orgUnits.map((u) => u.code));
    const departments = new Set(data.departments.map((d) => d.code));
    const phones = new Set<string>();
    for (const u of data.users) {
      expect(u.username).toMatch(/^[A-Za-z0-9_.-]{3,64}$/);
      expect(u.displayName).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
      expect(u.phone).toMatch(/^1[358]\d{9}$/);
      phones.add(u.phone);
      for (const code of u.orgUnitCodes) expect(units.has(code)).toBe(true);
      for (const code of u.departmentCodes) expect(departments.has(code)).toBe(true);
      for (const t of u.team) expect(u.orgUnitCodes).toContain(t.gridCode);
    }
    expect(phones.size).toBe(data.users.length);

    for (const grid of data.grids) {
      const team = data.users.flatMap((u) =>
        u.team.filter((t) => t.gridCode === grid.code).map((t) => t.teamRole),
      );
      expect(team.filter((r) => r === 'leader').length).toBe(1);
      expect(team.filter((r) => r === 'instructor').length).toBe(1);
      expect(team.filter((r) => r === 'full_time').length).toBe(1);
      const part = team.filter((r) => r === 'part_time').length;
      expect(part).toBeGreaterThanOrEqual(1);
      expect(part).toBeLessThanOrEqual(3);
      expect(byName.get(`w${grid.code}`)?.team).toEqual([{ gridCode: grid.code, teamRole: 'full_time' }]);
    }
  });
  it('gives every department exactly one named login and street 1 an operator per community', () => {
    const staffOf = new Map<string, string[]>();
    for (const u of data.users) {
      for (const code of u.departmentCodes) staffOf.set(code, [...(staffOf.get(code) ?? []), u.username]);
    }
    const streets = data.orgUnits.filter((u) => u.level === 'street');
    expect(streets.length).toBe(DEMO_STREETS);
    for (const d of data.departments) {
      const unit = data.orgUnits.find((u) => u.code === d.orgUnitCode)!;
      const expected =
        unit.level === 'district'
          ? DEPARTMENT_LOGINS.find((l) => l.kind === d.kind)!.username
          : `street${streets.indexOf(unit) + 1}_${d.isPolice ? 'police' : 'enforcement'}`;
      expect(staffOf.get(d.code), d.name).toEqual([expected]);
      expect(DEMO_LOGINS.map((l) => l.username)).toContain(expected);
    }
    expect(byUsername(data, 'dept_water').departmentCodes).toEqual(['120110000000-water']);
    expect(byUsername(data, 'street1_enforcement').departmentCodes).toEqual([
      '120110001000-urban_management',
    ]);
    const communities = data.orgUnits.filter(
      (u) => u.level === 'community' && u.parentCode === '120110001000',
    );
    expect(communities.length).toBe(DEMO_STREET1_COMMUNITIES);
    communities.forEach((c, k) => {
      expect(byUsername(data, `community${k + 1}`).orgUnitCodes).toEqual([c.code]);
    });
    for (const login of DEMO_LOGINS) {
      const user = byUsername(data, login.username);
      expect(user.roles.length, login.username).toBe(1);
      if (login.group !== 'unit') expect(user.roles).toEqual(['department_staff']);
    }
  });
});

describe('generateDemo city', () => {
  let data: DemoData;
  let ms = 0;
  beforeAll(() => {
    const start = performance.now();
    data = generateDemo({ scale: 'city' });
    ms = performance.now() - start;
  });

  it('is Hohhot-size: 9 districts, 60 streets, 600 communities, exactly 5,880 grids, in seconds', () => {
    expect(ms).toBeLessThan(10_000);
    const count = (level: string) => data.orgUnits.filter((u) => u.level === level).length;
    expect(count('city')).toBe(1);
    expect(count('district')).toBe(9);
    expect(count('street')).toBe(60);
    expect(count('community')).toBe(600);
    expect(count('grid')).toBe(CITY_SCALE_GRIDS);
    expect(data.grids.length).toBe(5880);
    expect(new Set(data.grids.map((g) => g.code)).size).toBe(5880);
    expect(data.buildings).toEqual([]);
    const roles = new Set(data.users.flatMap((u) => u.roles));
    for (const login of DEMO_LOGINS) expect(data.users.some((u) => u.username === login.username)).toBe(true);
    expect(roles.has('admin')).toBe(true);
  });

  it('uses valid codes whose prefixes follow the tree', () => {
    for (const unit of data.orgUnits) {
      expect(validateCode(unit.code, unit.level).ok, unit.code).toBe(true);
      if (unit.parentCode !== null) expect(isChildCode(unit.parentCode, unit.code)).toBe(true);
    }
  });

  it('gives every unit a valid polygon', () => {
    for (const unit of data.orgUnits) {
      expect(unit.boundary?.type).toBe('Polygon');
      expect(parseGeometry(unit.boundary).ok, unit.code).toBe(true);
    }
  });

  it('tiles the city with districts and a sample of communities with their grids', () => {
    const children = childrenOf(data);
    const city = data.orgUnits.find((u) => u.level === 'city')!;
    expectTiles(city, children.get(city.code)!);
    const communities = data.orgUnits.filter((u) => u.level === 'community');
    for (let i = 0; i < communities.length; i += 50) {
      const community = communities[i]!;
      expectTiles(community, children.get(community.code)!);
    }
  });

  it('can add buildings on request', () => {
    const small = generateDemo({ scale: 'city', buildings: true });
    expect(small.buildings.length).toBeGreaterThan(5880 * 6 - 1);
  });
});

/** The leaf categories of migration 0005, as the seeder reads them from case_categories. */
const CATEGORIES: HistoryCategory[] = [
  ...readFileSync(new URL('../../../migrations/0005_case_categories.sql', import.meta.url), 'utf8').matchAll(
    /^\s*\('([A-Z]{2}\d{2}-\d{2})', '[A-Z0-9]+', '\w+', '([^']+)', '[^']*', '[^']*', '[^']*', '(\{[^']*\})', (NULL|'\w+'), (true|false)/gm,
  ),
].map((m) => ({
  code: m[1]!,
  name: m[2]!,
  limits: JSON.parse(m[3]!),
  departmentKind: m[4] === 'NULL' ? null : m[4]!.slice(1, -1),
  isPolice: m[5] === 'true',
}));
const TODAY = new Date('2026-11-22T02:00:00Z');
const FINISHED = new Set(['closed', 'evaluated', 'archived']);

describe('generateHistory (a year of cases)', () => {
  let data: DemoData;
  let cases: PlannedCase[];
  beforeAll(() => {
    data = generateDemo({ scale: 'district' });
    cases = generateHistory({ data, categories: CATEGORIES, today: TODAY });
  });

  it('is deterministic for a seed and today, and changes with the seed', () => {
    expect(CATEGORIES.length).toBeGreaterThan(30);
    const again = generateHistory({ data, categories: CATEGORIES, today: TODAY });
    expect(JSON.stringify(again)).toBe(JSON.stringify(cases));
    const other = generateHistory({ data, categories: CATEGORIES, today: TODAY, seed: 7 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(cases));
  });

  it('spans the year before today with unique codes', () => {
    expect(cases.length).toBeGreaterThan(data.grids.length * 30);
    expect(new Set(cases.map((c) => c.code)).size).toBe(cases.length);
    const first = Math.min(...cases.map((c) => c.reportedAt.getTime()));
    expect(TODAY.getTime() - first).toBeGreaterThan(360 * 86_400_000);
    for (const c of cases) {
      expect(c.reportedAt.getTime()).toBeLessThanOrEqual(TODAY.getTime());
      for (const step of c.steps) expect(step.at.getTime(), c.code).toBeLessThanOrEqual(TODAY.getTime());
    }
  });

  it('closes at Dongli’s rate and keeps the seeds’ shares of channels, self-handling and satisfaction', () => {
    const voided = cases.filter((c) => c.state === 'voided').length;
    const closed = cases.filter((c) => FINISHED.has(c.state)).length;
    expect(closed / (cases.length - voided)).toBeGreaterThan(0.974);
    expect(closed / (cases.length - voided)).toBeLessThan(0.994);
    for (const source of CASE_SOURCES) {
      const share = cases.filter((c) => c.source === source).length / cases.length;
      expect(Math.abs(share - SOURCE_SHARES[source]), source).toBeLessThan(0.02);
    }
    const patrol = cases.filter((c) => c.source === 'patrol');
    const self = patrol.filter((c) => c.selfHandled).length / patrol.length;
    expect(Math.abs(self - SELF_HANDLED_SHARE)).toBeLessThan(0.03);
    expect(cases.every((c) => !c.selfHandled || c.source === 'patrol')).toBe(true);
    const scored = cases.filter((c) => c.satisfaction !== null);
    expect(scored.length).toBeGreaterThan(cases.length / 5);
    for (const [level, expected] of Object.entries(SATISFACTION_SHARES)) {
      const share = scored.filter((c) => satisfactionLevel(c.satisfaction) === level).length / scored.length;
      expect(Math.abs(share - expected), level).toBeLessThan(0.03);
    }
  });

  it('has cases in every state and from every source', () => {
    const states = new Set(cases.map((c) => c.state));
    for (const state of CASE_STATES) expect(states.has(state), state).toBe(true);
    const sources = new Set(cases.map((c) => c.source));
    for (const source of CASE_SOURCES) expect(sources.has(source), source).toBe(true);
  });

  it('replays every case legally under the state machine, in time order, ending in its state', () => {
    for (const c of cases) {
      const [report, ...rest] = c.steps;
      expect(report!.action).toBe(c.selfHandled ? 'reportSelfHandled' : 'report');
      expect(report!.from).toBeNull();
      expect(report!.to).toBe(INITIAL_STATE(c.selfHandled));
      let state = report!.to;
      let at = report!.at.getTime();
      expect(c.steps.map((s) => s.seq)).toEqual(c.steps.map((_, i) => i + 1));
      for (const step of rest) {
        expect(step.from, c.code).toBe(state);
        if (step.details.routing === 'police') {
          // 警情分流 by the system, as report-case.ts routes police matters.
          expect([step.action, step.from, step.to, step.actor]).toEqual([
            'dispatch',
            'reported',
            'dispatched',
            null,
          ]);
          expect(c.isPolice).toBe(true);
        } else {
          expect(
            nextState(step.action as Parameters<typeof nextState>[0], state),
            `${c.code} ${step.action}`,
          ).toBe(step.to);
          expect(step.actor, `${c.code} ${step.action}`).not.toBeNull();
        }
        expect(step.at.getTime()).toBeGreaterThanOrEqual(at);
        state = step.to;
        at = step.at.getTime();
      }
      expect(state, c.code).toBe(c.state);
      if (FINISHED.has(c.state)) {
        expect(c.closedAt, c.code).not.toBeNull();
        expect(c.assignments.every((a) => !a.active)).toBe(true);
      }
      if (c.state === 'closed' && !c.selfHandled) {
        expect(c.onTime.handle, c.code).not.toBeNull();
        expect(c.handledAt, c.code).not.toBeNull();
      }
    }
  });

  it('sends cases to the departments their category names, whistles to several, the police to the station', () => {
    const departments = new Set(data.departments.map((d) => d.code));
    const kinds = new Map(data.departments.map((d) => [d.code, d.kind]));
    const byCategory = new Map(CATEGORIES.map((c) => [c.code, c]));
    let toDepartments = 0;
    let whistles = 0;
    for (const c of cases) {
      for (const a of c.assignments) {
        if (a.departmentCode) {
          expect(departments.has(a.departmentCode)).toBe(true);
          toDepartments++;
        }
      }
      const lead = c.assignments.find((a) => a.isLead);
      if (c.isPolice && lead) expect(kinds.get(lead.departmentCode!)).toBe('public_security');
      const kind = byCategory.get(c.categoryCode)!.departmentKind;
      if (lead?.departmentCode && !c.isPolice && kind) expect(kinds.get(lead.departmentCode)).toBe(kind);
      if (c.assignments.length > 1) whistles++;
    }
    expect(toDepartments).toBeGreaterThan(cases.length / 5);
    expect(whistles).toBeGreaterThan(10);
  });

  it('leaves open work in the named logins’ inboxes', () => {
    const open = cases.filter((c) => !FINISHED.has(c.state) && c.state !== 'voided');
    const grid = '120110001001001';
    expect(open.some((c) => c.gridCode === grid && c.state === 'handled')).toBe(true);
    expect(
      open.some(
        (c) => c.state === 'dispatched' && c.assignments.some((a) => a.orgUnitCode === grid && a.active),
      ),
    ).toBe(true);
    for (const department of ['120110000000-water', '120110001000-urban_management']) {
      expect(
        open.some(
          (c) => c.state === 'dispatched' && c.assignments.some((a) => a.departmentCode === department),
        ),
        department,
      ).toBe(true);
    }
    expect(open.some((c) => c.state === 'reported' && c.ownerCode === '120110001001')).toBe(true);
  });
});
