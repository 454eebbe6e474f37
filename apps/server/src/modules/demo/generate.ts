// Deterministic demo data: an org tree with exactly tiling boundaries, grids, buildings,
// departments and users for every role. Pure: no database, no clock, no Math.random.
import { buildingCode, createRandom, gridCode, pointInGeometry } from '@wangge/rules';
import type { OrgLevel } from '../../db/schema.ts';
import {
  blobRegion,
  cellCount,
  cellPoint,
  createLattice,
  type Lattice,
  outline,
  type Polygon,
  partition,
  type Region,
  spatialOrder,
} from './geometry-lattice.ts';
import {
  DEMO_PASSWORD,
  DEMO_STREET1_COMMUNITIES,
  DEMO_STREETS,
  DEPARTMENT_LOGINS,
  STREET_DEPARTMENT_LOGINS,
} from './logins.ts';
import {
  chineseNumber,
  communityName,
  DONGLI_STREETS,
  HOHHOT_DISTRICTS,
  personName,
  phoneNumber,
  roadNames,
  SPECIAL_PLACES,
  streetName,
} from './names.ts';
import { chance, float, int, pick, type Rng } from './random.ts';
import type { DemoBuilding, DemoData, DemoDepartment, DemoGrid, DemoUser } from './types.ts';

export const DEFAULT_DEMO_SEED = 20261122;
/** Grids in the city-scale data set: Hohhot's count (DOMAIN.md §2). */
export const CITY_SCALE_GRIDS = 5880;

export interface GenerateDemoOptions {
  scale: 'district' | 'city';
  seed?: number;
  /** Generate buildings; default true for 'district', false for 'city'. */
  buildings?: boolean;
}

type SpecialType = NonNullable<DemoGrid['specialType']>;

/** One node of the plan: counts first, then a region, then codes and names in spatial order. */
interface Node {
  level: OrgLevel;
  children: Node[];
  /** Grids below (1 for a grid). */
  weight: number;
  region?: Region;
  code?: string;
  name?: string;
}

function leafCount(node: Node): number {
  return node.children.length === 0 ? 1 : node.children.reduce((s, c) => s + leafCount(c), 0);
}

function makeNode(level: OrgLevel, children: Node[]): Node {
  const node: Node = { level, children, weight: 0 };
  node.weight = level === 'grid' ? 1 : leafCount(node);
  return node;
}

function grids(n: number): Node[] {
  return Array.from({ length: n }, () => makeNode('grid', []));
}

/** Nudges counts one at a time, within [min, max], until they sum to `target`. */
function adjustTo(counts: number[], target: number, min: number, max: number, rng: Rng): number[] {
  let sum = counts.reduce((s, c) => s + c, 0);
  for (let guard = 0; sum !== target; guard++) {
    if (guard > 1_000_000) throw new Error(`cannot reach ${target} within [${min}, ${max}]`);
    const i = int(rng, 0, counts.length - 1);
    if (sum < target && counts[i]! < max) {
      counts[i]!++;
      sum++;
    } else if (sum > target && counts[i]! > min) {
      counts[i]!--;
      sum--;
    }
  }
  return counts;
}

const pad3 = (n: number): string => String(n).padStart(3, '0');

interface Geo {
  centerLon: number;
  centerLat: number;
  widthMetres: number;
  heightMetres: number;
  cellsPerGrid: number;
}

