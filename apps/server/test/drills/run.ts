// Failure drills (issue 15 point 4): a private PostgreSQL, two platform instances and a client that
// retries every request (same Idempotency-Key, same fix times) on the other instance until it is
// acknowledged: position batches, case reports and register imports (Excel, applied). Each drill breaks one piece under load, brings it back, then checks that every
// acknowledged request is in the database exactly once. Run: `npm run drills`. Exits 1 on a loss,
// a duplicate, a survivor that stopped serving or an instance that did not recover by itself.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { idNumberCheckChar } from '@wangge/rules';
import ExcelJS from 'exceljs';
import pg from 'pg';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PG_PORT = 4750;
const APP_PORTS = [4751, 4752] as const;
const NATS_PORT = 4753;
/** Longest a request may keep retrying before the drill calls it lost. */
const ACK_DEADLINE_MS = 90_000;
/** People per imported workbook: big enough that an import is in flight for a while. */
const IMPORT_ROWS = 150;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function log(line: string) {
  process.stdout.write(`[drills ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

/** Resolves when the child prints a line matching `ready`; rejects if it exits first. */
function startChild(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs = 600_000,
): Promise<{ child: ChildProcess; firstLine: string }> {
  const child = spawn(command, args, { cwd: serverDir, env: { ...process.env, ...env }, stdio: 'pipe' });
  let tail = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name}: not ready after ${timeoutMs} ms\n${tail}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
      const match = tail.split('\n').find((l) => ready.test(l));
      if (match) {
        clearTimeout(timer);
        resolve({ child, firstLine: match });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    outputOf.set(child, () => tail);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before ready\n${tail}`));
    });
  });
}

