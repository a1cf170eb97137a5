/**
 * `npm run zip` ends here: the packages it wrote are checked as the stores will take them.
 * - Chrome / Edge zip: a Manifest V3 manifest of this version, without `key` (the Chrome Web Store
 *   refuses a package that has one).
 * - Firefox zip: unpacked as AMO unpacks it and run through `web-ext lint` (Mozilla's addons-linter):
 *   no error, and no warning except the listed ones from bundled third-party code, each with its reason.
 * - Sources zip (AMO's reviewers rebuild the add-on from it): what the build needs, and no node_modules,
 *   .output or .wxt. Files in it that git does not have as committed are named: a release is zipped
 *   from a clean checkout.
 * `npm run zip -- --rebuild` also does what a reviewer does: unpacks the sources zip in an empty
 * folder, runs `npm ci` and `wxt zip -b firefox --mv3` there, and compares that add-on with ours file by file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { type Unzipped, unzipSync } from 'fflate';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = resolve(ROOT, '.output');
const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const zipPath = (kind: 'chrome' | 'firefox' | 'sources') => resolve(OUT, `${pkg.name}-${pkg.version}-${kind}.zip`);

interface Manifest {
  manifest_version?: number;
  version?: string;
  key?: string;
  update_url?: string;
  browser_specific_settings?: { gecko?: { id?: string; update_url?: string } };
}

interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/**
 * Warnings the linter gives on code we bundle but did not write. Each says where the code comes from
 * and why it is not a problem in Dalil; `holds` checks that reason against our own sources.
 */
const THIRD_PARTY: Array<{
  code: string;
  /** The code around the linter's position is this library's. */
  matches: (around: string) => boolean;
  from: string;
  why: string;
  holds: () => string | undefined;
}> = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    // react-dom-client.production.js, setProp and setPropOnCustomElement: `case "dangerouslySetInnerHTML": … domElement.innerHTML = value.__html`.
    matches: (around) => around.includes('dangerouslySetInnerHTML') && /\.innerHTML=/.test(around),
    from: 'react-dom (react-dom-client.production.js: setProp / setPropOnCustomElement)',
    why: "React's own handling of the dangerouslySetInnerHTML prop; Dalil never passes that prop, so it never runs",
    holds: () => {
      const users = sourceFiles().filter((file) => readFileSync(file, 'utf8').includes('dangerouslySetInnerHTML'));
      return users.length ? `Dalil uses dangerouslySetInnerHTML: ${users.map((f) => relative(ROOT, f)).join(', ')}` : undefined;
    },
  },
];

/** Dalil's own code that goes into the packages. */
function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx|js|jsx|mjs|html)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) files.push(path);
    }
  };
  for (const dir of ['entrypoints', 'components', 'utils']) if (existsSync(resolve(ROOT, dir))) walk(resolve(ROOT, dir));
  return files;
}

const problems: string[] = [];
const lines: string[] = [];
const kB = (bytes: number) => (bytes > 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.round(bytes / 1000)} kB`);

function openZip(kind: 'chrome' | 'firefox' | 'sources'): Unzipped | undefined {
  const path = zipPath(kind);
  if (!existsSync(path)) {
    problems.push(`${kind}: ${relative(ROOT, path)} is missing (npm run zip writes it)`);
    return undefined;
  }
  return unzipSync(readFileSync(path));
}

function manifestOf(kind: string, files: Unzipped): Manifest | undefined {
  const raw = files['manifest.json'];
  if (!raw) {
    problems.push(`${kind}: no manifest.json at the zip's root`);
    return undefined;
  }
  const manifest = JSON.parse(new TextDecoder().decode(raw)) as Manifest;
  if (manifest.manifest_version !== 3) problems.push(`${kind}: manifest_version is ${manifest.manifest_version}, not 3`);
  if (manifest.version !== pkg.version)
    problems.push(`${kind}: manifest version ${manifest.version}, package.json ${pkg.version}`);
  return manifest;
}

function writeTree(files: Unzipped, dir: string): void {
  for (const [name, bytes] of Object.entries(files)) {
    if (name.endsWith('/')) continue;
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }
}

const fileCount = (files: Unzipped) => Object.keys(files).filter((n) => !n.endsWith('/')).length;

function checkChrome(): void {
  const files = openZip('chrome');
  if (!files) return;
  const manifest = manifestOf('chrome', files);
  if (manifest?.key) problems.push('chrome: the manifest has a "key"; the Chrome Web Store refuses such a package');
  lines.push(
    `chrome:  ${relative(ROOT, zipPath('chrome'))} (${kB(statSync(zipPath('chrome')).size)}, ${fileCount(files)} files) — ` +
      (manifest?.update_url
        ? `self-hosted (update_url ${manifest.update_url}): pack .output/chrome-mv3 as a CRX; not for the stores`
        : 'Chrome Web Store, Edge Add-ons'),
  );
}

