// IoT devices (issue 14 point 3): what each device type reports as a case, how a device's alarms
// fold into one case, and when a device's recovery may close the case it raised.
import type { CaseState } from '../cases/states.ts';
import type { Bilingual } from '../labels/index.ts';

export const DEVICE_TYPES = ['smoke', 'manhole', 'water_level', 'gas', 'camera'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

export const DEVICE_TYPE_LABELS: Readonly<Record<DeviceType, Bilingual>> = {
  smoke: { zh: '烟感探测器', en: 'Smoke detector' },
  manhole: { zh: '井盖倾斜传感器', en: 'Manhole-cover tilt sensor' },
  water_level: { zh: '水位传感器', en: 'Water-level sensor' },
  gas: { zh: '燃气传感器', en: 'Gas sensor' },
  camera: { zh: '视频监控', en: 'Camera' },
};

/** The case category (a leaf of migration 0005) an alarm of each device type becomes. */
export const DEVICE_ALARM_CATEGORY: Readonly<Record<DeviceType, string>> = {
  smoke: 'CG05-03',
  manhole: 'CG06-01',
  water_level: 'CG05-01',
  gas: 'CG05-02',
  camera: 'CG04-03',
};

export const DEVICE_STATUSES = ['online', 'alarm', 'offline', 'disabled'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

export const DEVICE_STATUS_LABELS: Readonly<Record<DeviceStatus, Bilingual>> = {
  online: { zh: '在线', en: 'Online' },
  alarm: { zh: '告警中', en: 'In alarm' },
  offline: { zh: '离线', en: 'Offline' },
  disabled: { zh: '已停用', en: 'Disabled' },
};

/** What a device message says: the three topics wangge/devices/{id}/{kind}. */
export const DEVICE_MESSAGE_KINDS = ['alarm', 'recovery', 'heartbeat'] as const;
export type DeviceMessageKind = (typeof DEVICE_MESSAGE_KINDS)[number];

export const DEVICE_MESSAGE_LABELS: Readonly<Record<DeviceMessageKind, Bilingual>> = {
  alarm: { zh: '告警', en: 'Alarm' },
  recovery: { zh: '恢复', en: 'Recovery' },
  heartbeat: { zh: '心跳', en: 'Heartbeat' },
};

export const DEVICE_CHANNELS = ['mqtt', 'http'] as const;
export type DeviceChannel = (typeof DEVICE_CHANNELS)[number];
export const DEVICE_CHANNEL_LABELS: Readonly<Record<DeviceChannel, Bilingual>> = {
  mqtt: { zh: 'MQTT 消息', en: 'MQTT' },
  http: { zh: 'HTTP 接口', en: 'HTTP webhook' },
};

export interface DevicePayload {
  /** A reading that crossed its threshold (smoke density, tilt degrees, water level cm, gas %LEL). */
  value: number | null;
  message: string | null;
  /** When the device saw it (ISO); null: when it arrived. */
  at: string | null;
}

const MAX_MESSAGE = 500;

/**
 * A device message's JSON payload: an object with optional `value` (finite number), `message`
 * (text up to 500 characters) and `at` (ISO time). Anything else is malformed and dropped.
 */
export function parseDevicePayload(raw: string): { payload: DevicePayload } | { problem: string } {
  let body: unknown;
  if (raw.trim() === '') return { payload: { value: null, message: null, at: null } };
  try {
    body = JSON.parse(raw);
  } catch {
    return { problem: 'payload is not JSON' };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return { problem: 'payload must be an object' };
  const { value, message, at } = body as Record<string, unknown>;
  if (value !== undefined && value !== null && (typeof value !== 'number' || !Number.isFinite(value)))
    return { problem: 'value must be a number' };
  if (
    message !== undefined &&
    message !== null &&
    (typeof message !== 'string' || message.length > MAX_MESSAGE)
  )
    return { problem: `message must be text of at most ${MAX_MESSAGE} characters` };
  if (at !== undefined && at !== null && (typeof at !== 'string' || Number.isNaN(Date.parse(at))))
    return { problem: 'at must be an ISO time' };
  return {
    payload: {
      value: (value as number | undefined) ?? null,
      message: (message as string | undefined) ?? null,
      at: (at as string | undefined) ?? null,
    },
  };
}

export interface OpenAlarmCase {
  state: CaseState | string;
  /** The last alarm folded into the case. */
  lastAlarmAt: Date;
}

const FINISHED: ReadonlySet<string> = new Set(['voided', 'closed', 'evaluated', 'archived']);

/**
 * A device's alarm joins the case it raised while that case is open and the previous alarm is
 * within the window; otherwise it raises a new case. A storm of alarms is therefore one case.
 */
export function alarmJoinsCase(open: OpenAlarmCase | null, now: Date, windowMs: number): boolean {
  if (!open || FINISHED.has(open.state)) return false;
  return now.getTime() - open.lastAlarmAt.getTime() <= windowMs;
}

/**
 * A recovery closes the device's case only while nobody has acted on it: still `reported` with
 * the report as its only step. Once a dispatcher has touched it, people decide.
 */
export function recoveryClosesCase(kase: { state: string; steps: number } | null): boolean {
  return kase !== null && kase.state === 'reported' && kase.steps === 1;
}

/** A device is offline when its last sign of life is older than the limit (never heard: since it was registered). */
export function isDeviceOffline(lastSeen: Date, now: Date, offlineMinutes: number): boolean {
  return now.getTime() - lastSeen.getTime() > offlineMinutes * 60_000;
}