function stopChild(
  child: ChildProcess | null | undefined,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

// ---- the pieces ------------------------------------------------------------------------------

const dataRoot = await mkdtemp(path.join(os.tmpdir(), 'wangge-drills-'));
// Its own directory, as the tests do: embedded.ts hands it to the postgres OS user.
const pgDir = await mkdtemp(path.join(os.tmpdir(), 'wangge-drills-pg-'));
/** One data key for both instances: what one encrypts the other must read. */
const dataKey = randomBytes(32).toString('base64');
let postgres: ChildProcess | null = null;
let nats: ChildProcess | null = null;
const apps: (ChildProcess | null)[] = [null, null];
/** The last lines each child printed, for the report when it fails after it was ready. */
const outputOf = new Map<ChildProcess, () => string>();

async function startPostgres() {
  const started = await startChild(
    'postgres',
    process.execPath,
    ['--import', 'tsx', 'test/embedded-server.ts', pgDir, String(PG_PORT)],
    {},
    /"url"/,
  );
  postgres = started.child;
  const printed = JSON.parse(started.firstLine.slice(started.firstLine.indexOf('{'))) as { url: string };
  process.env.DRILL_DATABASE_URL = printed.url;
}

async function startApp(index: 0 | 1) {
  const { child } = await startChild(
    `app ${index + 1}`,
    process.execPath,
    ['--import', 'tsx', 'src/main.ts'],
    {
      DATABASE_URL: process.env.DRILL_DATABASE_URL!,
      PORT: String(APP_PORTS[index]),
      HOST: '127.0.0.1',
      WANGGE_DATA_DIR: path.join(dataRoot, `app${index + 1}`),
      WANGGE_FILES_DIR: path.join(dataRoot, 'files'),
      WANGGE_DATA_KEY: dataKey,
      LOG_LEVEL: 'warn',
      ...(nats ? { NATS_URL: `nats://127.0.0.1:${NATS_PORT}` } : {}),
    },
    /is running at/,
  );
  apps[index] = child;
}

async function startNats() {
  const { child } = await startChild(
    'nats-server',
    'nats-server',
    // JetStream on, as on every machine: without it the bus's stream cannot be made (503).
    ['-a', '127.0.0.1', '-p', String(NATS_PORT), '-js', '-sd', path.join(dataRoot, 'nats')],
    {},
    /Server is ready/,
  );
  nats = child;
}

// ---- the client ------------------------------------------------------------------------------

interface Session {
  cookie: string;
  csrf: string;
}

interface Tally {
  sent: number;
  acknowledged: number;
  /** 503 answers that carried Retry-After, per instance port. */
  unavailable: number;
  /** 2xx answers per instance port, to show the survivor kept serving. */
  servedBy: Map<number, number>;
  /** Other failures by status or error message, to say what a failed drill saw instead. */
  other: Map<string, number>;
}

const newTally = (): Tally => ({
  sent: 0,
  acknowledged: 0,
  unavailable: 0,
  servedBy: new Map(),
  other: new Map(),
});

async function call(
  port: number,
  method: string,
  url: string,
  session: Session | null,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const raw = body instanceof FormData;
  const response = await fetch(`http://127.0.0.1:${port}${url}`, {
    method,
    headers: {
      ...(body === undefined || raw ? {} : { 'content-type': 'application/json' }),
      ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text };
}

/**
 * Sends until a 2xx, switching instance after each failure: a refused connection, a reset, a
 * timeout or a 5xx. A 503 must carry Retry-After (the drill fails otherwise).
 */
async function untilAcknowledged(
  tally: Tally,
  send: (port: number) => ReturnType<typeof call>,
  start: number,
) {
  tally.sent++;
  const deadline = Date.now() + ACK_DEADLINE_MS;
  let attempt = start;
  while (Date.now() < deadline) {
    const port = APP_PORTS[attempt % 2]!;
    attempt++;
    try {
      const res = await send(port);
      if (res.status >= 200 && res.status < 300) {
        tally.acknowledged++;
        tally.servedBy.set(port, (tally.servedBy.get(port) ?? 0) + 1);
        return res.text;
      }
      if (res.status === 503) {
        if (!res.headers.get('retry-after')) throw new Error(`503 without Retry-After: ${res.text}`);
        tally.unavailable++;
      } else if (res.status < 500) {
        throw new Error(`unexpected ${res.status}: ${res.text.slice(0, 300)}`);
      } else {
        const key = `${res.status} ${res.text.slice(0, 120)}`;
        tally.other.set(key, (tally.other.get(key) ?? 0) + 1);
      }
    } catch (err) {
      if (err instanceof Error && /unexpected|Retry-After/.test(err.message)) throw err;
      const key = err instanceof Error ? err.message.slice(0, 120) : String(err);
      tally.other.set(key, (tally.other.get(key) ?? 0) + 1);
    }
    await sleep(200);
  }
  return null;
}

async function logIn(username: string): Promise<Session> {
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${APP_PORTS[0]}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'Wangge@2026' }),
      });
      if (res.status !== 200) throw new Error(`login ${res.status}: ${await res.text()}`);
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
      return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
    } catch (err) {
      if (err instanceof Error && err.message.startsWith('login')) throw err;
      await sleep(500);
    }
  }
}

interface Subject {
  userId: string;
  username: string;
  categoryCode: string;
  lon: number;
  lat: number;
}

/** A grid worker and a spot in their grid where a case of a known category was reported. */
async function pickSubject(client: pg.Client): Promise<Subject> {
  const { rows } = await client.query<{
    id: string;
    username: string;
    category_code: string;
    lon: number;
    lat: number;
  }>(
    `SELECT u.id, u.username, c.category_code, c.lon, c.lat
       FROM cases c JOIN users u ON u.id = c.reporter_user_id
      WHERE u.username ~ '^w[^zdj]' AND u.username NOT LIKE '%\\_%' AND u.active
      ORDER BY u.id LIMIT 1`,
  );
  const row = rows[0];
  if (!row) throw new Error('no grid worker with a case in the demo data');
  return {
    userId: row.id,
    username: row.username,
    categoryCode: row.category_code,
    lon: row.lon,
    lat: row.lat,
  };
}

/** A street operator who imports people into a grid of their street. */
interface Importer {
  username: string;
  userId: string;
  gridCode: string;
}

async function pickImporter(client: pg.Client): Promise<Importer> {
  const { rows } = await client.query<{ id: string; username: string; code: string }>(
    `SELECT u.id, u.username, g.code FROM users u
       JOIN user_assignments a ON a.user_id = u.id JOIN org_units s ON s.id = a.org_unit_id
       JOIN org_units g ON g.path LIKE s.path || '%' AND g.level = 'grid'
      WHERE u.username = 'street1' ORDER BY g.code LIMIT 1`,
  );
  const row = rows[0];
  if (!row) throw new Error('no street1 with a grid in the demo data');
  return { username: row.username, userId: row.id, gridCode: row.code };
}

