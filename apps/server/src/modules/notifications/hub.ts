import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { EventBus } from '../../events/bus.ts';
import type { FeedItem } from '../../events/messages.ts';
import type { AlertItem } from '../alerts/presenter.ts';
import type { NotificationItem } from './presenter.ts';

export type PushMessage =
  | {
      type: 'notification';
      item: NotificationItem;
    }
  | { type: 'case'; caseId: string; state: string; version: number }
  | { type: 'errand'; errandId: string; code: string; state: string; version: number }
  | { type: 'position'; userId: string; lon: number; lat: number; at: Date; gridId: string | null }
  /** A new alert, to those watching its unit (the command centre's feed and the alerts list). */
  | { type: 'alert'; item: AlertItem }
  /** A line of the command centre's live feed (modules/command/feed.ts). */
  | { type: 'feed'; item: FeedItem };

/**
 * Open WebSocket connections per user. Messages are pushed only after the transaction that
 * produced them has committed, so a client never hears of something that was rolled back.
 * A user's socket may be on any instance: send() goes through the event bus and every
 * instance (this one included) delivers to the sockets it holds.
 */
export class PushHub {
  private readonly sockets = new Map<string, Set<WebSocket>>();
  /** Sockets held corked until the current turn of the event loop ends; see deliver(). */
  private readonly corked = new Set<WebSocket>();

  constructor(
    private readonly bus: EventBus,
    private readonly log: { error(obj: unknown, msg?: string): void },
  ) {
    bus.subscribe('push', (event) => this.deliver(event.userIds, event.message));
  }

  add(userId: string, socket: WebSocket): void {
    const set = this.sockets.get(userId) ?? new Set();
    set.add(socket);
    this.sockets.set(userId, set);
    socket.on('close', () => {
      set.delete(socket);
      if (set.size === 0) this.sockets.delete(userId);
    });
  }

  /** Fire and forget: callers have committed already and a lost push is repaired by the next list load. */
  send(userIds: Iterable<string>, message: PushMessage): void {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return;
    this.bus.publish({ kind: 'push', v: 1, userIds: ids, message }).catch((err: unknown) => {
      this.log.error({ err }, 'push not published');
    });
  }

  /** To every instance's command-centre sockets watching the item's unit (modules/command/feed.ts). */
  publishFeed(item: FeedItem): void {
    this.bus.publish({ kind: 'feed', v: 1, item }).catch((err: unknown) => {
      this.log.error({ err }, 'feed not published');
    });
  }

  /**
   * To this instance's sockets only; the bus calls it for every instance's pushes. The group
   * commit of positions answers a whole batch of requests in one turn of the event loop, so a
   * city-wide screen is sent dozens of messages at once: each socket stays corked until the turn
   * ends and they leave in one write instead of a system call each (the same frames, no delay).
   */
  deliver(userIds: Iterable<string>, message: PushMessage): void {
    const payload = JSON.stringify(message);
    for (const userId of new Set(userIds)) {
      for (const socket of this.sockets.get(userId) ?? []) {
        if (socket.readyState !== socket.OPEN) continue;
        this.cork(socket);
        socket.send(payload);
      }
    }
  }

  private cork(socket: WebSocket): void {
    if (this.corked.has(socket)) return;
    const stream = rawSocketOf(socket);
    if (!stream) return;
    stream.cork();
    if (this.corked.size === 0) setImmediate(() => this.uncorkAll());
    this.corked.add(socket);
  }

  private uncorkAll(): void {
    for (const socket of this.corked) rawSocketOf(socket)?.uncork();
    this.corked.clear();
  }

  get connections(): number {
    let n = 0;
    for (const set of this.sockets.values()) n += set.size;
    return n;
  }
}

/** The TCP stream under a ws socket (a documented-by-use field of ws: its sender corks it too). */
function rawSocketOf(socket: WebSocket): Duplex | undefined {
  return (socket as unknown as { _socket?: Duplex })._socket;
}
