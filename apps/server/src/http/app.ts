import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { LogFn, Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { createReadRouter, registerReadRouting } from '../db/replica.ts';
import type { EventBus } from '../events/bus.ts';
import { createEventBus } from '../events/create.ts';
import { registerAlertRoutes } from '../modules/alerts/routes.ts';
import { registerAppealRoutes } from '../modules/appeals/routes.ts';
import { registerAssessmentRoutes } from '../modules/assessment/routes.ts';
import { registerAttachmentRoutes } from '../modules/attachments/routes.ts';
import { auditKey, installAuditKey } from '../modules/audit/chain.ts';
import { startAuditLinker } from '../modules/audit/linker.ts';
import { registerAuditRoutes } from '../modules/audit/routes.ts';
import { registerAuthentication } from '../modules/auth/authenticate.ts';
import { registerAuthRoutes } from '../modules/auth/routes.ts';
import { registerBasemapRoutes } from '../modules/basemap/routes.ts';
import { registerCareerRoutes } from '../modules/careers/routes.ts';
import { CalendarService } from '../modules/cases/calendar-service.ts';
import { registerCaseRoutes } from '../modules/cases/routes.ts';
import { registerCommandRoutes } from '../modules/command/routes.ts';
import { registerCaseCameraRoutes } from '../modules/devices/case-cameras.ts';
import { registerDeviceRoutes } from '../modules/devices/routes.ts';
import { registerDisputeRoutes } from '../modules/disputes/routes.ts';
import { registerDutyRoutes } from '../modules/duty/routes.ts';
import { GridIndex } from '../modules/grids/grid-index.ts';
import { registerGridRoutes } from '../modules/grids/routes.ts';
import { registerHealthRoutes } from '../modules/health/routes.ts';
import { registerInspectionRoutes } from '../modules/inspections/routes.ts';
import { registerIntakeRoutes } from '../modules/intake/routes.ts';
import { registerNoticeRoutes } from '../modules/notices/routes.ts';
import { PushHub } from '../modules/notifications/hub.ts';
import { registerNotificationRoutes } from '../modules/notifications/routes.ts';
import { registerOgcRoutes } from '../modules/ogc/routes.ts';
import { registerOpen311Routes } from '../modules/open311/routes.ts';
import { registerOrgRoutes } from '../modules/org/routes.ts';
import { PositionPipeline } from '../modules/patrol/pipeline.ts';
import { registerPatrolRoutes } from '../modules/patrol/routes.ts';
import { resolveDataKey } from '../modules/registers/privacy/crypto.ts';
import { registerRegisterRoutes } from '../modules/registers/routes.ts';
import { registerAnonymousResidentRoutes } from '../modules/residents/anonymous-routes.ts';
import { registerResidentRoutes } from '../modules/residents/routes.ts';
import { registerServiceRoutes } from '../modules/services/routes.ts';
import { registerUserRoutes } from '../modules/users/routes.ts';
import type { App, AppContext } from './app-types.ts';
import { COMPRESS_THRESHOLD, registerAnswerCompression } from './compress-answers.ts';
import { frameworkErrors, registerErrorHandling } from './errors.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { registerTextGuard } from './text-guard.ts';
import { schemaControllerFor } from './validation.ts';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');
const DEMO_CAMERA_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../assets/demo-camera',
);
/** Where the demo cameras' HLS clip is served (the demo devices' stream URL points here). */
export const DEMO_CAMERA_PREFIX = '/media/demo-camera/';

export interface BuiltApp {
  app: App;
  context: AppContext;
}

/**
 * A client that leaves mid-answer (a phone moving to the next page) is no server error, but the
 * compression stream reports it as one ("premature close"): it is logged at debug instead.
 */
function quietClientAborts(this: Logger, args: Parameters<LogFn>, method: LogFn, level: number): void {
  const [first] = args as unknown[];
  if (level >= 50 && first instanceof Error && first.message === 'premature close') {
    this.debug({ err: first }, 'client went away before the answer was sent');
    return;
  }
  method.apply(this, args);
}

