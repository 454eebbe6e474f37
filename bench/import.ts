// Excel import of the registers: rows/s of POST /api/registers/import/people for 100,000 people
// (a dry run, then the applied all-or-nothing import), beside a raw multi-row INSERT of the same
// people (encrypted and hashed the same way, unnest arrays, no validation, no search index) into
// a fresh people table in the same run.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { idNumberCheckChar } from '@wangge/rules';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { hashPassword } from '../apps/server/src/modules/auth/passwords.ts';
import { generateDemo } from '../apps/server/src/modules/demo/generate.ts';
import { DEMO_PASSWORD } from '../apps/server/src/modules/demo/logins.ts';
import { seedDemo } from '../apps/server/src/modules/demo/seed.ts';
import { bulkInsert, PEOPLE_COLUMNS } from '../apps/server/src/modules/registers/bulk.ts';
import { DataCipher } from '../apps/server/src/modules/registers/privacy/crypto.ts';
import { startBenchServer } from './support.ts';

const N = 100_000;
const HEADERS = ['姓名', '身份证号码', '联系电话', '民族', '户籍地', '地址编码', '网格编码', '人员类别'];

function person(i: number, gridCode: string) {
  const birth = new Date(Date.UTC(1950, 0, 1) + (i % 20_000) * 86_400_000).toISOString().slice(0, 10);
  const first17 = `120115${birth.replaceAll('-', '')}${String(Math.floor(i / 20_000)).padStart(3, '0')}`;
  return {
    name: `批量${String.fromCharCode(0x4e00 + (i % 2000))}${String.fromCharCode(0x4e00 + ((i * 7) % 2000))}`,
    id: first17 + idNumberCheckChar(first17),
    phone: `139${String(i).padStart(8, '0')}`,
    birth,
    gender: Number(first17[16]) % 2 === 1 ? 'male' : 'female',
    gridCode,
  };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export async function benchImport(): Promise<void> {
  const server = await startBenchServer('wangge_bench_import', async (db) => {
    await seedDemo(db, generateDemo({ scale: 'district', seed: 1 }), { hashPassword });
  });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wangge-bench-import-'));
  try {
    const { db, base } = server;
    const grid = await sql<{ id: string; code: string; path: string }>`
      SELECT id, code, path FROM org_units WHERE level = 'grid' ORDER BY code LIMIT 1`.execute(db);
    const g = grid.rows[0]!;
    const file = path.join(dir, 'people.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const ws = writer.addWorksheet('实有人口');
    ws.addRow(HEADERS).commit();
    for (let i = 0; i < N; i++) {
      const p = person(i, g.code);
      ws.addRow([p.name, p.id, p.phone, '汉族', '天津市东丽区', '', p.gridCode, '户籍人口']).commit();
    }
    ws.commit();
    await writer.commit();
    const data = await readFile(file);
    console.log(`workbook: ${fmt(N)} people, ${(data.length / 1e6).toFixed(1)} MB .xlsx`);

    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');

    const run = async (dryRun: boolean) => {
      const form = new FormData();
      form.append('file', new Blob([data]), 'people.xlsx');
      const t0 = performance.now();
      const res = await fetch(`${base}/api/registers/import/people?dryRun=${dryRun}`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken },
        body: form,
      });
      let job = (await res.json()) as {
        id: string;
        status: string;
        rowsCreated: number;
        errorsTotal: number;
      };
      while (job.status === 'running') {
        await new Promise((r) => setTimeout(r, 100));
        job = (await (
          await fetch(`${base}/api/registers/imports/${job.id}`, { headers: { cookie } })
        ).json()) as typeof job;
      }
      const ms = performance.now() - t0;
      if (job.status !== 'succeeded')
        throw new Error(`import ${job.status}: ${JSON.stringify(job).slice(0, 500)}`);
      return { ms, rowsPerSecond: (N / ms) * 1000, created: job.rowsCreated };
    };
    const dry = await run(true);
    console.log(
      `${'import people, dry run (parse + validate + look-ups)'.padEnd(58)} ${fmt(dry.rowsPerSecond).padStart(8)} rows/s  (${(dry.ms / 1000).toFixed(1)} s)`,
    );
    const applied = await run(false);
    console.log(
      `${'import people, applied (one transaction, all writes)'.padEnd(58)} ${fmt(applied.rowsPerSecond).padStart(8)} rows/s  (${(applied.ms / 1000).toFixed(1)} s, ${fmt(applied.created)} created)`,
    );

    // Baseline: the same people, encrypted and hashed, raw multi-row INSERTs into an empty copy.
    await sql`CREATE TABLE bench_people (LIKE people INCLUDING ALL)`.execute(db);
    const cipher = new DataCipher(randomBytes(32));
    const t0 = performance.now();
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < N; i += 1000) {
        const rows: unknown[][] = [];
        for (let k = i; k < Math.min(N, i + 1000); k++) {
          const p = person(k, g.code);
          rows.push([
            p.name,
            p.gender,
            p.birth,
            '汉族',
            cipher.encrypt(p.id),
            cipher.hash('id', p.id),
            cipher.encrypt(p.phone),
            cipher.hash('phone', p.phone),
            '天津市东丽区',
            null,
            g.id,
            g.path,
          ]);
        }
        await bulkInsert(trx, 'bench_people', PEOPLE_COLUMNS, rows);
      }
    });
    const ms = performance.now() - t0;
    console.log(
      `${'baseline: raw INSERT … unnest of the same people (1,000/stmt)'.padEnd(58)} ${fmt((N / ms) * 1000).padStart(8)} rows/s  (${(ms / 1000).toFixed(1)} s)`,
    );
    console.log(
      `applied import at ${((applied.rowsPerSecond / ((N / ms) * 1000)) * 100).toFixed(1)} % of the raw INSERT rate`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
    await server.close();
  }
}
