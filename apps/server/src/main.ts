import { DEMO_LOGINS, DEMO_PASSWORD, GRID_LOGIN_PATTERN } from './modules/demo/logins.ts';
import { survivingDatabaseOutages } from './ops/database-outage.ts';
import { type RunningPlatform, startPlatform } from './server.ts';

let platform: RunningPlatform;
try {
  platform = await startPlatform();
} catch (err) {
  // Printed alone, without a stack: the message names the setting to change.
  console.error(`\n  启动失败 (start failed): ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}

process.on('unhandledRejection', survivingDatabaseOutages(platform.app.log));
const database = platform.embeddedDataDir
  ? `embedded PostgreSQL under ${platform.embeddedDataDir}`
  : 'external (DATABASE_URL)';
function usernames(group: (typeof DEMO_LOGINS)[number]['group']): string[] {
  return DEMO_LOGINS.filter((l) => l.group === group).map((l) => l.username);
}

/** Keeps the banner short: several usernames per line, each line under 100 columns. */
function wrap(words: string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    const last = out.length - 1;
    if (last >= 0 && out[last]!.length + word.length < 96) out[last] += `  ${word}`;
    else out.push(`    ${word}`);
  }
  return out;
}

const demoLogins = [
  `  Demo logins (password for all: ${DEMO_PASSWORD}):`,
  ...DEMO_LOGINS.filter((l) => l.group === 'unit').map((l) => `    ${l.username.padEnd(12)} ${l.role}`),
  `    grids        ${GRID_LOGIN_PATTERN}`,
  '  Departments 职能部门 (district):',
  ...wrap(usernames('district_department')),
  '  Street departments 派出所 / 综合执法大队:',
  ...wrap(usernames('street_department')),
];
// Printed once: only its hash is stored, and the first login must replace it.
const firstAdmin = platform.firstAdmin && [
  `  首次启动，已创建管理员 (first start: administrator created): ${platform.firstAdmin.username}`,
  `  一次性密码 (one-time password, change it at first login): ${platform.firstAdmin.password}`,
];
const lines = [
  '',
  `  网格化服务管理平台 Wangge is running at ${platform.url}`,
  `  API docs: ${platform.url}/api/docs   OGC API – Features: ${platform.url}/ogc`,
  `  Database: ${database}${platform.seeded ? ', demo district loaded' : ''}`,
  '',
  ...(firstAdmin ?? (platform.context.config.demo ? demoLogins : [])),
  '',
];
console.log(lines.join('\n'));

// First SIGTERM/SIGINT: a graceful stop (platform.stop(): in-flight requests finish, queued
// fixes are written, then the jobs and the database close) and exit 0. A second signal, or a
// stop that fails, exits at once: an operator pressing Ctrl+C twice means it.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) {
      console.error(`  再次收到 ${signal}，立即退出 (second ${signal}: exiting now)`);
      process.exit(1);
    }
    stopping = true;
    platform.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`  停止失败 (stop failed): ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  });
}
