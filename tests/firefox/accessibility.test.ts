/**
 * The same axe-core audit as tests/e2e/accessibility.test.ts, in real Firefox (its own accessibility
 * tree and its own layout for contrast): each sidebar tab in English and Arabic, with a palette report and
 * logged checks in it, and the tabs' arrow keys mirrored in Arabic. No serious or critical violation.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuditTarget,
  audit,
  blocking,
  describeViolations,
  type ScreenSummary,
  screenSummary,
  summaryTable,
} from '../harness/axe';
import {
  dropFilesInFirefox,
  type FirefoxWithExtension,
  launchFirefoxWithExtension,
  panelMessageIn,
  pollFor,
} from '../harness/firefox';
import { bandsPng } from '../harness/test-images';

let firefox: FirefoxWithExtension;
const summaries: ScreenSummary[] = [];
beforeAll(async () => {
  firefox = await launchFirefoxWithExtension();
});
afterAll(async () => {
  console.log(`axe-core summary per screen in Firefox (serious and critical fail the test):\n${summaryTable(summaries)}`);
  await firefox?.close();
});

const TABS = {
  en: ['Templates', 'Brand', 'Swipe file', 'Log', 'Settings'],
  ar: ['القوالب', 'الهوية', 'الإعلانات', 'السجل', 'الإعدادات'],
} as const;

async function clickTab(page: Page, name: string) {
  for (const tab of await page.$$('[role="tab"]'))
    if ((await tab.evaluate((t) => t.textContent?.trim())) === name) return tab.click();
  throw new Error(`no tab ${name}`);
}

async function check(screen: string, page: Page) {
  const violations = await audit(page as unknown as AuditTarget);
  summaries.push(screenSummary(screen, violations));
  const bad = blocking(violations);
  expect
    .soft(
      bad.map((v) => v.id),
      `${screen}:\n${describeViolations(bad)}`,
    )
    .toEqual([]);
}

describe('accessibility in Firefox (axe-core)', () => {
  it('finds no serious or critical violation on any sidebar tab, in English and Arabic', async () => {
    for (const locale of ['en', 'ar'] as const) {
      const page = await firefox.openSidePanel({ locale });
      await pollFor(
        () => page.$$eval('[data-testid="template-item"]', (els) => els.length),
        (n) => n > 0,
      );
      if (locale === 'en')
        for (const [verdict, share] of [
          ['pass', 0.95],
          ['fail', 0.3],
        ] as const)
          await panelMessageIn(page, 'panel.logPaletteCheck', {
            origin: 'file',
            label: 'a.png',
            verdict,
            onPaletteShare: share,
            swatches: 4,
          });
      await check(`sidebar ${locale}: templates`, page);
      await clickTab(page, TABS[locale][1]);
      const png = bandsPng(64, 16, [
        ['#0f7a5c', 0.6],
        ['#f2c14e', 0.4],
      ]);
      await dropFilesInFirefox(page, '[data-testid="image-drop-zone"]', [{ name: 'spring.png', type: 'image/png', bytes: png }]);
      await page.waitForSelector('[data-testid="palette-report"]');
      await check(`sidebar ${locale}: brand`, page);
      await clickTab(page, TABS[locale][2]);
      await check(`sidebar ${locale}: swipe file (empty)`, page);
      await clickTab(page, TABS[locale][3]);
      await page.waitForSelector('[data-testid="log-chart-palette-table"]');
      await check(`sidebar ${locale}: log`, page);
      await clickTab(page, TABS[locale][4]);
      await check(`sidebar ${locale}: settings`, page);
      await page.close();
    }
  });

  it('moves between the tabs with the arrow keys as drawn in Arabic (ArrowLeft is the next tab), Home and End', async () => {
    const page = await firefox.openSidePanel({ locale: 'ar' });
    const focused = () =>
      page.evaluate(() => [document.activeElement?.textContent, document.activeElement?.getAttribute('aria-selected')]);
    await page.focus('[role="tab"][aria-selected="true"]');
    for (const [key, index] of [
      ['ArrowLeft', 1],
      ['ArrowLeft', 2],
      ['ArrowRight', 1],
      ['End', 4],
      ['ArrowLeft', 0],
      ['Home', 0],
      ['ArrowRight', 4],
    ] as const) {
      await page.keyboard.press(key);
      expect(await focused(), `${key}`).toEqual([TABS.ar[index], 'true']);
    }
    await page.close();
  });
});
