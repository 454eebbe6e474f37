import { badRequest, conflict } from '../../../http/errors.ts';
import type { Actor } from '../../access/actor.ts';
import { assertInScope } from '../../access/authorize.ts';
import { type AuditOrigin, recordAudit } from '../../audit/record.ts';
import { type RegistersContext, recordEvent, todayInChina } from '../shared.ts';
import { houseRepository as repo } from './repository.ts';

export interface HouseFields {
  use?: string;
  structure?: string;
  areaM2?: number | null;
  isRental?: boolean;
  rentalHazard?: string | null;
  isDangerous?: boolean;
  note?: string | null;
  ownership?: string | null;
  occupancy?: string | null;
}

function columns(f: HouseFields) {
  return {
    ...(f.use !== undefined ? { use: f.use } : {}),
    ...(f.structure !== undefined ? { structure: f.structure } : {}),
    ...(f.areaM2 !== undefined ? { area_m2: f.areaM2 } : {}),
    ...(f.isRental !== undefined ? { is_rental: f.isRental } : {}),
    ...(f.rentalHazard !== undefined ? { rental_hazard: f.rentalHazard } : {}),
    ...(f.isDangerous !== undefined ? { is_dangerous: f.isDangerous } : {}),
    ...(f.note !== undefined ? { note: f.note } : {}),
    ...(f.ownership !== undefined ? { ownership: f.ownership } : {}),
    ...(f.occupancy !== undefined ? { occupancy: f.occupancy } : {}),
  };
}

export async function createHouse(
  options: RegistersContext & { actor: Actor; origin: AuditOrigin; addressId: string; fields: HouseFields },
) {
  const { db, actor, fields } = options;
  if (fields.rentalHazard && !fields.isRental)
    throw badRequest('rentalHazard', '只有出租房屋有隐患等级 (only a rental has a hazard level)');
  return db.transaction().execute(async (trx) => {
    const address = await trx
      .selectFrom('addresses as a')
      .innerJoin('org_units as o', 'o.id', 'a.grid_id')
      .select(['a.id', 'a.grid_id', 'a.grid_path', 'a.retired_at', 'o.level'])
      .where('a.id', '=', options.addressId)
      .executeTakeFirst();
    assertInScope(actor, address?.grid_path, '地址', options.addressId);
    if (address!.retired_at) throw conflict('地址已注销 (the address is retired)', { field: 'addressId' });
    if (address!.level !== 'grid')
      throw badRequest('addressId', '房屋地址须落在一个网格内 (a house address lies in one grid)');
    const current = await trx
      .selectFrom('houses')
      .select('id')
      .where('address_id', '=', address!.id)
      .where('retired_at', 'is', null)
      .executeTakeFirst();
    if (current)
      throw conflict('该地址已有房屋 (the address already has a house)', {
        field: 'addressId',
        houseId: current.id,
      });
    const { id } = await trx
      .insertInto('houses')
      .values({
        address_id: address!.id,
        grid_id: address!.grid_id,
        grid_path: address!.grid_path,
        use: fields.use ?? 'residential',
        structure: fields.structure ?? 'other',
        area_m2: fields.areaM2 ?? null,
        is_rental: fields.isRental ?? false,
        rental_hazard: fields.rentalHazard ?? null,
        is_dangerous: fields.isDangerous ?? false,
        note: fields.note ?? null,
        ownership: fields.ownership ?? null,
        occupancy: fields.occupancy ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      entityType: 'house',
      entityId: id,
      kind: 'created',
      effectiveDate: todayInChina(),
      actor,
      gridPath: address!.grid_path,
      changes: { ...fields, addressId: address!.id },
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'registers.house_create',
      targetType: 'house',
      targetId: id,
    });
    return id;
  });
}

export async function updateHouse(
  options: RegistersContext & { actor: Actor; origin: AuditOrigin; id: string; fields: HouseFields },
) {
  const { db, actor, fields } = options;
  await db.transaction().execute(async (trx) => {
    const house = await repo.lock(trx, options.id);
    assertInScope(actor, house?.grid_path, '房屋', options.id);
    if (house!.retired_at) throw conflict('房屋已注销 (the house is retired)');
    const before = (await repo.find(trx, options.id))!;
    const isRental = fields.isRental ?? before.is_rental;
    const hazard =
      fields.rentalHazard !== undefined ? fields.rentalHazard : isRental ? before.rental_hazard : null;
    if (hazard && !isRental)
      throw badRequest('rentalHazard', '只有出租房屋有隐患等级 (only a rental has a hazard level)');
    if (fields.occupancy === 'vacant') {
      const living = await trx
        .selectFrom('person_house_links')
        .select('id')
        .where('house_id', '=', house!.id)
        .where('valid_to', 'is', null)
        .where('kind', '!=', 'owner')
        .executeTakeFirst();
      if (living)
        throw conflict(
          '仍有成员居住，不能登记为空置；请先移出成员 (people still live here: remove them first)',
          {
            field: 'occupancy',
          },
        );
    }
    await trx
      .updateTable('houses')
      .set({ ...columns(fields), rental_hazard: hazard, updated_at: new Date() })
      .where('id', '=', house!.id)
      .execute();
    await recordEvent(trx, {
      entityType: 'house',
      entityId: house!.id,
      kind: 'updated',
      effectiveDate: todayInChina(),
      actor,
      gridPath: house!.grid_path,
      changes: { ...fields },
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'registers.house_update',
      targetType: 'house',
      targetId: house!.id,
    });
  });
}

export async function retireHouse(
  options: RegistersContext & { actor: Actor; origin: AuditOrigin; id: string; effectiveDate: string },
) {
  const { db, actor } = options;
  await db.transaction().execute(async (trx) => {
    const house = await repo.lock(trx, options.id);
    assertInScope(actor, house?.grid_path, '房屋', options.id);
    if (house!.retired_at) throw conflict('房屋已注销 (already retired)');
    const links = await trx
      .selectFrom('person_house_links')
      .select('id')
      .where('house_id', '=', house!.id)
      .where('valid_to', 'is', null)
      .executeTakeFirst();
    if (links) throw conflict('房屋仍有人员关联，请先迁出 (people are still linked to the house)');
    await trx
      .updateTable('houses')
      .set({ retired_at: new Date(), updated_at: new Date() })
      .where('id', '=', house!.id)
      .execute();
    await recordEvent(trx, {
      entityType: 'house',
      entityId: house!.id,
      kind: 'retired',
      effectiveDate: options.effectiveDate,
      actor,
      gridPath: house!.grid_path,
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'registers.house_retire',
      targetType: 'house',
      targetId: house!.id,
    });
  });
}
