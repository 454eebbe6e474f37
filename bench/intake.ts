// Intake channels (issue 14): device alarms over MQTT into cases, deduplicated per device, next to
// raw messages through the same broker in the same run; then signed 12345 hotline pushes.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import mqtt from 'mqtt';
import { loadConfig } from '../apps/server/src/config.ts';
import type { Db } from '../apps/server/src/db/database.ts';
import { createEventBus } from '../apps/server/src/events/create.ts';
import { hashPassword } from '../apps/server/src/modules/auth/passwords.ts';
import { CalendarService } from '../apps/server/src/modules/cases/calendar-service.ts';
import { generateDemo } from '../apps/server/src/modules/demo/generate.ts';
import { seedDemo } from '../apps/server/src/modules/demo/seed.ts';
import { startMqttIntake } from '../apps/server/src/modules/devices/mqtt.ts';
import { GridIndex } from '../apps/server/src/modules/grids/grid-index.ts';
import { signHotline } from '../apps/server/src/modules/intake/signature.ts';
import { PushHub } from '../apps/server/src/modules/notifications/hub.ts';
import { PositionPipeline } from '../apps/server/src/modules/patrol/pipeline.ts';
import { closedLoop } from './load.ts';
import { describe, startBenchServer } from './support.ts';

const MQTT_URL = process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883';
// Size parameters (printed with the figures); BENCH_INTAKE_MESSAGES / _DEVICES / _PUSHES override.
const size = (name: string, fallback: number) => Number(process.env[name] || fallback);
const MESSAGES = size('BENCH_INTAKE_MESSAGES', 5_000);
const DEVICES = size('BENCH_INTAKE_DEVICES', 50);
const PUSHES = size('BENCH_INTAKE_PUSHES', 300);
const CONCURRENCY = 8;
const SECRET = 'bench-hotline-secret';
const quiet = { info() {}, warn() {}, error() {} };

/**
 * Waits until `count` reaches `target`, or stops moving for `quietMs` (a broker under load may drop
 * QoS 1 messages beyond its queue limit, max_queued_messages = 1000 by default): the count reached.
 * The time is to the last progress seen, so a stall does not count as work.
 */
async function waitForCount(count: () => Promise<number>, target: number, quietMs = 5000) {
  const started = performance.now();
  let last = -1;
  let lastAt = started;
  for (;;) {
    // A pool busy with the intake itself may time out a poll: poll again.
    const n = await count().catch(() => null);
    if (n === null) continue;
    const now = performance.now();
    if (n !== last) {
      last = n;
      lastAt = now;
    }
    if (n >= target || now - lastAt > quietMs) return { n, ms: lastAt - started };
    await new Promise((r) => setTimeout(r, 20));
  }
}

const rate = (label: string, count: number, ms: number, extra = '') =>
  `${label.padEnd(44)} ${Math.round((count / ms) * 1000)
    .toLocaleString('en-US')
    .padStart(8)}/s  (${count} messages in ${(ms / 1000).toFixed(2)} s${extra})`;

