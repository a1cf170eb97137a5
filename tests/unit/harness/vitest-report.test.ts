/**
 * The summary line counts what did not run as failed. The file entries below are Vitest 4.1's own JSON report for
 * small test files run for this purpose (durations, meta and stack lines trimmed): a passing file with a skip and a
 * todo, a file reading a fixture that is not there, a file importing a module that is not there, a suite whose
 * beforeAll threw, a file with one failing test, a describe body that threw.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countVitestReport, countVitestResults, type VitestJsonReport } from '../../harness/vitest-report';

const ROOT = '/project';
type FileResult = VitestJsonReport['testResults'][number];

const PASSING: FileResult = {
  assertionResults: [
    { fullName: 'adds one and one', status: 'passed' },
    { fullName: 'adds skipped on purpose', status: 'skipped' },
    { fullName: 'adds later', status: 'todo' },
  ],
  status: 'passed',
  message: '',
  name: '/project/tests/unit/pass.test.ts',
};
const MISSING_FIXTURE: FileResult = {
  assertionResults: [],
  status: 'failed',
  message: "ENOENT: no such file or directory, open '/nonexistent/meta-adlib-search-en.html'",
  name: '/project/tests/unit/missing-fixture.test.ts',
};
const MISSING_IMPORT: FileResult = {
  assertionResults: [],
  status: 'failed',
  message: "Cannot find module './not-there' imported from /project/tests/unit/missing-import.test.ts",
  name: '/project/tests/unit/missing-import.test.ts',
};
const CRASHED_SUITE: FileResult = {
  assertionResults: [
    { fullName: 'a browser suite saves an ad', status: 'skipped' },
    { fullName: 'a browser suite lists it', status: 'skipped' },
    { fullName: 'fine runs', status: 'passed' },
  ],
  status: 'failed',
  message: '',
  name: '/project/tests/unit/crashed-suite.test.ts',
};
const ONE_FAILS: FileResult = {
  assertionResults: [
    { fullName: 'passes', status: 'passed' },
    { fullName: 'fails', status: 'failed' },
    { fullName: 'skipped beside a failure', status: 'skipped' },
  ],
  status: 'failed',
  message: '',
  name: '/project/tests/unit/one-fails.test.ts',
};
const DESCRIBE_THREW: FileResult = {
  assertionResults: [],
  status: 'failed',
  message: 'describe body threw',
  name: '/project/tests/unit/throws-in-describe.test.ts',
};

const report = (files: FileResult[], success = files.every((f) => f.status === 'passed')): VitestJsonReport => ({
  success,
  numFailedTestSuites: files.filter((f) => f.status === 'failed').length,
  testResults: files,
});

describe('countVitestResults', () => {
  it('counts a passing file: passes passed, a skip and a todo skipped', () => {
    expect(countVitestResults(report([PASSING]), 'vitest.json', ROOT)).toEqual({
      passed: 1,
      failed: 0,
      skipped: 2,
      problems: [],
    });
  });

  it('counts a file that failed to load (missing fixture, missing module) as one failure each, with the reason', () => {
    const count = countVitestResults(report([PASSING, MISSING_FIXTURE, MISSING_IMPORT]), 'vitest.json', ROOT);
    expect(count).toMatchObject({ passed: 1, failed: 2, skipped: 2 });
    expect(count.problems).toEqual([
      "tests/unit/missing-fixture.test.ts: failed to load: ENOENT: no such file or directory, open '/nonexistent/meta-adlib-search-en.html'",
      "tests/unit/missing-import.test.ts: failed to load: Cannot find module './not-there' imported from /project/tests/unit/missing-import.test.ts",
    ]);
  });

  it('counts a crashed suite once, and each of its tests that never ran', () => {
    const count = countVitestResults(report([CRASHED_SUITE]), 'vitest.json', ROOT);
    expect(count).toMatchObject({ passed: 1, failed: 3, skipped: 0 });
    expect(count.problems).toEqual([
      'tests/unit/crashed-suite.test.ts: failed outside its tests (a hook or a describe block); 2 test(s) did not run',
    ]);
  });

  it('counts a describe body that threw as a load failure', () => {
    const count = countVitestResults(report([DESCRIBE_THREW]), 'vitest.json', ROOT);
    expect(count).toMatchObject({ passed: 0, failed: 1 });
    expect(count.problems).toEqual(['tests/unit/throws-in-describe.test.ts: failed to load: describe body threw']);
  });

  it('counts a failing test once, not its file again, and a skip beside it as not run', () => {
    const count = countVitestResults(report([ONE_FAILS]), 'vitest.json', ROOT);
    expect(count).toMatchObject({ passed: 1, failed: 2, skipped: 0 });
    expect(count.problems).toEqual(['tests/unit/one-fails.test.ts: 1 test(s) did not run']);
  });

  it('adds up the whole run: what Vitest itself calls 3 passed, 1 failed is 4 passed, 8 failed', () => {
    const all = [CRASHED_SUITE, MISSING_FIXTURE, MISSING_IMPORT, ONE_FAILS, PASSING, DESCRIBE_THREW];
    const count = countVitestResults(report(all), 'vitest.json', ROOT);
    expect(count).toMatchObject({ passed: 3, failed: 8, skipped: 2 });
    expect(count.problems).toHaveLength(5);
  });

  it('counts a pending test in a passing file as never run', () => {
    const file: FileResult = {
      ...PASSING,
      assertionResults: [...PASSING.assertionResults, { fullName: 'stuck', status: 'pending' }],
    };
    const count = countVitestResults(report([file]), 'vitest.json', ROOT);
    expect(count).toMatchObject({ passed: 1, failed: 1, skipped: 2 });
    expect(count.problems).toEqual(['tests/unit/pass.test.ts: 1 test(s) never ran (stuck…)']);
  });

  it('counts a run Vitest calls failed with no failed file (no test files found) as one failure', () => {
    const count = countVitestResults({ success: false, numFailedTestSuites: 0, testResults: [] }, 'vitest.json', ROOT);
    expect(count.failed).toBe(1);
    expect(count.problems[0]).toMatch(/^vitest\.json: Vitest reports the run as failed/);
  });
});

describe('countVitestReport', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dalil-vitest-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a report file', () => {
    const path = join(dir, 'vitest.json');
    writeFileSync(path, JSON.stringify(report([PASSING, MISSING_FIXTURE])));
    expect(countVitestReport(path, dir)).toMatchObject({ passed: 1, failed: 1, skipped: 2 });
  });

  it('counts a missing report as one failure: the step never ran or stopped before writing it', () => {
    expect(countVitestReport(join(dir, 'vitest-firefox.json'), dir)).toEqual({
      passed: 0,
      failed: 1,
      skipped: 0,
      problems: ['vitest-firefox.json: no report (the step did not run or stopped before writing it)'],
    });
  });

  it('counts a cut-short or malformed report as one failure', () => {
    const cut = join(dir, 'cut.json');
    writeFileSync(cut, '{"success":true,"testResults":[{"name"');
    expect(countVitestReport(cut, dir)).toMatchObject({ passed: 0, failed: 1 });
    const other = join(dir, 'other.json');
    writeFileSync(other, '{"success":true}');
    expect(countVitestReport(other, dir)).toMatchObject({ passed: 0, failed: 1 });
  });
});
