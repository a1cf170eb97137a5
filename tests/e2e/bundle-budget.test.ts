/**
 * Size budgets from docs/budgets-and-security.md §1, checked on the production build (sizes are deterministic,
 * unlike timings). The content script loads on every platform page, so it has the tightest budget.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR } from '../harness/browser';

const gzipKB = (path: string) => gzipSync(readFileSync(path)).length / 1024;

describe('bundle budgets (chrome-mv3 production build)', () => {
  it('keeps the platform content script under 30 kB gzip', () => {
    const size = gzipKB(join(EXTENSION_DIR, 'content-scripts/social.js'));
    console.log(`content-scripts/social.js: ${size.toFixed(1)} kB gzip`);
    expect(size).toBeLessThan(30);
  });

  it.each(['social', 'ad-library'])('loads no React, zod or idb into the %s content script', (script) => {
    const code = readFileSync(join(EXTENSION_DIR, `content-scripts/${script}.js`), 'utf8');
    expect(code).not.toMatch(/react\.dev|__SECRET_INTERNALS|useSyncExternalStore/);
    expect(code).not.toMatch(/ZodError|\$ZodType/);
    expect(code).not.toMatch(/openDB|IDBKeyRange/);
  });

  it('keeps the ad-library content script under 30 kB gzip', () => {
    const size = gzipKB(join(EXTENSION_DIR, 'content-scripts/ad-library.js'));
    console.log(`content-scripts/ad-library.js: ${size.toFixed(1)} kB gzip`);
    expect(size).toBeLessThan(30);
  });

  it('ships no source maps or test files', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else files.push(path);
      }
    };
    walk(EXTENSION_DIR);
    expect(files.filter((f) => /\.map$|\.test\.|fixtures/.test(f))).toEqual([]);
  });
});
