import { isDatabaseUnavailable } from '../http/errors.ts';

/**
 * The process's unhandledRejection handler. pg-boss 10 settles a finished job (complete/fail)
 * without awaiting it: when the database goes away at that moment (a restart, a failover) the
 * rejection is unhandled and would end the process (the kill -9 drill saw it), although the queue
 * retries the job once the database is back. Such rejections are logged; any other is thrown
 * again and ends the process, as Node does by default.
 */
export function survivingDatabaseOutages(log: {
  warn(obj: object, msg: string): void;
}): (reason: unknown) => void {
  return (reason) => {
    if (!isDatabaseUnavailable(reason)) throw reason;
    log.warn({ err: reason }, 'database unavailable (unawaited job bookkeeping)');
  };
}
