import { randomUUID } from 'node:crypto';
import { type DeviceMessageKind, parseDevicePayload } from '@wangge/rules';
import mqtt, { type MqttClient } from 'mqtt';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { CalendarService } from '../cases/calendar-service.ts';
import type { GridIndex } from '../grids/grid-index.ts';
import type { PushHub } from '../notifications/hub.ts';
import { flush, newOutbox } from '../notifications/notify.ts';
import type { PositionPipeline } from '../patrol/pipeline.ts';
import { decodeOwnTracks, owntracksProblems } from '../patrol/protocols/owntracks.ts';
import { receiveAlarm, receiveRecovery } from './alarms.ts';
import { deviceRepository as repo } from './repository.ts';

/** Topics Wangge listens on: device messages by kind, and OwnTracks in its native MQTT mode. */
export const DEVICE_TOPIC = /^wangge\/devices\/([A-Za-z0-9_.-]{1,64})\/(alarm|recovery|heartbeat)$/;
export const OWNTRACKS_PREFIX = 'owntracks';

/** <prefix>/<user>/<device>, the topic of OwnTracks in MQTT mode under a configurable prefix. */
export function owntracksTopic(prefix: string): RegExp {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped}\\/([^/]{1,100})\\/([^/]{1,100})$`);
}

type Log = {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

export interface MqttIntake {
  client: MqttClient;
  /** Resolves once subscribed (the first connect). */
  ready: Promise<void>;
  /** Resolves when every message received so far has been handled (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Subscribes to the broker at MQTT_URL. Subscriptions are shared ($share/<group>/…), so with
 * several instances each message reaches one of them; the case decision is still made under the
 * device's row lock (alarms.ts), which is what keeps a storm to one case. Messages of one device
 * are handled in order; a malformed message is logged and dropped, and the connection stays up.
 */
export function startMqttIntake(options: {
  url: string;
  group: string;
  db: Db;
  config: Pick<Config, 'devices'>;
  gridIndex: GridIndex;
  calendars: CalendarService;
  hub: PushHub;
  positions: PositionPipeline;
  log: Log;
  /** WANGGE_OWNTRACKS_TOPIC_PREFIX (default 'owntracks'): OwnTracks publishes to <prefix>/<user>/<device>. */
  owntracksPrefix?: string;
}): MqttIntake {
  const { db, log } = options;
  const owntracksPrefix = options.owntracksPrefix ?? OWNTRACKS_PREFIX;
  const OWNTRACKS_TOPIC = owntracksTopic(owntracksPrefix);
  const client = mqtt.connect(options.url, {
    clientId: `wangge-${randomUUID().slice(0, 12)}`,
    protocolVersion: 5,
    clean: true,
    reconnectPeriod: 2000,
  });
  client.on('error', (err) => log.error({ err }, 'mqtt error'));
  const queues = new Map<string, Promise<void>>();
  const pending = new Set<Promise<void>>();

  const enqueue = (key: string, work: () => Promise<void>) => {
    const tail = (queues.get(key) ?? Promise.resolve()).then(work).catch((err) => {
      log.error({ err, key }, 'mqtt message failed');
    });
    queues.set(key, tail);
    pending.add(tail);
    void tail.finally(() => {
      pending.delete(tail);
      if (queues.get(key) === tail) queues.delete(key);
    });
  };

  async function onDevice(code: string, kind: DeviceMessageKind, raw: string) {
    const parsed = parseDevicePayload(raw);
    if ('problem' in parsed) {
      log.warn({ device: code, kind, problem: parsed.problem }, 'malformed device message dropped');
      return;
    }
    if (kind === 'heartbeat') {
      if (!(await repo.heartbeat(db, code))) log.warn({ device: code }, 'heartbeat of an unknown device');
      return;
    }
    const input = { deviceCode: code, channel: 'mqtt' as const, payload: parsed.payload };
    const outbox = newOutbox();
    const result =
      kind === 'alarm'
        ? await receiveAlarm(
            {
              db,
              gridIndex: options.gridIndex,
              calendars: options.calendars,
              config: options.config,
              outbox,
            },
            input,
          )
        : await receiveRecovery({ db }, input);
    flush(options.hub, outbox);
    if (result.outcome === 'unknown_device')
      log.warn({ device: code, kind }, 'message of an unknown device dropped');
  }

  async function onOwnTracks(user: string, deviceId: string, raw: string) {
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      log.warn({ deviceId }, 'malformed OwnTracks message dropped');
      return;
    }
    const problems = owntracksProblems(message);
    if (problems.length) {
      log.warn({ deviceId, problems }, 'invalid OwnTracks message dropped');
      return;
    }
    // The broker authenticates publishers (its ACL keeps a user under owntracks/<user>/#); the
    // device must also be bound in Wangge to a worker of that user name.
    const owner = await options.positions.deviceOwner(deviceId);
    const username = owner.userId
      ? (await db.selectFrom('users').select('username').where('id', '=', owner.userId).executeTakeFirst())
          ?.username
      : undefined;
    if (!owner.userId || username !== user) {
      log.warn({ deviceId, user }, 'OwnTracks message of an unbound device dropped');
      return;
    }
    const decoded = decodeOwnTracks(message);
    if (decoded.kind === 'location') {
      await options.positions.ingest({
        userId: owner.userId,
        deviceId,
        source: 'owntracks',
        fixes: [decoded.fix],
      });
    } else if (decoded.kind === 'transition') {
      await options.positions.recordEvent({
        userId: owner.userId,
        deviceId,
        source: 'owntracks',
        kind: decoded.event === 'enter' ? 'region_enter' : 'region_leave',
        regionId: decoded.regionId,
        regionName: decoded.regionName,
        fix: decoded.fix,
      });
    }
  }

  client.on('message', (topic, payload) => {
    const device = DEVICE_TOPIC.exec(topic);
    if (device) {
      const [, code, kind] = device;
      enqueue(`d:${code}`, () => onDevice(code!, kind as DeviceMessageKind, payload.toString('utf8')));
      return;
    }
    const owntracks = OWNTRACKS_TOPIC.exec(topic);
    if (owntracks) {
      const [, user, deviceId] = owntracks;
      enqueue(`o:${deviceId}`, () => onOwnTracks(user!, deviceId!, payload.toString('utf8')));
    }
  });

  const share = (topic: string) => `$share/${options.group}/${topic}`;
  const topics = [
    'wangge/devices/+/alarm',
    'wangge/devices/+/recovery',
    'wangge/devices/+/heartbeat',
    `${owntracksPrefix}/+/+`,
  ];
  // Not awaited by the caller: a broker that is down must not stop the platform from starting;
  // the client keeps reconnecting and subscribes again on every connect.
  const ready = new Promise<void>((resolve) => {
    client.on('connect', () => {
      client
        .subscribeAsync(topics.map(share), { qos: 1 })
        .then(() => {
          log.info({ url: options.url, group: options.group }, 'mqtt intake subscribed');
          resolve();
        })
        .catch((err) => log.error({ err }, 'mqtt subscribe failed'));
    });
  });

  return {
    client,
    ready,
    async idle() {
      while (pending.size) await Promise.all([...pending]);
    },
    async close() {
      await client.endAsync();
      while (pending.size) await Promise.all([...pending]);
    },
  };
}