function checkFirefox(): void {
  const files = openZip('firefox');
  if (!files) return;
  const manifest = manifestOf('firefox', files);
  const gecko = manifest?.browser_specific_settings?.gecko;
  if (!gecko?.id) problems.push('firefox: no browser_specific_settings.gecko.id (AMO needs a fixed add-on id)');
  const dir = mkdtempSync(join(tmpdir(), 'dalil-firefox-zip-'));
  try {
    writeTree(files, dir);
    const args = ['lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'];
    // A build with an update URL is for self-hosting (signed as unlisted on AMO): lint it as such.
    if (gecko?.update_url) args.push('--self-hosted');
    const run = spawnSync(resolve(ROOT, 'node_modules/.bin/web-ext'), args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const out = run.stdout ?? '';
    if (!out.includes('{')) {
      problems.push(`firefox: web-ext lint gave no report (${run.error?.message ?? run.stderr?.trim() ?? `exit ${run.status}`})`);
      return;
    }
    const report = JSON.parse(out.slice(out.indexOf('{'))) as {
      errors: LintMessage[];
      warnings: LintMessage[];
      notices: LintMessage[];
    };
    const where = (m: LintMessage) => `${m.file ?? ''}${m.line ? `:${m.line}:${m.column ?? 0}` : ''}`;
    for (const error of report.errors) problems.push(`firefox: lint error ${error.code} ${where(error)}: ${error.message}`);
    const theirs: string[] = [];
    for (const warning of report.warnings) {
      const text = warning.file ? (readFileSync(join(dir, warning.file), 'utf8').split('\n')[(warning.line ?? 1) - 1] ?? '') : '';
      const column = warning.column ?? 0;
      const around = text.slice(Math.max(0, column - 600), column + 100);
      const known = THIRD_PARTY.find((t) => t.code === warning.code && t.matches(around));
      const broken = known?.holds();
      if (known && !broken) theirs.push(`${warning.code} ${where(warning)}: ${known.from} — ${known.why}`);
      else
        problems.push(
          `firefox: lint warning ${warning.code} ${where(warning)}: ${warning.message}${broken ? ` (${broken})` : ''}`,
        );
    }
    const ours = report.warnings.length - theirs.length;
    lines.push(
      `firefox: ${relative(ROOT, zipPath('firefox'))} (${kB(statSync(zipPath('firefox')).size)}, ${fileCount(files)} files) — ` +
        `AMO${gecko?.update_url ? ` unlisted, self-hosted (update_url ${gecko.update_url})` : ''}; web-ext lint${gecko?.update_url ? ' --self-hosted' : ''}: ` +
        `${report.errors.length} errors, ${ours} warnings from our code, ${report.notices.length} notices` +
        (theirs.length ? `; ${theirs.length} from bundled third-party code:\n${theirs.map((t) => `    ${t}`).join('\n')}` : ''),
    );
    for (const notice of report.notices) lines.push(`    notice ${notice.code} ${where(notice)}: ${notice.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function git(args: string[]): string | undefined {
  const run = spawnSync('git', ['-C', ROOT, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return run.status === 0 ? run.stdout : undefined;
}

function checkSources(): Unzipped | undefined {
  const files = openZip('sources');
  if (!files) return undefined;
  const names = Object.keys(files).filter((n) => !n.endsWith('/'));
  for (const needed of ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'README.md']) {
    if (!names.includes(needed)) problems.push(`sources: ${needed} is missing; a reviewer cannot build without it`);
  }
  const generated = names.filter((n) => n.split('/').some((part) => ['node_modules', '.output', '.wxt'].includes(part)));
  if (generated.length) problems.push(`sources: holds generated files (${generated.slice(0, 3).join(', ')}…)`);
  lines.push(
    `sources: ${relative(ROOT, zipPath('sources'))} (${kB(statSync(zipPath('sources')).size)}, ${names.length} files) — ` +
      `for AMO's reviewers; no node_modules, .output or .wxt`,
  );
  const tracked = git(['ls-files']);
  if (tracked !== undefined) {
    const known = new Set(tracked.split('\n'));
    const changed = new Set(
      (git(['status', '--porcelain', '--no-renames']) ?? '')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.slice(3)),
    );
    const notCommitted = names.filter((n) => !known.has(n) || changed.has(n));
    if (notCommitted.length) {
      lines.push(
        `    note: ${notCommitted.length} file(s) in it differ from the last commit (${notCommitted.slice(0, 4).join(', ')}` +
          `${notCommitted.length > 4 ? ', …' : ''}); for a release, zip a clean checkout of the release tag`,
      );
    }
  }
  return files;
}

/** What a reviewer does: the sources zip in an empty folder, `npm ci`, the Firefox zip built there, compared with ours. */
function rebuild(sources: Unzipped): void {
  const dir = mkdtempSync(join(tmpdir(), 'dalil-sources-'));
  try {
    writeTree(sources, dir);
    for (const [command, args] of [
      ['npm', ['ci', '--no-audit', '--no-fund']],
      [join(dir, 'node_modules/.bin/wxt'), ['zip', '-b', 'firefox', '--mv3']],
    ] as const) {
      const run = spawnSync(command, args, { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (run.status !== 0) {
        problems.push(
          `rebuild: \`${relative(dir, command) || command} ${args.join(' ')}\` failed in the unpacked sources:\n${run.stderr || run.stdout}`,
        );
        return;
      }
    }
    const theirs = unzipSync(readFileSync(join(dir, '.output', `${pkg.name}-${pkg.version}-firefox.zip`)));
    const ours = unzipSync(readFileSync(zipPath('firefox')));
    const names = new Set([...Object.keys(theirs), ...Object.keys(ours)].filter((n) => !n.endsWith('/')));
    const differ = [...names].filter((n) => !theirs[n] || !ours[n] || Buffer.compare(theirs[n], ours[n]) !== 0);
    if (differ.length) problems.push(`rebuild: the add-on built from the sources zip differs from ours in ${differ.join(', ')}`);
    else
      lines.push(
        `rebuild: npm ci + wxt zip -b firefox --mv3 in the unpacked sources gives the same add-on (${names.size} files identical)`,
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

checkChrome();
checkFirefox();
const sources = checkSources();
if (sources && process.argv.includes('--rebuild')) rebuild(sources);

console.log(`\nPackages for ${pkg.name} ${pkg.version}:\n${lines.join('\n')}`);
if (problems.length) {
  console.error(`\n✗ ${problems.length} problem(s):\n${problems.map((p) => `  ✗ ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('✓ ready to upload (README, "Publish")');
