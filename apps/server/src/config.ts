import path from 'node:path';
import {
  DEFAULT_SHIFT_HOURS,
  DEFAULT_STOP_RULE,
  parseShiftHours,
  REOPEN_DAYS_DEFAULT,
  type ShiftHours,
  type ShiftHoursTable,
} from '@wangge/rules';

export interface Config {
  port: number;
  host: string;
  /** External PostgreSQL; when absent the embedded one under dataDir is used. */
  databaseUrl: string | null;
  /**
   * DATABASE_REPLICA_URL: a streaming replica for the heavy reads (statistics, search, exports; db/replica.ts).
   * Absent: everything reads from the primary.
   */
  databaseReplicaUrl: string | null;
  /** NATS_URL: NATS with JetStream between instances (events/); absent: one process, in-process bus. */
  natsUrl: string | null;
  /** WANGGE_NATS_PREFIX: stream name and subject prefix, so several platforms can share one NATS. */
  natsPrefix: string;
  /** WANGGE_REPLICA_STICKY_MS: after a user's write, how long their reads stay on the primary. */
  replicaStickyMs: number;
  dataDir: string;
  embeddedPgPort: number;
  sessionTtlHours: number;
  /** WANGGE_SESSION_IDLE_MINUTES: a session unused this long ends, before its absolute expiry. */
  sessionIdleMinutes: number;
  /** Login throttling (auth/login-throttle.ts); only failed attempts count. */
  loginThrottle: {
    /** WANGGE_LOCKOUT_FAILURES: failures of one name from one address before back-off starts. */
    freeFailures: number;
    /** WANGGE_LOCKOUT_MINUTES: the longest back-off of one name at one address. */
    maxBackoffMinutes: number;
    /** WANGGE_LOGIN_WINDOW_MINUTES: the window of the three limits below. */
    windowMinutes: number;
    /** WANGGE_LOGIN_MAX_PER_ADDRESS: failures from one address, whatever the names. */
    perAddress: number;
    /** WANGGE_LOGIN_MAX_PER_ACCOUNT: failures of one name, whatever the addresses. */
    perAccount: number;
    /** WANGGE_LOGIN_MAX_OVERALL: failures on the whole platform. */
    overall: number;
  };
  tileUrl: string | null;
  /**
   * WANGGE_CHECK_RESPONSES=true: every response is validated against its route's response schema
   * and a mismatch is a 500 (on in tests, so the schemas the console's types come from stay true).
   */
  checkResponses: boolean;
  logLevel: string;
  bodyLimitBytes: number;
  importBodyLimitBytes: number;
  /** Largest accepted photo upload (one file per request). */
  attachmentMaxBytes: number;
  /** Where LocalDiskStorage keeps uploaded files (content-addressed by SHA-256). */
  filesDir: string;
  /** Cookies carry the Secure flag when the platform is served over HTTPS. */
  secureCookies: boolean;
  /**
   * WANGGE_TRUST_PROXY: whose X-Forwarded-For / -Proto / -Host to believe (Fastify's trustProxy:
   * comma-separated addresses, CIDRs or the names loopback / linklocal / uniquelocal). Default: loopback only, so a client reaching the port directly
   * cannot choose the address that login throttling and the audit log record.
   */
  trustProxy: string;
  /**
   * WANGGE_PUBLIC_ORIGINS (comma-separated, e.g. https://wangge.example.gov.cn): origins whose pages may
   * open the cookie-authenticated WebSocket. Unset: only the request's own scheme + Host.
   */
  publicOrigins: string[];
  /**
   * Master key of the registers' personal data (base64, 32 bytes), from WANGGE_DATA_KEY. When
   * absent, one is generated on first start and kept in ${dataDir}/keys/data.key (mode 0600).
   */
  dataKey: string | null;
  /**
   * WANGGE_DEMO (default true: the one-box `npm start` is a demo). Production sets false: then a
   * password the user did not choose (demo seed, administrator) must be changed before anything else.
   */
  demo: boolean;
  /**
   * WANGGE_CITY_CODE / WANGGE_CITY_NAME: the root unit of a production database's first start
   * (WANGGE_DEMO=false on an empty database); ignored afterwards and in demo mode.
   */
  city: { code: string | null; name: string | null };
  audit: {
    /** WANGGE_AUDIT_RETENTION_DAYS: older audit records are pruned daily (at least 180). */
    retentionDays: number;
  };
  /** WANGGE_EXPORT_LIMIT_PER_HOUR: register downloads (Excel exports) per user per hour. */
  exportLimitPerHour: number;
  /** Position pipeline (modules/patrol): plausibility limits and retention. */
  patrol: {
    /** WANGGE_POSITION_RETENTION_DAYS: daily partitions older than this are dropped. */
    retentionDays: number;
    /** WANGGE_MAX_SPEED_KMH: faster fixes (device speed, or against the previous fix) are dropped. */
    maxSpeedKmh: number;
    /** WANGGE_MAX_ACCURACY_M: fixes with a worse reported accuracy are dropped. */
    maxAccuracyM: number;
    /** WANGGE_POSITION_CLOCK_SKEW_S: how far in the future a device clock may be. */
    clockSkewSeconds: number;
    /** WANGGE_TRACK_GAP_S: a longer pause between fixes splits a track into separate lines. */
    trackGapSeconds: number;
    /** WANGGE_STOP_MIN_S and WANGGE_STOP_RADIUS_M: a stop on a track (@wangge/rules detectStops). */
    stop: { minStayS: number; radiusM: number };
  };
  /**
   * MQTT_URL (e.g. mqtt://127.0.0.1:1883): the broker whose device alarms (wangge/devices/+/…) and
   * OwnTracks positions (owntracks/+/+) Wangge subscribes to. Absent: no broker, HTTP only.
   */
  mqttUrl: string | null;
  /** WANGGE_MQTT_GROUP: the shared-subscription group, so each message reaches one instance of a platform. */
  mqttGroup: string;
  /**
   * WANGGE_OWNTRACKS_TOPIC_PREFIX: the first topic level(s) of OwnTracks in its native MQTT mode
   * (the app's default 'owntracks': Wangge subscribes to <prefix>/+/+, i.e. <prefix>/<user>/<device>).
   */
  owntracksTopicPrefix: string;
  /** IoT devices (modules/devices). */
  devices: {
    /** WANGGE_DEVICE_ALARM_WINDOW_MINUTES: a device's alarms this close together make one case. */
    alarmWindowMinutes: number;
    /** WANGGE_DEVICE_OFFLINE_MINUTES: no heartbeat (or any message) this long → offline alert. */
    offlineMinutes: number;
  };
  /**
   * WANGGE_SHIFT_HOURS: the hours of the rota's shift kinds (modules/duty), e.g.
   * "morning=07:30-15:30,night=22:00-06:00"; kinds not named keep their defaults.
   */
  shiftHours: ShiftHoursTable;
  /** Alerts for the command centre (modules/alerts). */
  alerts: {
    /** WANGGE_ALERT_NO_FIX_MINUTES: a worker on shift with no position this long → no_fix alert. */
    noFixMinutes: number;
    /** WANGGE_ALERT_OUTSIDE_GRID_MINUTES: a worker on shift outside their grids this long → outside_grid alert. */
    outsideGridMinutes: number;
    /** WANGGE_SOS_NEAREST: how many of the nearest workers (with a fresh fix) an SOS notifies. */
    sosNearest: number;
  };
  /**
   * WANGGE_DEMO_SIMULATION (default on in demo mode, 0 turns it off): demo workers walk their grids
   * on shift and now and then report a case, so the command centre sees dots move.
   */
  demoSimulation: boolean;
  /**
   * WANGGE_PDF_FONT (a .ttf/.otf/.ttc path) and WANGGE_PDF_FONT_FACE (the face in a collection): the
   * CJK font of PDF reports; unset: the usual Noto CJK and WenQuanYi paths are tried.
   */
  pdfFont: { path: string | null; face: string | null };
  /** The 12345 hotline transfer (modules/intake). */
  hotline: {
    /** WANGGE_HOTLINE_SECRET: the HMAC-SHA256 key of pushes and call-backs; absent: pushes are refused. */
    secret: string | null;
    /** WANGGE_HOTLINE_CALLBACK_URL: where each status change of a hotline case is sent; absent: none sent. */
    callbackUrl: string | null;
    /** WANGGE_HOTLINE_WINDOW_S: how far a push's timestamp may be from now (and how long nonces are kept). */
    windowSeconds: number;
  };
  /** The resident app (modules/residents). */
  residents: {
    /** WANGGE_GRID_SERVICE_HOURS: the grid workers' service hours shown under "my grid". */
    serviceHours: string;
    /** WANGGE_REOPEN_DAYS: days after closing during which the reporter may reopen a case. */
    reopenDays: number;
    /** WANGGE_SMS_WEBHOOK_URL: the SMS gateway sign-in codes are posted to; absent: the log (development). */
    smsWebhookUrl: string | null;
  };
}

