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

  it('runs only the ad-library content script on the ad libraries, not the platform one too', () => {
    // Meta's and LinkedIn's libraries are on platform hosts; the platform script there would double the load cost.
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
      content_scripts: Array<{ js: string[]; matches: string[]; exclude_matches?: string[] }>;
    };
    const scriptFor = (name: string) => manifest.content_scripts.find((s) => s.js.includes(`content-scripts/${name}.js`));
    const libraries = scriptFor('ad-library')?.matches ?? [];
    expect(libraries).toContain('https://www.linkedin.com/ad-library/*');
    expect(scriptFor('social')?.exclude_matches).toEqual(expect.arrayContaining(libraries));
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
