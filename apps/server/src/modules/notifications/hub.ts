import type { WebSocket } from 'ws';
import type { NotificationItem } from './presenter.ts';

export type PushMessage =
  | {
      type: 'notification';
      item: NotificationItem;
    }
  | { type: 'case'; caseId: string; state: string; version: number }
  | { type: 'errand'; errandId: string; code: string; state: string; version: number }
  | { type: 'position'; userId: string; lon: number; lat: number; at: Date; gridId: string | null };

/**
 * Open WebSocket connections per user. Messages are pushed only after the transaction that
 * produced them has committed, so a client never hears of something that was rolled back.
 */
export class PushHub {
  private readonly sockets = new Map<string, Set<WebSocket>>();

  add(userId: string, socket: WebSocket): void {
    const set = this.sockets.get(userId) ?? new Set();
    set.add(socket);
    this.sockets.set(userId, set);
    socket.on('close', () => {
      set.delete(socket);
      if (set.size === 0) this.sockets.delete(userId);
    });
  }

  send(userIds: Iterable<string>, message: PushMessage): void {
    const payload = JSON.stringify(message);
    for (const userId of new Set(userIds)) {
      for (const socket of this.sockets.get(userId) ?? []) {
        if (socket.readyState === socket.OPEN) socket.send(payload);
      }
    }
  }

  get connections(): number {
    let n = 0;
    for (const set of this.sockets.values()) n += set.size;
    return n;
  }
}
