import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** External PostgreSQL; when absent the embedded one under dataDir is used. */
  databaseUrl: string | null;
  dataDir: string;
  embeddedPgPort: number;
  sessionTtlHours: number;
  lockout: { maxFailures: number; lockMinutes: number };
  tileUrl: string | null;
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
   * Master key of the registers' personal data (base64, 32 bytes), from WANGGE_DATA_KEY. When
   * absent, one is generated on first start and kept in ${dataDir}/keys/data.key (mode 0600).
   */
  dataKey: string | null;
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
  };
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

export function loadConfig(overrides: Partial<Config> = {}): Config {
  const root = process.env.WANGGE_ROOT ?? process.cwd();
  const dataDir = overrides.dataDir ?? path.resolve(root, process.env.WANGGE_DATA_DIR ?? 'data');
  return {
    port: intFromEnv('PORT', 8080),
    host: process.env.HOST ?? '0.0.0.0',
    databaseUrl: process.env.DATABASE_URL || null,
    dataDir,
    embeddedPgPort: intFromEnv('WANGGE_EMBEDDED_PG_PORT', 54329),
    sessionTtlHours: intFromEnv('WANGGE_SESSION_TTL_HOURS', 12),
    lockout: {
      maxFailures: intFromEnv('WANGGE_LOCKOUT_FAILURES', 5),
      lockMinutes: intFromEnv('WANGGE_LOCKOUT_MINUTES', 15),
    },
    tileUrl: process.env.WANGGE_TILE_URL || null,
    logLevel: process.env.LOG_LEVEL ?? 'info',
    bodyLimitBytes: intFromEnv('WANGGE_BODY_LIMIT', 1024 * 1024),
    importBodyLimitBytes: intFromEnv('WANGGE_IMPORT_BODY_LIMIT', 50 * 1024 * 1024),
    attachmentMaxBytes: intFromEnv('WANGGE_ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024),
    filesDir: path.resolve(root, process.env.WANGGE_FILES_DIR ?? path.join(dataDir, 'files')),
    secureCookies: process.env.WANGGE_SECURE_COOKIES === 'true',
    dataKey: process.env.WANGGE_DATA_KEY || null,
    patrol: {
      retentionDays: intFromEnv('WANGGE_POSITION_RETENTION_DAYS', 90),
      maxSpeedKmh: intFromEnv('WANGGE_MAX_SPEED_KMH', 120),
      maxAccuracyM: intFromEnv('WANGGE_MAX_ACCURACY_M', 200),
      clockSkewSeconds: intFromEnv('WANGGE_POSITION_CLOCK_SKEW_S', 120),
      trackGapSeconds: intFromEnv('WANGGE_TRACK_GAP_S', 300),
    },
    ...overrides,
  };
}
