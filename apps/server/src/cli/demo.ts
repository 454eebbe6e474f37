// `npm run demo -- --scale city`: load demo data into an empty database (DATABASE_URL or the embedded one).
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { createDb } from '../db/database.ts';
import { startEmbeddedPostgres } from '../db/embedded.ts';
import { migrate } from '../db/migrate.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { generateDemo } from '../modules/demo/generate.ts';
import { seedDemo } from '../modules/demo/seed.ts';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: 'district' }, seed: { type: 'string' } },
});
if (values.scale !== 'district' && values.scale !== 'city') {
  console.error('--scale must be "district" (the demo) or "city" (5,880 grids, Hohhot-size)');
  process.exit(2);
}
const config = loadConfig();
const embedded = config.databaseUrl
  ? null
  : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort });
const url = config.databaseUrl ?? embedded!.url;
await migrate(url);
const db = createDb(url);
try {
  const existing = await db.selectFrom('org_units').select('id').limit(1).execute();
  if (existing.length) {
    console.error('the database already holds org units; load demo data only into an empty database');
    process.exitCode = 1;
  } else {
    const started = performance.now();
    const data = generateDemo({ scale: values.scale, ...(values.seed ? { seed: Number(values.seed) } : {}) });
    const counts = await seedDemo(db, data, { hashPassword });
    console.log(`loaded ${values.scale} demo in ${Math.round(performance.now() - started)} ms:`, counts);
  }
} finally {
  await db.destroy();
  await embedded?.stop();
}
