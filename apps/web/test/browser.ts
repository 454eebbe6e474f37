import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const RESULTS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../test-results',
);

/** Debian's Chromium, never a downloaded one, with the flags this sandbox needs. */
export async function launchChromium(): Promise<Browser> {
  await mkdir(RESULTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // MapLibre needs WebGL; with the GPU disabled SwiftShader provides it.
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
}
