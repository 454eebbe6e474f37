// The command centre's live feed: a line per new case, escalation, whistle, red card, alert, SOS
// or device alarm. Producers hand the line over after their transaction commits — queueFeed()
// into the outbox they flush anyway, or publishFeed() when they hold none — and it crosses the
// event bus, so every instance delivers it to the big screens connected to it whose scope
// contains the line's unit.
import { isWithinScope } from '@wangge/rules';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { EventBus } from '../../events/bus.ts';
import type { FeedItem } from '../../events/messages.ts';
import type { PushHub } from '../notifications/hub.ts';
import type { Outbox } from '../notifications/notify.ts';

export type { FeedItem } from '../../events/messages.ts';

/** After commit: to every instance's command screens watching `item.unitPath`. */
export function publishFeed(hub: PushHub, item: FeedItem): void {
  hub.publishFeed(item);
}

/** Inside a transaction: published with the outbox's pushes when the caller flushes it after commit. */
export function queueFeed(outbox: Outbox, item: FeedItem): void {
  if (!outbox.feed) outbox.feed = [];
  outbox.feed.push(item);
}

const VIEWERS_TTL_MS = 60_000;

/**
 * Delivers feed lines to the sockets of this instance. Who may watch which paths (command.view
 * × scope) is read from PostgreSQL at most once a minute; a line is matched against it in memory.
 */
export class FeedRelay {
  private viewers: { userId: string; paths: string[] }[] = [];
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    bus: EventBus,
    private readonly hub: PushHub,
  ) {
    bus.subscribe('feed', (event) => this.deliver(event.item));
  }

  private async deliver(item: FeedItem): Promise<void> {
    if (Date.now() - this.loadedAt > VIEWERS_TTL_MS) await this.load();
    const ids = this.viewers.filter((v) => isWithinScope(item.unitPath, v.paths)).map((v) => v.userId);
    if (ids.length > 0) this.hub.deliver(ids, { type: 'feed', item });
  }

  private load(): Promise<void> {
    this.loading ??= sql<{ user_id: string; paths: string[] }>`
      SELECT u.id::text AS user_id, array_agg(DISTINCT o.path) AS paths
      FROM users u
      JOIN user_assignments a ON a.user_id = u.id
      JOIN org_units o ON o.id = a.org_unit_id
      WHERE u.active AND EXISTS (
        SELECT 1 FROM user_roles ur JOIN roles r ON r.code = ur.role_code
        WHERE ur.user_id = u.id AND 'command.view' = ANY (r.permissions))
      GROUP BY u.id`
      .execute(this.db)
      .then(({ rows }) => {
        this.viewers = rows.map((r) => ({ userId: r.user_id, paths: r.paths }));
        this.loadedAt = Date.now();
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }
}
