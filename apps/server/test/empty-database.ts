import { inject } from 'vitest';
import { createDb, type Db } from '../src/db/database.ts';
import { cloneDatabase, runDatabases } from './databases.ts';

/** A migrated database with no data, for a test file of its own; drop() closes and removes it. */
export async function emptyDatabase(max = 3): Promise<{ db: Db; drop(): Promise<void> }> {
  const names = runDatabases(inject('pgRunId'));
  const database = await cloneDatabase(inject('pgServerUrl'), names.templateEmpty, names.clonePrefix);
  const db = createDb(database.url, { max });
  return {
    db,
    async drop() {
      await db.destroy();
      await database.drop();
    },
  };
}
