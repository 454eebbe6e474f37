// `npm start`: build the web console when its sources changed, then run the platform.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWebIfStale } from './web-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
buildWebIfStale();
// Its own process group: Ctrl+C in a terminal signals the whole foreground group, and the server
// must see each signal once (from here), since a second one means "exit now, skip the clean stop".
const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
  cwd: root,
  stdio: 'inherit',
  detached: true,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
// A server ended by a signal it does not handle (SIGKILL, OOM) did not stop cleanly.
server.on('exit', (code) => process.exit(code ?? 1));
