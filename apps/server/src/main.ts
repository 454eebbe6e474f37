import { DEMO_LOGINS } from './modules/demo/logins.ts';
import { type RunningPlatform, startPlatform } from './server.ts';

let platform: RunningPlatform;
try {
  platform = await startPlatform();
} catch (err) {
  // Printed alone, without a stack: the message names the setting to change.
  console.error(`\n  启动失败 (start failed): ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
const database = platform.embeddedDataDir
  ? `embedded PostgreSQL under ${platform.embeddedDataDir}`
  : 'external (DATABASE_URL)';
const lines = [
  '',
  `  网格化服务管理平台 Wangge is running at ${platform.url}`,
  `  API docs: ${platform.url}/api/docs   OGC API – Features: ${platform.url}/ogc`,
  `  Database: ${database}${platform.seeded ? ', demo district loaded' : ''}`,
  '',
  '  Demo logins (password for all: Wangge@2026):',
  ...DEMO_LOGINS.map((l) => `    ${l.username.padEnd(12)} ${l.role}`),
  '',
];
console.log(lines.join('\n'));

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await platform.stop();
    process.exit(0);
  });
}
