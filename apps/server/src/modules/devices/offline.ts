import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { ScheduledJob } from '../../jobs/queue.ts';
import { raiseAlert } from '../alerts/operations.ts';
import type { PushHub } from '../notifications/hub.ts';
import { flush, newOutbox } from '../notifications/notify.ts';
import { deviceRepository as repo } from './repository.ts';

/**
 * Devices silent (no heartbeat, alarm or recovery) for longer than the limit turn offline, each
 * raising one device_offline alert over its grid, in the same transaction.
 */
export async function alertOfflineDevices(options: {
  db: Db;
  hub: PushHub;
  config: Pick<Config, 'devices'>;
}): Promise<{ offline: string[] }> {
  const outbox = newOutbox();
  const offline = await options.db.transaction().execute(async (trx) => {
    const devices = await repo.markSilentOffline(trx, options.config.devices.offlineMinutes);
    for (const device of devices) {
      await raiseAlert(trx, outbox, {
        kind: 'device_offline',
        subject: { deviceId: device.id },
        unitPath: device.grid_path,
        lon: device.lon,
        lat: device.lat,
        summary: `${device.name}（${device.code}）`,
        details: { code: device.code, type: device.type, lastSeenAt: device.last_seen_at.toISOString() },
      });
    }
    return devices.map((d) => d.code);
  });
  flush(options.hub, outbox);
  return { offline };
}

export function deviceOfflineJob(options: {
  db: Db;
  hub: PushHub;
  config: Pick<Config, 'devices'>;
  log: { info(obj: object, msg: string): void };
}): ScheduledJob {
  return {
    queue: 'devices-offline',
    cron: '* * * * *',
    async run() {
      const { offline } = await alertOfflineDevices(options);
      if (offline.length) options.log.info({ offline }, 'devices went offline');
    },
  };
}
