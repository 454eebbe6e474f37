// The standard-address importer: a community's whole tree (road → number → building → unit →
// floor → room) from one sheet. A row names its parent by code or by its path of names; the parent
// is registered already or on an earlier row. The tree rules are those of the address API
// (addresses/rules.ts); a building's grid comes from the grid code, its building, its coordinates
// (the in-memory grid index) or its parent, and given coordinates must lie inside that grid.
import { type Geometry, pointInGeometry } from '@wangge/rules';
import type { AddressLevel } from '../../../db/schema.ts';
import { inScope } from '../../access/authorize.ts';
import {
  ADDRESS_LEVEL_OPTIONS,
  generatedAddressCode,
  gridProblem,
  levelProblem,
  matrixPlace,
} from '../addresses/rules.ts';
import { ADDRESS_COLUMNS, bulkInsert } from '../bulk.ts';
import { ENTITY, type Executor, todayInChina } from '../shared.ts';
import { COLUMNS } from './columns.ts';
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
} from './importer.ts';
import { type AddressNodeRow, importRepository, addressImportRepository as repo } from './repository.ts';

/** An address element: registered (`row` null) or from a row of this file (`id` set on insert). */
interface Node {
  row: number | null;
  id: string | null;
  code: string;
  level: AddressLevel;
  name: string;
  fullName: string;
  gridId: string;
  gridPath: string;
  gridLevel: string;
  buildingId: string | null;
  unitNo: number | null;
  floor: number | null;
  room: string | null;
  /** Found bad after it was remembered (its code taken, …): its children are refused with it. */
  failed: boolean;
}

interface OrgUnitRef {
  id: string;
  code: string;
  path: string;
  level: string;
}

interface BuildingRef {
  id: string;
  grid: OrgUnitRef;
}

export interface AddressValue {
  code: string | null;
  parentCode: string | null;
  parentPath: string[] | null;
  level: AddressLevel;
  name: string;
  gridCode: string | null;
  buildingCode: string | null;
  point: [lon: number, lat: number] | null;
  unitNo: number | null;
  floor: number | null;
  room: string | null;
  node?: Node;
  parent?: Node | null;
}

const CODE = /^[0-9A-Za-z._-]{1,64}$/;
const BUILDING_CODE = /^[0-9]{18}$/;

/** An element is found by path through its full name and its own name (the last segment). */
const pathKey = (fullName: string, name: string) => `${fullName}\u0000${name}`;
const parentPathKey = (segments: string[]) => pathKey(segments.join(''), segments.at(-1)!);
const badParentRow = (row: number) => `上级地址（第 ${row} 行）有误 (the parent on row ${row} has errors)`;

function wholeNumber(text: string | undefined, field: string, min: number, max: number, report: Report) {
  if (!text) return null;
  const n = Number(text);
  if (Number.isInteger(n) && n >= min && n <= max) return n;
  report(field, `应为 ${min} 到 ${max} 的整数 (a whole number from ${min} to ${max})`);
  return null;
}

function coordinates(v: Record<string, string>, level: AddressLevel | null, report: Report) {
  if (!v.lon && !v.lat) return null;
  if (!v.lon || !v.lat) {
    report(v.lon ? 'lat' : 'lon', '经度与纬度须同时填写 (give both longitude and latitude)');
    return null;
  }
  const lon = Number(v.lon);
  const lat = Number(v.lat);
  if (!Number.isFinite(lon) || Math.abs(lon) > 180)
    report('lon', '经度应在 -180 到 180 之间 (longitude between -180 and 180)');
  if (!Number.isFinite(lat) || Math.abs(lat) > 90)
    report('lat', '纬度应在 -90 到 90 之间 (latitude between -90 and 90)');
  if (level && level !== 'building') report('lon', '只有楼栋填写坐标 (coordinates are for buildings only)');
  return [lon, lat] as [number, number];
}

function nodeOf(r: AddressNodeRow): Node {
  return {
    row: null,
    id: r.id,
    code: r.code,
    level: r.level,
    name: r.name,
    fullName: r.full_name,
    gridId: r.grid_id,
    gridPath: r.grid_path,
    gridLevel: r.org_level,
    buildingId: r.building_id,
    unitNo: r.unit_no,
    floor: r.floor,
    room: null,
    failed: false,
  };
}

