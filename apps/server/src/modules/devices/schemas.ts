import { Type } from 'typebox';
import { Id, Nullable, Timestamp } from '../../http/schemas.ts';

// Response shapes of the device routes (presenter.ts); each `title` is the console's type name.
// Types, statuses and alarm kinds stay open strings, each with its zh/en label.

const Labels = Type.Object({ zh: Type.String(), en: Type.String() });

export const IotDevice = Type.Object(
  {
    id: Id,
    code: Type.String(),
    name: Type.String(),
    type: Type.String(),
    typeName: Labels,
    lon: Type.Number(),
    lat: Type.Number(),
    address: Type.String(),
    grid: Type.Object({ id: Id, code: Type.String(), name: Type.String() }),
    ownerUnit: Type.String(),
    streamUrl: Nullable(Type.String()),
    status: Type.String(),
    statusName: Labels,
    lastHeartbeatAt: Nullable(Timestamp),
    lastSeenAt: Timestamp,
    openCaseId: Nullable(Id),
    lastAlarmAt: Nullable(Timestamp),
    createdAt: Timestamp,
    /** Permissions the caller may use on it: devices.edit, devices.disable. */
    actions: Type.Array(Type.String()),
  },
  { title: 'IotDevice' },
);

export const IotDevicePage = Type.Object(
  {
    items: Type.Array(IotDevice),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    canCreate: Type.Boolean(),
  },
  { title: 'IotDevicePage' },
);

export const IotAlarm = Type.Object(
  {
    id: Id,
    kind: Type.String(),
    kindName: Labels,
    channel: Type.String(),
    value: Nullable(Type.Number()),
    message: Nullable(Type.String()),
    observedAt: Nullable(Timestamp),
    receivedAt: Timestamp,
    case: Nullable(Type.Object({ id: Id, code: Nullable(Type.String()), state: Nullable(Type.String()) })),
  },
  { title: 'IotAlarm' },
);

export const IotDeviceDetail = Type.Object(
  { ...IotDevice.properties, alarms: Type.Array(IotAlarm) },
  { title: 'IotDeviceDetail' },
);

/** The registration's answer: the device and its webhook token, shown this once. */
export const IotDeviceCreated = Type.Object(
  { ...IotDevice.properties, token: Type.String() },
  { title: 'IotDeviceCreated' },
);

/** The webhook's answer: a heartbeat, a recovery (the case it closed) or an alarm (its case). */
export const IotWebhookReceipt = Type.Object(
  {
    kind: Type.Union([Type.Literal('alarm'), Type.Literal('recovery'), Type.Literal('heartbeat')]),
    closedCaseId: Type.Optional(Nullable(Id)),
    caseId: Type.Optional(Id),
    created: Type.Optional(Type.Boolean()),
  },
  { title: 'IotWebhookReceipt' },
);
