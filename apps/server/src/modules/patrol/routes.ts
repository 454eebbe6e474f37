import { trackToGpx } from '@wangge/rules';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { AppError, badRequest, conflict, forbidden, unauthenticated } from '../../http/errors.ts';
import { Id } from '../../http/schemas.ts';
import { actorOf } from '../access/actor.ts';
import { assertInScope, authorize, can } from '../access/authorize.ts';
import { originOf } from '../audit/record.ts';
import { authRepository } from '../auth/repository.ts';
import { sha256 } from '../auth/secrets.ts';
import { orgRepository } from '../org/repository.ts';
import { bindDevice, revokeDevice, workerDay } from './operations.ts';
import type { Fix } from './pipeline.ts';
import { presentDay, presentDevice, presentIngest, presentLive } from './presenter.ts';
import { decodeOsmAnd, parseTimestamp } from './protocols/osmand.ts';
import { basicCredentials, decodeOwnTracks, owntracksProblems } from './protocols/owntracks.ts';
import { dayOf, patrolRepository as repo } from './repository.ts';
import { LivePositions, PositionsIngested, TrackerDevice, TrackerDeviceList, WorkerDay } from './schemas.ts';

const tags = ['patrol'];
const OWNTRACKS_URL = '/track/owntracks';
const Num = Type.Number();
const PositionIn = Type.Object({
  recordedAt: Type.Union([Type.String({ maxLength: 40 }), Type.Number()], {
    description: 'ISO 8601, or unix seconds / milliseconds',
  }),
  lon: Num,
  lat: Num,
  accuracy: Type.Optional(Type.Union([Num, Type.Null()])),
  speed: Type.Optional(Type.Union([Num, Type.Null()], { description: 'm/s' })),
  heading: Type.Optional(Type.Union([Num, Type.Null()])),
  altitude: Type.Optional(Type.Union([Num, Type.Null()])),
  battery: Type.Optional(Type.Union([Num, Type.Null()], { description: 'percent' })),
});
const DeviceId = Type.String({ minLength: 1, maxLength: 100, pattern: '^\\S+$' });
const Protocol = Type.Union([Type.Literal('osmand'), Type.Literal('owntracks')]);
const DateOnly = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function timeOf(value: string | number): Date {
  if (typeof value === 'number') return new Date(value < 2_147_483_647 ? value * 1000 : value);
  // What the field app sends (toISOString), parsed natively, as parseTimestamp would.
  if (ISO_UTC_MS.test(value)) return new Date(Date.parse(value));
  return parseTimestamp(value) ?? new Date(Date.parse(value));
}

/**
 * Patrol: positions (field app batches, OsmAnd / Traccar Client, OwnTracks) through one pipeline,
 * the live map, a worker's day, tracker devices. OwnTracks authenticates with HTTP Basic, which
 * the platform's authentication leaves to this route.
 */
