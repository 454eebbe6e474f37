import { DEVICE_STATUSES, DEVICE_TYPES, parseDevicePayload } from '@wangge/rules';
import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { AppError, badRequest, notFound } from '../../http/errors.ts';
import { Id, IdParams } from '../../http/schemas.ts';
import { authorize, can, inScope } from '../access/authorize.ts';
import { originOf } from '../audit/record.ts';
import { flush, newOutbox } from '../notifications/notify.ts';
import { receiveAlarm, receiveRecovery } from './alarms.ts';
import { deviceByToken, disableDevice, registerDevice, updateDevice } from './operations.ts';
import { presentAlarm, presentDevice } from './presenter.ts';
import { deviceRepository as repo } from './repository.ts';
import { IotDevice, IotDeviceCreated, IotDeviceDetail, IotDevicePage, IotWebhookReceipt } from './schemas.ts';

const tags = ['devices'];
const DeviceType = Type.Union(DEVICE_TYPES.map((t) => Type.Literal(t)));
const DeviceStatus = Type.Union(DEVICE_STATUSES.map((t) => Type.Literal(t)));
const Code = Type.String({
  pattern: '^[A-Za-z0-9_.-]{1,64}$',
  description: 'device id (MQTT topic segment)',
});
const Lon = Type.Number({ minimum: -180, maximum: 180 });
const Lat = Type.Number({ minimum: -90, maximum: 90 });
const StreamUrl = Type.Union([
  Type.String({
    pattern: '^((https?|rtsp|wss?)://\\S+|/\\S+)$',
    maxLength: 500,
    description: 'HLS / WebRTC URL, or a path served by Wangge itself',
  }),
  Type.Null(),
]);

