/**
 * `npm test`: everything, in the order a failure is cheapest to find — lint and format, types,
 * both builds, the Firefox linter, then unit and real-Chromium e2e tests. Every step runs even
 * after a failure, so one run shows all that is wrong. Ends with the line CI reads:
 * `N passed, N failed` (each step counts as one check, each Vitest test as one).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureChromium } from './harness/chromium';

const ROOT = resolve(import.meta.dirname, '..');
const VITEST_REPORT = resolve(ROOT, '.output/test-results/vitest.json');
const bin = (name: string) => resolve(ROOT, 'node_modules/.bin', name);

interface StepResult {
  name: string;
  ok: boolean;
  seconds: number;
  note?: string;
}

function run(name: string, command: string, args: string[], check?: (stdout: string) => string | undefined): StepResult {
  const started = Date.now();
  console.log(`\n▶ ${name}: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  process.stdout.write(result.stdout ?? '');
  const problem = result.status !== 0 ? `exit code ${result.status}` : check?.(result.stdout ?? '');
  const seconds = (Date.now() - started) / 1000;
  console.log(`${problem ? '✗' : '✓'} ${name} (${seconds.toFixed(1)} s)${problem ? `: ${problem}` : ''}`);
  return { name, ok: !problem, seconds, note: problem };
}

const steps: StepResult[] = [];
steps.push(run('lint + format (Biome)', bin('biome'), ['ci', '--colors=off', '.']));
steps.push(run('types (tsc strict)', bin('tsc'), ['--noEmit']));
steps.push(run('build chrome-mv3', bin('wxt'), ['build']));
steps.push(run('build firefox-mv3', bin('wxt'), ['build', '-b', 'firefox', '--mv3']));
steps.push(
  run(
    'web-ext lint (Firefox build)',
    bin('web-ext'),
    ['lint', '--source-dir', '.output/firefox-mv3', '--output', 'json', '--no-config-discovery'],
    (out) => {
      const summary = JSON.parse(out.slice(out.indexOf('{'))).summary as { errors: number; warnings: number };
      console.log(`  web-ext lint: ${summary.errors} errors, ${summary.warnings} warnings`);
      return summary.errors > 0 ? `${summary.errors} errors` : undefined;
    },
  ),
);

try {
  process.env.CHROMIUM_PATH ??= ensureChromium();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
}
rmSync(VITEST_REPORT, { force: true });
steps.push(run('unit + e2e tests (Vitest)', bin('vitest'), ['run', '--config', 'tests/vitest.config.ts']));

let passed = steps.filter((s) => s.ok).length;
let failed = steps.length - passed;
if (existsSync(VITEST_REPORT)) {
  const report = JSON.parse(readFileSync(VITEST_REPORT, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numTotalTests: number;
  };
  // A suite that crashed before running tests counts as a failure even if no test failed.
  const notRun = report.numTotalTests - report.numPassedTests - report.numFailedTests;
  console.log(`\nVitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${notRun} skipped`);
  passed += report.numPassedTests;
  failed += report.numFailedTests;
} else {
  console.log('\nVitest wrote no report: counted as one failure.');
  failed += 1;
}

console.log('\nSummary');
for (const s of steps) console.log(`  ${s.ok ? '✓' : '✗'} ${s.name} — ${s.seconds.toFixed(1)} s${s.note ? ` (${s.note})` : ''}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
