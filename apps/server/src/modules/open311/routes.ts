import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { AppError } from '../../http/errors.ts';
import { type Actor, actorOf } from '../access/actor.ts';
import { originOf } from '../audit/record.ts';
import { authRepository } from '../auth/repository.ts';
import { sha256 } from '../auth/secrets.ts';
import { reportCase } from '../cases/report-case.ts';
import { flush, newOutbox } from '../notifications/notify.ts';
import {
  formatOf,
  Open311Error,
  open311ErrorHandler,
  sendError,
  sendOpen311,
  withoutSuffix,
} from './errors.ts';
import {
  presentDiscovery,
  presentRequest,
  presentService,
  presentServiceDefinition,
  serviceNotice,
} from './presenter.ts';
import { type Reader, type RequestFilters, open311Repository as repo } from './repository.ts';

// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) at /open311/v2: third-party 311 apps
// list our case categories as services, file cases as service requests and follow their status.
// Every resource answers in JSON or XML by its suffix (.json / .xml; none → JSON), and every
// failure — ours, validation, unknown routes — in the Open311 error format.

const tags = ['open311'];
const SUFFIXES = ['', '.json', '.xml'];
const DAY_MS = 86_400_000;
const DEFAULT_WINDOW_MS = 90 * DAY_MS;
const MAX_RESULTS = 1000;
const TOUCH_AFTER_MS = 60_000;
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const PHONE = /^\+?[0-9][0-9\- ()]{3,24}$/;

const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

const ReadQuery = Type.Object({
  api_key: text(200),
  jurisdiction_id: text(200),
});

const RequestsQuery = Type.Object({
  api_key: text(200),
  jurisdiction_id: text(200),
  service_request_id: text(4000),
  service_code: text(2000),
  start_date: text(40),
  end_date: text(40),
  status: text(40),
});

// Coordinates arrive as strings in form bodies and as numbers or strings in JSON ones (bodies are
// not coerced); they are parsed here, so an empty form field counts as absent rather than as 0.
const coordinate = Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Number()]));
const PostBody = Type.Object(
  {
    api_key: text(200),
    jurisdiction_id: text(200),
    service_code: text(50),
    lat: coordinate,
    long: coordinate,
    address_string: text(200),
    address_id: text(200),
    email: text(200),
    device_id: text(200),
    account_id: text(200),
    first_name: text(50),
    last_name: text(50),
    phone: text(40),
    description: text(4000),
    media_url: text(2000),
  },
  { additionalProperties: true },
);

const baseUrl = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function list(value: string | undefined, field: string, max: number): string[] | undefined {
  const items = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!items.length) return undefined;
  if (items.length > max)
    throw new Open311Error(400, `${field} 最多 ${max} 项 (at most ${max} values in ${field})`);
  return [...new Set(items)];
}

function parseDate(value: string | undefined, field: string): Date | undefined {
  let raw = present(value);
  if (!raw) return undefined;
  // An unencoded '+' of a UTC offset arrives as a space in a query string.
  raw = raw.replace(/ (\d{2}:\d{2})$/, '+$1');
  const date = new Date(raw);
  if (!W3C_DATETIME.test(raw) || Number.isNaN(date.getTime())) {
    throw new Open311Error(
      400,
      `${field} 须为带时区的 ISO 8601 时间，如 2026-01-01T00:00:00Z (${field} must be a W3C date-time with time zone, e.g. 2026-01-01T00:00:00Z)`,
    );
  }
  return date;
}

function parseCoordinate(value: string | number | undefined, field: 'lat' | 'long'): number | undefined {
  const raw = typeof value === 'number' ? value : present(value);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  const limit = field === 'lat' ? 90 : 180;
  if (!Number.isFinite(n) || Math.abs(n) > limit) {
    throw new Open311Error(
      400,
      `${field} 须为 WGS84 十进制度数 (${field} must be a WGS84 decimal degree within ±${limit})`,
    );
  }
  return n;
}

/**
 * The reporter's media link, kept as given and never fetched (no server-side request forgery):
 * an absolute http(s) URL without credentials. The schema caps its length.
 */
function parseMediaUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.username || url.password || /\s/.test(raw)) {
    throw new Open311Error(
      400,
      'media_url 须为不含账号密码的 http(s) 地址 (media_url must be an http(s) URL without credentials)',
    );
  }
  return raw;
}

/** 姓 before 名 for Chinese names (张 + 三 → 张三), "first last" otherwise. */
function reporterName(first: string | undefined, last: string | undefined): string | undefined {
  if (!first && !last) return undefined;
  const han = /\p{Script=Han}/u;
  const name =
    first && last
      ? han.test(first) || han.test(last)
        ? `${last}${first}`
        : `${first} ${last}`
      : (first ?? last)!;
  return Array.from(name).slice(0, 50).join('');
}

export async function registerOpen311Routes(app: App, context: AppContext): Promise<void> {
  await app.register(
    async (plugin) => {
      const scope = plugin.withTypeProvider<TypeBoxTypeProvider>();
      scope.setErrorHandler(open311ErrorHandler);
      scope.setNotFoundHandler((request, reply) =>
        sendError(
          reply,
          formatOf(request.url),
          404,
          `没有这个 Open311 资源 (no Open311 resource ${request.method} ${request.url.split('?')[0]})`,
        ),
      );
      // GeoReport v2 clients POST form-encoded bodies (JSON is accepted too); anything else, text or
      // multipart, is 415 here. @fastify/formbody is not needed for one parser.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser(
        'application/json',
        { parseAs: 'string' },
        scope.getDefaultJsonParser('error', 'error'),
      );
      scope.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string' },
        (_request, body, done) => {
          done(null, Object.fromEntries(new URLSearchParams(body as string)));
        },
      );
      open311Routes(scope, context);
    },
    { prefix: '/open311' },
  );
}

