/**
 * axe-core over every screen a person uses, in English and Arabic, each with content in it: the side
 * panel's tabs (and the views inside them: playbooks, testimonials, the template editor, a saved ad),
 * the picker on a platform page, the button beside the composer and the Save/Follow controls on an ad
 * library's cards (in closed shadow roots, opened to the audit through DevTools). No serious or
 * critical violation; the summary per screen is printed at the end.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browseAllCards, clickSave } from '../harness/ad-library';
import { saveScreenshot } from '../harness/artifacts';
import {
  type AuditTarget,
  audit,
  blocking,
  describeViolations,
  type ScreenSummary,
  screenSummary,
  summaryTable,
} from '../harness/axe';
import { type ExtensionBrowser, launchWithExtension, panelMessage, sendToTab } from '../harness/browser';
import { exposeClosedShadowRoots } from '../harness/closed-shadow-roots';
import {
  clickComposerButton,
  focusComposer,
  modelText,
  openDemo,
  pickerFrame,
  pickerShown,
  typeInComposer,
} from '../harness/composer';
import { demoPage, serveDemoPages, thanksReply } from '../harness/demo-pages';
import { bandsPng } from '../harness/test-images';

const META_FIXTURES = resolve(import.meta.dirname, '../fixtures/ad-libraries/meta-ad-library');
const LIBRARY_PAGE = readFileSync(resolve(META_FIXTURES, 'meta-adlib-search-en.html'), 'utf8');
const LIBRARY_URL = 'https://www.facebook.com/ads/library/?active_status=all&ad_type=all&country=ALL&q=veteran';
const PNG = readFileSync(resolve(import.meta.dirname, '../../public/icon/128.png'));
const HOSTS = 'dalilAuditHosts';

let browser: ExtensionBrowser;
const summaries: ScreenSummary[] = [];

beforeAll(async () => {
  browser = await launchWithExtension({ viewport: { width: 900, height: 1000 } });
  await serveDemoPages(browser.context);
  await browser.context.route(/^https:\/\/[^/]*fbcdn\.net\//, (route) =>
    route.fulfill({ status: 200, contentType: 'image/png', body: PNG }),
  );
  await browser.context.route('https://www.facebook.com/ads/library/**', (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: LIBRARY_PAGE }),
  );
});
afterAll(async () => {
  console.log(`axe-core summary per screen (serious and critical fail the test):\n${summaryTable(summaries)}`);
  await browser?.close();
});

/** Audits what `target` shows now as `screen`; a serious or critical violation fails the test (after the other screens ran). */
async function check(screen: string, target: AuditTarget, options?: { elementsGlobal?: string }) {
  const violations = await audit(target, options);
  summaries.push(screenSummary(screen, violations));
  const bad = blocking(violations);
  expect
    .soft(
      bad.map((v) => v.id),
      `${screen}:\n${describeViolations(bad)}`,
    )
    .toEqual([]);
}

const TAB_NAMES = {
  en: { templates: 'Templates', brand: 'Brand', swipe: 'Swipe file', log: 'Log', settings: 'Settings' },
  ar: { templates: 'القوالب', brand: 'الهوية', swipe: 'الإعلانات', log: 'السجل', settings: 'الإعدادات' },
} as const;

/** A reply, a testimonial, two saved ads and three palette checks: the log's charts and the swipe file have something to show. */
let seeded: Promise<void> | undefined;
/** Seeds once for the tests that need content (each can run alone with -t). */
const seed = () => {
  seeded ??= morningOfWork();
  return seeded;
};

async function morningOfWork() {
  const panel = await browser.openSidePanel({ locale: 'en' });
  const page = await openDemo(browser, 'facebook');
  await focusComposer(page);
  await typeInComposer(page, ';thanks');
  // The thanks template in the comment's language (Facebook's demo comment is Arabic).
  await expect.poll(() => modelText(page)).toContain(thanksReply(demoPage('facebook')));
  await expect.poll(() => panelMessage<number>(panel, 'panel.countLog', { kinds: ['template.inserted'] })).toBe(1);
  await page.close();
  // A testimonial, as the "Save comment as testimonial" menu item saves one (menus cannot be clicked by automation).
  const post = await openDemo(browser, 'x');
  await post.locator('[data-testid="tweetText"]').click({ button: 'right' });
  expect(await sendToTab(browser, 'https://x.com/', { type: 'dalil.save-testimonial' })).toBe(true);
  await expect
    .poll(async () => (await panelMessage<{ total: number }>(panel, 'panel.listTestimonials', { offset: 0, limit: 1 })).total)
    .toBe(1);
  await post.close();
  const library = await browser.context.newPage();
  await library.goto(LIBRARY_URL);
  await clickSave(library, 0);
  await clickSave(library, 1);
  await expect.poll(async () => (await panelMessage<unknown[]>(panel, 'panel.listAds', {})).length).toBe(2);
  await library.close();
  // A followed advertiser, as the card's Follow control follows one.
  await panelMessage(panel, 'panel.followAdvertiser', { key: 'meta:acme', library: 'meta', name: 'مقهى دليل', follow: true });
  for (const [verdict, share] of [
    ['pass', 0.95],
    ['fail', 0.3],
    ['warn', 0.7],
  ] as const) {
    await panelMessage(panel, 'panel.logPaletteCheck', {
      origin: 'file',
      label: 'a.png',
      verdict,
      onPaletteShare: share,
      swatches: 4,
    });
  }
  await panel.close();
}

