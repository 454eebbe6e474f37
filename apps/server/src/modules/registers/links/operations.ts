import { conflict, notFound } from '../../../http/errors.ts';
import type { Actor } from '../../access/actor.ts';
import { assertInScope } from '../../access/authorize.ts';
import { type AuditOrigin, recordAudit } from '../../audit/record.ts';
import { relocatePerson } from '../people/operations.ts';
import {
  assertNotBefore,
  type Executor,
  isoDate,
  lockPersonInScope,
  type RegistersContext,
  recordEvent,
} from '../shared.ts';

type HouseLinkKind = 'owner' | 'tenant' | 'resident';

/**
 * Person ↔ house. Living in (resident, tenant) is moving in: the person's register place follows
 * the house, so the grid that keeps the house keeps the person. Owning does not move anyone.
 */
export async function linkPersonToHouse(
  options: RegistersContext & {
    actor: Actor;
    origin: AuditOrigin;
    personId: string;
    houseId: string;
    kind: HouseLinkKind;
    validFrom: string;
  },
) {
  return options.db.transaction().execute((trx) => linkInTransaction(trx, options));
}

/** linkPersonToHouse inside the caller's transaction. */
export async function linkInTransaction(
  trx: Executor,
  options: {
    actor: Actor;
    origin: AuditOrigin;
    personId: string;
    houseId: string;
    kind: HouseLinkKind;
    validFrom: string;
  },
) {
  const { actor, validFrom } = options;
  const person = await lockPersonInScope(trx, actor, options.personId);
  const house = await trx
    .selectFrom('houses')
    .select(['id', 'grid_id', 'grid_path', 'address_id', 'retired_at'])
    .where('id', '=', options.houseId)
    .executeTakeFirst();
  assertInScope(actor, house?.grid_path, '房屋', options.houseId);
  if (person.status !== 'active') throw conflict('人员非在册状态 (the person is not active)');
  if (house!.retired_at) throw conflict('房屋已注销 (the house is retired)', { field: 'houseId' });
  assertNotBefore('validFrom', validFrom, isoDate(person.birth_date), '出生日期');
  const open = await trx
    .selectFrom('person_house_links')
    .select('id')
    .where('person_id', '=', person.id)
    .where('house_id', '=', house!.id)
    .where('kind', '=', options.kind)
    .where('valid_to', 'is', null)
    .executeTakeFirst();
  if (open) throw conflict('关联已存在 (the link exists)', { field: 'kind', linkId: open.id });
  const { id } = await trx
    .insertInto('person_house_links')
    .values({ person_id: person.id, house_id: house!.id, kind: options.kind, valid_from: validFrom })
    .returning('id')
    .executeTakeFirstOrThrow();
  const moving = options.kind !== 'owner';
  if (moving) {
    await relocatePerson(trx, person.id, {
      addressId: house!.address_id,
      gridId: house!.grid_id,
      gridPath: house!.grid_path,
    });
  }
  const kind = moving ? 'moved_in' : 'linked';
  const changes = { linkId: id, personId: person.id, houseId: house!.id, linkKind: options.kind };
  await recordEvent(trx, {
    entityType: 'person',
    entityId: person.id,
    kind,
    effectiveDate: validFrom,
    actor,
    gridPath: house!.grid_path,
    changes,
  });
  await recordEvent(trx, {
    entityType: 'house',
    entityId: house!.id,
    kind,
    effectiveDate: validFrom,
    actor,
    gridPath: house!.grid_path,
    changes,
  });
  await recordAudit(trx, options.origin, {
    userId: actor.userId,
    action: 'registers.house_link',
    targetType: 'person',
    targetId: person.id,
    details: changes,
  });
  return id;
}

/** Ends a person ↔ house link on a date: moving out for residents and tenants. */
export async function endHouseLink(
  options: RegistersContext & {
    actor: Actor;
    origin: AuditOrigin;
    personId: string;
    linkId: string;
    validTo: string;
  },
) {
  const { db, actor, validTo } = options;
  await db.transaction().execute(async (trx) => {
    const person = await lockPersonInScope(trx, actor, options.personId);
    const link = await trx
      .selectFrom('person_house_links')
      .selectAll()
      .where('id', '=', options.linkId)
      .executeTakeFirst();
    if (!link || link.person_id !== person.id) throw notFound('关联', options.linkId);
    if (link.valid_to !== null) throw conflict('关联已结束 (the link has ended)');
    assertNotBefore('validTo', validTo, isoDate(link.valid_from), '开始日期');
    const house = await trx
      .selectFrom('houses')
      .select(['id', 'grid_path'])
      .where('id', '=', link.house_id)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('person_house_links')
      .set({ valid_to: validTo })
      .where('id', '=', link.id)
      .execute();
    const kind = link.kind === 'owner' ? 'unlinked' : 'moved_out';
    const changes = { linkId: link.id, personId: person.id, houseId: house.id, linkKind: link.kind };
    await recordEvent(trx, {
      entityType: 'person',
      entityId: person.id,
      kind,
      effectiveDate: validTo,
      actor,
      gridPath: person.grid_path,
      changes,
    });
    await recordEvent(trx, {
      entityType: 'house',
      entityId: house.id,
      kind,
      effectiveDate: validTo,
      actor,
      gridPath: house.grid_path,
      changes,
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'registers.house_unlink',
      targetType: 'person',
      targetId: person.id,
      details: changes,
    });
  });
}

