import { existsSync } from 'node:fs';

/**
 * Tests that drive a system program (Chromium, GDAL) need it installed; .ci/run installs them.
 * In CI a missing program is a failure, on a developer's machine the test is skipped with a note.
 */
export function systemTool(
  path: string,
  aptPackage: string,
): { available: boolean; skipReason: string | null } {
  const available = existsSync(path);
  if (!available && process.env.CI === 'true') {
    throw new Error(`${path} is missing: .ci/run must install the Debian package ${aptPackage}`);
  }
  return {
    available,
    skipReason: available ? null : `${path} not installed (apt-get install ${aptPackage})`,
  };
}