async function auditPanel(locale: 'en' | 'ar') {
  const names = TAB_NAMES[locale];
  const panel = await browser.openSidePanel({ locale });
  const tab = (id: keyof typeof names) => panel.getByRole('tab', { name: names[id] });

  await expect.poll(() => panel.getByTestId('template-item').count()).toBeGreaterThan(0);
  await check(`panel ${locale}: templates`, panel);
  const views = panel.getByTestId('template-views').getByRole('button');
  await views.nth(1).click();
  await panel.getByTestId('playbooks-view').waitFor();
  await check(`panel ${locale}: playbooks`, panel);
  await views.nth(2).click();
  await panel.getByTestId('testimonial').first().waitFor();
  await check(`panel ${locale}: testimonials`, panel);
  await views.nth(0).click();
  await panel.getByTestId('template-item').first().getByRole('button').first().click();
  await check(`panel ${locale}: template editor`, panel);
  await saveScreenshot(panel, `a11y-${locale}-template-editor`);
  await panel.reload();

  await tab('brand').click();
  await panel.getByTestId('image-file-input').setInputFiles({
    name: 'spring.png',
    mimeType: 'image/png',
    buffer: bandsPng(64, 16, [
      ['#0f7a5c', 0.6],
      ['#f2c14e', 0.4],
    ]),
  });
  await panel.getByTestId('palette-report').first().waitFor();
  await check(`panel ${locale}: brand`, panel);
  await saveScreenshot(panel, `a11y-${locale}-brand`);

  await tab('swipe').click();
  await expect.poll(() => panel.getByTestId('swipe-card').count()).toBe(2);
  await check(`panel ${locale}: swipe file`, panel);
  const swipeViews = panel.getByTestId('swipe-views').getByRole('button');
  await swipeViews.nth(1).click();
  await panel.getByTestId('followed-advertiser').first().waitFor();
  await check(`panel ${locale}: followed advertisers`, panel);
  await swipeViews.nth(0).click();
  await panel.getByTestId('swipe-card').first().getByRole('button').first().click();
  await panel.getByTestId('ad-detail').waitFor();
  await check(`panel ${locale}: saved ad`, panel);
  await saveScreenshot(panel, `a11y-${locale}-saved-ad`);

  await tab('log').click();
  await panel.getByTestId('log-chart-replies').waitFor();
  await expect.poll(() => panel.getByTestId('log-list').locator('li').count()).toBeGreaterThan(0);
  await check(`panel ${locale}: log`, panel);
  await saveScreenshot(panel, `a11y-${locale}-log`);

  await tab('settings').click();
  await check(`panel ${locale}: settings`, panel);
  await saveScreenshot(panel, `a11y-${locale}-settings`);
  await panel.close();
}

/** Dalil's own elements on a web page (closed shadow roots made visible to the audit), audited alone. */
async function checkInPage(screen: string, page: Page) {
  expect(await exposeClosedShadowRoots(page, HOSTS)).toBeGreaterThan(0);
  // The audit reads each host's root as a person's screen reader does: its buttons are there to be checked.
  const buttons = await page.evaluate(
    (name) =>
      (window as unknown as Record<string, Element[]>)[name].flatMap((h) => [...(h.shadowRoot?.querySelectorAll('button') ?? [])])
        .length,
    HOSTS,
  );
  expect(buttons).toBeGreaterThan(0);
  await check(screen, page, { elementsGlobal: HOSTS });
}

async function auditPageControls(locale: 'en' | 'ar') {
  const page = await openDemo(browser, 'x', locale);
  await focusComposer(page);
  await clickComposerButton(page);
  const frame: Frame = await pickerFrame(page);
  // The button stays beside the composer while the picker is open.
  await checkInPage(`page ${locale}: composer button`, page);
  await check(`page ${locale}: picker`, frame);
  await saveScreenshot(page, `a11y-${locale}-picker`);
  await page.close();

  const library = await browser.context.newPage();
  await library.goto(LIBRARY_URL);
  expect(await browseAllCards(library)).toBeGreaterThan(2);
  await checkInPage(`page ${locale}: ad library controls`, library);
  await library.close();
}

