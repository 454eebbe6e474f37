// CPU time from /proc (Linux, PostgreSQL on this machine). On a shared machine the wall-clock rate
// moves with the neighbours' load; the CPU each side spends per row moves much less, and it says
// where the time goes.
import { readFileSync } from 'node:fs';
import type pg from 'pg';

/** USER_HZ, the unit of /proc/<pid>/stat times: 100 on every Linux architecture Node supports. */
const TICK_MS = 10;

/** User + system CPU milliseconds of the process whose stat file this is, or null. */
function cpuMsOf(statPath: string): number | null {
  try {
    const stat = readFileSync(statPath, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

export interface CpuSplit {
  /** This process: the server (the bench's own code waits meanwhile). */
  serverMs: number;
  /** The PostgreSQL backends serving the bench database. */
  postgresMs: number;
}

/**
 * Counts CPU of this process and of the database's backends between start and stop. Stop answers
 * null when /proc does not show the backends (PostgreSQL on another machine).
 */
export function cpuMeter(pool: pg.Pool) {
  const backends = async () => {
    const { rows } = await pool.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
    );
    return new Map(rows.map((r) => [r.pid, cpuMsOf(`/proc/${r.pid}/stat`)]));
  };
  let before = new Map<number, number | null>();
  let process0 = process.cpuUsage();
  return {
    async start(): Promise<void> {
      before = await backends();
      process0 = process.cpuUsage();
    },
    async stop(): Promise<CpuSplit | null> {
      const { user, system } = process.cpuUsage(process0);
      const after = await backends();
      if ([...before.values(), ...after.values()].some((ms) => ms === null)) return null;
      let postgresMs = 0;
      for (const [pid, ms] of after) postgresMs += ms! - (before.get(pid) ?? 0);
      return { serverMs: (user + system) / 1000, postgresMs };
    },
  };
}
