import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { ReadRouter } from '../db/replica.ts';
import type { EventBus } from '../events/bus.ts';
import type { AuditLinkerHandle } from '../modules/audit/linker.ts';
import type { CalendarService } from '../modules/cases/calendar-service.ts';
import type { GridIndex } from '../modules/grids/grid-index.ts';
import type { PushHub } from '../modules/notifications/hub.ts';
import type { PositionPipeline } from '../modules/patrol/pipeline.ts';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** What every module's routes get: the database, the configuration and shared in-memory indexes. */
export interface AppContext {
  db: Db;
  /** Where a request's heavy reads go: the replica, or the primary (db/replica.ts). */
  reads: ReadRouter;
  config: Config;
  gridIndex: GridIndex;
  /** Events to every instance, this one included (events/bus.ts). */
  bus: EventBus;
  hub: PushHub;
  calendars: CalendarService;
  /** Position ingest, each worker's last position, pushes to the live map (modules/patrol). */
  positions: PositionPipeline;
  /** Chains audit records after their commits (modules/audit/linker.ts). */
  auditLinker: AuditLinkerHandle;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Login is the one cookie-less write: it cannot carry a CSRF token yet. */
    skipCsrf?: boolean;
  }
}