/** Lays a lattice under the plan and cuts it into nested regions, top-down. */
function layOut(root: Node, geo: Geo, rng: Rng): Lattice {
  const fill = 0.82; // the blob leaves its corners out
  const cells = (root.weight * geo.cellsPerGrid) / fill;
  const aspect = geo.heightMetres / geo.widthMetres;
  const nx = Math.max(4, Math.round(Math.sqrt(cells / aspect)));
  const ny = Math.max(4, Math.round(nx * aspect));
  const lattice = createLattice({
    centerLon: geo.centerLon,
    centerLat: geo.centerLat,
    nx,
    ny,
    cellMetres: geo.widthMetres / nx,
    rng,
  });
  root.region = blobRegion(nx, ny, rng);
  const minCells = Math.max(1, Math.min(2, Math.floor(cellCount(root.region) / root.weight)));
  const split = (node: Node) => {
    if (node.children.length === 0) return;
    const parts = partition(
      node.region!,
      node.children.map((c) => c.weight),
      minCells,
      rng,
    );
    node.children.forEach((child, k) => {
      child.region = parts[k]!;
      split(child);
    });
    node.children = spatialOrder(node.children, (c) => c.region!);
  };
  split(root);
  return lattice;
}

const SPECIAL_HOUSEHOLDS: Record<SpecialType, [number, number]> = {
  school: [0, 30],
  hospital: [0, 40],
  market: [40, 160],
  park: [0, 20],
  enterprise: [0, 80],
  other: [0, 20],
};

function baseHouseholds(rng: Rng): number {
  const r = rng.next();
  if (r < 0.1) return int(rng, 180, 299); // some below the 300–500 rule
  if (r < 0.15) return int(rng, 501, 620); // a few above it
  return int(rng, 300, 500);
}

interface Context {
  lattice: Lattice;
  data: DemoData;
  districtName: string;
  withBuildings: boolean;
  rng: Rng;
}

interface CommunityInfo {
  node: Node;
  streetShort: string;
  roads: string[];
  /** The type of the community's one special grid, or null when it has none. */
  special: SpecialType | null;
}

function emitUnit(ctx: Context, node: Node, parentCode: string | null): Polygon {
  const boundary = outline(ctx.lattice, node.region!);
  ctx.data.orgUnits.push({ code: node.code!, name: node.name!, level: node.level, parentCode, boundary });
  return boundary;
}

function emitCommunityGrids(ctx: Context, info: CommunityInfo): void {
  const { node } = info;
  const { rng } = ctx;
  const specialIndex = info.special === null ? -1 : int(rng, 0, node.children.length - 1);
  let baseSeq = 0;
  node.children.forEach((grid, k) => {
    grid.code = gridCode(node.code!, k + 1);
    const special = k === specialIndex ? info.special : null;
    if (special) {
      grid.name = `${info.streetShort}${pick(rng, SPECIAL_PLACES[special])}专属网格`;
    } else {
      baseSeq++;
      grid.name = `${node.name}第${chineseNumber(baseSeq)}网格`;
    }
    const boundary = emitUnit(ctx, grid, node.code!);
    const households = special ? int(rng, ...SPECIAL_HOUSEHOLDS[special]) : baseHouseholds(rng);
    ctx.data.grids.push({
      code: grid.code,
      kind: special ? 'special' : 'base',
      specialType: special,
      households,
      population: Math.round(households * float(rng, 2.4, 2.8)),
    });
    if (ctx.withBuildings) emitBuildings(ctx, grid, boundary, households, pick(rng, info.roads));
  });
}

