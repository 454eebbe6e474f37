// The demo district's IoT devices (issue 14): devices of every type standing where the year's
// history had a sensor-reported case of their type, so their alarm log leads to real cases, plus
// more at buildings across the grids. Deterministic: everything is chosen in id order.
import { createHash } from 'node:crypto';
import { DEVICE_ALARM_CATEGORY, DEVICE_TYPES, type DeviceType, label } from '@wangge/rules';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';

const PER_TYPE = 4;
const CASES_PER_TYPE = 2;
const PREFIX: Record<DeviceType, string> = {
  smoke: 'SMK',
  manhole: 'MHC',
  water_level: 'WTR',
  gas: 'GAS',
  camera: 'CAM',
};
const OWNERS = ['辖区物业服务中心', '市政设施管理处', '燃气公司东丽营业所', '社区居委会'];

/** The demo cameras' live stream: the HLS clip Wangge serves itself (apps/server/assets/demo-camera). */
export const DEMO_CAMERA_STREAM = '/media/demo-camera/index.m3u8';

/** A demo device's webhook token, so a newcomer can try POST /api/devices/:id/alarms (README). */
export const demoDeviceToken = (code: string) => `wgd_demo_${code}`;

export async function seedDevices(db: Kysely<Database>, options: { today: Date }): Promise<number> {
  const buildings = await db
    .selectFrom('buildings as b')
    .innerJoin('org_units as g', 'g.id', 'b.grid_id')
    .select(['b.lon', 'b.lat', 'b.name', 'b.address', 'b.grid_id', 'g.path'])
    .where(sql<boolean>`b.id % 97 = 0`)
    .orderBy('b.id')
    .limit(DEVICE_TYPES.length * PER_TYPE)
    .execute();
  if (!buildings.length) return 0;
  let n = 0;
  for (const [t, type] of DEVICE_TYPES.entries()) {
    const past = await db
      .selectFrom('cases')
      .select(['id', 'lon', 'lat', 'address', 'grid_id', 'grid_path', 'reported_at', 'closed_at', 'state'])
      .where('source', '=', 'iot')
      .where('category_code', '=', DEVICE_ALARM_CATEGORY[type])
      .orderBy('id')
      .limit(CASES_PER_TYPE)
      .execute();
    for (let i = 0; i < PER_TYPE; i++) {
      const code = `${PREFIX[type]}-${String(i + 1).padStart(4, '0')}`;
      const kase = past[i];
      const building = buildings[(t * PER_TYPE + i) % buildings.length]!;
      const open =
        kase && !kase.closed_at && !['voided', 'closed', 'evaluated', 'archived'].includes(kase.state);
      // The last device of each type has gone quiet: the offline alert's first example.
      const quiet = i === PER_TYPE - 1;
      const seen = new Date(options.today.getTime() - (quiet ? 6 * 3_600_000 : 60_000));
      const { id } = await db
        .insertInto('devices')
        .values({
          code,
          name: `${label('deviceType', type, 'zh')} ${kase ? kase.address : building.name}`.slice(0, 100),
          type,
          lon: kase?.lon ?? building.lon,
          lat: kase?.lat ?? building.lat,
          address: kase?.address ?? building.address,
          grid_id: kase?.grid_id ?? building.grid_id,
          grid_path: kase?.grid_path ?? building.path,
          owner_unit: OWNERS[(t + i) % OWNERS.length]!,
          stream_url: type === 'camera' ? DEMO_CAMERA_STREAM : null,
          status: quiet ? 'offline' : open ? 'alarm' : 'online',
          token_hash: createHash('sha256').update(demoDeviceToken(code)).digest('hex'),
          last_heartbeat_at: seen,
          last_seen_at: seen,
          open_case_id: kase?.id ?? null,
          last_alarm_at: kase?.reported_at ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (kase) {
        await db
          .insertInto('device_alarms')
          .values([
            {
              device_id: id,
              kind: 'alarm',
              channel: 'mqtt',
              value: 40 + 7 * i,
              message: '读数超过阈值',
              received_at: kase.reported_at,
              case_id: kase.id,
            },
            ...(kase.closed_at
              ? [
                  {
                    device_id: id,
                    kind: 'recovery' as const,
                    channel: 'mqtt' as const,
                    value: 5,
                    message: '读数恢复正常',
                    received_at: kase.closed_at,
                    case_id: kase.id,
                  },
                ]
              : []),
          ])
          .execute();
      }
      n++;
    }
  }
  return n;
}
