// Builds the web console when its sources (or the shared rules) are newer than the last build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'apps/web');
const built = path.join(web, 'dist/index.html');

function newest(target) {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(target)) latest = Math.max(latest, newest(path.join(target, entry)));
  return latest;
}

export function buildWebIfStale() {
  const inputs = ['src', 'index.html', 'm.html', 'r.html', 'public', 'vite.config.ts', 'precompress.ts']
    .map((p) => path.join(web, p))
    .concat(path.join(root, 'packages/rules/src'));
  const sources = Math.max(...inputs.filter((p) => existsSync(p)).map(newest));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log('Building the web console…');
  // A production bundle even when a test runner (NODE_ENV=test) asks for it: vite would otherwise
  // build React's development code, half as large again, and tests would check another bundle.
  const result = spawnSync('npm', ['run', 'build', '-w', '@wangge/web'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error('web build failed');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildWebIfStale();