export async function registerPatrolRoutes(app: App, context: AppContext): Promise<void> {
  const { db, config, positions } = context;
  await positions.start(context.hub);

  app.post(
    '/api/positions',
    {
      schema: {
        tags,
        summary: '上报位置 (batch of the caller’s own fixes from the field app)',
        body: Type.Object({
          deviceId: Type.Optional(DeviceId),
          positions: Type.Array(PositionIn, { minItems: 1, maxItems: 1000 }),
        }),
        response: { 200: PositionsIngested },
      },
    },
    async (request) => {
      const actor = authorize(request, 'patrol.report');
      const { deviceId } = request.body;
      if (deviceId) {
        const owner = await positions.deviceOwner(deviceId);
        if (owner.userId && owner.userId !== actor.userId) {
          throw conflict('设备已绑定到其他人员 (device is bound to another worker)', { field: 'deviceId' });
        }
      }
      const fixes: Fix[] = request.body.positions.map((p) => ({
        recordedAt: timeOf(p.recordedAt),
        lon: p.lon,
        lat: p.lat,
        accuracy: p.accuracy,
        speed: p.speed,
        heading: p.heading,
        altitude: p.altitude,
        battery: p.battery,
      }));
      const result = await positions.ingest({
        userId: actor.userId,
        deviceId: deviceId ?? null,
        source: 'app',
        fixes,
      });
      return presentIngest(result);
    },
  );

  app.get(
    '/api/positions/live',
    {
      schema: {
        tags,
        summary: '实时位置 (last position of every worker in scope)',
        querystring: Type.Object({
          within: Type.Optional(Id),
          sinceMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 * 24 * 60 })),
        }),
        response: { 200: LivePositions },
      },
    },
    async (request) => {
      const actor = authorize(request, 'patrol.monitor');
      let paths = actor.scopePaths;
      if (request.query.within) {
        const unit = await orgRepository.findById(db, request.query.within);
        assertInScope(actor, unit?.path, '单位', request.query.within);
        paths = [unit!.path];
      }
      const since = request.query.sinceMinutes
        ? new Date(Date.now() - request.query.sinceMinutes * 60_000)
        : undefined;
      const items = positions.live(paths, { since }).map(presentLive);
      return { count: items.length, items };
    },
  );

  const TrackQuery = Type.Object({
    userId: Type.Optional(Id),
    date: Type.Optional(DateOnly),
    /** Stop detection: stayed at least this many minutes within stopRadiusM (defaults: config.patrol.stop). */
    stopMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 240 })),
    stopRadiusM: Type.Optional(Type.Integer({ minimum: 5, maximum: 2000 })),
  });
  const dayOfRequest = (
    request: FastifyRequest,
    query: { userId?: string; date?: string; stopMinutes?: number; stopRadiusM?: number },
  ) => {
    const actor = authorize(request);
    return workerDay({
      db,
      actor,
      userId: query.userId ?? actor.userId,
      date: query.date ?? dayOf(Date.now()),
      gapS: config.patrol.trackGapSeconds,
      stop: {
        minStayS: query.stopMinutes !== undefined ? query.stopMinutes * 60 : config.patrol.stop.minStayS,
        radiusM: query.stopRadiusM ?? config.patrol.stop.radiusM,
      },
    });
  };
  const sendGpx = (reply: FastifyReply, day: Awaited<ReturnType<typeof workerDay>>, date: string) =>
    reply
      .header('content-type', 'application/gpx+xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="track-${day.worker.id}-${date}.gpx"`)
      .send(
        trackToGpx({
          name: `${day.worker.username} ${date}`,
          segments: day.track.segments.map((s) =>
            s.coordinates.map(([lon, lat], i) => ({ at: s.times[i]!, lon, lat })),
          ),
          stops: day.stops,
        }),
      );

  app.get(
    '/api/patrol/tracks',
    {
      schema: {
        tags,
        summary:
          '人员轨迹 (a worker’s day: GeoJSON lines split at gaps, distance, time in own grids; format=gpx for GPX 1.1)',
        querystring: Type.Object({
          ...TrackQuery.properties,
          format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('gpx')])),
        }),
        response: { 200: WorkerDay },
      },
    },
    async (request, reply) => {
      const day = await dayOfRequest(request, request.query);
      if (request.query.format === 'gpx') return sendGpx(reply, day, request.query.date ?? dayOf(Date.now()));
      return presentDay(day);
    },
  );

  app.get(
    '/api/patrol/tracks.gpx',
    {
      schema: {
        tags,
        summary: '轨迹导出 GPX (a worker’s day as GPX 1.1, stops as waypoints)',
        querystring: TrackQuery,
      },
    },
    async (request, reply) => {
      const day = await dayOfRequest(request, request.query);
      return sendGpx(reply, day, request.query.date ?? dayOf(Date.now()));
    },
  );

  app.get(
    '/api/tracker-devices',
    {
      schema: {
        tags,
        summary: '定位设备 (mine; with patrol.monitor also those of workers in scope)',
        response: { 200: TrackerDeviceList },
      },
    },
    async (request) => {
      const actor = authorize(request);
      const scopePrefixes = can(actor, 'patrol.monitor')
        ? actor.scopePaths.map((p) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
        : null;
      const rows = await repo.listDevices(db, { userId: actor.userId, scopePrefixes });
      return { items: rows.map(presentDevice) };
    },
  );

  app.post(
    '/api/tracker-devices',
    {
      schema: {
        tags,
        summary: '绑定定位设备 (bind an OsmAnd / OwnTracks device to the caller)',
        body: Type.Object({ deviceId: DeviceId, protocol: Protocol }),
        response: { 200: TrackerDevice, 201: TrackerDevice },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'patrol.report');
      const { row, created } = await bindDevice({
        db,
        positions,
        actor,
        origin: originOf(request),
        deviceId: request.body.deviceId,
        protocol: request.body.protocol,
      });
      return reply.status(created ? 201 : 200).send(presentDevice(row));
    },
  );

  app.delete(
    '/api/tracker-devices/:deviceId',
    {
      schema: {
        tags,
        summary: '解绑定位设备 (revoke a device)',
        params: Type.Object({ deviceId: DeviceId }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const actor = authorize(request);
      await revokeDevice({
        db,
        positions,
        actor,
        origin: originOf(request),
        deviceId: request.params.deviceId,
      });
      return reply.status(204).send(null);
    },
  );

  // OsmAnd / Traccar Client (protocols/osmand.ts): GET or POST, query, form or JSON body.
  await app.register(async (scoped) => {
    scoped.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      },
    );
    scoped.route({
      method: ['GET', 'POST'],
      url: '/track/osmand',
      schema: { tags, summary: 'OsmAnd / Traccar Client 定位上报 (see protocols/osmand.ts)' },
      handler: async (request, reply) => {
        const decoded = decodeOsmAnd((request.query ?? {}) as Record<string, unknown>, request.body);
        if (decoded.kind === 'invalid') throw badRequest('id', decoded.message);
        const owner = await positions.deviceOwner(decoded.deviceId);
        if (!owner.userId) {
          throw new AppError(400, 'unknown_device', `未绑定的设备 (unknown device ${decoded.deviceId})`, {
            field: 'id',
          });
        }
        if (decoded.kind === 'position') {
          await positions.ingest({
            userId: owner.userId,
            deviceId: decoded.deviceId,
            source: 'osmand',
            fixes: [decoded.fix],
          });
        }
        return reply.status(200).send();
      },
    });
  });

  app.post(
    OWNTRACKS_URL,
    {
      schema: {
        tags,
        summary: 'OwnTracks HTTP 定位上报 (see protocols/owntracks.ts)',
        // OwnTracks reads the answer as messages for the phone (friends' positions, commands): none.
        response: { 200: Type.Array(Type.Unknown(), { maxItems: 0 }) },
      },
    },
    async (request, reply) => {
      const credentials = basicCredentials(request.headers.authorization);
      const challenge = () => {
        reply.header('www-authenticate', 'Basic realm="wangge"');
        return unauthenticated('设备或令牌无效 (unknown device or invalid token)');
      };
      if (!credentials || credentials.username.length > 100) throw challenge();
      const token = await authRepository.findLiveApiToken(db, sha256(credentials.password));
      const actor = token ? await actorOf(db, token, 'token', null) : null;
      if (!actor) throw challenge();
      if (!can(actor, 'patrol.report'))
        throw forbidden('缺少权限 patrol.report (missing permission patrol.report)');
      const messages = Array.isArray(request.body) ? request.body : [request.body];
      for (const [i, message] of messages.entries()) {
        const problems = owntracksProblems(message);
        if (problems.length) {
          throw badRequest(problems[0]!, `OwnTracks 消息无效 (invalid message: ${problems.join(', ')})`, {
            index: i,
            problems,
          });
        }
      }
      const deviceId = credentials.username;
      const owner = await positions.deviceOwner(deviceId);
      if (owner.userId !== actor.userId) {
        // First use binds the device; a device of someone else or a revoked one is refused.
        if (owner.protocol !== null) throw challenge();
        try {
          await bindDevice({
            db,
            positions,
            actor,
            origin: originOf(request),
            deviceId,
            protocol: 'owntracks',
          });
        } catch (err) {
          if (err instanceof AppError && err.status === 409) throw challenge();
          throw err;
        }
      }
      const fixes: Fix[] = [];
      for (const message of messages) {
        const decoded = decodeOwnTracks(message);
        if (decoded.kind === 'location') fixes.push(decoded.fix);
        else if (decoded.kind === 'transition') {
          await positions.recordEvent({
            userId: actor.userId,
            deviceId,
            source: 'owntracks',
            kind: decoded.event === 'enter' ? 'region_enter' : 'region_leave',
            regionId: decoded.regionId,
            regionName: decoded.regionName,
            fix: decoded.fix,
          });
        }
      }
      if (fixes.length)
        await positions.ingest({ userId: actor.userId, deviceId, source: 'owntracks', fixes });
      return reply.status(200).send([]);
    },
  );
}
