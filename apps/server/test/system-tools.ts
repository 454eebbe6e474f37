import { existsSync } from 'node:fs';

/**
 * Tests that drive a system program (Chromium, GDAL) need it installed; .ci/run installs them.
 * In CI a missing program is a failure, on a developer's machine the test is skipped with a note
 * in the output, since skipIf carries no reason into the report.
 */
export function systemTool(path: string, aptPackage: string): { available: boolean } {
  const available = existsSync(path);
  if (!available && process.env.CI === 'true') {
    throw new Error(`${path} is missing: .ci/run must install the Debian package ${aptPackage}`);
  }
  if (!available) console.warn(`skipped: ${path} not installed (apt-get install ${aptPackage})`);
  return { available };
}
