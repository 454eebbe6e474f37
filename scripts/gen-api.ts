// Generates apps/web/src/api/generated.ts, the console's API types, from the server's OpenAPI
// document (/api/openapi.json), which @fastify/swagger builds from the routes' TypeBox schemas.
// The app is built on a migrated scratch database (as gen-db does) and never listens.
// openapi-typescript is not used: it builds its output with the TypeScript 5 compiler API, and the
// repo's TypeScript 7 package no longer exposes one; the subset of JSON Schema that TypeBox
// writes is small enough to print here (scripts/openapi-to-ts.ts).
// Usage: tsx scripts/gen-api.ts [--out <file>]
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../apps/server/src/config.ts';
import { createDb } from '../apps/server/src/db/database.ts';
import { buildApp } from '../apps/server/src/http/app.ts';
import { formatGenerated, withMigratedScratch } from './gen-db.ts';
import { openApiToTypeScript } from './openapi-to-ts.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const API_TYPES_FILE = path.join(root, 'apps/web/src/api/generated.ts');

export async function generateApiTypes(outFile: string): Promise<void> {
  const document = await withMigratedScratch(async (url) => {
    const db = createDb(url, { max: 2 });
    try {
      const config = loadConfig({
        databaseUrl: url,
        dataKey: Buffer.alloc(32, 1).toString('base64'),
        natsUrl: null,
        mqttUrl: null,
        databaseReplicaUrl: null,
        logLevel: 'error',
      });
      const { app } = await buildApp({ db, config, logger: false });
      await app.ready();
      const doc = app.swagger();
      await app.close();
      return doc;
    } finally {
      await db.destroy();
    }
  });
  await writeFile(outFile, openApiToTypeScript(document as Parameters<typeof openApiToTypeScript>[0]));
  formatGenerated(outFile);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outArg = process.argv.indexOf('--out');
  await generateApiTypes(outArg > 0 ? path.resolve(process.argv[outArg + 1] ?? '') : API_TYPES_FILE);
}