const Fields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  type: DeviceType,
  lon: Lon,
  lat: Lat,
  address: Type.Optional(Type.String({ maxLength: 200 })),
  ownerUnit: Type.Optional(Type.String({ maxLength: 100 })),
  streamUrl: Type.Optional(StreamUrl),
};
const CreateBody = Type.Object({ code: Code, ...Fields }, { additionalProperties: false });
const UpdateBody = Type.Object(
  {
    name: Type.Optional(Fields.name),
    type: Type.Optional(DeviceType),
    lon: Type.Optional(Lon),
    lat: Type.Optional(Lat),
    address: Fields.address,
    ownerUnit: Fields.ownerUnit,
    streamUrl: Fields.streamUrl,
  },
  { additionalProperties: false, minProperties: 1 },
);
const ListQuery = Type.Object({
  type: Type.Optional(DeviceType),
  status: Type.Optional(DeviceStatus),
  gridId: Type.Optional(Id),
  q: Type.Optional(Type.String({ maxLength: 64 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});
const WebhookParams = Type.Object({ deviceId: Code });
const WebhookBody = Type.Object(
  {
    kind: Type.Optional(
      Type.Union([Type.Literal('alarm'), Type.Literal('recovery'), Type.Literal('heartbeat')]),
    ),
    value: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    message: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
    at: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
  },
  { additionalProperties: false },
);

/** IoT devices: the register (CRUD in scope), their alarms, and the alarm webhook for devices without MQTT. */
export function registerDeviceRoutes(app: App, context: AppContext): void {
  const { db } = context;
  const actionsFor = (actor: Parameters<typeof can>[0], status: string) =>
    can(actor, 'devices.manage')
      ? status === 'disabled'
        ? ['devices.edit']
        : ['devices.edit', 'devices.disable']
      : [];

  app.get(
    '/api/devices',
    {
      schema: {
        tags,
        summary: '物联设备列表 (devices in scope)',
        querystring: ListQuery,
        response: { 200: IotDevicePage },
      },
    },
    async (request) => {
      const actor = authorize(request, 'devices.read');
      const { page = 1, pageSize = 100, ...filter } = request.query;
      const [rows, total] = await repo.list(db, actor, {
        ...filter,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return {
        items: rows.map((r) => presentDevice(r, actionsFor(actor, r.status))),
        total: Number(total.n),
        page,
        pageSize,
        canCreate: can(actor, 'devices.manage'),
      };
    },
  );

  app.get(
    '/api/devices/:id',
    {
      schema: {
        tags,
        summary: '物联设备详情与最近告警 (device with its latest alarms)',
        params: IdParams,
        response: { 200: IotDeviceDetail },
      },
    },
    async (request) => {
      const actor = authorize(request, 'devices.read');
      const row = await repo.byId(db, request.params.id);
      if (!row || !inScope(actor, row.grid_path)) throw notFound('设备', request.params.id);
      const alarms = await repo.alarms(db, row.id, 50);
      return { ...presentDevice(row, actionsFor(actor, row.status)), alarms: alarms.map(presentAlarm) };
    },
  );

  app.post(
    '/api/devices',
    {
      schema: {
        tags,
        summary: '登记物联设备 (register a device; the webhook token is returned once)',
        body: CreateBody,
        response: { 201: IotDeviceCreated },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'devices.manage');
      const { code, ...input } = request.body;
      const { id, token } = await registerDevice({
        db,
        actor,
        origin: originOf(request),
        gridIndex: context.gridIndex,
        code,
        input,
      });
      const row = await repo.byId(db, id);
      return reply.status(201).send({ ...presentDevice(row!, actionsFor(actor, row!.status)), token });
    },
  );

  app.patch(
    '/api/devices/:id',
    {
      schema: {
        tags,
        summary: '修改物联设备 (edit a device)',
        params: IdParams,
        body: UpdateBody,
        response: { 200: IotDevice },
      },
    },
    async (request) => {
      const actor = authorize(request, 'devices.manage');
      await updateDevice({
        db,
        actor,
        origin: originOf(request),
        gridIndex: context.gridIndex,
        id: request.params.id,
        input: request.body,
      });
      const row = await repo.byId(db, request.params.id);
      return presentDevice(row!, actionsFor(actor, row!.status));
    },
  );

  app.delete(
    '/api/devices/:id',
    {
      schema: {
        tags,
        summary: '停用物联设备 (disable a device; its history stays)',
        params: IdParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'devices.manage');
      await disableDevice({ db, actor, origin: originOf(request), id: request.params.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/devices/:deviceId/alarms',
    {
      schema: {
        tags,
        summary: '设备告警接口 (device webhook: alarm, recovery or heartbeat; header x-device-token)',
        params: WebhookParams,
        body: WebhookBody,
        response: { 202: IotWebhookReceipt },
      },
      config: { skipCsrf: true },
    },
    async (request, reply) => {
      const token = request.headers['x-device-token'];
      const device = await deviceByToken(
        db,
        request.params.deviceId,
        typeof token === 'string' ? token : undefined,
      );
      if (!device)
        throw new AppError(401, 'unauthenticated', '设备或令牌无效 (unknown device or invalid token)', {
          field: 'x-device-token',
        });
      const { kind = 'alarm', ...rest } = request.body;
      const parsed = parseDevicePayload(JSON.stringify(rest));
      if ('problem' in parsed) throw badRequest('value', parsed.problem);
      if (kind === 'heartbeat') {
        await repo.heartbeat(db, device.code);
        return reply.status(202).send({ kind });
      }
      const input = {
        deviceCode: device.code,
        channel: 'http' as const,
        payload: parsed.payload,
        origin: originOf(request),
      };
      if (kind === 'recovery') {
        const result = await receiveRecovery({ db }, input);
        return reply
          .status(202)
          .send({ kind, closedCaseId: 'closedCaseId' in result ? result.closedCaseId : null });
      }
      const outbox = newOutbox();
      const result = await receiveAlarm(
        { db, gridIndex: context.gridIndex, calendars: context.calendars, config: context.config, outbox },
        input,
      );
      flush(context.hub, outbox);
      if (result.outcome === 'unknown_device') throw notFound('设备', device.code);
      return reply
        .status(202)
        .send({ kind, caseId: result.caseId, created: result.outcome === 'case_created' });
    },
  );
}
