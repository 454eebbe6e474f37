// A small closed-loop load generator with latency percentiles, in the bench's process or in a
// process of its own (load-client.ts).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface LoadResult {
  count: number;
  ms: number;
  perSecond: number;
  p50: number;
  p95: number;
  errors: number;
}

/** Runs `count` requests with `concurrency` in flight; each request is made by `make(i)`. */
export function load(
  count: number,
  concurrency: number,
  make: (i: number) => Promise<Response>,
): Promise<LoadResult> {
  return closedLoop(count, concurrency, async (i) => {
    const res = await make(i);
    await res.arrayBuffer();
    return res.ok;
  });
}

/** `count` calls of `run(i)` (true: success), `concurrency` at a time, with latency percentiles. */
export async function closedLoop(
  count: number,
  concurrency: number,
  run: (i: number) => Promise<boolean>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        const t0 = performance.now();
        const ok = await run(i);
        latencies.push(performance.now() - t0);
        if (!ok) errors++;
      }
    }),
  );
  const ms = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const pick = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { count, ms, perSecond: (count / ms) * 1000, p50: pick(0.5), p95: pick(0.95), errors };
}

export function describe(label: string, r: LoadResult): string {
  return `${label.padEnd(44)} ${Math.round(r.perSecond).toLocaleString('en-US').padStart(8)}/s  p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  (${r.count} requests${r.errors ? `, ${r.errors} errors` : ''})`;
}

export interface RemoteLoad {
  requests: { url: string; method?: string; headers?: Record<string, string>; body?: string }[];
  concurrency: number;
  /** A numeric field of the JSON answers to add up (e.g. how many positions were accepted). */
  sum?: string;
}

export type RemoteResult = LoadResult & { sum: number; cpuMs: number };

export interface LoadClient {
  /** Runs the job; `ready` runs once the client holds it, just before the first request. */
  run(job: RemoteLoad, ready?: () => Promise<void>): Promise<RemoteResult>;
  close(): void;
}

/**
 * A load generator in a process of its own (load-client.ts), as remote clients would send the
 * load: the server's process only serves, and its CPU is the server's alone. The client speaks
 * plain node:http over keep-alive connections, which costs a fraction of fetch's CPU — the cores
 * it shares with the server and PostgreSQL are then left to them, as with real remote clients.
 * Start it early: forking a process that has grown large can fail for want of memory.
 */
export function startLoadClient(): LoadClient {
  const child = fork(fileURLToPath(new URL('./load-client.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
  });
  return {
    run(job, ready = async () => {}) {
      return new Promise((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`load client exited with code ${code}`));
        const onMessage = (message: unknown) => {
          if (message === 'ready') {
            ready().then(() => child.send('go'), reject);
            return;
          }
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve(message as RemoteResult);
        };
        child.on('message', onMessage);
        child.once('exit', onExit);
        child.send({ job });
      });
    },
    close() {
      child.kill();
    },
  };
}
