import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { pathInScope } from '../access/scope-sql.ts';

export const DEVICE_COLUMNS = [
  'd.id',
  'd.code',
  'd.name',
  'd.type',
  'd.lon',
  'd.lat',
  'd.address',
  'd.grid_id',
  'd.grid_path',
  'd.owner_unit',
  'd.stream_url',
  'd.status',
  'd.last_heartbeat_at',
  'd.last_seen_at',
  'd.open_case_id',
  'd.last_alarm_at',
  'd.created_at',
] as const;

export const deviceRepository = {
  list(
    db: Db,
    actor: Actor,
    filter: { type?: string; status?: string; gridId?: string; q?: string; limit: number; offset: number },
  ) {
    let q = db
      .selectFrom('devices as d')
      .innerJoin('org_units as g', 'g.id', 'd.grid_id')
      .where(pathInScope(actor, 'd.grid_path'));
    if (filter.type) q = q.where('d.type', '=', filter.type);
    if (filter.status) q = q.where('d.status', '=', filter.status);
    if (filter.gridId) q = q.where('d.grid_id', '=', filter.gridId);
    if (filter.q) {
      const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) => eb.or([eb('d.code', 'ilike', like), eb('d.name', 'ilike', like)]));
    }
    return Promise.all([
      q
        .select([...DEVICE_COLUMNS, 'g.name as grid_name', 'g.code as grid_code'])
        .orderBy('d.code')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
      q.select(sql<string>`count(*)`.as('n')).where(sql<SqlBool>`true`).executeTakeFirstOrThrow(),
    ]);
  },

  byId(db: Db, id: string) {
    return db
      .selectFrom('devices as d')
      .innerJoin('org_units as g', 'g.id', 'd.grid_id')
      .select([...DEVICE_COLUMNS, 'g.name as grid_name', 'g.code as grid_code'])
      .where('d.id', '=', id)
      .executeTakeFirst();
  },

  byCode(db: Db, code: string) {
    return db.selectFrom('devices').selectAll().where('code', '=', code).executeTakeFirst();
  },

  /** The device row, locked: its alarms are decided one at a time, whichever instance got them. */
  lockByCode(db: Db, code: string) {
    return db.selectFrom('devices').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
  },

  alarms(db: Db, deviceId: string, limit: number) {
    return db
      .selectFrom('device_alarms as a')
      .leftJoin('cases as c', 'c.id', 'a.case_id')
      .select([
        'a.id',
        'a.kind',
        'a.channel',
        'a.value',
        'a.message',
        'a.observed_at',
        'a.received_at',
        'a.case_id',
        'c.code as case_code',
        'c.state as case_state',
      ])
      .where('a.device_id', '=', deviceId)
      .orderBy('a.id', 'desc')
      .limit(limit)
      .execute();
  },

  /** A heartbeat: the device is alive (and back online if it was offline). */
  heartbeat(db: Db, code: string) {
    return db
      .updateTable('devices')
      .set({
        last_heartbeat_at: sql<Date>`now()`,
        last_seen_at: sql<Date>`now()`,
        status: sql<string>`CASE WHEN status = 'offline' THEN 'online' ELSE status END`,
      })
      .where('code', '=', code)
      .where('status', '<>', 'disabled')
      .returning('id')
      .executeTakeFirst();
  },

  /** Devices silent for longer than the limit turn offline, once: the caller alerts for these. */
  markSilentOffline(db: Db, offlineMinutes: number) {
    return db
      .updateTable('devices')
      .set({ status: 'offline', updated_at: sql<Date>`now()` })
      .where('status', 'in', ['online', 'alarm'])
      .where('last_seen_at', '<', sql<Date>`now() - make_interval(mins => ${offlineMinutes})`)
      .returning(['id', 'code', 'name', 'type', 'grid_path', 'lon', 'lat', 'last_seen_at'])
      .execute();
  },
};
