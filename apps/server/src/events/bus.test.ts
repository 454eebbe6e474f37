import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type EventBus, InProcessBus } from './bus.ts';
import type { BusEvent } from './messages.ts';
import { NatsBus } from './nats-bus.ts';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const silent = { error: () => {} };

function waitFor<T>(read: () => T | undefined, ms = 2000): Promise<T> {
  const until = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => {
      const value = read();
      if (value !== undefined) return resolve(value);
      if (Date.now() > until) return reject(new Error('timed out'));
      setTimeout(tick, 10);
    };
    tick();
  });
}

describe('InProcessBus', () => {
  it('runs the handlers of the kind inside publish, and a failing handler does not stop the others', async () => {
    const errors: unknown[] = [];
    const bus = new InProcessBus({ error: (obj) => errors.push(obj) });
    const seen: BusEvent[] = [];
    bus.subscribe('device.changed', () => {
      throw new Error('boom');
    });
    bus.subscribe('device.changed', (e) => {
      seen.push(e);
    });
    bus.subscribe('grids.changed', (e) => {
      seen.push(e);
    });
    await bus.publish({ kind: 'device.changed', v: 1, deviceId: 'd1' });
    expect(seen).toEqual([{ kind: 'device.changed', v: 1, deviceId: 'd1' }]);
    expect(errors).toHaveLength(1);
    await bus.close();
  });
});

describe('NatsBus (JetStream at 127.0.0.1:4222)', () => {
  const buses: NatsBus[] = [];
  afterEach(async () => {
    await buses[0]?.deleteStream();
    for (const bus of buses.splice(0)) await bus.close();
  });

  async function pair(): Promise<[NatsBus, NatsBus]> {
    const prefix = `wangge_test_${randomUUID().replaceAll('-', '')}`;
    const a = await NatsBus.connect({ url: NATS_URL, prefix, log: silent });
    buses.push(a);
    const b = await NatsBus.connect({ url: NATS_URL, prefix, log: silent });
    buses.push(b);
    return [a, b];
  }

  it('delivers an event to the other instance once, and to its own instance once, inside publish', async () => {
    const [a, b] = await pair();
    const onA: BusEvent[] = [];
    const onB: BusEvent[] = [];
    for (const [bus, seen] of [
      [a, onA],
      [b, onB],
    ] as [EventBus, BusEvent[]][]) {
      bus.subscribe('push', (e) => {
        seen.push(e);
      });
    }
    const event: BusEvent = {
      kind: 'push',
      v: 1,
      userIds: ['u1'],
      message: { type: 'case', caseId: 'c1', state: 'open', version: 2 },
    };
    await a.publish(event);
    expect(onA).toEqual([event]); // before publish returned
    await waitFor(() => (onB.length > 0 ? onB : undefined));
    expect(onB).toEqual([event]);
    await new Promise((r) => setTimeout(r, 200));
    expect(onA).toHaveLength(1); // its own copy from NATS was dropped
    expect(onB).toHaveLength(1);
  });

  it('keeps order per publisher and routes only the subscribed kind', async () => {
    const [a, b] = await pair();
    const ids: string[] = [];
    let grids = 0;
    b.subscribe('device.changed', (e) => {
      ids.push(e.deviceId);
    });
    b.subscribe('grids.changed', () => {
      grids++;
    });
    for (let i = 0; i < 50; i++) await a.publish({ kind: 'device.changed', v: 1, deviceId: `d${i}` });
    await waitFor(() => (ids.length === 50 ? ids : undefined));
    expect(ids).toEqual(Array.from({ length: 50 }, (_, i) => `d${i}`));
    expect(grids).toBe(0);
  });

  it('does not replay events published before an instance started (state comes from PostgreSQL)', async () => {
    const [a] = await pair();
    await a.publish({ kind: 'grids.changed', v: 1 });
    const late = await NatsBus.connect({
      url: NATS_URL,
      prefix: (a as unknown as { prefix: string }).prefix,
      log: silent,
    });
    buses.push(late);
    let seen = 0;
    late.subscribe('grids.changed', () => {
      seen++;
    });
    await a.publish({ kind: 'grids.changed', v: 1 });
    await waitFor(() => (seen > 0 ? seen : undefined));
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toBe(1);
  });
});

describe('NatsBus after a lost connection', () => {
  it('runs the resync handlers on reconnect, and keeps delivering afterwards', async () => {
    const prefix = `wangge_test_${randomUUID().replaceAll('-', '')}`;
    const a = await NatsBus.connect({ url: NATS_URL, prefix, log: silent });
    const b = await NatsBus.connect({ url: NATS_URL, prefix, log: silent });
    try {
      let resyncs = 0;
      let grids = 0;
      b.onResync(async () => {
        resyncs++;
      });
      b.subscribe('grids.changed', () => {
        grids++;
      });
      await b.reconnect();
      await waitFor(() => (resyncs > 0 ? resyncs : undefined), 5000);
      expect(resyncs).toBe(1);
      await a.publish({ kind: 'grids.changed', v: 1 });
      await waitFor(() => (grids > 0 ? grids : undefined), 5000);
      expect(grids).toBe(1);
    } finally {
      await a.deleteStream();
      await a.close();
      await b.close();
    }
  });
});
