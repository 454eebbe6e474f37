// `npm run bench -- <name>`: runs one benchmark (or all) and prints its figures next to its baseline.
import os from 'node:os';

const benches: Record<string, () => Promise<void>> = {
  locate: async () => (await import('./locate.ts')).benchLocate(),
  cases: async () => (await import('./cases.ts')).benchCases(),
  ingest: async () => (await import('./ingest.ts')).benchIngest(),
  import: async () => (await import('./import.ts')).benchImport(),
  search: async () => (await import('./search.ts')).benchSearch(),
  audit: async () => (await import('./audit.ts')).benchAudit(),
  intake: async () => (await import('./intake.ts')).benchIntake(),
  command: async () => (await import('./command.ts')).benchCommand(),
  screens: async () => (await import('./screens.ts')).benchScreens(),
  load: async () => (await import('./city-day.ts')).benchCityDay(),
  assessment: async () => (await import('./assessment.ts')).benchAssessment(),
};

const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = requested.length ? requested : Object.keys(benches);
const unknown = names.filter((n) => !benches[n]);
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
console.log(
  `machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, node ${process.version}`,
);
for (const name of names) {
  console.log(`\n== ${name} ==`);
  await benches[name]!();
}