function open311Routes(app: App, { db, gridIndex, calendars, hub }: AppContext): void {
  /**
   * The user behind an api_key (a Wangge API token), or behind an `Authorization: Bearer` token;
   * null for an anonymous caller. A key that is given but not valid is refused, never ignored.
   */
  async function keyHolder(request: FastifyRequest, apiKey: string | undefined): Promise<Actor | null> {
    const key = present(apiKey);
    if (key) {
      const token = await authRepository.findLiveApiToken(db, sha256(key));
      const actor = token ? await actorOf(db, token, 'token', null) : null;
      if (!token || !actor)
        throw new Open311Error(403, 'api_key 无效、已吊销或已过期 (api_key is invalid, revoked or expired)');
      if (!token.last_used_at || Date.now() - token.last_used_at.getTime() > TOUCH_AFTER_MS) {
        await authRepository.touchApiToken(db, token.token_id);
      }
      return actor;
    }
    return request.actor?.via === 'token' ? request.actor : null;
  }

  async function reader(request: FastifyRequest, apiKey: string | undefined): Promise<Reader> {
    const actor = await keyHolder(request, apiKey);
    if (actor && !actor.permissions.has('cases.read') && !actor.permissions.has('cases.report')) {
      throw new Open311Error(403, '该 api_key 无权查看事件 (this api_key may not read service requests)');
    }
    return { actor };
  }

  async function requests(request: FastifyRequest, who: Reader, filters: RequestFilters) {
    const rows = await repo.requests(db, who, filters, MAX_RESULTS);
    const ids = rows.map((r) => r.id);
    const [agencies, notes, photos] = await Promise.all([
      repo.leadAgencies(db, ids),
      repo.latestPublicNotes(db, ids),
      repo.firstPhotos(db, ids),
    ]);
    const agencyOf = new Map(agencies.map((a) => [a.case_id, a.name]));
    const noteOf = new Map(notes.map((n) => [n.case_id, n.note]));
    const photoOf = new Map(photos.map((p) => [p.case_id, p.id]));
    const base = baseUrl(request);
    return rows.map((row) =>
      presentRequest(
        row,
        {
          agency: agencyOf.get(row.id) ?? null,
          publicNote: noteOf.get(row.id) ?? null,
          photoId: photoOf.get(row.id) ?? null,
        },
        base,
      ),
    );
  }

  for (const prefix of ['/discovery', '/v2/discovery']) {
    for (const suffix of SUFFIXES) {
      app.get(
        `${prefix}${suffix}`,
        {
          schema: {
            tags,
            summary: 'Open311 服务发现 (service discovery: endpoints, formats, how to get an api_key)',
          },
        },
        async (request, reply) =>
          sendOpen311(reply, formatOf(request.url), 'discovery', presentDiscovery(baseUrl(request))),
      );
    }
  }

  for (const suffix of SUFFIXES) {
    app.get(
      `/v2/services${suffix}`,
      {
        schema: {
          tags,
          summary: 'Open311 服务列表 (every leaf case category as a service)',
          querystring: ReadQuery,
        },
      },
      async (request, reply) => {
        const rows = await repo.services(db);
        return sendOpen311(reply, formatOf(request.url), 'services', rows.map(presentService));
      },
    );
  }

  app.get(
    '/v2/services/:service_code',
    {
      schema: {
        tags,
        summary: 'Open311 服务定义 (service definition; Wangge asks for no extra attributes)',
        params: Type.Object({ service_code: Type.String({ maxLength: 60 }) }),
        querystring: ReadQuery,
      },
    },
    async (request, reply) => {
      const code = withoutSuffix(request.params.service_code);
      const service = await repo.service(db, code);
      if (!service) throw new Open311Error(404, `service_code ${code} 不存在 (no such service)`);
      return sendOpen311(
        reply,
        formatOf(request.url),
        'service_definition',
        presentServiceDefinition(service.code),
      );
    },
  );

  for (const suffix of SUFFIXES) {
    app.post(
      `/v2/requests${suffix}`,
      {
        schema: {
          tags,
          summary:
            'Open311 提交服务请求 (file a case; form-encoded or JSON; needs api_key, service_code, lat and long)',
          consumes: ['application/x-www-form-urlencoded', 'application/json'],
          body: PostBody,
        },
      },
      async (request, reply) => {
        const body = (request.body ?? {}) as typeof request.body;
        const query = request.query as { api_key?: string };
        const actor = await keyHolder(request, present(body.api_key) ?? query.api_key);
        if (!actor) throw new Open311Error(403, '未提供 api_key (api_key was not provided)');
        if (!actor.permissions.has('cases.report')) {
          throw new Open311Error(
            403,
            '该 api_key 无权上报事件 (this api_key may not submit service requests)',
          );
        }
        const code = present(body.service_code);
        if (!code) throw new Open311Error(400, '未提供 service_code (service_code was not provided)');
        const service = await repo.service(db, code);
        if (!service) {
          throw new Open311Error(
            400,
            `service_code ${code} 不是有效的服务 (service_code is not a valid service; see GET services)`,
          );
        }
        const lat = parseCoordinate(body.lat, 'lat');
        const lon = parseCoordinate(body.long, 'long');
        if (lat === undefined || lon === undefined) {
          throw new Open311Error(
            400,
            '须提供 lat 和 long：事件按坐标落入网格，仅有 address_string 或 address_id 无法定位 ' +
              '(lat and long are required: requests are routed to a grid by their coordinates; an address alone cannot be located)',
          );
        }
        const phone = present(body.phone);
        if (phone && !PHONE.test(phone))
          throw new Open311Error(400, 'phone 格式无效 (phone is not a valid phone number)');
        const mediaUrl = parseMediaUrl(present(body.media_url));
        const description = present(body.description) ?? service.name_zh;
        const outbox = newOutbox();
        let caseId: string;
        try {
          ({ caseId } = await reportCase({
            db,
            actor,
            origin: originOf(request),
            gridIndex,
            calendars,
            outbox,
            input: {
              categoryCode: service.code,
              description,
              lon,
              lat,
              address: present(body.address_string),
              source: 'open311',
              reporterName: reporterName(present(body.first_name), present(body.last_name)),
              reporterPhone: phone?.replace(/[()]/g, ''),
              mediaUrl,
            },
            // Open311 has no idempotency key: each POST files one case.
            idempotencyKey: null,
          }));
        } catch (err) {
          if (err instanceof AppError && err.code === 'outside_all_grids') {
            throw new Open311Error(
              400,
              `该位置 (lat ${lat}, long ${lon}) 不在本平台任何网格内，无法受理 (the location lies outside every grid this jurisdiction serves)`,
            );
          }
          throw err;
        }
        flush(hub, outbox);
        const created = await db
          .selectFrom('cases')
          .select('code')
          .where('id', '=', caseId)
          .executeTakeFirstOrThrow();
        return sendOpen311(
          reply,
          formatOf(request.url),
          'service_requests',
          [{ service_request_id: created.code, service_notice: serviceNotice(service), account_id: null }],
          201,
        );
      },
    );
  }

  for (const suffix of SUFFIXES) {
    app.get(
      `/v2/requests${suffix}`,
      {
        schema: {
          tags,
          summary:
            'Open311 服务请求列表 (requests: with api_key those its user may see, without only those filed through Open311; ' +
            'default window the last 90 days, at most 1000)',
          querystring: RequestsQuery,
        },
      },
      async (request, reply) => {
        const q = request.query;
        const who = await reader(request, q.api_key);
        const codes = list(q.service_request_id, 'service_request_id', 200);
        let filters: RequestFilters;
        if (codes) {
          // The specification: service_request_id overrides every other argument.
          filters = { codes };
        } else {
          const status = list(q.status, 'status', 2)?.map((s) => s.toLowerCase());
          if (status?.some((s) => s !== 'open' && s !== 'closed')) {
            throw new Open311Error(400, 'status 只能是 open 或 closed (status must be open, closed or both)');
          }
          let from = parseDate(q.start_date, 'start_date');
          let to = parseDate(q.end_date, 'end_date');
          if (from && to && from > to) {
            throw new Open311Error(400, 'start_date 须早于 end_date (start_date must not be after end_date)');
          }
          // A missing bound lies 90 days from the other one; with neither, the last 90 days.
          if (!from && !to) to = new Date();
          if (!from) from = new Date(to!.getTime() - DEFAULT_WINDOW_MS);
          if (!to) to = new Date(from.getTime() + DEFAULT_WINDOW_MS);
          filters = {
            serviceCodes: list(q.service_code, 'service_code', 200),
            from,
            to,
            status: status as RequestFilters['status'],
          };
        }
        return sendOpen311(
          reply,
          formatOf(request.url),
          'service_requests',
          await requests(request, who, filters),
        );
      },
    );
  }

  app.get(
    '/v2/requests/:service_request_id',
    {
      schema: {
        tags,
        summary: 'Open311 单个服务请求 (one request, as an array of one)',
        params: Type.Object({ service_request_id: Type.String({ maxLength: 60 }) }),
        querystring: ReadQuery,
      },
    },
    async (request, reply) => {
      const code = withoutSuffix(request.params.service_request_id);
      const who = await reader(request, request.query.api_key);
      const found = await requests(request, who, { codes: [code] });
      if (!found.length) throw new Open311Error(404, `服务请求 ${code} 不存在 (no such service request)`);
      return sendOpen311(reply, formatOf(request.url), 'service_requests', found);
    },
  );

  app.get(
    '/v2/tokens/:token',
    {
      schema: {
        tags,
        summary: 'Open311 令牌查询 (requests are created at once, so no token is ever issued: always 404)',
        params: Type.Object({ token: Type.String({ maxLength: 200 }) }),
        querystring: ReadQuery,
      },
    },
    async (request) => {
      const token = withoutSuffix(request.params.token);
      throw new Open311Error(
        404,
        `token ${token} 不存在：本平台实时创建服务请求，提交即返回 service_request_id，从不发放 token ` +
          '(no such token: requests are created synchronously and POST returns the service_request_id, so tokens are never issued)',
      );
    },
  );
}
