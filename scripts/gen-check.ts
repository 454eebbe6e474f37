// Fails (exit 1) when a committed generated file differs from what its generator makes now,
// i.e. someone changed its source (a migration, a route's schema) without running `npm run gen`.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { API_TYPES_FILE, generateApiTypes } from './gen-api.ts';
import { DB_TYPES_FILE, generateDbTypes } from './gen-db.ts';

const dir = await mkdtemp(path.join(os.tmpdir(), 'wangge-gen-check-'));
const stale: string[] = [];
const generators: [string, (out: string) => Promise<void>][] = [
  [DB_TYPES_FILE, generateDbTypes],
  [API_TYPES_FILE, generateApiTypes],
];
try {
  for (const [file, generate] of generators) {
    const fresh = path.join(dir, path.basename(file));
    await generate(fresh);
    const committed = await readFile(file, 'utf8').catch(() => '');
    if (committed === (await readFile(fresh, 'utf8'))) continue;
    stale.push(path.relative(process.cwd(), file));
    try {
      execFileSync('diff', ['-u', file, fresh], { stdio: ['ignore', 'pipe', 'ignore'] });
    } catch (err) {
      const diff = String((err as { stdout?: Buffer }).stdout ?? '');
      const lines = diff.split('\n').filter((l) => /^[+-](?![+-])/.test(l));
      console.error(`${stale.at(-1)}: ${lines.length} line(s) differ\n${lines.slice(0, 40).join('\n')}`);
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
if (stale.length > 0) {
  console.error(
    `生成的类型已过期，请运行 npm run gen (generated types are stale; run npm run gen): ${stale.join(', ')}`,
  );
  process.exit(1);
}
console.log('generated types are current');
