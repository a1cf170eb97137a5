/**
 * Size budgets from docs/budgets-and-security.md §1, checked on the production build (sizes are deterministic,
 * unlike timings). The content script loads on every platform page, so it has the tightest budget.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { AdLibrary } from '../../utils/ad-libraries/common';
import { AD_LIBRARY_MATCHES_BY_LIBRARY } from '../../utils/ad-libraries/matches';
import { EXTENSION_DIR } from '../harness/browser';

const gzipKB = (path: string) => gzipSync(readFileSync(path)).length / 1024;

/** Each ad library's own content script, and a string only its extractor holds. */
const AD_LIBRARY_SCRIPTS = {
  meta: { script: 'ad-library-meta', marker: 'data-ad-preview' },
  tiktok: { script: 'ad-library-tiktok', marker: 'VideoObject' },
  google: { script: 'ad-library-google', marker: 'creative-preview' },
  linkedin: { script: 'ad-library-linkedin', marker: 'commentary__content' },
};
const adLibraryScripts = Object.values(AD_LIBRARY_SCRIPTS).map(({ script }) => script);

const readManifest = () =>
  JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    content_scripts: Array<{ js: string[]; matches: string[]; exclude_matches?: string[] }>;
  };

describe('bundle budgets (chrome-mv3 production build)', () => {
  it('keeps the platform content script under 30 kB gzip', () => {
    const size = gzipKB(join(EXTENSION_DIR, 'content-scripts/social.js'));
    console.log(`content-scripts/social.js: ${size.toFixed(1)} kB gzip`);
    expect(size).toBeLessThan(30);
  });

  it.each(['social', ...adLibraryScripts])('loads no React, zod or idb into the %s content script', (script) => {
    const code = readFileSync(join(EXTENSION_DIR, `content-scripts/${script}.js`), 'utf8');
    expect(code).not.toMatch(/react\.dev|__SECRET_INTERNALS|useSyncExternalStore/);
    expect(code).not.toMatch(/ZodError|\$ZodType/);
    expect(code).not.toMatch(/openDB|IDBKeyRange/);
  });

  it.each(adLibraryScripts)('keeps the %s content script under 30 kB gzip', (script) => {
    const size = gzipKB(join(EXTENSION_DIR, `content-scripts/${script}.js`));
    console.log(`content-scripts/${script}.js: ${size.toFixed(1)} kB gzip`);
    expect(size).toBeLessThan(30);
  });

  it("loads each ad library's extractor only into that library's script, on that library's pages", () => {
    // A page compiles only its own library's code: the load budget is mostly compiling the bundle.
    const manifest = readManifest();
    for (const [library, { script, marker }] of Object.entries(AD_LIBRARY_SCRIPTS)) {
      const code = readFileSync(join(EXTENSION_DIR, `content-scripts/${script}.js`), 'utf8');
      expect(code, `${script} holds its extractor`).toContain(marker);
      for (const [other, { marker: theirs }] of Object.entries(AD_LIBRARY_SCRIPTS)) {
        if (other !== library) expect(code, `${script} holds no ${other} extractor`).not.toContain(theirs);
      }
      const matches = manifest.content_scripts.find((s) => s.js.includes(`content-scripts/${script}.js`))?.matches;
      expect(matches?.toSorted(), `${script} runs on ${library}'s pages only`).toEqual(
        AD_LIBRARY_MATCHES_BY_LIBRARY[library as AdLibrary].toSorted(),
      );
    }
  });

  it('runs only the ad-library content script on the ad libraries, not the platform one too', () => {
    // Meta's and LinkedIn's libraries are on platform hosts; the platform script there would double the load cost.
    const manifest = readManifest();
    const scriptFor = (name: string) => manifest.content_scripts.find((s) => s.js.includes(`content-scripts/${name}.js`));
    const libraries = adLibraryScripts.flatMap((script) => scriptFor(script)?.matches ?? []);
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