let personSerial = 0;

/** A people workbook of IMPORT_ROWS new people (valid, distinct ID numbers) in the importer's grid. */
async function peopleWorkbook(gridCode: string): Promise<Blob> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('实有人口');
  ws.addRow(['姓名', '身份证号码', '联系电话', '民族', '户籍地', '地址编码', '网格编码', '人员类别']);
  for (let k = 0; k < IMPORT_ROWS; k++) {
    const n = personSerial++;
    // Born from 1931: numbers born 1950-01-01 collided with the demo's people (drill run 2026-12-05).
    const birth = new Date(Date.UTC(1931, 0, 1) + Math.floor(n / 900) * 86_400_000);
    const first17 = `120110${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(100 + (n % 900))}`;
    ws.addRow([`演练${n}`, first17 + idNumberCheckChar(first17), '', '', '', '', gridCode, '']);
  }
  return new Blob([await wb.xlsx.writeBuffer()]);
}

/** The requests acknowledged in one drill: what the database must hold exactly once. */
interface Acked {
  importKeys: string[];
  caseKeys: string[];
  fixTimes: string[];
  /** Fixes answered as rejected, by reason. */
  rejected: Map<string, number>;
}

let fixClock = Date.parse('2026-12-04T08:00:00Z');
/** Import uploads in flight per instance port, so a kill can land in the middle of one. */
const inFlightImports = new Map<number, number>();

/**
 * Loops of position batches and case reports until `stop()`: every batch and case has its own
 * identity (fix times; Idempotency-Key) that retries keep.
 */
function runLoad(
  session: Session,
  subject: Subject,
  importing: { session: Session; importer: Importer },
  tally: Tally,
  acked: Acked,
  workers = 4,
) {
  let stopping = false;
  const failures: Error[] = [];
  // One importer uploading workbooks back to back, with a key per workbook kept across retries.
  const imports = (async () => {
    let i = 0;
    while (!stopping) {
      const key = `drill-import-${randomUUID()}`;
      const file = await peopleWorkbook(importing.importer.gridCode);
      const ok = await untilAcknowledged(
        tally,
        async (port) => {
          inFlightImports.set(port, (inFlightImports.get(port) ?? 0) + 1);
          try {
            const form = new FormData();
            form.append('file', file, 'people.xlsx');
            const res = await call(
              port,
              'POST',
              '/api/registers/import/people?dryRun=false',
              importing.session,
              form,
              {
                'idempotency-key': key,
              },
            );
            // An import that did not apply (interrupted elsewhere) is not acknowledged: send it again.
            if (res.status === 200 && (JSON.parse(res.text) as { status: string }).status !== 'succeeded')
              return { ...res, status: 502 };
            return res;
          } finally {
            inFlightImports.set(port, inFlightImports.get(port)! - 1);
          }
        },
        i++,
      );
      if (ok !== null) acked.importKeys.push(key);
    }
  })();
  const loops = Array.from({ length: workers }, async (_, w) => {
    let i = 0;
    while (!stopping) {
      i++;
      if (i % 3 === 0) {
        const key = `drill-${randomUUID()}`;
        const body = {
          categoryCode: subject.categoryCode,
          description: `演练事件 drill case ${key}`,
          lon: subject.lon,
          lat: subject.lat,
          source: 'patrol',
        };
        const ok = await untilAcknowledged(
          tally,
          (port) => call(port, 'POST', '/api/cases', session, body, { 'idempotency-key': key }),
          w + i,
        );
        if (ok !== null) acked.caseKeys.push(key);
      } else {
        const times = Array.from({ length: 5 }, () => {
          fixClock += 1000;
          return new Date(fixClock).toISOString();
        });
        const body = {
          positions: times.map((recordedAt, k) => ({
            recordedAt,
            lon: subject.lon + k * 1e-5,
            lat: subject.lat,
            accuracy: 5,
          })),
        };
        const ok = await untilAcknowledged(
          tally,
          (port) => call(port, 'POST', '/api/positions', session, body),
          w + i,
        );
        if (ok !== null) {
          // A fix the server answered as rejected (implausible) was never acknowledged as stored.
          const answer = JSON.parse(ok) as { rejected: { index: number; reason: string }[] };
          const refused = new Set(answer.rejected.map((r) => r.index));
          for (const r of answer.rejected)
            acked.rejected.set(r.reason, (acked.rejected.get(r.reason) ?? 0) + 1);
          acked.fixTimes.push(...times.filter((_, k) => !refused.has(k)));
        }
      }
    }
  });
  const all = Promise.all([...loops, imports].map((l) => l.catch((err: Error) => failures.push(err))));
  return {
    async stop() {
      stopping = true;
      await all;
      if (failures.length > 0) throw failures[0];
    },
  };
}

