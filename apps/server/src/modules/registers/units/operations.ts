import { validateCreditCode } from '@wangge/rules';
import { badRequest, conflict } from '../../../http/errors.ts';
import type { Actor } from '../../access/actor.ts';
import { assertInScope } from '../../access/authorize.ts';
import { type AuditOrigin, recordAudit } from '../../audit/record.ts';
import { placement } from '../people/operations.ts';
import { type Executor, type RegistersContext, recordEvent, reindexEntity, todayInChina } from '../shared.ts';
import { unitRepository as repo } from './repository.ts';

export interface UnitFields {
  kind?: string;
  name?: string;
  creditCode?: string | null;
  legalRepPersonId?: string | null;
  employees?: number;
  supervisingDepartmentId?: string | null;
  fireSafetyLevel?: string;
}

function checkCreditCode(value: string | null | undefined) {
  if (value === null || value === undefined) return value;
  const result = validateCreditCode(value);
  if (!result.ok) throw badRequest('creditCode', result.reason);
  return result.normalized;
}

async function checkRefs(trx: Executor, actor: Actor, f: UnitFields, unitPath: string) {
  if (f.legalRepPersonId) {
    const p = await trx
      .selectFrom('people')
      .select('grid_path')
      .where('id', '=', f.legalRepPersonId)
      .executeTakeFirst();
    if (!p || !actor.scopePaths.some((s) => p.grid_path.startsWith(s))) {
      throw badRequest('legalRepPersonId', '法定代表人不存在或不在管辖范围 (legal representative not found)');
    }
  }
  if (f.supervisingDepartmentId) {
    const d = await trx
      .selectFrom('departments as d')
      .innerJoin('org_units as o', 'o.id', 'd.org_unit_id')
      .select('o.path')
      .where('d.id', '=', f.supervisingDepartmentId)
      .executeTakeFirst();
    // A supervising department sits at or above the unit's place (district departments supervise).
    if (!d || !unitPath.startsWith(d.path)) {
      throw badRequest(
        'supervisingDepartmentId',
        '主管部门不存在或不管辖该处 (no such supervising department here)',
      );
    }
  }
}

async function assertCreditCodeFree(trx: Executor, code: string | null | undefined, exceptId?: string) {
  if (!code) return;
  let q = trx
    .selectFrom('units')
    .select('id')
    .where('credit_code', '=', code)
    .where('retired_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst())
    throw conflict('统一社会信用代码已登记 (credit code already registered)', { field: 'creditCode' });
}

export async function createUnit(
  options: RegistersContext & {
    actor: Actor;
    origin: AuditOrigin;
    place: { addressId?: string; gridId?: string };
    fields: UnitFields & { kind: string; name: string };
  },
) {
  const { db, actor, fields } = options;
  const creditCode = checkCreditCode(fields.creditCode);
  return db.transaction().execute(async (trx) => {
    const place = await placement(trx, actor, options.place);
    await checkRefs(trx, actor, fields, place.gridPath);
    await assertCreditCodeFree(trx, creditCode);
    const { id } = await trx
      .insertInto('units')
      .values({
        kind: fields.kind,
        name: fields.name,
        credit_code: creditCode ?? null,
        legal_rep_person_id: fields.legalRepPersonId ?? null,
        employees: fields.employees ?? 0,
        supervising_department_id: fields.supervisingDepartmentId ?? null,
        fire_safety_level: fields.fireSafetyLevel ?? 'general',
        address_id: place.addressId,
        grid_id: place.gridId,
        grid_path: place.gridPath,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (fields.legalRepPersonId) {
      await trx
        .insertInto('unit_people')
        .values({
          unit_id: id,
          person_id: fields.legalRepPersonId,
          role: 'legal_rep',
          valid_from: todayInChina(),
        })
        .execute();
    }
    await reindexEntity(trx, { type: 'unit', id, gridPath: place.gridPath, texts: [fields.name] });
    await recordEvent(trx, {
      entityType: 'unit',
      entityId: id,
      kind: 'created',
      effectiveDate: todayInChina(),
      actor,
      gridPath: place.gridPath,
      changes: { ...fields, creditCode: creditCode ?? null },
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'registers.unit_create',
      targetType: 'unit',
      targetId: id,
    });
    return id;
  });
}

export async function updateUnit(
  options: RegistersContext & { actor: Actor; origin: AuditOrigin; id: string; fields: UnitFields },
) {
  const { db, actor, fields } = options;
  const creditCode = checkCreditCode(fields.creditCode);
  await db.transaction().execute(async (trx) => {
    const unit = await repo.lock(trx, options.id);
    assertInScope(actor, unit?.grid_path, '单位', options.id);
    if (unit!.retired_at) throw conflict('单位已注销 (the unit is retired)');
    await checkRefs(trx, actor, fields, unit!.grid_path);
    await assertCreditCodeFree(trx, creditCode, unit!.id);
    await trx
      .updateTable('units')
      .set({
        ...(fields.kind !== undefined ? { kind: fields.kind } : {}),
        ...(fields.name !== undefined ? { name: fields.name } : {}),
        ...(creditCode !== undefined ? { credit_code: creditCode } : {}),
        ...(fields.legalRepPersonId !== undefined ? { legal_rep_person_id: fields.legalRepPersonId } : {}),
        ...(fields.employees !== undefined ? { employees: fields.employees } : {}),
        ...(fields.supervisingDepartmentId !== undefined
          ? { supervising_department_id: fields.supervisingDepartmentId }
          : {}),
        ...(fields.fireSafetyLevel !== undefined ? { fire_safety_level: fields.fireSafetyLevel } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', unit!.id)
      .execute();
    if (fields.name !== undefined) {
      await reindexEntity(trx, {
        type: 'unit',
        id: unit!.id,
        gridPath: unit!.grid_path,
        texts: [fields.name],
      });
    }
    await recordEvent(trx, {
      entityType: 'unit',
      entityId: unit!.id,
      kind: 'updated',
      effectiveDate: todayInChina(),
      actor,
      gridPath: unit!.grid_path,
      changes: { ...fields },
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'registers.unit_update',
      targetType: 'unit',
      targetId: unit!.id,
    });
  });
}

export async function retireUnit(
  options: RegistersContext & { actor: Actor; origin: AuditOrigin; id: string; effectiveDate: string },
) {
  const { db, actor } = options;
  await db.transaction().execute(async (trx) => {
    const unit = await repo.lock(trx, options.id);
    assertInScope(actor, unit?.grid_path, '单位', options.id);
    if (unit!.retired_at) throw conflict('单位已注销 (already retired)');
    await trx
      .updateTable('units')
      .set({ retired_at: new Date(), updated_at: new Date() })
      .where('id', '=', unit!.id)
      .execute();
    await trx
      .updateTable('unit_people')
      .set({ valid_to: options.effectiveDate })
      .where('unit_id', '=', unit!.id)
      .where('valid_to', 'is', null)
      .execute();
    await trx
      .deleteFrom('register_grams')
      .where('entity_type', '=', 3)
      .where('entity_id', '=', unit!.id)
      .execute();
    await recordEvent(trx, {
      entityType: 'unit',
      entityId: unit!.id,
      kind: 'retired',
      effectiveDate: options.effectiveDate,
      actor,
      gridPath: unit!.grid_path,
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'registers.unit_retire',
      targetType: 'unit',
      targetId: unit!.id,
    });
  });
}
