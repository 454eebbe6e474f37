// Entry of the load generator's own process (load.ts startLoadClient): for each job it is sent,
// it prepares the requests, says it is ready, waits for the go, runs them and sends back the
// result with the CPU this process spent on them.
import http from 'node:http';
import { closedLoop, type RemoteLoad } from './load.ts';

process.on('message', (message) => {
  if (typeof message === 'object' && message !== null && 'job' in message)
    void run(message.job as RemoteLoad);
});
process.on('disconnect', () => process.exit(0));

async function run(job: RemoteLoad): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const bodies = job.requests.map((r) => (r.body === undefined ? null : Buffer.from(r.body)));
  await new Promise((resolve) => {
    process.once('message', resolve);
    process.send!('ready');
  });

  const cpu0 = process.cpuUsage();
  let total = 0;
  const result = await closedLoop(job.requests.length, job.concurrency, (i) => {
    const { url, method = 'GET', headers = {} } = job.requests[i]!;
    const body = bodies[i];
    return new Promise<boolean>((resolve, reject) => {
      const req = http.request(
        url,
        { method, agent, headers: body ? { ...headers, 'content-length': body.length } : headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const ok = res.statusCode !== undefined && res.statusCode < 400;
            if (ok && job.sum) total += JSON.parse(Buffer.concat(chunks).toString())[job.sum] ?? 0;
            resolve(ok);
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body ?? undefined);
    });
  });
  const { user, system } = process.cpuUsage(cpu0);
  agent.destroy();
  process.send!({ ...result, sum: total, cpuMs: (user + system) / 1000 });
}