async function peopleCount() {
  const client = new pg.Client({ connectionString: process.env.DRILL_DATABASE_URL });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM people')).rows[0]!.n);
  } finally {
    await client.end();
  }
}

async function verify(name: string, subject: Subject, tally: Tally, acked: Acked, peopleBefore: number) {
  const client = new pg.Client({ connectionString: process.env.DRILL_DATABASE_URL });
  await client.connect();
  try {
    const imports = await client.query<{ key: string; n: string }>(
      `SELECT idempotency_key AS key, count(*) AS n FROM register_imports
        WHERE idempotency_key = ANY($1) AND status = 'succeeded' AND NOT dry_run GROUP BY 1`,
      [acked.importKeys],
    );
    const foundImports = imports.rows.length;
    const dupImports = imports.rows.reduce((s, r) => s + Number(r.n) - 1, 0);
    // Every acknowledged workbook's people exactly once, and no other people written meanwhile.
    const peopleAdded =
      Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM people')).rows[0]!.n) -
      peopleBefore;
    const peopleExpected = acked.importKeys.length * IMPORT_ROWS;
    const cases = await client.query<{ key: string; n: string }>(
      'SELECT idempotency_key AS key, count(*) AS n FROM cases WHERE idempotency_key = ANY($1) GROUP BY 1',
      [acked.caseKeys],
    );
    const fixes = await client.query<{ n: string; d: string }>(
      `SELECT count(*) AS n, count(DISTINCT recorded_at) AS d FROM positions
        WHERE user_id = $1 AND recorded_at = ANY($2::timestamptz[])`,
      [subject.userId, acked.fixTimes],
    );
    const foundCases = cases.rows.length;
    const dupCases = cases.rows.reduce((s, r) => s + Number(r.n) - 1, 0);
    const foundFixes = Number(fixes.rows[0]!.d);
    const dupFixes = Number(fixes.rows[0]!.n) - foundFixes;
    const lost =
      acked.caseKeys.length -
      foundCases +
      (acked.fixTimes.length - foundFixes) +
      (acked.importKeys.length - foundImports) +
      Math.max(0, peopleExpected - peopleAdded) / IMPORT_ROWS;
    const duplicated =
      dupCases + dupFixes + dupImports + Math.max(0, peopleAdded - peopleExpected) / IMPORT_ROWS;
    const served = [...tally.servedBy].map(([p, n]) => `${p}:${n}`).join(' ');
    log(
      `${name}: requests sent ${tally.sent}, acknowledged ${tally.acknowledged}, ` +
        `found ${foundCases} cases + ${foundFixes} fixes + ${foundImports} imports (${peopleAdded} people) ` +
        `(of ${acked.caseKeys.length} + ${acked.fixTimes.length} + ${acked.importKeys.length} (${peopleExpected})), ` +
        `fixes rejected as implausible ${JSON.stringify([...acked.rejected])}, ` +
        `duplicated ${duplicated}, lost ${lost}, 503+Retry-After ${tally.unavailable}, 2xx by port ${served}`,
    );
    const problems = [
      tally.acknowledged < tally.sent ? `${tally.sent - tally.acknowledged} never acknowledged` : '',
      lost > 0 ? `${lost} lost` : '',
      duplicated > 0 ? `${duplicated} duplicated` : '',
    ].filter(Boolean);
    if (problems.length > 0)
      throw new Error(`${name}: ${problems.join(', ')}; other answers ${JSON.stringify([...tally.other])}`);
  } finally {
    await client.end();
  }
}