export async function benchIntake(): Promise<void> {
  // The bench server reads its settings from the environment, as a deployment does.
  process.env.WANGGE_HOTLINE_SECRET = SECRET;
  const server = await startBenchServer('wangge_bench_intake', async (db) => {
    await seedDemo(db, generateDemo({ scale: 'district' }), { hashPassword, tracks: false });
  });
  const run = randomUUID().slice(0, 8);
  const { db } = server;
  const [grids, addresses] = await Promise.all([
    db.selectFrom('grids').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('addresses').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  console.log(
    `sizes: ${MESSAGES} MQTT alarms (QoS 1) from ${DEVICES} smoke detectors, dedup window ` +
      `${loadConfig({ logLevel: 'error' }).devices.alarmWindowMinutes} min; ${PUSHES} hotline orders ` +
      `×2 at concurrency ${CONCURRENCY}; demo district of ${grids.n} grids, ${addresses.n} addresses`,
  );
  const publisher = await mqtt.connectAsync(MQTT_URL, { clientId: `bench-pub-${run}` });
  try {
    const codes = await seedDevices(db, run);
    const topics = (prefix: string) =>
      Array.from({ length: MESSAGES }, (_, i) => `${prefix}/${codes[i % DEVICES]}/alarm`);
    const payload = (i: number) => JSON.stringify({ value: i, message: 'bench' });

    // Raw: the same messages to a plain subscriber that only counts them.
    const raw = await mqtt.connectAsync(MQTT_URL, { clientId: `bench-raw-${run}` });
    let seen = 0;
    raw.on('message', () => {
      seen++;
    });
    await raw.subscribeAsync(`bench/${run}/+/alarm`, { qos: 1 });
    const rawWait = waitForCount(async () => seen, MESSAGES);
    await Promise.all(
      topics(`bench/${run}`).map((t, i) => publisher.publishAsync(t, payload(i), { qos: 1 })),
    );
    const rawDone = await rawWait;
    const rawMs = rawDone.ms;
    await raw.endAsync();

    // Into cases: the platform's intake on the same broker.
    const config = loadConfig({ logLevel: 'error' });
    const bus = await createEventBus({ natsUrl: null, natsPrefix: 'bench', log: quiet });
    const gridIndex = new GridIndex(db);
    await gridIndex.rebuild();
    const intake = startMqttIntake({
      url: MQTT_URL,
      group: `bench-${run}`,
      db,
      config,
      gridIndex,
      calendars: new CalendarService(db, server.app.log),
      hub: new PushHub(bus, server.app.log),
      positions: new PositionPipeline(db, config, gridIndex, bus, server.app.log),
      log: quiet,
    });
    await intake.ready;
    const count = () =>
      db
        .selectFrom('device_alarms as a')
        .innerJoin('devices as d', 'd.id', 'a.device_id')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('d.code', 'in', codes)
        .executeTakeFirstOrThrow()
        .then((r) => r.n);
    // Timed from the first publish to the last alarm stored, as the raw rate is.
    const intakeWait = waitForCount(count, MESSAGES);
    await Promise.all(
      topics('wangge/devices').map((t, i) => publisher.publishAsync(t, payload(i), { qos: 1 })),
    );
    const intakeDone = await intakeWait;
    const intakeMs = intakeDone.ms;
    const cases = await db
      .selectFrom('device_alarms as a')
      .innerJoin('devices as d', 'd.id', 'a.device_id')
      .select(sql<number>`count(DISTINCT a.case_id)::int`.as('n'))
      .where('d.code', 'in', codes)
      .executeTakeFirstOrThrow();
    await intake.close();
    await bus.close();
    console.log(`${MESSAGES} alarms from ${DEVICES} devices, QoS 1, broker ${MQTT_URL}:`);
    const lost = (n: number) => (n < MESSAGES ? `, ${MESSAGES - n} dropped by the broker` : '');
    console.log(
      rate(
        '  alarms into cases, deduplicated',
        intakeDone.n,
        intakeMs,
        `, ${cases.n} cases${lost(intakeDone.n)}`,
      ),
    );
    console.log(rate('  raw messages, same broker (baseline)', rawDone.n, rawMs, lost(rawDone.n)));
    const rawRate = rawDone.n / rawMs;
    const intakeRate = intakeDone.n / intakeMs;
    console.log(`  intake runs at ${((intakeRate / rawRate) * 100).toFixed(1)}% of the raw rate`);

    await benchHotline(server.base, db);
  } finally {
    await publisher.endAsync();
    await server.close();
  }
}

async function seedDevices(db: Db, run: string): Promise<string[]> {
  const buildings = await db
    .selectFrom('buildings as b')
    .innerJoin('org_units as g', 'g.id', 'b.grid_id')
    .select(['b.lon', 'b.lat', 'b.grid_id', 'g.path'])
    .orderBy('b.id')
    .limit(DEVICES)
    .execute();
  const codes = buildings.map((_, i) => `B${run}-${i}`);
  await db
    .insertInto('devices')
    .values(
      buildings.map((b, i) => ({
        code: codes[i]!,
        name: `bench ${i}`,
        type: 'smoke',
        lon: b.lon,
        lat: b.lat,
        grid_id: b.grid_id,
        grid_path: b.path,
        token_hash: 'x',
      })),
    )
    .execute();
  return codes;
}

/** Signed pushes of new orders (each a case), then of the same orders again (idempotent answers). */
async function benchHotline(base: string, db: Db): Promise<void> {
  const addresses = await db
    .selectFrom('addresses')
    .select('full_name')
    .where('level', '=', 'room')
    .orderBy('id')
    .limit(PUSHES)
    .execute();
  const push = (prefix: string) => async (i: number) => {
    const body = JSON.stringify({
      orderNo: `GD-${i}`,
      content: '来电反映楼道堆物',
      address: addresses[i % addresses.length]!.full_name,
    });
    const ts = String(Math.floor(Date.now() / 1000));
    const nonce = `${prefix}-${i}-${randomUUID()}`;
    const res = await fetch(`${base}/api/intake/hotline`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-wangge-timestamp': ts,
        'x-wangge-nonce': nonce,
        'x-wangge-signature': signHotline(SECRET, ts, nonce, body),
      },
      body,
    });
    await res.arrayBuffer();
    return res.status === 201 || res.status === 200;
  };
  const fresh = await closedLoop(PUSHES, CONCURRENCY, push('new'));
  const again = await closedLoop(PUSHES, CONCURRENCY, push('again'));
  console.log(`${PUSHES} hotline orders, HMAC-signed, concurrency ${CONCURRENCY}:`);
  console.log(describe('  new order → geocoded case', fresh));
  console.log(describe('  same order again (idempotent, baseline)', again));
}
