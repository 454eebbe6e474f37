import { type Config, loadConfig } from './config.ts';
import { createDb, type Db } from './db/database.ts';
import { startEmbeddedPostgres } from './db/embedded.ts';
import { migrate } from './db/migrate.ts';
import { createEventBus } from './events/create.ts';
import { type BuiltApp, buildApp } from './http/app.ts';
import { startJobQueue } from './jobs/queue.ts';
import { throttleSweepJob } from './modules/access/throttle-jobs.ts';
import { alertsJob } from './modules/alerts/jobs.ts';
import { monthlyReportsJob, previousMonth } from './modules/appeals/jobs.ts';
import { generateMonthlyReports } from './modules/appeals/monthly-reports.ts';
import { LocalDiskStorage } from './modules/attachments/storage.ts';
import { auditLinkJob, auditPruneJob } from './modules/audit/jobs.ts';
import { hashPassword } from './modules/auth/passwords.ts';
import { caseTimersJob } from './modules/cases/jobs.ts';
import { generateDemo } from './modules/demo/generate.ts';
import { seedDemo } from './modules/demo/seed.ts';
import { demoSimulationJob } from './modules/demo/simulation.ts';
import { startMqttIntake } from './modules/devices/mqtt.ts';
import { deviceOfflineJob } from './modules/devices/offline.ts';
import { rotaOnDuty } from './modules/duty/on-duty.ts';
import { hotlineCallbacksJob } from './modules/intake/callbacks.ts';
import { initialisePlatform } from './modules/org/first-start.ts';
import { positionPartitionsJob } from './modules/patrol/jobs.ts';
import { resolveDataKey } from './modules/registers/privacy/crypto.ts';

export interface RunningPlatform extends BuiltApp {
  db: Db;
  url: string;
  databaseUrl: string;
  /** Where the embedded PostgreSQL keeps its files; null on an external database. */
  embeddedDataDir: string | null;
  seeded: boolean;
  /** A production database's first start: the administrator's one-time password, shown once. */
  firstAdmin: { username: string; password: string } | null;
  stop(): Promise<void>;
}

/**
 * Database (external or embedded) → migrations → on an empty database the demo (or, with
 * WANGGE_DEMO=false, the city and its first administrator) → HTTP.
 * Used by `npm start` and by tests that need the whole platform.
 */
export async function startPlatform(
  options: { config?: Partial<Config>; seed?: boolean; logger?: boolean } = {},
): Promise<RunningPlatform> {
  const config = loadConfig(options.config);
  const embedded = config.databaseUrl
    ? null
    : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort });
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  const db = createDb(databaseUrl);
  let seeded = false;
  let firstStart = false;
  try {
    await migrate(databaseUrl);
    // The seed is one transaction, so an empty org_units also means an interrupted seed.
    if (options.seed !== false) {
      const { count } = await db
        .selectFrom('org_units')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .executeTakeFirstOrThrow();
      if (Number(count) === 0 && config.demo) {
        await seedDemo(db, generateDemo({ scale: 'district' }), {
          hashPassword,
          dataKey: await resolveDataKey(config),
          files: new LocalDiskStorage(config.filesDir),
        });
        seeded = true;
      }
      firstStart = Number(count) === 0 && !config.demo;
    }
  } catch (err) {
    await db.destroy();
    await embedded?.stop();
    throw err;
  }
  let bus: Awaited<ReturnType<typeof createEventBus>>;
  try {
    bus = await createEventBus({ natsUrl: config.natsUrl, natsPrefix: config.natsPrefix, log: console });
  } catch (err) {
    await db.destroy();
    await embedded?.stop();
    throw err;
  }
  const built = await buildApp({ db, config, bus, logger: options.logger === false ? false : undefined });
  const log = built.app.log;
  // After buildApp: the first administrator's creation is audited, and that needs the chain key.
  let firstAdmin: { username: string; password: string } | null = null;
  if (firstStart) {
    try {
      firstAdmin = await initialisePlatform({ db, cityCode: config.city.code, cityName: config.city.name });
    } catch (err) {
      await built.app.close();
      await bus.close();
      await db.destroy();
      await embedded?.stop();
      throw err;
    }
  }
  // The demo shows last month's stored assessment report (about 0.6 s on the demo district); also
  // after buildApp, as the report's generation is audited. A failure only costs the demo its report.
  if (seeded) {
    try {
      await generateMonthlyReports({ db, period: previousMonth(), font: config.pdfFont });
    } catch (err) {
      log.error({ err }, 'demo monthly report not generated');
    }
  }
  const partitions = positionPartitionsJob({ db, config, positions: built.context.positions, log });
  // Today's position partition must exist before the first fix arrives.
  await partitions.run();
  const jobs = await startJobQueue({
    databaseUrl,
    log,
    jobs: [
      caseTimersJob({ db, calendars: built.context.calendars, hub: built.context.hub, log }),
      partitions,
      auditPruneJob({ db, config, log }),
      auditLinkJob({ db, log }),
      throttleSweepJob(db),
      hotlineCallbacksJob({ db, config, log }),
      deviceOfflineJob({ db, hub: built.context.hub, config, log }),
      alertsJob({ db, hub: built.context.hub, config, onDuty: rotaOnDuty(config.shiftHours), log }),
      monthlyReportsJob({ db, config, hub: built.context.hub, log }),
    ],
    repeating: [
      demoSimulationJob({
        db,
        positions: built.context.positions,
        gridIndex: built.context.gridIndex,
        calendars: built.context.calendars,
        hub: built.context.hub,
        workers: 60,
        reportChance: 0.05,
        everySeconds: 10,
        // Demo data only, and not with WANGGE_DEMO_SIMULATION=0.
        enabled: () => config.demo && config.demoSimulation && !firstStart,
        log,
      }),
    ],
  });
  // Only with a broker configured: the one-box default needs none.
  const mqttIntake = config.mqttUrl
    ? startMqttIntake({
        url: config.mqttUrl,
        group: config.mqttGroup,
        owntracksPrefix: config.owntracksTopicPrefix,
        db,
        config,
        gridIndex: built.context.gridIndex,
        calendars: built.context.calendars,
        hub: built.context.hub,
        positions: built.context.positions,
        log,
      })
    : null;
  // The address Fastify logs as "Server listening at", so the banner and the log agree.
  const url = await built.app.listen({ port: config.port, host: config.host });
  return {
    ...built,
    db,
    url,
    databaseUrl,
    embeddedDataDir: embedded ? config.dataDir : null,
    seeded,
    firstAdmin,
    // Shutdown order: stop taking requests and let those in flight finish, then write the fixes
    // they left queued, then the jobs, and only then the database the others still need.
    async stop() {
      await built.app.close();
      await mqttIntake?.close();
      await built.context.positions.drain();
      await jobs.stop();
      // After the jobs: their pushes (case timers) still go through the bus.
      await bus.close();
      await db.destroy();
      await embedded?.stop();
    },
  };
}
