import { readFileSync } from 'node:fs';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { COPY_HEADER, COPY_TRAILER, POSITION_COPY_COLUMNS, PositionTuples } from '../apps/server/src/modules/patrol/copy-binary.ts';
import { dayOf, partitionName } from '../apps/server/src/modules/patrol/repository.ts';

const url = process.argv[2]!;
const pool = new pg.Pool({ connectionString: url, max: 1 });
const client = await pool.connect();
const pid = (await client.query('SELECT pg_backend_pid() AS p')).rows[0].p;
const cpu = () => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const users = (await client.query(`SELECT id::text FROM users ORDER BY id LIMIT 400`)).rows.map((r) => r.id);
const PER = 500;
const t0 = Date.now() - 3 * 3600_000;
const reqs: Buffer[] = [];
for (const u of users) {
  const tup = new PositionTuples(PER, { userId: u, deviceId: null, source: 'app', receivedAt: new Date() });
  for (let j = 0; j < PER; j++) tup.add(t0 + j * 15_000, { recordedAt: new Date(), lon: 117.3 + j * 1e-5, lat: 39.1, accuracy: 8 }, null);
  reqs.push(Buffer.from(tup.bytes));
}
const total = users.length * PER;
const part = partitionName(dayOf(t0));
async function copy(table: string, bufs: Buffer[]) {
  const stream = client.query(copyFrom(`COPY ${table} (${POSITION_COPY_COLUMNS}) FROM STDIN (FORMAT binary)`));
  await new Promise<void>((res, rej) => { stream.on('error', rej); stream.on('finish', res); stream.end(Buffer.concat([COPY_HEADER, ...bufs, COPY_TRAILER])); });
}
async function run(name: string, perCopy: number, table: string, setup = '') {
  await client.query('TRUNCATE positions'); await client.query('CHECKPOINT');
  if (setup) await client.query(setup);
  const c0 = cpu(); const w0 = performance.now();
  for (let i = 0; i < reqs.length; i += perCopy) await copy(table, reqs.slice(i, i + perCopy));
  const ms = performance.now() - w0; const c = cpu() - c0;
  console.log(`${name.padEnd(40)} ${Math.round(total / ms * 1000).toLocaleString()} rows/s  backend CPU ${(c * 1000 / total).toFixed(2)} µs/row  wall ${(ms*1000/total).toFixed(2)} µs/row`);
  if (setup) await client.query('RESET ALL');
}
for (let rep = 0; rep < 2; rep++) {
  await run('one COPY, parent', 400, 'positions');
  await run('3 req/COPY (1500 rows), parent', 3, 'positions');
  await run('4 req/COPY (2000), parent', 4, 'positions');
  await run('4 req/COPY, sync_commit off', 4, 'positions', 'SET synchronous_commit = off');
  await run(`4 req/COPY, partition ${part}`, 4, part);
  await run('10 req/COPY (5000), parent', 10, 'positions');
}
client.release(); await pool.end();
