import type { FeedKind } from '@wangge/rules';
import type { PushMessage } from '../modules/notifications/hub.ts';

/**
 * One line of the command centre's live feed (modules/command/feed.ts): what happened, where
 * (the org path whose watchers see it), when, what it refers to, and the words a client puts into
 * the kind's label (a case title, a grid name) — never a person's personal data.
 */
export interface FeedItem {
  kind: FeedKind;
  unitPath: string;
  /** ISO time it happened. */
  at: string;
  ref: { type: 'case' | 'alert' | 'device'; id: string };
  params: Record<string, string>;
}

/**
 * Everything instances tell each other. Each message is versioned (`v`) so a rolling upgrade can
 * run old and new instances side by side, and small: ids and coordinates, never rows — a
 * receiver that needs more reads PostgreSQL, which stays the source of truth.
 */
export type BusEvent =
  /** Grid boundaries changed: rebuild the GridIndex from the database. */
  | { kind: 'grids.changed'; v: 1 }
  /** A fix accepted somewhere moved a worker's live position. */
  | {
      kind: 'position.moved';
      v: 1;
      userId: string;
      lon: number;
      lat: number;
      accuracy: number | null;
      /** ISO time of the fix. */
      at: string;
      source: string | null;
    }
  /** A tracker device was bound, revoked or rebound: drop it from the device cache. */
  | { kind: 'device.changed'; v: 1; deviceId: string }
  /** Push `message` to these users' sockets, wherever they are connected. */
  | { kind: 'push'; v: 1; userIds: string[]; message: PushMessage }
  /** Something for the command centres watching `item.unitPath` (delivered by modules/command/feed.ts). */
  | { kind: 'feed'; v: 1; item: FeedItem };

export type BusEventKind = BusEvent['kind'];
export type BusEventOf<K extends BusEventKind> = Extract<BusEvent, { kind: K }>;
export type BusHandler<K extends BusEventKind> = (event: BusEventOf<K>) => void | Promise<void>;

/** The envelope on the wire: the event plus the instance that published it. */
export interface BusEnvelope {
  origin: string;
  event: BusEvent;
}

const KINDS: ReadonlySet<string> = new Set<BusEventKind>([
  'grids.changed',
  'position.moved',
  'device.changed',
  'push',
  'feed',
]);

/** Accepts only envelopes this version understands; anything else is dropped by the caller. */
export function isEnvelope(value: unknown): value is BusEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const { origin, event } = value as Record<string, unknown>;
  if (typeof origin !== 'string' || typeof event !== 'object' || event === null) return false;
  const { kind, v } = event as Record<string, unknown>;
  return typeof kind === 'string' && KINDS.has(kind) && v === 1;
}