function shiftHoursFromEnv(): ShiftHoursTable {
  const raw = process.env.WANGGE_SHIFT_HOURS;
  const table: Record<string, ShiftHours> = { ...DEFAULT_SHIFT_HOURS };
  for (const part of (raw ?? '').split(',').filter((p) => p.trim() !== '')) {
    const [kind = '', span = ''] = part.split('=');
    const hours = parseShiftHours(span);
    if (!(kind.trim() in DEFAULT_SHIFT_HOURS) || !hours)
      throw new Error(`WANGGE_SHIFT_HOURS: "${part}" is not <morning|evening|night|standby>=HH:MM-HH:MM`);
    table[kind.trim()] = hours;
  }
  return table as ShiftHoursTable;
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

/** An MQTT topic prefix: one or more levels, no wildcards, no leading or trailing slash. */
function topicPrefixFromEnv(name: string, fallback: string): string {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[^/#+\s]+(\/[^/#+\s]+)*$/.test(raw))
    throw new Error(`${name} must be MQTT topic levels without wildcards, got "${raw}"`);
  return raw;
}

/** 等保 2.0 requires audit records be kept at least six months; a shorter setting is refused. */
export const MIN_AUDIT_RETENTION_DAYS = 180;

function auditRetentionDays(): number {
  const days = intFromEnv('WANGGE_AUDIT_RETENTION_DAYS', MIN_AUDIT_RETENTION_DAYS);
  if (days < MIN_AUDIT_RETENTION_DAYS)
    throw new Error(
      `WANGGE_AUDIT_RETENTION_DAYS 不得少于 ${MIN_AUDIT_RETENTION_DAYS} 天（等保 2.0 要求审计记录至少保存六个月）` +
        ` (must be at least ${MIN_AUDIT_RETENTION_DAYS} days, the six months 等保 2.0 requires; got ${days})`,
    );
  return days;
}

function trustProxyFromEnv(raw: string | undefined): string {
  return raw?.trim() || 'loopback';
}

export function loadConfig(overrides: Partial<Config> = {}): Config {
  const root = process.env.WANGGE_ROOT ?? process.cwd();
  const dataDir = overrides.dataDir ?? path.resolve(root, process.env.WANGGE_DATA_DIR ?? 'data');
  return {
    port: intFromEnv('PORT', 8080),
    host: process.env.HOST ?? '0.0.0.0',
    databaseUrl: process.env.DATABASE_URL || null,
    databaseReplicaUrl: process.env.DATABASE_REPLICA_URL || null,
    natsUrl: process.env.NATS_URL || null,
    natsPrefix: process.env.WANGGE_NATS_PREFIX || 'wangge',
    replicaStickyMs: intFromEnv('WANGGE_REPLICA_STICKY_MS', 5000),
    dataDir,
    embeddedPgPort: intFromEnv('WANGGE_EMBEDDED_PG_PORT', 54329),
    sessionTtlHours: intFromEnv('WANGGE_SESSION_TTL_HOURS', 12),
    sessionIdleMinutes: intFromEnv('WANGGE_SESSION_IDLE_MINUTES', 30),
    loginThrottle: {
      freeFailures: intFromEnv('WANGGE_LOCKOUT_FAILURES', 5),
      maxBackoffMinutes: intFromEnv('WANGGE_LOCKOUT_MINUTES', 15),
      windowMinutes: intFromEnv('WANGGE_LOGIN_WINDOW_MINUTES', 15),
      perAddress: intFromEnv('WANGGE_LOGIN_MAX_PER_ADDRESS', 30),
      perAccount: intFromEnv('WANGGE_LOGIN_MAX_PER_ACCOUNT', 100),
      overall: intFromEnv('WANGGE_LOGIN_MAX_OVERALL', 2000),
    },
    tileUrl: process.env.WANGGE_TILE_URL || null,
    checkResponses: process.env.WANGGE_CHECK_RESPONSES === 'true',
    logLevel: process.env.LOG_LEVEL ?? 'info',
    bodyLimitBytes: intFromEnv('WANGGE_BODY_LIMIT', 1024 * 1024),
    importBodyLimitBytes: intFromEnv('WANGGE_IMPORT_BODY_LIMIT', 50 * 1024 * 1024),
    attachmentMaxBytes: intFromEnv('WANGGE_ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024),
    filesDir: path.resolve(root, process.env.WANGGE_FILES_DIR ?? path.join(dataDir, 'files')),
    secureCookies: process.env.WANGGE_SECURE_COOKIES === 'true',
    trustProxy: trustProxyFromEnv(process.env.WANGGE_TRUST_PROXY),
    publicOrigins: (process.env.WANGGE_PUBLIC_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    dataKey: process.env.WANGGE_DATA_KEY || null,
    demo: process.env.WANGGE_DEMO !== 'false',
    city: { code: process.env.WANGGE_CITY_CODE || null, name: process.env.WANGGE_CITY_NAME || null },
    audit: { retentionDays: auditRetentionDays() },
    exportLimitPerHour: intFromEnv('WANGGE_EXPORT_LIMIT_PER_HOUR', 20),
    patrol: {
      retentionDays: intFromEnv('WANGGE_POSITION_RETENTION_DAYS', 90),
      maxSpeedKmh: intFromEnv('WANGGE_MAX_SPEED_KMH', 120),
      maxAccuracyM: intFromEnv('WANGGE_MAX_ACCURACY_M', 200),
      clockSkewSeconds: intFromEnv('WANGGE_POSITION_CLOCK_SKEW_S', 120),
      trackGapSeconds: intFromEnv('WANGGE_TRACK_GAP_S', 300),
      stop: {
        minStayS: intFromEnv('WANGGE_STOP_MIN_S', DEFAULT_STOP_RULE.minStayS),
        radiusM: intFromEnv('WANGGE_STOP_RADIUS_M', DEFAULT_STOP_RULE.radiusM),
      },
    },
    mqttUrl: process.env.MQTT_URL || null,
    mqttGroup: process.env.WANGGE_MQTT_GROUP || 'wangge',
    owntracksTopicPrefix: topicPrefixFromEnv('WANGGE_OWNTRACKS_TOPIC_PREFIX', 'owntracks'),
    devices: {
      alarmWindowMinutes: intFromEnv('WANGGE_DEVICE_ALARM_WINDOW_MINUTES', 30),
      offlineMinutes: intFromEnv('WANGGE_DEVICE_OFFLINE_MINUTES', 30),
    },
    shiftHours: shiftHoursFromEnv(),
    alerts: {
      noFixMinutes: intFromEnv('WANGGE_ALERT_NO_FIX_MINUTES', 15),
      outsideGridMinutes: intFromEnv('WANGGE_ALERT_OUTSIDE_GRID_MINUTES', 30),
      sosNearest: intFromEnv('WANGGE_SOS_NEAREST', 5),
    },
    demoSimulation:
      process.env.WANGGE_DEMO_SIMULATION !== '0' && process.env.WANGGE_DEMO_SIMULATION !== 'false',
    pdfFont: { path: process.env.WANGGE_PDF_FONT || null, face: process.env.WANGGE_PDF_FONT_FACE || null },
    hotline: {
      secret: process.env.WANGGE_HOTLINE_SECRET || null,
      callbackUrl: process.env.WANGGE_HOTLINE_CALLBACK_URL || null,
      windowSeconds: intFromEnv('WANGGE_HOTLINE_WINDOW_S', 300),
    },
    residents: {
      serviceHours: process.env.WANGGE_GRID_SERVICE_HOURS || '周一至周五 8:30–12:00、13:30–17:30',
      reopenDays: intFromEnv('WANGGE_REOPEN_DAYS', REOPEN_DAYS_DEFAULT),
      smsWebhookUrl: process.env.WANGGE_SMS_WEBHOOK_URL || null,
    },
    ...overrides,
  };
}
