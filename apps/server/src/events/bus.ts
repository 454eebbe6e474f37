import { randomUUID } from 'node:crypto';
import type { BusEvent, BusEventKind, BusEventOf, BusHandler } from './messages.ts';

export type { BusEvent, BusEventKind } from './messages.ts';

/**
 * How modules talk to every instance, this one included. Modules only publish and subscribe;
 * whether "every instance" is this process alone or a cluster over NATS is the transport's
 * business (createEventBus), so no module asks which one it is.
 *
 * Own messages are handled locally, inside publish, never via the network: the instance that
 * made a change (a boundary edit, a fix) must see it before it answers the request, so a
 * client reading back from the same instance always reads its own write, exactly as in the
 * single-process mode. The NATS transport therefore drops messages carrying its own id.
 */
export interface EventBus {
  readonly instanceId: string;
  /** Runs this instance's handlers (awaited), then sends the event to the other instances. */
  publish(event: BusEvent): Promise<void>;
  subscribe<K extends BusEventKind>(kind: K, handler: BusHandler<K>): void;
  /**
   * Runs `handler` whenever this instance may have missed events (it reconnected to the broker):
   * state kept in memory is then rebuilt from PostgreSQL, never from what the bus replays.
   */
  onResync(handler: () => Promise<void>): void;
  close(): Promise<void>;
}

export interface BusLog {
  error(obj: unknown, msg?: string): void;
}

/** Handlers by kind; shared by both transports so delivery semantics cannot drift apart. */
export class LocalHandlers {
  private readonly handlers = new Map<BusEventKind, BusHandler<BusEventKind>[]>();

  constructor(private readonly log: BusLog) {}

  add<K extends BusEventKind>(kind: K, handler: BusHandler<K>): void {
    const list = this.handlers.get(kind) ?? [];
    list.push(handler as unknown as BusHandler<BusEventKind>);
    this.handlers.set(kind, list);
  }

  /** One failing handler must not keep the others from their event. */
  async deliver(event: BusEvent): Promise<void> {
    for (const handler of this.handlers.get(event.kind) ?? []) {
      try {
        await handler(event as BusEventOf<BusEventKind>);
      } catch (err) {
        this.log.error({ err, kind: event.kind }, 'event handler failed');
      }
    }
  }
}

/** One process, no other service: the default. */
export class InProcessBus implements EventBus {
  readonly instanceId = randomUUID();
  private readonly local: LocalHandlers;

  constructor(log: BusLog) {
    this.local = new LocalHandlers(log);
  }

  publish(event: BusEvent): Promise<void> {
    return this.local.deliver(event);
  }

  subscribe<K extends BusEventKind>(kind: K, handler: BusHandler<K>): void {
    this.local.add(kind, handler);
  }

  /** One process never misses its own events, so there is nothing to resync. */
  onResync(): void {}

  async close(): Promise<void> {}
}