/** Splits `total` into `n` non-negative integers with random proportions (largest remainder). */
function splitTotal(rng: Rng, total: number, n: number): number[] {
  const weights = Array.from({ length: n }, () => float(rng, 0.5, 1.5));
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const parts = exact.map(Math.floor);
  let rest = total - parts.reduce((s, p) => s + p, 0);
  const order = exact
    .map((e, i) => ({ i, frac: e - Math.floor(e) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % n, rest--) parts[order[k]!.i]!++;
  return parts;
}

function emitBuildings(ctx: Context, grid: Node, boundary: Polygon, households: number, road: string): void {
  const { rng, lattice } = ctx;
  const region = grid.region!;
  const cells: [number, number][] = [];
  region.rows.forEach(([a, b], k) => {
    for (let x = a; x < b; x++) cells.push([x, region.y0 + k]);
  });
  const count = int(rng, 6, 20);
  const perBuilding = splitTotal(rng, households, count);
  const houseNo = int(rng, 1, 399);
  for (let seq = 1; seq <= count; seq++) {
    const [lon, lat] = placeInside(rng, lattice, cells, boundary);
    const h = perBuilding[seq - 1]!;
    let units = h === 0 ? 1 : int(rng, 1, 4);
    // About two households per floor per unit; towers top out at 33 floors.
    if (h > units * 2 * 33) units = Math.ceil(h / 66);
    const floors = h === 0 ? int(rng, 2, 5) : Math.max(1, Math.min(33, Math.ceil(h / (units * 2))));
    const name = `${seq}号楼`;
    const building: DemoBuilding = {
      code: buildingCode(grid.code!, seq),
      gridCode: grid.code!,
      name,
      address: `${ctx.districtName}${road}${houseNo}号${name}`,
      lon,
      lat,
      floors,
      units,
      households: h,
    };
    ctx.data.buildings.push(building);
  }
}

/** A point strictly inside the grid: the middle of a random cell, checked against the outline. */
function placeInside(
  rng: Rng,
  lattice: Lattice,
  cells: [number, number][],
  boundary: Polygon,
): [number, number] {
  for (let attempt = 0; attempt < 100; attempt++) {
    const [x, y] = pick(rng, cells);
    const point = cellPoint(lattice, x, y, float(rng, 0.28, 0.72), float(rng, 0.28, 0.72));
    if (pointInGeometry(point, boundary) === 1) return point;
  }
  throw new Error('demo: could not place a building inside its grid');
}

// Departments (DOMAIN.md §3): functional bureaus and utilities at the district.
const DISTRICT_DEPARTMENTS: {
  kind: string;
  name: (district: string, city: string) => string;
  police?: true;
}[] = [
  { kind: 'civil_affairs', name: (d) => `${d}民政局` },
  { kind: 'public_security', name: (d, c) => `${c}公安局${d.replace(/区$|县$|旗$/, '')}分局`, police: true },
  { kind: 'urban_management', name: (d) => `${d}城市管理委员会` },
  { kind: 'ecology_environment', name: (d) => `${d}生态环境局` },
  { kind: 'emergency', name: (d) => `${d}应急管理局` },
  { kind: 'market_regulation', name: (d) => `${d}市场监督管理局` },
  { kind: 'human_resources', name: (d) => `${d}人力资源和社会保障局` },
  { kind: 'health', name: (d) => `${d}卫生健康委员会` },
  { kind: 'fire', name: (d, c) => `${c}${d}消防救援支队` },
  { kind: 'housing', name: (d) => `${d}住房和建设委员会` },
  { kind: 'water', name: (d) => `${d}水务有限公司` },
  { kind: 'power', name: (d, c) => `${c.replace(/市$/, '')}${d.replace(/区$|县$|旗$/, '')}供电公司` },
  { kind: 'gas', name: (d) => `${d}燃气有限公司` },
  { kind: 'heating', name: (d) => `${d}供热有限公司` },
];

function emitDepartments(ctx: Context, cityName: string, district: Node, streets: Node[]): void {
  for (const dept of DISTRICT_DEPARTMENTS) {
    ctx.data.departments.push({
      code: `${district.code}-${dept.kind}`,
      name: dept.name(district.name!, cityName),
      kind: dept.kind,
      isPolice: dept.police === true,
      orgUnitCode: district.code!,
    });
  }
  for (const street of streets) {
    const short = street.name!.replace(/街道$|镇$/, '');
    const local: DemoDepartment[] = [
      {
        code: `${street.code}-public_security`,
        name: `${short}派出所`,
        kind: 'public_security',
        isPolice: true,
        orgUnitCode: street.code!,
      },
      {
        code: `${street.code}-urban_management`,
        name: `${street.name}综合执法大队`,
        kind: 'urban_management',
        isPolice: false,
        orgUnitCode: street.code!,
      },
    ];
    ctx.data.departments.push(...local);
  }
}

interface People {
  rng: Rng;
  phones: Set<string>;
  users: DemoUser[];
}

function addUser(people: People, user: Omit<DemoUser, 'displayName' | 'phone' | 'password'>): DemoUser {
  const full: DemoUser = {
    username: user.username,
    displayName: personName(people.rng),
    phone: phoneNumber(people.rng, people.phones),
    password: DEMO_PASSWORD,
    roles: user.roles,
    orgUnitCodes: user.orgUnitCodes,
    departmentCodes: user.departmentCodes,
    team: user.team,
  };
  people.users.push(full);
  return full;
}

function namedUsers(
  people: People,
  scope: { city: string; district: string; street1: string; street2: string; community1: string },
  departments: { civil: string; police: string },
): void {
  const named: [string, string, string[]][] = [
    ['admin', 'admin', [scope.city]],
    ['city', 'city_operator', [scope.city]],
    ['district', 'district_operator', [scope.district]],
    ['street1', 'street_operator', [scope.street1]],
    ['street2', 'street_operator', [scope.street2]],
    ['community1', 'community_operator', [scope.community1]],
    ['leader', 'leader', [scope.district]],
    ['command', 'command_operator', [scope.district]],
    ['dispatcher', 'dispatcher', [scope.street1]],
    ['handler', 'handler', [scope.street1]],
    ['patroller', 'patroller', [scope.street1]],
    ['mediator', 'mediator', [scope.street1]],
  ];
  for (const [username, role, orgUnitCodes] of named) {
    addUser(people, { username, roles: [role], orgUnitCodes, departmentCodes: [], team: [] });
  }
  const staff = (username: string, departmentCode: string) =>
    addUser(people, {
      username,
      roles: ['department_staff'],
      orgUnitCodes: [],
      departmentCodes: [departmentCode],
      team: [],
    });
  staff('dept_civil', departments.civil);
  staff('police', departments.police);
  addUser(people, {
    username: 'resident',
    roles: ['resident'],
    orgUnitCodes: [],
    departmentCodes: [],
    team: [],
  });
}

/**
 * Logins added after the grid teams, so the names and phones drawn for earlier users stay as
 * they were: every other district department, each street's police station and enforcement
 * team, and the remaining community operators of street 1.
 */
function moreLogins(people: People, district: string, streets: Node[]): void {
  const staff = (username: string, departmentCode: string) =>
    addUser(people, {
      username,
      roles: ['department_staff'],
      orgUnitCodes: [],
      departmentCodes: [departmentCode],
      team: [],
    });
  for (const d of DEPARTMENT_LOGINS) {
    if (d.username !== 'dept_civil' && d.username !== 'police') staff(d.username, `${district}-${d.kind}`);
  }
  streets.slice(0, DEMO_STREETS).forEach((street, s) => {
    for (const d of STREET_DEPARTMENT_LOGINS) staff(`street${s + 1}_${d.suffix}`, `${street.code}-${d.kind}`);
  });
  const communities = streets[0]!.children.slice(1, DEMO_STREET1_COMMUNITIES);
  communities.forEach((community, k) => {
    addUser(people, {
      username: `community${k + 2}`,
      roles: ['community_operator'],
      orgUnitCodes: [community.code!],
      departmentCodes: [],
      team: [],
    });
  });
}

function gridTeam(people: People, code: string): void {
  const member = (username: string, role: string, teamRole: DemoUser['team'][number]['teamRole']) =>
    addUser(people, {
      username,
      roles: [role],
      orgUnitCodes: [code],
      departmentCodes: [],
      team: [{ gridCode: code, teamRole }],
    });
  member(`wz${code}`, 'grid_leader', 'leader');
  member(`wd${code}`, 'grid_instructor', 'instructor');
  member(`w${code}`, 'grid_worker_full', 'full_time');
  const helpers = int(people.rng, 1, 3);
  for (let n = 1; n <= helpers; n++) member(`wj${code}_${n}`, 'grid_worker_part', 'part_time');
}

function sortData(data: DemoData): DemoData {
  const rank: Record<OrgLevel, number> = { city: 0, district: 1, street: 2, community: 3, grid: 4 };
  data.orgUnits.sort((a, b) => rank[a.level] - rank[b.level] || a.code.localeCompare(b.code));
  data.grids.sort((a, b) => a.code.localeCompare(b.code));
  data.buildings.sort((a, b) => a.code.localeCompare(b.code));
  return data;
}

function emptyData(): DemoData {
  return { orgUnits: [], grids: [], buildings: [], departments: [], users: [] };
}

/** Tianjin Dongli: the district a community worker sees on `npm start`. */
function generateDistrict(seed: number, withBuildings: boolean): DemoData {
  const plan = createRandom(seed);
  const geoRng = createRandom(seed ^ 0x5bd1e995);
  const rng = createRandom(seed ^ 0x27d4eb2f);
  const streets = DONGLI_STREETS.map(() =>
    makeNode(
      'street',
      Array.from({ length: int(plan, 3, 4) }, () => makeNode('community', grids(int(plan, 5, 9)))),
    ),
  );
  const district = makeNode('district', streets);
  const lattice = layOut(
    district,
    {
      centerLon: 117.3,
      centerLat: 39.08,
      widthMetres: 8000,
      heightMetres: 6000,
      cellsPerGrid: 6,
    },
    geoRng,
  );
  const data = emptyData();
  const ctx: Context = { lattice, data, districtName: '东丽区', withBuildings, rng };
  const city: Node = {
    level: 'city',
    children: [district],
    weight: district.weight,
    region: district.region!,
    code: '120100000000',
    name: '天津市',
  };
  district.code = '120110000000';
  district.name = '东丽区';
  emitUnit(ctx, city, null);
  emitUnit(ctx, district, city.code!);
  const specials: SpecialType[] = ['school', 'hospital', 'market', 'park'];
  let specialCount = 0;
  district.children.forEach((street, s) => {
    const names = DONGLI_STREETS[s]!;
    street.code = `120110${pad3(s + 1)}000`;
    street.name = names.name;
    emitUnit(ctx, street, district.code!);
    street.children.forEach((community, c) => {
      community.code = `${street.code!.slice(0, 9)}${pad3(c + 1)}`;
      community.name = names.communities[c]!;
      emitUnit(ctx, community, street.code!);
      const special = chance(rng, 0.5) ? specials[specialCount++ % specials.length]! : null;
      emitCommunityGrids(ctx, {
        node: community,
        streetShort: names.name.replace(/街道$/, ''),
        roads: names.roads,
        special,
      });
    });
  });
  emitDepartments(ctx, '天津市', district, district.children);

  const people: People = { rng, phones: new Set(), users: [] };
  const firstStreet = district.children[0]!;
  namedUsers(
    people,
    {
      city: city.code!,
      district: district.code,
      street1: firstStreet.code!,
      street2: district.children[1]!.code!,
      community1: firstStreet.children[0]!.code!,
    },
    { civil: `${district.code}-civil_affairs`, police: `${district.code}-public_security` },
  );
  for (const grid of [...data.grids].sort((a, b) => a.code.localeCompare(b.code)))
    gridTeam(people, grid.code);
  moreLogins(people, district.code, district.children);
  data.users = people.users;
  return sortData(data);
}

/** Hohhot size: 9 districts, 60 streets, 600 communities, 5,880 grids; for benchmarks. */
function generateCity(seed: number, withBuildings: boolean): DemoData {
  const plan = createRandom(seed);
  const geoRng = createRandom(seed ^ 0x5bd1e995);
  const rng = createRandom(seed ^ 0x27d4eb2f);
  const streetsPer = [8, 8, 7, 9, 7, 5, 6, 4, 6]; // 60
  const communitiesPer = adjustTo(
    Array.from({ length: 60 }, () => int(plan, 7, 13)),
    600,
    6,
    14,
    plan,
  );
  const gridsPer = adjustTo(
    Array.from({ length: 600 }, () => int(plan, 6, 14)),
    CITY_SCALE_GRIDS,
    5,
    16,
    plan,
  );
  let streetIndex = 0;
  let communityIndex = 0;
  const districts = streetsPer.map((n) =>
    makeNode(
      'district',
      Array.from({ length: n }, () =>
        makeNode(
          'street',
          Array.from({ length: communitiesPer[streetIndex++]! }, () =>
            makeNode('community', grids(gridsPer[communityIndex++]!)),
          ),
        ),
      ),
    ),
  );
  const city = makeNode('city', districts);
  const lattice = layOut(
    city,
    {
      centerLon: 111.7,
      centerLat: 40.8,
      widthMetres: 40000,
      heightMetres: 30000,
      cellsPerGrid: 4,
    },
    geoRng,
  );
  city.code = '150100000000';
  city.name = '呼和浩特市';
  const data = emptyData();
  const ctx: Context = { lattice, data, districtName: '', withBuildings, rng };
  emitUnit(ctx, city, null);
  const specials: SpecialType[] = ['school', 'hospital', 'market', 'park', 'enterprise', 'other'];
  const streetNames = new Set<string>();
  // Districts are laid out in spatial order; the real codes go with the real names.
  city.children.forEach((district, d) => {
    const real = HOHHOT_DISTRICTS[d]!;
    district.code = real.code;
    district.name = real.name;
    ctx.districtName = real.name;
    emitUnit(ctx, district, city.code!);
    district.children.forEach((street, s) => {
      const town = real.county && s > 0; // a county seat keeps a street office, the rest are towns
      street.code = `${real.code.slice(0, 6)}${pad3(town ? 100 + s : s + 1)}000`;
      street.name = streetName(rng, streetNames, town);
      emitUnit(ctx, street, district.code!);
      const communityNames = new Set<string>();
      let residents = 0;
      let villages = 0;
      street.children.forEach((community, c) => {
        const village = town && c >= 2;
        community.code = `${street.code!.slice(0, 9)}${pad3(village ? 200 + ++villages : ++residents)}`;
        community.name = communityName(rng, communityNames, village);
        emitUnit(ctx, community, street.code!);
        emitCommunityGrids(ctx, {
          node: community,
          streetShort: street.name!.replace(/街道$|镇$/, ''),
          roads: roadNames(rng, 3),
          special: chance(rng, 0.45) ? pick(rng, specials) : null,
        });
      });
    });
    // Street departments only in the first district: enough for the named demo logins.
    emitDepartments(ctx, '呼和浩特市', district, d === 0 ? district.children : []);
  });
  const people: People = { rng, phones: new Set(), users: [] };
  const firstDistrict = city.children[0]!;
  const firstStreet = firstDistrict.children[0]!;
  namedUsers(
    people,
    {
      city: city.code,
      district: firstDistrict.code!,
      street1: firstStreet.code!,
      street2: firstDistrict.children[1]!.code!,
      community1: firstStreet.children[0]!.code!,
    },
    { civil: `${firstDistrict.code}-civil_affairs`, police: `${firstDistrict.code}-public_security` },
  );
  moreLogins(people, firstDistrict.code!, firstDistrict.children);
  data.users = people.users;
  return sortData(data);
}

export function generateDemo(options: GenerateDemoOptions): DemoData {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  if (options.scale === 'city') return generateCity(seed, options.buildings ?? false);
  return generateDistrict(seed, options.buildings ?? true);
}
