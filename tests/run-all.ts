/**
 * `npm test`: everything, in the order a failure is cheapest to find — lint and format, types,
 * both builds, the store packages (web-ext lint on the Firefox zip), then unit and real-Chromium e2e tests, then the real-Firefox e2e
 * suite (a step of its own: one browser at a time on two cores). Every step runs even
 * after a failure, so one run shows all that is wrong. Ends with the line CI reads:
 * `N passed, N failed` (each step counts as one check, each Vitest test as one). What did not run
 * counts as failed: a step that could not start, a test file that failed to load, a suite that
 * crashed, tests that never ran, a Vitest step whose report is missing (tests/harness/vitest-report.ts).
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureChromium } from './harness/chromium';
import { ensureFirefox } from './harness/firefox';
import { countVitestReport, type VitestCount } from './harness/vitest-report';

const ROOT = resolve(import.meta.dirname, '..');
const VITEST_REPORT = resolve(ROOT, '.output/test-results/vitest.json');
const FIREFOX_REPORT = resolve(ROOT, '.output/test-results/vitest-firefox.json');
const bin = (name: string) => resolve(ROOT, 'node_modules/.bin', name);

interface StepResult {
  name: string;
  ok: boolean;
  seconds: number;
  note?: string;
}

function run(
  name: string,
  command: string,
  args: string[],
  check?: (stdout: string) => string | undefined,
  env: Record<string, string> = {},
): StepResult {
  const started = Date.now();
  console.log(`\n▶ ${name}: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...env },
  });
  process.stdout.write(result.stdout ?? '');
  // A step that could not start or was killed never ran: that is a failure too, said as such.
  const problem = result.error
    ? `did not run: ${result.error.message}`
    : result.signal
      ? `killed by ${result.signal}`
      : result.status !== 0
        ? `exit code ${result.status}`
        : check?.(result.stdout ?? '');
  const seconds = (Date.now() - started) / 1000;
  console.log(`${problem ? '✗' : '✓'} ${name} (${seconds.toFixed(1)} s)${problem ? `: ${problem}` : ''}`);
  return { name, ok: !problem, seconds, note: problem };
}

const steps: StepResult[] = [];
steps.push(run('lint + format (Biome)', bin('biome'), ['ci', '--colors=off', '.']));
steps.push(run('types (tsc strict)', bin('tsc'), ['--noEmit']));
steps.push(run('build chrome-mv3', bin('wxt'), ['build']));
steps.push(run('build firefox-mv3', bin('wxt'), ['build', '-b', 'firefox', '--mv3']));
// The store packages as `npm run zip` writes them, checked as the stores take them: the Firefox zip through
// web-ext lint (no error, no warning from our code), no `key` in Chrome's, a sources zip AMO can rebuild from.
steps.push(run('store packages (npm run zip + checks)', 'npm', ['run', '--silent', 'zip']));

try {
  process.env.CHROMIUM_PATH ??= ensureChromium();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
}
rmSync(VITEST_REPORT, { force: true });
const vitest = ['run', '--config', 'tests/vitest.config.ts'];
steps.push(run('unit + Chromium e2e tests (Vitest)', bin('vitest'), [...vitest, '--project', 'unit', '--project', 'e2e']));

try {
  process.env.FIREFOX_PATH ??= ensureFirefox();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
}
rmSync(FIREFOX_REPORT, { force: true });
steps.push(
  run('Firefox e2e tests (Vitest)', bin('vitest'), [...vitest, '--project', 'firefox'], undefined, {
    DALIL_VITEST_REPORT: FIREFOX_REPORT,
  }),
);

let passed = steps.filter((s) => s.ok).length;
let failed = steps.length - passed;
const problems: string[] = [];

/** Adds one Vitest step's report to the totals; a report that is missing counts as a failure. */
function addVitest(name: string, report: string): VitestCount {
  const count = countVitestReport(report, ROOT);
  console.log(`\n${name}: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped`);
  for (const problem of count.problems) console.log(`  ✗ ${problem}`);
  passed += count.passed;
  failed += count.failed;
  problems.push(...count.problems);
  return count;
}

addVitest('Vitest (unit + Chromium e2e)', VITEST_REPORT);
addVitest('Vitest (Firefox e2e)', FIREFOX_REPORT);

console.log('\nSummary');
for (const s of steps) console.log(`  ${s.ok ? '✓' : '✗'} ${s.name} — ${s.seconds.toFixed(1)} s${s.note ? ` (${s.note})` : ''}`);
for (const problem of problems) console.log(`  ✗ ${problem}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