describe('accessibility (axe-core)', () => {
  it('finds no serious or critical violation on any screen, in English and Arabic', async () => {
    await seed();
    for (const locale of ['en', 'ar'] as const) {
      // The panel's language is Dalil's language: the in-page controls follow it too.
      await auditPanel(locale);
      await auditPageControls(locale);
    }
  });
});

/** The tab that has focus: its name, whether it is the chosen one, and the panel it shows. */
const focusedTab = (panel: Page) =>
  panel.evaluate(() => {
    const tab = document.activeElement;
    const panelId = tab?.getAttribute('aria-controls');
    return {
      name: tab?.getAttribute('role') === 'tab' ? tab.textContent : null,
      selected: tab?.getAttribute('aria-selected'),
      shown: panelId ? document.getElementById(panelId)?.getAttribute('aria-labelledby') === tab?.id : false,
      tabStops: [...document.querySelectorAll('[role=tab]')].filter((t) => t.getAttribute('tabindex') === '0').length,
    };
  });

describe('keyboard', () => {
  for (const locale of ['en', 'ar'] as const)
    it(`moves between the side panel's tabs with the arrow keys as drawn, Home and End (${locale})`, async () => {
      const names = Object.values(TAB_NAMES[locale]);
      const panel = await browser.openSidePanel({ locale });
      // In Arabic the row runs from the right: the next tab is to the left.
      const [next, previous] = locale === 'ar' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowRight', 'ArrowLeft'];
      await panel.getByRole('tab', { name: names[0] }).focus();
      const steps: Array<[string, string]> = [
        [next, names[1]],
        [next, names[2]],
        [previous, names[1]],
        [previous, names[0]],
        // Wrapping at both ends.
        [previous, names[4]],
        [next, names[0]],
        ['End', names[4]],
        ['Home', names[0]],
      ];
      for (const [key, expected] of steps) {
        await panel.keyboard.press(key);
        expect(await focusedTab(panel), `${key} → ${expected}`).toEqual({
          name: expected,
          selected: 'true',
          shown: true,
          tabStops: 1,
        });
      }
      // Tab leaves the row for the panel's first control, Shift+Tab comes back to the chosen tab.
      await panel.keyboard.press(next);
      await panel.keyboard.press('Tab');
      expect(await panel.evaluate(() => document.activeElement?.closest('[role=tabpanel]') !== null)).toBe(true);
      await panel.keyboard.press('Shift+Tab');
      expect((await focusedTab(panel)).name).toBe(names[1]);
      await panel.close();
    });

  it('returns focus to the control that opened the template editor and a saved ad', async () => {
    await seed();
    const panel = await browser.openSidePanel({ locale: 'en' });
    const focusReturn = () => panel.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.focusReturn);
    const edit = panel.locator('[data-template-id="care.price.en"]').getByRole('button', { name: 'Edit' });
    await edit.focus();
    await panel.keyboard.press('Enter');
    // The editor takes focus at its heading, so a screen reader says where the person is.
    expect(await panel.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    await panel.getByRole('button', { name: 'Cancel' }).press('Enter');
    expect(await focusReturn()).toBe('edit:care.price.en');

    await panel.getByRole('button', { name: 'New template' }).press('Enter');
    await panel.getByRole('button', { name: 'Cancel' }).press('Enter');
    expect(await focusReturn()).toBe('new');

    await panel.getByRole('tab', { name: 'Swipe file' }).click();
    const card = panel.getByTestId('swipe-card').nth(1);
    const adId = await card.getAttribute('data-ad-id');
    await card.getByRole('button').first().press('Enter');
    await panel.getByTestId('ad-detail').waitFor();
    await panel.getByRole('button', { name: /Back to the swipe file/ }).press('Enter');
    expect(await focusReturn()).toBe(`ad:${adId}`);
    await panel.close();
  });

  it('returns focus to the composer when the picker closes with Escape, so typing goes on there', async () => {
    const page = await openDemo(browser, 'x');
    await focusComposer(page);
    await typeInComposer(page, 'Hello');
    await clickComposerButton(page);
    const picker = await pickerFrame(page);
    // The picker takes focus at its search box: that is where the person's keys go.
    await expect.poll(() => picker.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    await page.keyboard.press('Escape');
    await expect.poll(() => pickerShown(page)).toBe(false);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('.public-DraftEditor-content') !== null))
      .toBe(true);
    await typeInComposer(page, ' there');
    await expect.poll(() => modelText(page)).toBe('Hello there');
    await page.close();
  });
});
