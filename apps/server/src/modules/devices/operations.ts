import type { DeviceType } from '@wangge/rules';
import type { Db } from '../../db/database.ts';
import { AppError, badRequest, conflict } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { assertInScope, inScope } from '../access/authorize.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import { newSecret, sha256 } from '../auth/secrets.ts';
import type { GridIndex } from '../grids/grid-index.ts';
import { deviceRepository as repo } from './repository.ts';

export interface DeviceInput {
  name: string;
  type: DeviceType;
  lon: number;
  lat: number;
  address?: string;
  ownerUnit?: string;
  streamUrl?: string | null;
}

/** The grid a device stands in, which must lie in the caller's scope. */
function locate(gridIndex: GridIndex, actor: Actor, lon: number, lat: number) {
  const grid = gridIndex.locate(lon, lat);
  if (!grid) {
    throw new AppError(422, 'outside_all_grids', '该位置不在任何网格内 (the location lies in no grid)', {
      field: 'lon',
    });
  }
  if (!inScope(actor, grid.path))
    throw badRequest('lon', '该位置不在您的管辖范围内 (the location is outside your scope)');
  return grid;
}

/** A new device with its webhook token, which is shown this once and stored only as a hash. */
export async function registerDevice(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  gridIndex: GridIndex;
  code: string;
  input: DeviceInput;
}): Promise<{ id: string; token: string }> {
  const { db, actor, input } = options;
  const grid = locate(options.gridIndex, actor, input.lon, input.lat);
  const token = newSecret('wgd_');
  try {
    return await db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('devices')
        .values({
          code: options.code,
          name: input.name,
          type: input.type,
          lon: input.lon,
          lat: input.lat,
          address: input.address ?? '',
          grid_id: grid.id,
          grid_path: grid.path,
          owner_unit: input.ownerUnit ?? '',
          stream_url: input.streamUrl ?? null,
          token_hash: sha256(token),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, options.origin, {
        userId: actor.userId,
        action: 'devices.register',
        targetType: 'device',
        targetId: id,
        details: { code: options.code, type: input.type, grid: grid.code },
      });
      return { id, token };
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505')
      throw conflict(`设备编号 ${options.code} 已存在 (device id already registered)`, { field: 'code' });
    throw err;
  }
}

export async function updateDevice(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  gridIndex: GridIndex;
  id: string;
  input: Partial<DeviceInput>;
}): Promise<void> {
  const { db, actor, input } = options;
  await db.transaction().execute(async (trx) => {
    const device = await trx
      .selectFrom('devices')
      .selectAll()
      .where('id', '=', options.id)
      .forUpdate()
      .executeTakeFirst();
    assertInScope(actor, device?.grid_path, '设备', options.id);
    const lon = input.lon ?? device!.lon;
    const lat = input.lat ?? device!.lat;
    const grid =
      input.lon !== undefined || input.lat !== undefined ? locate(options.gridIndex, actor, lon, lat) : null;
    await trx
      .updateTable('devices')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.type !== undefined ? { type: input.type } : {}),
        ...(input.address !== undefined ? { address: input.address } : {}),
        ...(input.ownerUnit !== undefined ? { owner_unit: input.ownerUnit } : {}),
        ...(input.streamUrl !== undefined ? { stream_url: input.streamUrl } : {}),
        ...(grid ? { lon, lat, grid_id: grid.id, grid_path: grid.path } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', options.id)
      .execute();
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'devices.update',
      targetType: 'device',
      targetId: options.id,
      details: { fields: Object.keys(input) },
    });
  });
}

/** Devices are disabled, not deleted: their alarms and the cases they raised keep their source. */
export async function disableDevice(options: { db: Db; actor: Actor; origin: AuditOrigin; id: string }) {
  const { db, actor } = options;
  await db.transaction().execute(async (trx) => {
    const device = await trx
      .selectFrom('devices')
      .selectAll()
      .where('id', '=', options.id)
      .forUpdate()
      .executeTakeFirst();
    assertInScope(actor, device?.grid_path, '设备', options.id);
    if (device!.status === 'disabled')
      throw conflict('设备已停用 (the device is already disabled)', { status: device!.status });
    await trx
      .updateTable('devices')
      .set({ status: 'disabled', updated_at: new Date() })
      .where('id', '=', options.id)
      .execute();
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'devices.disable',
      targetType: 'device',
      targetId: options.id,
      details: { code: device!.code },
    });
  });
}

/** The webhook's device: its token must match (compared as SHA-256 hashes, which leak nothing). */
export async function deviceByToken(db: Db, code: string, token: string | undefined) {
  if (!token) return null;
  const device = await repo.byCode(db, code);
  return device && device.token_hash === sha256(token) && device.status !== 'disabled' ? device : null;
}
