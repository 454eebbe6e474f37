// Writes the demo's patrol tracks (tracks.ts) into their day partitions, by INSERT … SELECT FROM
// unnest in chunks: far quicker than bound multi-row VALUES for a few hundred thousand fixes.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { dayOf, patrolRepository } from '../patrol/repository.ts';
import { generateTracks } from './tracks.ts';
import type { DemoData } from './types.ts';

const CHUNK = 20_000;

export async function seedTracks(
  db: Kysely<Database>,
  data: DemoData,
  options: { today: Date },
): Promise<number> {
  const fixes = generateTracks({ data, today: options.today });
  if (fixes.length === 0) return 0;
  await patrolRepository.ensurePartitions(db, [...new Set(fixes.map((f) => dayOf(f.at)))]);
  const users = new Map(
    (await db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]),
  );
  const grids = new Map(
    (await db.selectFrom('org_units').select(['id', 'code']).where('level', '=', 'grid').execute()).map(
      (g) => [g.code, g.id],
    ),
  );
  for (let i = 0; i < fixes.length; i += CHUNK) {
    const rows = fixes.slice(i, i + CHUNK);
    await sql`
      INSERT INTO positions (user_id, recorded_at, received_at, lon, lat, accuracy_m, battery, grid_id, source)
      SELECT user_id, at, at, lon, lat, accuracy, battery, grid_id, 'app'
      FROM unnest(${rows.map((f) => users.get(f.worker)!)}::bigint[], ${rows.map((f) => f.at)}::timestamptz[],
                  ${rows.map((f) => f.lon)}::float8[], ${rows.map((f) => f.lat)}::float8[],
                  ${rows.map((f) => f.accuracyM)}::real[], ${rows.map((f) => f.battery)}::smallint[],
                  ${rows.map((f) => grids.get(f.gridCode)!)}::bigint[])
        AS t(user_id, at, lon, lat, accuracy, battery, grid_id)`.execute(db);
  }
  return fixes.length;
}