export function addressImporter(ctx: ImportContext): Importer<AddressValue> {
  const { actor, gridIndex } = ctx;
  const today = todayInChina();
  // Rows of the file remembered so far, by code and by path; rows refused earlier by key → row.
  const fileByCode = new Map<string, Node>();
  const fileByPath = new Map<string, Node>();
  const broken = new Map<string, number>();
  const codes = new Seen();
  const siblings = new Seen();
  // Children per parent so far, for generated codes; a registered parent's count is read once,
  // before anything of this file is written under it.
  const childCount = new Map<string, number>();
  // Registered things by code or path, cached across batches: the thing, or why it cannot be used.
  const dbByCode = new Map<string, Node | string>();
  const dbByPath = new Map<string, Node | string>();
  const orgUnits = new Map<string, OrgUnitRef | string>();
  const buildings = new Map<string, BuildingRef | string>();
  const boundaries = new Map<string, Geometry | null>();

  const parentKey = (node: Node) => (node.row === null ? `d${node.id}` : `r${node.row}`);
  const remember = (key: string, row: number) => {
    if (!broken.has(key)) broken.set(key, row);
  };
  /** Keys of a refused row, so rows naming it as their parent say why they cannot be checked. */
  const rememberRefused = (v: Partial<AddressValue>, row: number, parent: Node | null) => {
    if (v.code && CODE.test(v.code)) remember(`c:${v.code}`, row);
    if (!v.name) return;
    const parentFull = parent
      ? parent.fullName
      : v.parentPath
        ? v.parentPath.join('')
        : v.parentCode
          ? null
          : '';
    if (parentFull !== null) remember(`p:${pathKey(parentFull + v.name, v.name)}`, row);
  };

  function parentOf(v: AddressValue, row: number): Node | string | null {
    if (!v.parentCode && !v.parentPath) return null;
    const key = v.parentCode ? v.parentCode : parentPathKey(v.parentPath!);
    const fromFile = v.parentCode ? fileByCode.get(key) : fileByPath.get(key);
    if (fromFile) return fromFile.failed ? badParentRow(fromFile.row!) : fromFile;
    const refusedRow = broken.get(`${v.parentCode ? 'c' : 'p'}:${key}`);
    if (refusedRow !== undefined && refusedRow < row) return badParentRow(refusedRow);
    return (v.parentCode ? dbByCode : dbByPath).get(key)!;
  }

  /** Loads whatever registered things this batch names and are not known yet. */
  async function load(trx: Executor, items: Item<AddressValue>[]) {
    const parentCodes = new Set<string>();
    const parentPaths = new Map<string, string[]>();
    const gridCodes = new Set<string>();
    const buildingCodes = new Set<string>();
    for (const { value: v } of items) {
      const code = v.parentCode;
      if (code && !fileByCode.has(code) && !dbByCode.has(code)) parentCodes.add(code);
      const path = v.parentPath && parentPathKey(v.parentPath);
      if (path && !fileByPath.has(path) && !dbByPath.has(path)) parentPaths.set(path, v.parentPath!);
      if (v.gridCode && !orgUnits.has(v.gridCode)) gridCodes.add(v.gridCode);
      if (v.buildingCode && !buildings.has(v.buildingCode)) buildingCodes.add(v.buildingCode);
    }
    const [byCode, byPath, units, blds] = await Promise.all([
      repo.byCode(trx, actor, [...parentCodes]),
      repo.byFullName(
        trx,
        actor,
        [...parentPaths.values()].map((s) => s.join('')),
      ),
      importRepository.orgUnitsByCode(trx, [...gridCodes]),
      repo.buildingsByCode(trx, [...buildingCodes]),
    ]);
    for (const code of parentCodes)
      dbByCode.set(
        code,
        `上级地址编码 ${code} 不存在或不在您的管辖范围内，也不在本行之前 (no such parent in your scope or on an earlier row)`,
      );
    for (const r of byCode)
      dbByCode.set(r.code, r.retired_at ? '上级地址已注销 (the parent address is retired)' : nodeOf(r));
    const matches = new Map<string, Node[]>();
    for (const r of byPath) {
      const key = pathKey(r.full_name, r.name);
      matches.set(key, [...(matches.get(key) ?? []), nodeOf(r)]);
    }
    for (const [key, segments] of parentPaths) {
      const found = matches.get(key) ?? [];
      dbByPath.set(
        key,
        found.length === 1
          ? found[0]!
          : found.length === 0
            ? `上级地址 ${segments.join('/')} 不存在或不在您的管辖范围内，也不在本行之前 (no such parent in your scope or on an earlier row)`
            : `上级地址 ${segments.join('/')} 对应 ${found.length} 个地址，请改用上级地址编码 (the path names ${found.length} addresses; give the parent's code)`,
      );
    }
    for (const code of gridCodes)
      orgUnits.set(code, '网格编码不存在或不在您的管辖范围内 (no such grid or community in your scope)');
    for (const u of units) if (inScope(actor, u.path)) orgUnits.set(u.code, u);
    for (const code of buildingCodes)
      buildings.set(code, '建筑编码不存在或不在您的管辖范围内 (no such building in your scope)');
    for (const b of blds) {
      if (!inScope(actor, b.grid_path)) continue;
      buildings.set(b.code, {
        id: b.id,
        grid: { id: b.grid_id, code: b.grid_code, path: b.grid_path, level: 'grid' },
      });
    }

    // Sibling counts of registered parents (and of the roads) seen for the first time.
    const counted = new Set<string>();
    let roads = false;
    for (const { value: v } of items) {
      const parent = v.parentCode || v.parentPath ? parentOf(v, Number.POSITIVE_INFINITY) : null;
      if (parent === null) roads = true;
      else if (typeof parent !== 'string' && parent.row === null && !childCount.has(parentKey(parent)))
        counted.add(parent.id!);
    }
    const counts = await repo.childCounts(trx, [...counted]);
    for (const id of counted) childCount.set(`d${id}`, 0);
    for (const c of counts) childCount.set(`d${c.parent_id}`, c.n);
    if (roads && !childCount.has('root')) childCount.set('root', await repo.rootCount(trx));

    // Boundaries of the grids that given coordinates are checked against.
    const shapes = new Set<string>();
    for (const { value: v } of items) {
      if (!v.point) continue;
      const unit = v.gridCode ? orgUnits.get(v.gridCode) : undefined;
      const building = v.buildingCode ? buildings.get(v.buildingCode) : undefined;
      const id = typeof unit === 'object' ? unit.id : typeof building === 'object' ? building.grid.id : null;
      if (id && !boundaries.has(id)) shapes.add(id);
    }
    for (const id of shapes) boundaries.set(id, null);
    for (const b of await repo.currentBoundaries(trx, [...shapes]))
      boundaries.set(b.org_unit_id, b.geometry as unknown as Geometry);
  }

  /** Every rule that the file and the loaded look-ups can decide; remembers the rows that pass. */
  function place(item: Item<AddressValue>): boolean {
    const { value: v, row } = item;
    const parentField = v.parentPath ? 'parentPath' : 'parentCode';
    let parent: Node | null = null;
    const refuse = (field: string, reason: string) => {
      item.report(field, reason);
      rememberRefused(v, row, parent);
      return false;
    };
    const found = parentOf(v, row);
    if (typeof found === 'string') return refuse(parentField, found);
    parent = found;
    const order = levelProblem(v.level, parent?.level ?? null);
    if (order) return refuse(order.field === 'parent' ? parentField : 'level', order.reason);

    let unit: OrgUnitRef | null = null;
    let unitField = 'gridCode';
    let building: BuildingRef | null = null;
    if (v.gridCode) {
      const u = orgUnits.get(v.gridCode)!;
      if (typeof u === 'string') return refuse('gridCode', u);
      unit = u;
    }
    if (v.buildingCode) {
      const b = buildings.get(v.buildingCode)!;
      if (typeof b === 'string') return refuse('buildingCode', b);
      building = b;
      if (!unit) {
        unit = b.grid;
        unitField = 'buildingCode';
      }
    }
    if (!unit && v.point) {
      const hit = gridIndex.locate(v.point[0], v.point[1]);
      if (!hit) return refuse('lon', '坐标不在任何网格内 (the point lies in no grid)');
      if (!inScope(actor, hit.path))
        return refuse('lon', '坐标所在网格不在您的管辖范围内 (the point lies in a grid outside your scope)');
      unit = { id: hit.id, code: hit.code, path: hit.path, level: 'grid' };
      unitField = 'lon';
    }
    if (!unit && parent)
      unit = { id: parent.gridId, code: '', path: parent.gridPath, level: parent.gridLevel };
    if (!unit)
      return refuse(
        'gridCode',
        '路/街巷须填网格编码（网格或社区） (a road needs its grid or community code)',
      );
    const grid = gridProblem(v.level, unit, parent?.gridPath ?? null);
    if (grid) return refuse(unitField, grid.reason);
    if (building && building.grid.id !== unit.id)
      return refuse('buildingCode', '建筑不在该网格 (the building lies in another grid)');
    const shape = v.point && unitField !== 'lon' ? boundaries.get(unit.id) : null;
    if (shape && v.point && pointInGeometry(v.point, shape) < 0)
      return refuse(
        'lon',
        `坐标不在网格 ${unit.code} 的边界内 (the building lies outside grid ${unit.code})`,
      );

    const matrix = matrixPlace(v.level, parent ? { unit_no: parent.unitNo, floor: parent.floor } : null, v);
    if (!matrix.ok) return refuse(matrix.field, matrix.reason);

    const sameName = siblings.claim(`${parent ? parentKey(parent) : `g${unit.id}`}|${v.name}`, row);
    if (sameName !== null)
      return refuse('name', `与第 ${sameName} 行地址重复 (same address as row ${sameName})`);
    const counter = parent ? parentKey(parent) : 'root';
    const before = childCount.get(counter) ?? 0;
    childCount.set(counter, before + 1);
    const code = v.code ?? generatedAddressCode(parent?.code ?? null, before);
    const sameCode = codes.claim(code, row);
    if (sameCode !== null)
      return refuse(
        'code',
        v.code
          ? `与第 ${sameCode} 行地址编码重复 (same code as row ${sameCode})`
          : `自动生成的编码 ${code} 与第 ${sameCode} 行重复，请填写地址编码 (the generated code ${code} is taken by row ${sameCode}; give a code)`,
      );

    const node: Node = {
      row,
      id: null,
      code,
      level: v.level,
      name: v.name,
      fullName: (parent?.fullName ?? '') + v.name,
      gridId: unit.id,
      gridPath: unit.path,
      gridLevel: unit.level,
      buildingId: building?.id ?? parent?.buildingId ?? null,
      unitNo: matrix.place.unitNo,
      floor: matrix.place.floor,
      room: matrix.place.room,
      failed: false,
    };
    fileByCode.set(code, node);
    const key = pathKey(node.fullName, node.name);
    if (!fileByPath.has(key)) fileByPath.set(key, node);
    v.node = node;
    v.parent = parent;
    return true;
  }

  return {
    columns: COLUMNS.addresses,
    parse(v, report, row) {
      let bad = false;
      const r: Report = (field, reason) => {
        bad = true;
        report(field, reason);
      };
      const levelText = required(v, 'level', r);
      const level = levelText ? enumOf(ADDRESS_LEVEL_OPTIONS, levelText, 'level', r) : null;
      const name = required(v, 'name', r);
      if (name) maxLength(name, 100, 'name', r);
      const code = v.code || null;
      if (code && !CODE.test(code))
        r('code', '地址编码只能含字母、数字和 . _ -，最长 64 位 (letters, digits, . _ - only; at most 64)');
      const parentCode = v.parentCode || null;
      const parentPath = v.parentPath
        ? v.parentPath
            .split(/[/／]/)
            .map((s) => s.trim())
            .filter(Boolean)
        : null;
      if (parentPath?.length === 0)
        r('parentPath', '上级地址应为名称路径，如 跃进路/8号 (a path of names, e.g. 跃进路/8号)');
      if (parentCode && parentPath)
        r('parentPath', "上级地址编码与上级地址只填一个 (give the parent's code or its path, not both)");
      const buildingCode = v.buildingCode || null;
      if (buildingCode && !BUILDING_CODE.test(buildingCode))
        r('buildingCode', '建筑编码应为 18 位数字 (a building code has 18 digits)');
      if (buildingCode && level && level !== 'building')
        r('buildingCode', '只有楼栋可关联建筑 (only a building links to one)');
      const point = coordinates(v, level, r);
      const unitNo = wholeNumber(v.unitNo, 'unitNo', 1, 99, r);
      if (unitNo !== null && level && level !== 'unit')
        r('unitNo', '单元号只用于单元 (unitNo is for a unit)');
      const floor = wholeNumber(v.floor, 'floor', -5, 200, r);
      const room = v.room || null;
      if (room && maxLength(room, 20, 'room', r) && level && level !== 'room')
        r('room', '房号只用于房间 (room is for a room)');
      const value = {
        code,
        parentCode,
        parentPath: parentPath?.length ? parentPath : null,
        level: level!,
        name: name!,
        gridCode: v.gridCode || null,
        buildingCode,
        point,
        unitNo,
        floor,
        room,
      };
      if (!bad) return value;
      rememberRefused(value, row, null);
      return null;
    },
    async check(trx, items) {
      await load(trx, items);
      const placed = items.filter(place);
      const nodes = placed.map((i) => i.value.node!);
      const registeredParents = placed.flatMap((i) =>
        i.value.parent?.row === null ? [i.value.parent.id!] : [],
      );
      const roads = placed.filter((i) => !i.value.parent);
      const names = placed.map((i) => i.value.name);
      const [taken, children, roadRows] = await Promise.all([
        repo.takenCodes(
          trx,
          nodes.map((n) => n.code),
        ),
        repo.childrenNamed(trx, registeredParents, names),
        repo.roadsNamed(
          trx,
          roads.map((i) => i.value.node!.gridId),
          roads.map((i) => i.value.name),
        ),
      ]);
      const takenCodes = new Set(taken);
      const namedChildren = new Set(children.map((c) => `${c.parent_id}|${c.name}`));
      const namedRoads = new Set(roadRows.map((c) => `${c.grid_id}|${c.name}`));
      // In file order, so a row refused here takes the rows below it that hang on it.
      return placed.filter((item) => {
        const { value: v } = item;
        const node = v.node!;
        let problem: [field: string, reason: string] | null = null;
        if (v.parent?.failed)
          problem = [v.parentPath ? 'parentPath' : 'parentCode', badParentRow(v.parent.row!)];
        else if (takenCodes.has(node.code))
          problem = [
            'code',
            v.code
              ? `地址编码 ${node.code} 已存在 (address code taken)`
              : `自动生成的编码 ${node.code} 已被占用，请填写地址编码 (the generated code ${node.code} is taken; give a code)`,
          ];
        else if (
          v.parent
            ? v.parent.row === null && namedChildren.has(`${v.parent.id}|${v.name}`)
            : namedRoads.has(`${node.gridId}|${v.name}`)
        )
          problem = ['name', '同一上级下已有同名地址 (an address of this name is already registered there)'];
        if (!problem) return true;
        node.failed = true;
        item.report(...problem);
        return false;
      });
    },
    async insert(trx, items) {
      // Parents before children: each round writes the rows whose parent has an id by now.
      let pending = items;
      while (pending.length) {
        const ready = pending.filter((i) => !i.value.parent || i.value.parent.id !== null);
        if (!ready.length) throw new Error('address import: a parent row was never written');
        const inserted = await bulkInsert(
          trx,
          'addresses',
          ADDRESS_COLUMNS,
          ready.map(({ value: { node: n, parent } }) => [
            parent?.id ?? null,
            n!.level,
            n!.code,
            n!.name,
            n!.fullName,
            n!.gridId,
            n!.gridPath,
            n!.buildingId,
            n!.unitNo,
            n!.floor,
            n!.room,
          ]),
          'id',
        );
        ready.forEach((i, k) => {
          i.value.node!.id = String(inserted[k]!.id);
        });
        pending = pending.filter((i) => i.value.node!.id === null);
      }
      const nodes = items.map((i) => i.value.node!);
      await grams(
        trx,
        ENTITY.address,
        nodes.map((n) => ({ id: n.id!, gridPath: n.gridPath, text: n.fullName })),
      );
      await events(
        trx,
        ctx,
        'address',
        nodes.map((n) => ({
          id: n.id!,
          gridPath: n.gridPath,
          changes: { level: n.level, code: n.code, fullName: n.fullName },
        })),
        today,
      );
      return nodes.length;
    },
  };
}
