// `npm run cluster`: N instances of the platform on one database and one NATS, behind a small
// proxy, for trying several instances on one machine. Production uses haproxy (deploy/haproxy.cfg);
// haproxy is not installed here, so the proxy below is a few lines of Node doing the same three
// things: round robin, /api/health checks, WebSocket upgrade passthrough.
//
//   DATABASE_URL=postgres://… NATS_URL=nats://127.0.0.1:4222 npm run cluster
//   CLUSTER_INSTANCES (2), CLUSTER_PORT (proxy, 8080), CLUSTER_BASE_PORT (first instance, 8081)
//
// DATABASE_URL is required: the embedded PostgreSQL belongs to one process and one data folder.
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
if (!env.DATABASE_URL || !env.NATS_URL) {
  console.error('npm run cluster needs DATABASE_URL and NATS_URL (see README, "Several instances").');
  process.exit(2);
}
const count = Number(env.CLUSTER_INSTANCES ?? 2);
const proxyPort = Number(env.CLUSTER_PORT ?? 8080);
const basePort = Number(env.CLUSTER_BASE_PORT ?? proxyPort + 1);

let stopping = false;
const instances = Array.from({ length: count }, (_, i) => ({
  port: basePort + i,
  child: null,
  healthy: false,
}));

function launch(instance) {
  instance.child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...env, PORT: String(instance.port), HOST: '127.0.0.1' },
  });
  instance.child.on('exit', () => {
    if (!stopping) stop('SIGTERM');
    if (instances.every((i) => !i.child || i.child.exitCode !== null || i.child.signalCode !== null))
      process.exit(0);
  });
}

async function check() {
  for (const instance of instances) {
    instance.healthy = await new Promise((resolve) => {
      const req = http.get(
        { host: '127.0.0.1', port: instance.port, path: '/api/health', timeout: 1500 },
        (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        },
      );
      req.on('error', () => resolve(false));
      req.on('timeout', () => req.destroy());
    });
  }
}
const checks = setInterval(check, 2000);

let next = 0;
function pick() {
  const healthy = instances.filter((i) => i.healthy);
  if (healthy.length === 0) return null;
  return healthy[next++ % healthy.length];
}

const proxy = http.createServer((req, res) => {
  const target = pick();
  if (!target) {
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '2' });
    res.end(
      JSON.stringify({
        error: { code: 'UNAVAILABLE', message: '暂无可用实例 (no instance is up)', details: null },
      }),
    );
    return;
  }
  const upstream = http.request(
    {
      host: '127.0.0.1',
      port: target.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' },
    },
    (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    },
  );
  upstream.on('error', () => {
    target.healthy = false;
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  req.pipe(upstream);
});

// WebSocket: replay the upgrade request to an instance and splice the two sockets.
proxy.on('upgrade', (req, socket, head) => {
  const target = pick();
  if (!target) return socket.destroy();
  const upstream = net.connect(target.port, '127.0.0.1', () => {
    const lines = [`${req.method} ${req.url} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    lines.push(`X-Forwarded-For: ${req.socket.remoteAddress ?? ''}`);
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length) upstream.write(head);
    upstream.pipe(socket).pipe(upstream);
  });
  upstream.on('error', () => socket.destroy());
  socket.on('error', () => upstream.destroy());
});

// The first instance alone migrates and, on an empty database, loads the demo district: two
// seeding at once would both find the database empty. The others start once it answers.
launch(instances[0]);
while (!stopping && !instances[0].healthy) {
  await new Promise((r) => setTimeout(r, 500));
  await check();
}
// Stopped while the first was starting: its exit handler ends this process.
if (!stopping) {
  for (const instance of instances.slice(1)) launch(instance);
  proxy.listen(proxyPort, () => {
    console.log(`cluster: proxy http://localhost:${proxyPort} → ${instances.map((i) => i.port).join(', ')}`);
  });
}

function stop(signal) {
  if (stopping) return;
  stopping = true;
  clearInterval(checks);
  proxy.close();
  for (const { child } of instances) child?.kill(signal);
  if (instances.every((i) => !i.child)) process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
