/**
 * The README's layout block names every folder under entrypoints/, components/ and utils/ (and
 * utils/' loose files), one line each, and nothing that is gone: a newcomer reads the tree from it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const SECTIONS = ['entrypoints', 'components', 'utils'];

function layoutBlock(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n```\n', readme.indexOf('Layout (every folder'));
  expect(start, 'README.md has a "Layout (every folder …)" block').toBeGreaterThan(0);
  return readme.slice(start + 5, readme.indexOf('\n```', start + 5)).split('\n');
}

/** `section/name` for each indented line under a `section/` line. */
function listed(): string[] {
  const out: string[] = [];
  let section: string | undefined;
  for (const line of layoutBlock()) {
    const top = /^(\S+)\/\s*$/.exec(line);
    if (top) section = top[1];
    else if (/^\S/.test(line)) section = undefined;
    else if (section && SECTIONS.includes(section)) out.push(`${section}/${line.trim().split(/\s+/)[0].replace(/\/$/, '')}`);
  }
  return out.sort();
}

function inTree(): string[] {
  return SECTIONS.flatMap((section) =>
    readdirSync(join(ROOT, section), { withFileTypes: true })
      .filter((e) => e.isDirectory() || (section === 'utils' && /\.tsx?$/.test(e.name)))
      .map((e) => `${section}/${e.name}`),
  ).sort();
}

describe("README's layout", () => {
  it('lists every folder under entrypoints/, components/ and utils/, and nothing else', () => {
    const readme = listed();
    const tree = inTree();
    expect(
      readme.filter((p) => !tree.includes(p)),
      'in README.md but not in the tree',
    ).toEqual([]);
    expect(
      tree.filter((p) => !readme.includes(p)),
      'in the tree but not in README.md (add a line to its layout)',
    ).toEqual([]);
    expect(new Set(readme).size, 'each listed once').toBe(readme.length);
  });
});
