import type { AddressLevel } from '../../../db/schema.ts';
import { badRequest, conflict } from '../../../http/errors.ts';
import type { Actor } from '../../access/actor.ts';
import { assertInScope } from '../../access/authorize.ts';
import { type AuditOrigin, recordAudit } from '../../audit/record.ts';
import { type RegistersContext, recordEvent, reindexEntity, todayInChina } from '../shared.ts';
import { addressRepository as repo } from './repository.ts';
import {
  type AddressProblem,
  generatedAddressCode,
  gridProblem,
  levelProblem,
  matrixPlace,
} from './rules.ts';

/** A rule's field → the request body's. */
const BODY_FIELD = {
  parent: 'parentId',
  level: 'level',
  grid: 'gridId',
  unitNo: 'unitNo',
  floor: 'floor',
} as const;

function refuse(problem: AddressProblem | null): void {
  if (problem) throw badRequest(BODY_FIELD[problem.field], problem.reason);
}

export interface NewAddress {
  parentId?: string;
  level: AddressLevel;
  name: string;
  code?: string;
  gridId?: string;
  buildingId?: string;
  unitNo?: number;
  floor?: number;
  room?: string;
}

export async function createAddress(
  options: RegistersContext & { actor: Actor; origin: AuditOrigin; input: NewAddress },
) {
  const { db, actor, input } = options;
  return db.transaction().execute(async (trx) => {
    const parent = input.parentId ? await repo.find(trx, input.parentId) : null;
    if (input.parentId) assertInScope(actor, parent?.grid_path, '地址', input.parentId);
    if (parent?.retired_at)
      throw conflict('上级地址已注销 (the parent address is retired)', { field: 'parentId' });
    refuse(levelProblem(input.level, parent?.level ?? null));
    // The grid: given (within the parent's), or the parent's.
    let grid = null;
    if (input.gridId) {
      grid = await repo.orgUnit(trx, input.gridId);
      assertInScope(actor, grid?.path, '网格', input.gridId);
    } else if (parent) grid = await repo.orgUnit(trx, parent.grid_id);
    if (!grid) throw badRequest('gridId', '需要所属网格或社区 (gridId is required)');
    refuse(gridProblem(input.level, grid, parent?.grid_path ?? null));
    const { id: gridId, path: gridPath } = grid;
    let buildingId = parent?.building_id ?? null;
    if (input.buildingId) {
      if (input.level !== 'building')
        throw badRequest('buildingId', '只有楼栋可关联建筑 (only a building links to one)');
      const building = await repo.building(trx, input.buildingId);
      assertInScope(actor, building?.path, '建筑', input.buildingId);
      if (building!.grid_id !== gridId)
        throw badRequest('buildingId', '建筑不在该网格 (the building lies in another grid)');
      buildingId = building!.id;
    }
    const matrix = matrixPlace(input.level, parent ?? null, input);
    if (!matrix.ok) throw badRequest(BODY_FIELD[matrix.field], matrix.reason);
    const { unitNo, floor, room } = matrix.place;
    const code =
      input.code ??
      generatedAddressCode(parent?.code ?? null, await repo.childCount(trx, parent?.id ?? null));
    const fullName = `${parent?.full_name ?? ''}${input.name}`;
    const exists = await trx.selectFrom('addresses').select('id').where('code', '=', code).executeTakeFirst();
    if (exists) throw conflict(`地址编码 ${code} 已存在 (address code taken)`, { field: 'code' });
    const { id } = await repo.insert(trx, {
      parent_id: parent?.id ?? null,
      level: input.level,
      code,
      name: input.name,
      full_name: fullName,
      grid_id: gridId,
      grid_path: gridPath,
      building_id: buildingId,
      unit_no: unitNo,
      floor,
      room,
    });
    await reindexEntity(trx, { type: 'address', id, gridPath, texts: [fullName] });
    await recordEvent(trx, {
      entityType: 'address',
      entityId: id,
      kind: 'created',
      effectiveDate: todayInChina(),
      actor,
      gridPath,
      changes: { level: input.level, code, fullName },
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'registers.address_create',
      targetType: 'address',
      targetId: id,
      details: { code },
    });
    return id;
  });
}

export async function renameAddress(
  options: RegistersContext & { actor: Actor; origin: AuditOrigin; id: string; name: string },
) {
  const { db, actor } = options;
  await db.transaction().execute(async (trx) => {
    const row = await repo.findForUpdate(trx, options.id);
    assertInScope(actor, row?.grid_path, '地址', options.id);
    if (row!.name === options.name) return;
    const newFull = row!.full_name.slice(0, row!.full_name.length - row!.name.length) + options.name;
    const touched = await repo.rename(trx, row!.id, options.name, row!.full_name, newFull);
    for (const t of touched) {
      await reindexEntity(trx, { type: 'address', id: t.id, gridPath: t.grid_path, texts: [t.full_name] });
    }
    await recordEvent(trx, {
      entityType: 'address',
      entityId: row!.id,
      kind: 'updated',
      effectiveDate: todayInChina(),
      actor,
      gridPath: row!.grid_path,
      changes: { name: { from: row!.name, to: options.name }, descendants: touched.length - 1 },
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'registers.address_update',
      targetType: 'address',
      targetId: row!.id,
      details: { name: options.name },
    });
  });
}

/** "Delete" of an address: retired, kept for history; refused while anything current hangs off it. */
export async function retireAddress(
  options: RegistersContext & { actor: Actor; origin: AuditOrigin; id: string; effectiveDate?: string },
) {
  const { db, actor } = options;
  await db.transaction().execute(async (trx) => {
    const row = await repo.findForUpdate(trx, options.id);
    assertInScope(actor, row?.grid_path, '地址', options.id);
    if (row!.retired_at) throw conflict('地址已注销 (already retired)');
    if ((await repo.activeDependants(trx, row!.id)) > 0) {
      throw conflict('地址下仍有在用的地址、房屋、人员或单位 (the address still has current dependants)');
    }
    await repo.retire(trx, row!.id);
    await trx
      .deleteFrom('register_grams')
      .where('entity_type', '=', 2)
      .where('entity_id', '=', row!.id)
      .execute();
    await recordEvent(trx, {
      entityType: 'address',
      entityId: row!.id,
      kind: 'retired',
      effectiveDate: options.effectiveDate ?? todayInChina(),
      actor,
      gridPath: row!.grid_path,
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'registers.address_retire',
      targetType: 'address',
      targetId: row!.id,
    });
  });
}
