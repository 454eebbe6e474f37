// A case links the camera(s) that saw it (issue 14 point 4): the link is made by someone who sees
// the case and the camera, kept with who and when, and audited in the same transaction.
import { label } from '@wangge/rules';
import { Type } from 'typebox';
import type { Db } from '../../db/database.ts';
import type { App, AppContext } from '../../http/app-types.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import { Id, IdParams } from '../../http/schemas.ts';
import type { Actor } from '../access/actor.ts';
import { authorize, can, inScope } from '../access/authorize.ts';
import { type AuditOrigin, originOf, recordAudit } from '../audit/record.ts';
import { caseVisibleTo } from '../cases/visibility.ts';

const tags = ['devices'];
const Names = Type.Object({ zh: Type.String(), en: Type.String() });
const CaseCamera = Type.Object(
  {
    id: Id,
    code: Type.String(),
    name: Type.String(),
    lon: Type.Number(),
    lat: Type.Number(),
    status: Type.String(),
    statusName: Names,
    streamUrl: Type.Union([Type.String(), Type.Null()]),
    linkedAt: Type.String(),
    linkedBy: Type.String(),
  },
  { title: 'CaseCamera' },
);
const CaseCameraList = Type.Object(
  { items: Type.Array(CaseCamera), canLink: Type.Boolean() },
  { title: 'CaseCameraList' },
);

async function camerasOf(db: Db, caseId: string) {
  const rows = await db
    .selectFrom('case_cameras as l')
    .innerJoin('devices as d', 'd.id', 'l.device_id')
    .innerJoin('users as u', 'u.id', 'l.linked_by')
    .select([
      'd.id',
      'd.code',
      'd.name',
      'd.lon',
      'd.lat',
      'd.status',
      'd.stream_url',
      'l.linked_at',
      'u.display_name',
    ])
    .where('l.case_id', '=', caseId)
    .orderBy('l.linked_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    lon: r.lon,
    lat: r.lat,
    status: r.status,
    statusName: { zh: label('deviceStatus', r.status, 'zh'), en: label('deviceStatus', r.status, 'en') },
    streamUrl: r.stream_url,
    linkedAt: r.linked_at.toISOString(),
    linkedBy: r.display_name,
  }));
}

/** Links a camera to a case: both must be visible to the caller, the device must be a camera. */
export async function linkCaseCamera(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  caseId: string;
  deviceId: string;
}): Promise<void> {
  const { db, actor, caseId, deviceId } = options;
  await db.transaction().execute(async (trx) => {
    const device = await trx
      .selectFrom('devices')
      .select(['id', 'code', 'type', 'grid_path'])
      .where('id', '=', deviceId)
      .executeTakeFirst();
    if (!device || !inScope(actor, device.grid_path)) throw notFound('设备', deviceId);
    if (device.type !== 'camera')
      throw badRequest('deviceId', '只能关联摄像头 (only a camera can be linked to a case)');
    const linked = await trx
      .insertInto('case_cameras')
      .values({ case_id: caseId, device_id: deviceId, linked_by: actor.userId })
      .onConflict((oc) => oc.doNothing())
      .returning('device_id')
      .executeTakeFirst();
    if (!linked) throw conflict('该摄像头已关联此事件 (the camera is already linked)', { field: 'deviceId' });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'cases.link_camera',
      targetType: 'case',
      targetId: caseId,
      details: { device: device.code },
    });
  });
}

export function registerCaseCameraRoutes(app: App, context: AppContext): void {
  const { db } = context;
  const visibleCase = async (actor: Actor, caseId: string) => {
    if (!(await caseVisibleTo(db, actor, caseId))) throw notFound('事件', caseId);
  };
  const mayLink = (actor: Actor) => can(actor, 'devices.read') && can(actor, 'cases.read');

  app.get(
    '/api/cases/:id/cameras',
    {
      schema: {
        tags,
        summary: '事件关联的摄像头 (the cameras that saw a case)',
        params: IdParams,
        response: { 200: CaseCameraList },
      },
    },
    async (request) => {
      const actor = authorize(request);
      await visibleCase(actor, request.params.id);
      return { items: await camerasOf(db, request.params.id), canLink: mayLink(actor) };
    },
  );

  app.post(
    '/api/cases/:id/cameras',
    {
      schema: {
        tags,
        summary: '关联摄像头 (link the camera that saw the case)',
        params: IdParams,
        body: Type.Object({ deviceId: Id }, { additionalProperties: false }),
        response: { 201: CaseCameraList },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'devices.read');
      authorize(request, 'cases.read');
      await visibleCase(actor, request.params.id);
      await linkCaseCamera({
        db,
        actor,
        origin: originOf(request),
        caseId: request.params.id,
        deviceId: request.body.deviceId,
      });
      return reply
        .status(201)
        .send({ items: await camerasOf(db, request.params.id), canLink: mayLink(actor) });
    },
  );
}
