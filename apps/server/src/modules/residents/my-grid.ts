import { maskPhone } from '@wangge/rules';
import type { Db } from '../../db/database.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import type { GridIndex } from '../grids/grid-index.ts';
import { residentRepository as repo } from './repository.ts';

/** Where the resident is: a GPS fix, a standard address picked from the search, or their home grid. */
export type GridPlace = { lon: number; lat: number } | { addressId: string };

async function gridAt(db: Db, gridIndex: GridIndex, place: GridPlace): Promise<string> {
  if ('addressId' in place) {
    const address = await repo.findAddress(db, place.addressId);
    if (!address) throw notFound('地址', place.addressId);
    return address.grid_id;
  }
  const hit = gridIndex.locate(place.lon, place.lat);
  if (!hit) {
    throw new AppError(404, 'outside_all_grids', '该位置不在任何网格内 (the point lies in no grid)', {
      field: 'lon',
      lon: place.lon,
      lat: place.lat,
    });
  }
  return hit.id;
}

/**
 * My grid: the grid, its community and street, the full-time worker and the service hours. The
 * worker's number is shown whole only to a signed-in resident whose home grid it is; anyone else
 * (no account, another grid's resident) sees it masked, so the app cannot be used to harvest them.
 */
export async function myGrid(options: {
  db: Db;
  gridIndex: GridIndex;
  actor: Actor | null;
  place: GridPlace | null;
}) {
  const { db, actor } = options;
  const home = actor ? await repo.homeGrid(db, actor.userId) : null;
  let gridId: string;
  if (options.place) gridId = await gridAt(db, options.gridIndex, options.place);
  else if (home) gridId = home;
  else {
    throw new AppError(404, 'no_home_grid', '尚未设置我的网格 (no home grid set yet)', {
      field: 'addressId',
    });
  }
  const grid = await repo.gridWithWorker(db, gridId);
  if (!grid) throw notFound('网格', gridId);
  const resident = home === gridId;
  return { grid, resident, workerPhone: resident ? grid.worker_phone : maskPhone(grid.worker_phone) };
}

/** Sets the resident's home grid from their address or position; the number is shown from then on. */
export async function setHomeGrid(options: {
  db: Db;
  gridIndex: GridIndex;
  actor: Actor;
  place: GridPlace;
  origin: AuditOrigin;
}) {
  const { db, actor } = options;
  const gridId = await gridAt(db, options.gridIndex, options.place);
  await db.transaction().execute(async (trx) => {
    if (!(await repo.setHomeGrid(trx, actor.userId, gridId))) {
      throw new AppError(
        403,
        'not_a_resident',
        '仅居民账号可设置我的网格 (only resident accounts have a home grid)',
        {},
      );
    }
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'resident.home_grid_set',
      targetType: 'org_unit',
      targetId: gridId,
    });
  });
  return myGrid({ db, gridIndex: options.gridIndex, actor, place: null });
}