export async function buildApp(options: {
  db: Db;
  config: Config;
  logger?: FastifyServerOptions['logger'];
  /** The platform passes its own and closes it after the jobs; without one, the app owns it. */
  bus?: EventBus;
}): Promise<BuiltApp> {
  const { db, config } = options;
  const app: App = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            ...(typeof options.logger === 'object' ? options.logger : {}),
            hooks: { logMethod: quietClientAborts },
          },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
    schemaController: schemaControllerFor({ checkResponses: config.checkResponses }),
    frameworkErrors,
  }).withTypeProvider<TypeBoxTypeProvider>();

  installAuditKey(await resolveDataKey(config));
  const auditLinker = startAuditLinker({ db, key: auditKey(), log: app.log });
  app.addHook('onClose', () => auditLinker.stop());
  const bus =
    options.bus ??
    (await createEventBus({ natsUrl: config.natsUrl, natsPrefix: config.natsPrefix, log: app.log }));
  if (!options.bus) app.addHook('onClose', () => bus.close());
  const gridIndex = new GridIndex(db);
  // Subscribed before the first rebuild, so a change published meanwhile is not lost.
  bus.subscribe('grids.changed', () => gridIndex.rebuild());
  bus.onResync(() => gridIndex.rebuild());
  await gridIndex.rebuild();
  const reads = createReadRouter({
    primary: db,
    replicaUrl: config.databaseReplicaUrl,
    stickyMs: config.replicaStickyMs,
  });
  const context: AppContext = {
    db,
    reads,
    config,
    gridIndex,
    bus,
    hub: new PushHub(bus, app.log),
    calendars: new CalendarService(db, app.log),
    positions: new PositionPipeline(db, config, gridIndex, bus, app.log),
    auditLinker,
  };

  registerErrorHandling(app);
  registerTextGuard(app);
  await registerSecurityHeaders(app, config);
  // Compressed answers: the big screen's first load (the city's grid GeoJSON, the bundle) and every
  // list travel a fraction of their size, which old handsets on mobile data notice most. Registered
  // before the routes and static files it applies to; brotli at its cheap default quality. Answers
  // handed over whole are compressed in one call by our hook; @fastify/compress streams the rest.
  registerAnswerCompression(app);
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: COMPRESS_THRESHOLD,
    globalDecompression: false,
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.attachmentMaxBytes, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Wangge 网格化服务管理平台 API',
        version: '0.1.0',
        description: 'Grid-based community governance. Errors: {error:{code,message,details}}.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'wangge_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  // Before authentication: its hook sets OwnTracks' Basic credentials aside (patrol/routes.ts).
  registerAuthentication(app, db, config);
  registerReadRouting(app, reads);
  // Read by the authorization gate (access/authorize.ts): outside demo mode, seeded and
  // administrator-set passwords must be changed before anything else.
  app.decorate('passwordChangeEnforced', !config.demo);
  await registerPatrolRoutes(app, context);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  registerHealthRoutes(app, context);
  registerAuthRoutes(app, context);
  registerOrgRoutes(app, context);
  registerGridRoutes(app, context);
  registerUserRoutes(app, context);
  registerAuditRoutes(app, context);
  registerAttachmentRoutes(app, context);
  await registerNotificationRoutes(app, context);
  registerCaseRoutes(app, context);
  registerOgcRoutes(app, context);
  await registerOpen311Routes(app, context);
  await registerRegisterRoutes(app, context);
  await registerServiceRoutes(app, context);
  registerInspectionRoutes(app, context);
  registerDisputeRoutes(app, context);
  registerBasemapRoutes(app, context);
  registerResidentRoutes(app, context);
  registerAnonymousResidentRoutes(app, context);
  registerNoticeRoutes(app, context);
  registerCareerRoutes(app, context);
  registerAppealRoutes(app, context);
  await registerIntakeRoutes(app, context);
  registerDeviceRoutes(app, context);
  registerCaseCameraRoutes(app, context);
  // The demo cameras' stream: a short HLS clip (H.264 testsrc2, 2-s segments) kept in the tree, so
  // the camera player works with no internet and nothing to transcode at run time.
  await app.register(fastifyStatic, {
    root: DEMO_CAMERA_DIR,
    prefix: DEMO_CAMERA_PREFIX,
    decorateReply: false,
    wildcard: false,
    index: false,
  });
  registerCommandRoutes(app, context);
  registerAlertRoutes(app, context);
  registerAssessmentRoutes(app, context);
  registerDutyRoutes(app, context);

  const hasWeb = existsSync(path.join(WEB_DIST, 'index.html'));
  // preCompressed: the build's <file>.br (quality 11) or <file>.gz as the client accepts them, with
  // Content-Encoding and Vary (apps/web/precompress.ts); @fastify/compress leaves an answer that has
  // a Content-Encoding alone. Without Accept-Encoding, or for files without variants, the file itself.
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      index: 'index.html',
      preCompressed: true,
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi = /^\/(api|ogc)(\/|$)/.test(request.url);
    // Client-side routes (/map, /grids/12 …) all load the single-page app; /m… the field app, /r… the
    // resident app.
    const pathname = request.url.split('?')[0] ?? '';
    if (hasWeb && request.method === 'GET' && !isApi && !path.extname(pathname)) {
      const entry = /^\/(m|r)(\/|$)/.exec(pathname)?.[1];
      const page = entry && existsSync(path.join(WEB_DIST, `${entry}.html`)) ? `${entry}.html` : 'index.html';
      // cacheControl off: sendFile would put its own `public, max-age=0` in place of no-cache.
      return reply
        .type('text/html')
        .header('cache-control', 'no-cache')
        .sendFile(page, { cacheControl: false });
    }
    return reply.status(404).send({
      error: {
        code: 'not_found',
        message: `没有这个接口 (no route ${request.method} ${request.url})`,
        details: {},
      },
    });
  });
  return { app, context };
}
