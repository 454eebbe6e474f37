// Fails (exit 1) when a committed generated file differs from what its generator makes now,
// i.e. someone changed the source (a migration) without running `npm run gen`.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DB_TYPES_FILE, generateDbTypes } from './gen-db.ts';

const dir = await mkdtemp(path.join(os.tmpdir(), 'wangge-gen-check-'));
const stale: string[] = [];
try {
  const fresh = path.join(dir, 'generated.ts');
  await generateDbTypes(fresh);
  const committed = await readFile(DB_TYPES_FILE, 'utf8').catch(() => '');
  if (committed !== (await readFile(fresh, 'utf8'))) {
    stale.push(path.relative(process.cwd(), DB_TYPES_FILE));
    try {
      execFileSync('diff', ['-u', DB_TYPES_FILE, fresh], { stdio: ['ignore', 'pipe', 'ignore'] });
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