export async function linkPersonToUnit(
  options: RegistersContext & {
    actor: Actor;
    origin: AuditOrigin;
    unitId: string;
    personId: string;
    role: 'legal_rep' | 'manager' | 'employee' | 'contact';
    validFrom: string;
  },
) {
  const { db, actor } = options;
  return db.transaction().execute(async (trx) => {
    const unit = await trx
      .selectFrom('units')
      .select(['id', 'grid_path', 'retired_at'])
      .where('id', '=', options.unitId)
      .forUpdate()
      .executeTakeFirst();
    assertInScope(actor, unit?.grid_path, '单位', options.unitId);
    const person = await trx
      .selectFrom('people')
      .select(['id', 'grid_path'])
      .where('id', '=', options.personId)
      .executeTakeFirst();
    assertInScope(actor, person?.grid_path, '人员', options.personId);
    if (unit!.retired_at) throw conflict('单位已注销 (the unit is retired)');
    const { id } = await trx
      .insertInto('unit_people')
      .values({ unit_id: unit!.id, person_id: person!.id, role: options.role, valid_from: options.validFrom })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (options.role === 'legal_rep') {
      await trx
        .updateTable('units')
        .set({ legal_rep_person_id: person!.id, updated_at: new Date() })
        .where('id', '=', unit!.id)
        .execute();
    }
    const changes = { linkId: id, unitId: unit!.id, personId: person!.id, role: options.role };
    await recordEvent(trx, {
      entityType: 'unit',
      entityId: unit!.id,
      kind: 'linked',
      effectiveDate: options.validFrom,
      actor,
      gridPath: unit!.grid_path,
      changes,
    });
    await recordEvent(trx, {
      entityType: 'person',
      entityId: person!.id,
      kind: 'linked',
      effectiveDate: options.validFrom,
      actor,
      gridPath: person!.grid_path,
      changes,
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'registers.unit_link',
      targetType: 'unit',
      targetId: unit!.id,
      details: changes,
    });
    return id;
  });
}

export async function endUnitLink(
  options: RegistersContext & {
    actor: Actor;
    origin: AuditOrigin;
    unitId: string;
    linkId: string;
    validTo: string;
  },
) {
  const { db, actor } = options;
  await db.transaction().execute(async (trx) => {
    const unit = await trx
      .selectFrom('units')
      .select(['id', 'grid_path', 'legal_rep_person_id'])
      .where('id', '=', options.unitId)
      .forUpdate()
      .executeTakeFirst();
    assertInScope(actor, unit?.grid_path, '单位', options.unitId);
    const link = await trx
      .selectFrom('unit_people')
      .selectAll()
      .where('id', '=', options.linkId)
      .executeTakeFirst();
    if (!link || link.unit_id !== unit!.id) throw notFound('关联', options.linkId);
    if (link.valid_to !== null) throw conflict('关联已结束 (the link has ended)');
    assertNotBefore('validTo', options.validTo, isoDate(link.valid_from), '开始日期');
    await trx
      .updateTable('unit_people')
      .set({ valid_to: options.validTo })
      .where('id', '=', link.id)
      .execute();
    if (link.role === 'legal_rep' && unit!.legal_rep_person_id === link.person_id) {
      await trx
        .updateTable('units')
        .set({ legal_rep_person_id: null, updated_at: new Date() })
        .where('id', '=', unit!.id)
        .execute();
    }
    const changes = { linkId: link.id, unitId: unit!.id, personId: link.person_id, role: link.role };
    await recordEvent(trx, {
      entityType: 'unit',
      entityId: unit!.id,
      kind: 'unlinked',
      effectiveDate: options.validTo,
      actor,
      gridPath: unit!.grid_path,
      changes,
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'registers.unit_unlink',
      targetType: 'unit',
      targetId: unit!.id,
      details: changes,
    });
  });
}
