/**
 * The walls between Dalil's parts (docs/architecture.md), checked on every import in entrypoints/,
 * utils/ and components/ — `import type`, `export … from` and `import('…')` types included, since a
 * type imported across a wall ties the two sides together as much as a value does.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const SCANNED = ['entrypoints', 'utils', 'components'];

interface Import {
  /** The importing file, relative to the root, with forward slashes. */
  from: string;
  specifier: string;
  /** The imported project file (relative to the root), or null for a package. */
  target: string | null;
  line: number;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** `@/x`, `~/x` (WXT's aliases for the root) and relative specifiers → a project file; null for a package. */
function resolveSpecifier(from: string, specifier: string): string | null {
  let base: string;
  if (/^[@~]{1,2}\//.test(specifier)) base = join(ROOT, specifier.replace(/^[@~]{1,2}\//, ''));
  else if (specifier.startsWith('.')) base = resolve(ROOT, from, '..', specifier);
  else return null;
  const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`];
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? base;
  return relative(ROOT, found).split('\\').join('/');
}

function importsOf(file: string): { imports: Import[]; globals: { name: string; line: number }[] } {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const imports: Import[] = [];
  const globals: { name: string; line: number }[] = [];
  const line = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const add = (node: ts.Node, literal: ts.Node | undefined) => {
    if (!literal || !ts.isStringLiteralLike(literal)) return;
    imports.push({ from: file, specifier: literal.text, target: resolveSpecifier(file, literal.text), line: line(node) });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node, node.moduleSpecifier);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, node.arguments[0]);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression);
    }
    // A global used as a value: `fetch(…)`, `browser.x`, `indexedDB.open(…)`.
    if (ts.isIdentifier(node) && IMPURE_GLOBALS.has(node.text)) {
      const parent = node.parent;
      const used =
        (ts.isCallExpression(parent) && parent.expression === node) ||
        (ts.isPropertyAccessExpression(parent) && parent.expression === node) ||
        (ts.isNewExpression(parent) && parent.expression === node);
      if (used) globals.push({ name: node.text, line: line(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { imports, globals };
}

/** Globals that reach outside the code: the extension APIs, the network, storage. */
const IMPURE_GLOBALS = new Set(['browser', 'chrome', 'fetch', 'XMLHttpRequest', 'WebSocket', 'indexedDB', 'localStorage']);
/** Packages that reach outside the code: the extension APIs (WXT's auto-imports included) and the database. */
const IMPURE_PACKAGES = [/^wxt\//, /^#imports$/, /^idb$/, /^webextension-polyfill$/, /^@webext-core\//];
/** Project folders that reach outside the code. */
const IMPURE_FOLDERS = ['utils/db/', 'utils/net/', 'utils/messaging/', 'entrypoints/'];

const files = SCANNED.flatMap(sourceFiles);
const parsed = new Map(files.map((f) => [f, importsOf(f)]));
const allImports = [...parsed.values()].flatMap((p) => p.imports);

/** The entrypoint a file belongs to: `entrypoints/background/x.ts` → `background`, `entrypoints/popup.ts` → `popup`. */
const entrypointOf = (file: string) => /^entrypoints\/([^/]+?)(?:\.tsx?)?(?:\/|$)/.exec(file)?.[1] ?? null;
const under = (file: string | null, ...folders: string[]) => file !== null && folders.some((f) => file.startsWith(f));
const show = (i: Import) => `${i.from}:${i.line} → ${i.specifier}`;

/** Files reachable from `start` through project imports (type-only included), `start` included. */
function reachable(start: string[]): Set<string> {
  const seen = new Set(start);
  const queue = [...start];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    for (const i of parsed.get(file)?.imports ?? []) {
      if (i.target && parsed.has(i.target) && !seen.has(i.target)) {
        seen.add(i.target);
        queue.push(i.target);
      }
    }
  }
  return seen;
}

interface Rule {
  name: string;
  /** The imports this rule looked at. */
  checked: () => number;
  /** One readable line per offence. */
  violations: () => string[];
}

const pure = files.filter((f) => under(f, 'utils/color/', 'utils/search/'));

const RULES: Rule[] = [
  {
    name: 'only entrypoints/background/ and utils/db/ import utils/db/',
    checked: () => allImports.length,
    violations: () =>
      allImports.filter((i) => under(i.target, 'utils/db/') && !under(i.from, 'entrypoints/background/', 'utils/db/')).map(show),
  },
  {
    name: 'no entrypoint imports another entrypoint',
    checked: () => allImports.filter((i) => under(i.from, 'entrypoints/')).length,
    violations: () =>
      allImports
        .filter((i) => under(i.from, 'entrypoints/') && under(i.target, 'entrypoints/'))
        .filter((i) => entrypointOf(i.from) !== entrypointOf(i.target as string))
        .map(show),
  },
  {
    name: 'utils/ and components/ never import entrypoints/ (shared channel types live in utils/messaging/)',
    checked: () => allImports.filter((i) => under(i.from, 'utils/', 'components/')).length,
    violations: () =>
      allImports.filter((i) => under(i.from, 'utils/', 'components/') && under(i.target, 'entrypoints/')).map(show),
  },
  {
    name: 'utils/ never imports components/',
    checked: () => allImports.filter((i) => under(i.from, 'utils/')).length,
    violations: () => allImports.filter((i) => under(i.from, 'utils/') && under(i.target, 'components/')).map(show),
  },
  {
    name: 'utils/schemas/ imports only zod and itself',
    checked: () => allImports.filter((i) => under(i.from, 'utils/schemas/')).length,
    violations: () =>
      allImports
        .filter((i) => under(i.from, 'utils/schemas/'))
        .filter((i) => (i.target === null ? !/^zod(\/|$)/.test(i.specifier) : !under(i.target, 'utils/schemas/')))
        .map(show),
  },
  {
    name: 'utils/color/ and utils/search/ are pure: nothing they reach imports the extension APIs, the network, the database or an entrypoint, or uses browser/chrome/fetch/indexedDB',
    checked: () => [...reachable(pure)].reduce((n, f) => n + (parsed.get(f)?.imports.length ?? 0), 0),
    violations: () => {
      const out: string[] = [];
      for (const file of reachable(pure)) {
        const { imports, globals } = parsed.get(file) ?? { imports: [], globals: [] };
        for (const i of imports) {
          const impure =
            i.target === null ? IMPURE_PACKAGES.some((p) => p.test(i.specifier)) : under(i.target, ...IMPURE_FOLDERS);
          if (impure) out.push(show(i));
        }
        for (const g of globals) out.push(`${file}:${g.line} uses ${g.name}`);
      }
      return out;
    },
  },
];

describe('walls between the parts', () => {
  it('reads every source file under entrypoints/, utils/ and components/', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(allImports.length).toBeGreaterThan(files.length);
  });

  it.each(RULES)('$name', (rule) => {
    const violations = rule.violations();
    const checked = rule.checked();
    console.log(`wall: ${rule.name} — ${checked} imports checked, ${violations.length} crossing(s)`);
    expect(checked, 'the rule looked at no import: is the folder still there?').toBeGreaterThan(0);
    expect(violations, `Wall crossed — ${rule.name}:\n  ${violations.join('\n  ')}\n`).toEqual([]);
  });
});
