import { type RawBuilder, sql } from 'kysely';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { blockedFor, clearThrottle, failWithBackoff, hit, refund } from '../access/throttle.ts';

/**
 * Who may try a password now. A name at one address backs off exponentially after a few
 * failures, so guessing is slow while the same name elsewhere is untouched; an address is
 * limited across names (spraying), a name across addresses (a looser limit, distributed
 * guessing), and the platform as a whole. Names that exist and names that do not are counted
 * alike, so the answers cannot tell them apart.
 */

type Limits = Config['loginThrottle'];
export interface LoginAttempt {
  username: string;
  address: string;
}

const BACKOFF_BASE_SECONDS = 2;
const OVERALL = 'login:overall';
// Typed names are encoded, so a name containing the separator cannot spell another name's key.
const accountKey = (username: string) => `login:account:${encodeURIComponent(username)}`;
const pairPrefix = (username: string) => `login:pair:${encodeURIComponent(username)}|`;
const addressKey = (address: string) => `login:address:${address}`;

function windowKeys(attempt: LoginAttempt) {
  return [addressKey(attempt.address), accountKey(attempt.username), OVERALL];
}

/**
 * Counts the attempt up front, so a concurrent burst is held to the limits before any password
 * is checked. Returns the seconds to wait, 0 when the attempt may go ahead.
 */
export async function admitLogin(db: Db, limits: Limits, attempt: LoginAttempt): Promise<number> {
  const pair = pairPrefix(attempt.username) + attempt.address;
  const waiting = await blockedFor(db, [pair, ...windowKeys(attempt)]);
  if (waiting) return waiting;
  const windowSeconds = limits.windowMinutes * 60;
  const [address, account] = windowKeys(attempt) as [string, string, string];
  const counted = [
    { key: address, limit: limits.perAddress },
    { key: account, limit: limits.perAccount },
    { key: OVERALL, limit: limits.overall },
  ];
  const results = await Promise.all(counted.map((c) => hit(db, { ...c, windowSeconds })));
  const refused = results.filter((r) => !r.allowed);
  if (!refused.length) return 0;
  // A refused attempt tests no password, so it counts against none of the other limits.
  await refund(
    db,
    counted.filter((_, i) => results[i]!.allowed).map((c) => c.key),
  );
  return Math.max(...refused.map((r) => r.retryAfterSeconds));
}

export async function loginFailed(db: Db, limits: Limits, attempt: LoginAttempt): Promise<void> {
  await failWithBackoff(db, {
    key: pairPrefix(attempt.username) + attempt.address,
    free: limits.freeFailures,
    baseSeconds: BACKOFF_BASE_SECONDS,
    maxSeconds: limits.maxBackoffMinutes * 60,
    resetSeconds: limits.windowMinutes * 60,
  });
}

/** Only failures count: a successful attempt is taken back, and its name's back-off there ends. */
export async function loginSucceeded(db: Db, attempt: LoginAttempt): Promise<void> {
  await refund(db, windowKeys(attempt));
  await clearThrottle(db, { keys: [pairPrefix(attempt.username) + attempt.address] });
}

/** An administrator's unlock: the name may be tried again from everywhere. */
export async function clearLoginThrottle(db: Db, username: string): Promise<void> {
  await clearThrottle(db, { keys: [accountKey(username)], prefix: pairPrefix(username) });
}

/**
 * Until when a name is held back anywhere (its own limit or a back-off at some address), as a
 * correlated subquery on a users.username column. Stored usernames are letters, digits and
 * `_.-`, which the key encoding leaves as they are.
 */
export function loginBlockedUntil(usernameColumn: string): RawBuilder<Date | null> {
  const name = sql.ref(usernameColumn);
  return sql<Date | null>`(SELECT max(tb.blocked_until) FROM throttle_buckets tb
    WHERE (tb.key = ('login:account:' || ${name}) COLLATE "C"
           OR (tb.key >= ('login:pair:' || ${name} || '|') COLLATE "C"
               AND tb.key < ('login:pair:' || ${name} || '}') COLLATE "C"))
      AND tb.blocked_until > now())`;
}
