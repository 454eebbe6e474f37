import { DEMO_LOGINS } from './modules/demo/logins.ts';
import { startPlatform } from './server.ts';

const platform = await startPlatform();
const lines = [
  '',
  `  网格化服务管理平台 Wangge is running at ${platform.url}`,
  `  API docs: ${platform.url}/api/docs   OGC API – Features: ${platform.url}/ogc`,
  `  Database: ${process.env.DATABASE_URL ? 'external (DATABASE_URL)' : 'embedded PostgreSQL under ./data/'}${platform.seeded ? ', demo district loaded' : ''}`,
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
