// Read replicas: the one place that decides whether a request's heavy reads (statistics, register
// search, exports) go to a streaming replica or to the primary. Routes ask `reads.for(request)`
// and hand the Db to their repositories as before; no module tests for a replica itself.
//
// Read-your-writes by a time window, not by comparing LSNs: after a user's successful write, that
// user's reads stay on the primary for `stickyMs`. The LSN comparison would be exact, but costs a
// pg_current_wal_lsn() round trip after every write and a pg_last_wal_replay_lsn() one on every
// heavy read, and the write's commit LSN is not at hand where the response is sent (the write ran
// on some pooled connection inside a repository). Replica lag on a LAN is milliseconds, so a few
// seconds of window cover it with a wide margin, and other users' reads of a just-written row are
// eventually consistent anyway. The window is per process: several app instances behind a load
// balancer need session affinity for the guarantee to hold across them.
import type { FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.ts';
import { createDb, type Db } from './database.ts';

export interface ReadRouter {
  /** The Db for this request's heavy reads. */
  for(request: FastifyRequest): Db;
  /** Record a successful write by a user: their reads go to the primary for the window. */
  noteWrite(userId: string): void;
  close(): Promise<void>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Bounds the map between sweeps when many users write within one window.
const SWEEP_AT = 10_000;

export function createReadRouter(options: {
  primary: Db;
  replicaUrl: string | null;
  stickyMs: number;
  now?: () => number;
}): ReadRouter {
  const { primary, stickyMs } = options;
  const now = options.now ?? Date.now;
  const replica = options.replicaUrl ? createDb(options.replicaUrl) : null;
  // user id → until when their reads stay on the primary.
  const pinned = new Map<string, number>();

  const isPinned = (userId: string): boolean => {
    const until = pinned.get(userId);
    if (until === undefined) return false;
    if (until > now()) return true;
    pinned.delete(userId);
    return false;
  };

  return {
    for(request) {
      if (!replica) return primary;
      const userId = request.actor?.userId;
      return userId && isPinned(userId) ? primary : replica;
    },
    noteWrite(userId) {
      if (!replica) return;
      if (pinned.size >= SWEEP_AT) {
        const t = now();
        for (const [id, until] of pinned) if (until <= t) pinned.delete(id);
      }
      pinned.set(userId, now() + stickyMs);
    },
    async close() {
      await replica?.destroy();
    },
  };
}

/** Marks every successful non-GET request of an authenticated user as a write; closes the replica pool. */
export function registerReadRouting(app: App, reads: ReadRouter): void {
  // onSend, not onResponse: the mark is set before the client can see the answer and read again.
  app.addHook('onSend', async (request, reply, payload) => {
    const userId = request.actor?.userId;
    if (userId && !SAFE_METHODS.has(request.method) && reply.statusCode < 400) reads.noteWrite(userId);
    return payload;
  });
  app.addHook('onClose', async () => reads.close());
}
