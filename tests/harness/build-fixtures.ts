/**
 * Bundles the fixture editors (the real Lexical, Draft.js, Quill and React) that demo and e2e pages
 * mount. Rebuilt only when a source is newer than its bundle.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { rolldown } from 'rolldown';

const SOURCE_DIR = resolve(import.meta.dirname, '../fixtures/editors');
export const FIXTURE_BUNDLE_DIR = resolve(import.meta.dirname, '../../.output/fixtures');
export const FIXTURE_EDITORS = ['facebook', 'draft', 'linkedin', 'instagram', 'youtube'] as const;
export type FixtureEditor = (typeof FIXTURE_EDITORS)[number];

const sourceOf = (name: string) => ['.ts', '.tsx'].map((ext) => resolve(SOURCE_DIR, `${name}${ext}`)).find(existsSync);

export async function buildFixtureEditors(): Promise<void> {
  const newestSource = Math.max(...readdirSync(SOURCE_DIR).map((f) => statSync(resolve(SOURCE_DIR, f)).mtimeMs));
  for (const name of FIXTURE_EDITORS) {
    const out = resolve(FIXTURE_BUNDLE_DIR, `${name}.js`);
    if (existsSync(out) && statSync(out).mtimeMs > newestSource) continue;
    const input = sourceOf(name);
    if (!input) throw new Error(`no fixture source for ${name}`);
    const bundle = await rolldown({
      input,
      platform: 'browser',
      logLevel: 'silent',
      transform: { define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' }, jsx: 'react-jsx' },
    });
    await bundle.write({ file: out, format: 'iife', minify: true });
  }
}

export function fixtureBundlePath(name: FixtureEditor): string {
  return resolve(FIXTURE_BUNDLE_DIR, `${name}.js`);
}
