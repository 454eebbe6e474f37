import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWebIfStale } from '../../../scripts/web-build.mjs';

// What a browser downloads before the first screen: the entry script and every chunk its page
// preloads. Pages, the console's frame and the map load on demand (routes.tsx, vite.config.ts);
// a static import of a heavy page or a chunk group spanning antd would pull them back in.
const dist = path.resolve(import.meta.dirname, '../dist');

function firstLoad(page: string): { files: string[]; gzipKiB: number } {
  const html = readFileSync(path.join(dist, page), 'utf8');
  const files = [...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!))];
  const bytes = files.reduce((n, f) => n + gzipSync(readFileSync(path.join(dist, f))).length, 0);
  return { files, gzipKiB: Math.round(bytes / 1024) };
}

beforeAll(() => {
  buildWebIfStale();
}, 120_000);

describe('first load of the built web app', () => {
  it('console (/, the login page): no map, no page code, under 350 KiB gzipped', () => {
    const { files, gzipKiB } = firstLoad('index.html');
    expect(files.some((f) => /maplibre|Page-/.test(f))).toBe(false);
    expect(gzipKiB).toBeLessThan(350);
  });

  it('field app (/m): under 600 KiB gzipped, the map included (it works offline)', () => {
    expect(firstLoad('m.html').gzipKiB).toBeLessThan(600);
  });
});

describe('precompressed files of the build (apps/web/precompress.ts)', () => {
  it('has <file>.br and <file>.gz of the same bytes beside every text file of 1 KB or more', () => {
    const files = readdirSync(dist, { recursive: true, encoding: 'utf8' });
    const text = files.filter((f) => /\.(m?js|css|html|svg|json|webmanifest)$/.test(f));
    const large = text.filter((f) => readFileSync(path.join(dist, f)).length >= 1024);
    expect(large.length).toBeGreaterThan(50);
    for (const f of large) {
      const file = readFileSync(path.join(dist, f));
      expect(brotliDecompressSync(readFileSync(path.join(dist, `${f}.br`))).equals(file), f).toBe(true);
      expect(gunzipSync(readFileSync(path.join(dist, `${f}.gz`))).equals(file), f).toBe(true);
    }
    // Images are compressed already: no variants of them.
    expect(files.some((f) => /\.png\.(br|gz)$/.test(f))).toBe(false);
  });
});
