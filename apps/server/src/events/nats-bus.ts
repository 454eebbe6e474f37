import { randomUUID } from 'node:crypto';
import {
  type ConsumerMessages,
  connect,
  DeliverPolicy,
  Events,
  type JetStreamClient,
  JSONCodec,
  type NatsConnection,
  nanos,
  StorageType,
} from 'nats';
import { type BusLog, type EventBus, LocalHandlers } from './bus.ts';
import {
  type BusEnvelope,
  type BusEvent,
  type BusEventKind,
  type BusHandler,
  isEnvelope,
} from './messages.ts';

const codec = JSONCodec<unknown>();
const PUBLISH_TIMEOUT_MS = 2000;

/**
 * JetStream transport. One memory stream `<prefix>` on subjects `<prefix>.<kind>`; every instance
 * reads it through its own ordered consumer starting at "new", so each instance sees each event
 * once. Messages live 60 s only: the bus carries changes, PostgreSQL carries state, and an
 * instance that starts late warms from the database rather than replaying history.
 */
export class NatsBus implements EventBus {
  readonly instanceId = randomUUID();
  private readonly local: LocalHandlers;
  private messages: ConsumerMessages | null = null;
  private loop: Promise<void> | null = null;
  private readonly resyncs: (() => Promise<void>)[] = [];

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly prefix: string,
    private readonly log: BusLog,
  ) {
    this.local = new LocalHandlers(log);
  }

  static async connect(options: { url: string; prefix: string; log: BusLog }): Promise<NatsBus> {
    if (!/^[A-Za-z0-9_-]+$/.test(options.prefix))
      throw new Error(`bad NATS stream prefix: ${options.prefix}`);
    const nc = await connect({ servers: options.url, name: 'wangge', maxReconnectAttempts: -1 });
    try {
      const jsm = await nc.jetstreamManager();
      const config = {
        subjects: [`${options.prefix}.>`],
        storage: StorageType.Memory,
        max_age: nanos(60_000),
      };
      // Instances start concurrently: whoever comes second finds the stream and updates it.
      try {
        await jsm.streams.add({ name: options.prefix, ...config });
      } catch {
        await jsm.streams.update(options.prefix, config);
      }
      const bus = new NatsBus(nc, nc.jetstream(), options.prefix, options.log);
      await bus.start();
      return bus;
    } catch (err) {
      await nc.close();
      throw err;
    }
  }

  private async start(): Promise<void> {
    // Ends by itself when the connection closes.
    const status = this.nc.status();
    void (async () => {
      for await (const s of status) {
        if (s.type === Events.Reconnect) await this.resync();
      }
    })();
    const consumer = await this.js.consumers.get(this.prefix, { deliver_policy: DeliverPolicy.New });
    this.messages = await consumer.consume();
    const messages = this.messages;
    this.loop = (async () => {
      for await (const m of messages) {
        let envelope: unknown;
        try {
          envelope = codec.decode(m.data);
        } catch {
          envelope = null;
        }
        if (!isEnvelope(envelope)) {
          this.log.error({ subject: m.subject }, 'dropped an event this version does not understand');
          continue;
        }
        if (envelope.origin === this.instanceId) continue; // handled locally in publish()
        await this.local.deliver(envelope.event);
      }
    })();
  }

  async publish(event: BusEvent): Promise<void> {
    await this.local.deliver(event);
    const envelope: BusEnvelope = { origin: this.instanceId, event };
    await this.js.publish(`${this.prefix}.${event.kind}`, codec.encode(envelope), {
      // NATS away must not hold a request long: the change is in PostgreSQL, others re-read it later.
      timeout: PUBLISH_TIMEOUT_MS,
    });
  }

  subscribe<K extends BusEventKind>(kind: K, handler: BusHandler<K>): void {
    this.local.add(kind, handler);
  }

  onResync(handler: () => Promise<void>): void {
    this.resyncs.push(handler);
  }

  /** Events published while this instance was away are gone for it; the database has the state. */
  private async resync(): Promise<void> {
    for (const handler of this.resyncs) {
      try {
        await handler();
      } catch (err) {
        this.log.error({ err }, 'resync after reconnect failed');
      }
    }
  }

  /** Drops the connection and reconnects, as a network outage would; for tests and drills. */
  reconnect(): Promise<void> {
    return this.nc.reconnect();
  }

  async close(): Promise<void> {
    await this.messages?.close();
    await this.loop;
    await this.nc.drain();
  }

  /** Tests remove their own streams so parallel runs on the shared server leave nothing behind. */
  async deleteStream(): Promise<void> {
    const jsm = await this.nc.jetstreamManager();
    await jsm.streams.delete(this.prefix);
  }
}
