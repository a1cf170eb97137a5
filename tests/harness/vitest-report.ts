/**
 * Counting a Vitest run from its JSON report (the `json` reporter, Vitest 4) for the summary line CI reads
 * (`N passed, N failed`), so that what did not run is not mistaken for what passed:
 * - a test file that failed outside any test — an import that does not resolve, a fixture missing at load, a
 *   `describe` body or a `beforeAll` that threw — counts as one failure of its own (Vitest's own numbers count
 *   only failing tests, so such a file added nothing to them);
 * - in a file that failed, every test that did not run (skipped, todo, pending) counts as failed: whether it was
 *   skipped on purpose or because its suite crashed, the report cannot tell, and it did not pass;
 * - a test still pending in a file that passed never ran either: failed;
 * - a missing or unreadable report counts as one failure (the step never ran, or crashed before writing it).
 * Tests skipped or left todo on purpose in a file that passed are counted as skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

/** The parts of Vitest's JSON report read here. */
export interface VitestJsonReport {
  success: boolean;
  numFailedTestSuites?: number;
  testResults: Array<{
    name: string;
    status: 'passed' | 'failed' | string;
    message: string;
    assertionResults: Array<{ fullName: string; status: 'passed' | 'failed' | 'pending' | 'skipped' | 'todo' | string }>;
  }>;
}

export interface VitestCount {
  passed: number;
  failed: number;
  /** Skipped or todo on purpose, in files that passed. */
  skipped: number;
  /** Why each failure that no failing test shows was counted: one line per file (or per report). */
  problems: string[];
}

const firstLine = (text: string) => {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
};

/** Counts one parsed report; `root` makes file names relative in the problems listed. */
export function countVitestResults(report: VitestJsonReport, label: string, root = process.cwd()): VitestCount {
  const count: VitestCount = { passed: 0, failed: 0, skipped: 0, problems: [] };
  if (!Array.isArray(report?.testResults)) {
    return { ...count, failed: 1, problems: [`${label}: the report lists no test files (unreadable): counted as 1 failed`] };
  }
  for (const file of report.testResults) {
    const name = relative(root, file.name) || file.name;
    const tests = Array.isArray(file.assertionResults) ? file.assertionResults : [];
    const passed = tests.filter((t) => t.status === 'passed').length;
    const failed = tests.filter((t) => t.status === 'failed').length;
    const pending = tests.filter(
      (t) => t.status !== 'passed' && t.status !== 'failed' && t.status !== 'skipped' && t.status !== 'todo',
    );
    const skippedOrTodo = tests.filter((t) => t.status === 'skipped' || t.status === 'todo').length;
    count.passed += passed;
    count.failed += failed;

    if (file.status === 'passed') {
      count.skipped += skippedOrTodo;
      if (pending.length > 0) {
        count.failed += pending.length;
        count.problems.push(`${name}: ${pending.length} test(s) never ran (${pending[0].fullName}…)`);
      }
      continue;
    }

    // The file failed. What did not run did not pass.
    const notRun = pending.length + skippedOrTodo;
    count.failed += notRun;
    const reasons: string[] = [];
    if (failed === 0) {
      count.failed += 1;
      const message = firstLine(file.message ?? '');
      reasons.push(
        tests.length === 0
          ? `failed to load${message ? `: ${message}` : ''}`
          : `failed outside its tests (a hook or a describe block)${message ? `: ${message}` : ''}`,
      );
    }
    if (notRun > 0) reasons.push(`${notRun} test(s) did not run`);
    if (reasons.length > 0) count.problems.push(`${name}: ${reasons.join('; ')}`);
  }

  // Vitest says the run failed but no file shows why (e.g. no test files found): still a failure.
  if (report.success === false && count.failed === 0) {
    count.failed = 1;
    count.problems.push(
      `${label}: Vitest reports the run as failed (${report.numFailedTestSuites ?? 0} failed suites) though no file failed`,
    );
  }
  return count;
}

/** Counts the JSON report at `path`; a missing or unreadable report is one failure. */
export function countVitestReport(path: string, root = process.cwd()): VitestCount {
  const label = relative(root, path) || path;
  if (!existsSync(path)) {
    return {
      passed: 0,
      failed: 1,
      skipped: 0,
      problems: [`${label}: no report (the step did not run or stopped before writing it)`],
    };
  }
  let report: VitestJsonReport;
  try {
    report = JSON.parse(readFileSync(path, 'utf8')) as VitestJsonReport;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { passed: 0, failed: 1, skipped: 0, problems: [`${label}: unreadable report (${firstLine(reason)})`] };
  }
  return countVitestResults(report, label, root);
}