async function healthy(port: number) {
  try {
    return (await call(port, 'GET', '/api/health', null)).status === 200;
  } catch {
    return false;
  }
}

async function waitHealthy(port: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await healthy(port)) return;
    await sleep(250);
  }
  const app = apps[(APP_PORTS as readonly number[]).indexOf(port)];
  const state = app ? `exit ${app.exitCode ?? app.signalCode ?? 'none'}` : 'not started';
  const output = app ? (outputOf.get(app)?.() ?? '') : '';
  throw new Error(
    `instance on ${port} did not recover within ${timeoutMs} ms (${state})\n${output.slice(-1500)}`,
  );
}

// ---- the drills ------------------------------------------------------------------------------

async function drill(
  name: string,
  session: Session,
  subject: Subject,
  importing: { session: Session; importer: Importer },
  breakAndMend: (t: Tally) => Promise<void>,
) {
  const tally = newTally();
  const acked: Acked = { importKeys: [], caseKeys: [], fixTimes: [], rejected: new Map() };
  const peopleBefore = await peopleCount();
  log(`${name}: load on`);
  const load = runLoad(session, subject, importing, tally, acked);
  await sleep(3000);
  await breakAndMend(tally);
  await sleep(3000);
  await load.stop();
  for (const port of APP_PORTS) await waitHealthy(port, 5000);
  await verify(name, subject, tally, acked, peopleBefore);
}

/** Waits (bounded) until an import upload is in flight on `port`. */
async function importInFlight(port: number, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((inFlightImports.get(port) ?? 0) > 0) return true;
    await sleep(20);
  }
  return false;
}

let failed = false;
const started = Date.now();
try {
  await startPostgres();
  log('postgres up; starting instance 1 (migrations, demo district)');
  await startApp(0);
  await startApp(1);
  const client = new pg.Client({ connectionString: process.env.DRILL_DATABASE_URL });
  await client.connect();
  const [subject, importer] = await Promise.all([pickSubject(client), pickImporter(client)]).finally(() =>
    client.end(),
  );
  const session = await logIn(subject.username);
  const importing = { session: await logIn(importer.username), importer };
  log(
    `instances up on ${APP_PORTS.join(', ')}; client is ${subject.username}, importer ${importer.username} (${IMPORT_ROWS} people a workbook)`,
  );

  await drill('a. SIGKILL instance 1', session, subject, importing, async () => {
    const midImport = await importInFlight(APP_PORTS[0]);
    await stopChild(apps[0], 'SIGKILL');
    log(`a: instance 1 killed (SIGKILL)${midImport ? ' while it imported a workbook' : ''}`);
    await sleep(2000);
    await startApp(0);
    log('a: instance 1 restarted');
  });

  await drill('b. PostgreSQL away', session, subject, importing, async (tally) => {
    await stopChild(postgres);
    log('b: postgres stopped');
    await sleep(4000);
    const during = tally.unavailable;
    if (during === 0) {
      throw new Error(
        `b: no 503 with Retry-After while the database was away; saw ${JSON.stringify([...tally.other])}`,
      );
    }
    await startPostgres();
    log(`b: postgres restarted (${during} answers were 503 + Retry-After meanwhile)`);
    for (const port of APP_PORTS) await waitHealthy(port, 20_000);
    log('b: both instances healthy again without a restart');
  });

  await startNats();
  await stopChild(apps[0]);
  await stopChild(apps[1]);
  await startApp(0);
  await startApp(1);
  log(`c: instances restarted with NATS_URL=nats://127.0.0.1:${NATS_PORT}`);
  await drill('c. NATS away', session, subject, importing, async () => {
    await stopChild(nats);
    nats = null;
    log('c: nats-server stopped');
    await sleep(3000);
    await startNats();
    log('c: nats-server restarted');
  });
} catch (err) {
  failed = true;
  log(`FAILED: ${err instanceof Error ? err.message : String(err)}`);
} finally {
  await Promise.all(apps.map((a) => stopChild(a)));
  await stopChild(nats);
  await stopChild(postgres);
  await rm(dataRoot, { recursive: true, force: true });
  await rm(pgDir, { recursive: true, force: true });
  log(`${failed ? 'failed' : 'all drills passed'} in ${Math.round((Date.now() - started) / 1000)} s`);
}
process.exit(failed ? 1 : 0);
