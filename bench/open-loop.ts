// An open-loop load generator: requests leave at the rates the day asks for, whether or not the
// server keeps up (a closed loop would slow down with the server and hide queueing), with latency
// percentiles per route. Plus what a load test reads from /proc: a process's resident memory and
// the CPU time of a process tree.
import { readFileSync } from 'node:fs';
import http from 'node:http';

export interface RouteFigures {
  count: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface Answer {
  status: number;
  body: string;
}

/** Requests with per-route latencies; at most `maxInFlight` at once, the rest counted as not sent. */
export class OpenLoop {
  private readonly agent: http.Agent;
  private readonly latencies = new Map<string, number[]>();
  private readonly failures = new Map<string, number>();
  private readonly statuses = new Map<string, number>();
  private inFlight = 0;
  /** Requests the generator could not send because `maxInFlight` were already waiting. */
  notSent = 0;

  constructor(
    private readonly base: string,
    private readonly maxInFlight = 2_000,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  }

  /** Sends one request; resolves with the answer (or null when it failed or was not sent). */
  send(
    route: string,
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: unknown,
  ): Promise<Answer | null> {
    if (this.inFlight >= this.maxInFlight) {
      this.notSent++;
      return Promise.resolve(null);
    }
    this.inFlight++;
    const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
    const started = performance.now();
    return new Promise((resolve) => {
      const done = (answer: Answer | null, failure?: string) => {
        this.inFlight--;
        this.record(route, performance.now() - started, answer, failure);
        resolve(answer);
      };
      const req = http.request(
        `${this.base}${path}`,
        {
          method,
          agent: this.agent,
          headers: payload
            ? { ...headers, 'content-type': 'application/json', 'content-length': payload.length }
            : headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
          res.on('error', (err) => done(null, err.message));
        },
      );
      req.on('error', (err) => done(null, err.message));
      req.end(payload ?? undefined);
    });
  }

  private record(route: string, ms: number, answer: Answer | null, failure?: string) {
    const list = this.latencies.get(route) ?? [];
    if (list.length === 0) this.latencies.set(route, list);
    list.push(ms);
    if (!answer || answer.status >= 400) {
      this.failures.set(route, (this.failures.get(route) ?? 0) + 1);
      const why = answer
        ? `${route} → ${answer.status} ${answer.body.slice(0, 120)}`
        : `${route} → ${failure}`;
      this.statuses.set(why, (this.statuses.get(why) ?? 0) + 1);
    }
  }

  figures(): Map<string, RouteFigures> {
    const out = new Map<string, RouteFigures>();
    for (const [route, list] of [...this.latencies].sort(([a], [b]) => a.localeCompare(b))) {
      const sorted = [...list].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
      out.set(route, {
        count: sorted.length,
        errors: this.failures.get(route) ?? 0,
        p50: at(0.5),
        p95: at(0.95),
        p99: at(0.99),
      });
    }
    return out;
  }

  /** The commonest failures, to say what went wrong rather than only how often. */
  failureSamples(limit = 5): [string, number][] {
    return [...this.statuses].sort((a, b) => b[1] - a[1]).slice(0, limit);
  }

  /** Waits for the requests still in flight (up to `ms`). */
  async drain(ms = 30_000): Promise<void> {
    const until = Date.now() + ms;
    while (this.inFlight > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Calls `tick(seconds since the last tick)` every `everyMs` until `seconds` have passed. */
export async function runFor(seconds: number, everyMs: number, tick: (dt: number) => void): Promise<void> {
  const end = performance.now() + seconds * 1000;
  let last = performance.now();
  while (performance.now() < end) {
    await new Promise((r) => setTimeout(r, everyMs));
    const now = performance.now();
    tick((now - last) / 1000);
    last = now;
  }
}

/** Resident set size of a process in MB, or null when it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.replace(/\D+/g, '')) / 1024 : null;
  } catch {
    return null;
  }
}

export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user + system) spent so far by a process, its living children and the children it
 * has reaped (PostgreSQL backends that ended count in their postmaster's cutime and cstime).
 */
export function treeCpuSeconds(pid: number): number {
  let ticks = 0;
  for (const p of [pid, ...childPids(pid)]) {
    try {
      // Fields after the command name (which may hold spaces): utime, stime, cutime, cstime.
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
      if (p === pid) ticks += Number(fields[13]) + Number(fields[14]);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return ticks / TICKS_PER_SECOND;
}
