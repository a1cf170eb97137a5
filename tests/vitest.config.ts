import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  root: new URL('..', import.meta.url).pathname,
  test: {
    // run-all.ts runs the Firefox suite as a step of its own, with its own report.
    reporters: ['default', ['json', { outputFile: process.env.DALIL_VITEST_REPORT ?? '.output/test-results/vitest.json' }]],
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          environment: 'happy-dom',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/unit/setup.ts'],
          // npm test runs these beside Chromium on two cores: a test that reads a 2 MB fixture took
          // 5.6 s there, over Vitest's 5 s default, while taking under 1 s alone.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
          // On CI a browser step that loses a race with the machine gets one more try; locally
          // every flake shows, so it gets fixed rather than hidden.
          retry: process.env.CI ? 1 : 0,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // The same person's steps in real Firefox (firefox-esr over WebDriver BiDi), run as a step of
          // its own after Chromium's: one browser at a time on two cores.
          name: 'firefox',
          environment: 'node',
          include: ['tests/firefox/**/*.test.ts'],
          fileParallelism: false,
          retry: process.env.CI ? 1 : 0,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
