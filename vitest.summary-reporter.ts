import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with the plain "N passed, N failed" line that CI reads, after one line per file
 * with skipped tests, so no skip goes unnoticed (the reason is printed by the file itself or
 * given to ctx.skip(note)).
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const skips: string[] = [];
    for (const module of testModules) {
      let moduleSkips = 0;
      const notes = new Set<string>();
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') passed++;
        else if (result.state === 'failed') failed++;
        else {
          skipped++;
          moduleSkips++;
          if (result.state === 'skipped' && result.note) notes.add(result.note);
        }
      }
      if (moduleSkips > 0) {
        const file = path.relative(process.cwd(), module.moduleId);
        skips.push(`  skipped ${moduleSkips} in ${file}${notes.size ? `: ${[...notes].join('; ')}` : ''}`);
      }
    }
    if (skips.length) console.log(`\n${skips.join('\n')}`);
    console.log(`\nvitest: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}
