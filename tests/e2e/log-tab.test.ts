/**
 * The Log tab after a morning's work: replies typed in three platforms' composers, two ads saved
 * from the Meta Ad Library, four images checked. Its charts count what happened, its filter
 * narrows the timeline, its exports hold the same entries, in English and Arabic.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickSave } from '../harness/ad-library';
import { saveScreenshot } from '../harness/artifacts';
import { type ExtensionBrowser, launchWithExtension, panelMessage, visibleText } from '../harness/browser';
import { focusComposer, modelText, openDemo, typeInComposer } from '../harness/composer';
import { serveDemoPages } from '../harness/demo-pages';

const META_FIXTURES = resolve(import.meta.dirname, '../fixtures/ad-libraries/meta-ad-library');
const LIBRARY_PAGE = readFileSync(resolve(META_FIXTURES, 'meta-adlib-search-en.html'), 'utf8');
const LIBRARY_URL = 'https://www.facebook.com/ads/library/?active_status=all&ad_type=all&country=ALL&q=veteran';
const PNG = readFileSync(resolve(import.meta.dirname, '../../public/icon/128.png'));

let browser: ExtensionBrowser;
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
afterAll(() => browser?.close());

async function morningOfWork(panel: Page) {
  // Three English comments: ;thanks answers each with the same template (Facebook's demo comment is Arabic).
  const platforms = ['instagram', 'x', 'linkedin'] as const;
  for (const [index, platform] of platforms.entries()) {
    const page = await openDemo(browser, platform);
    await focusComposer(page);
    await typeInComposer(page, ';thanks');
    await expect.poll(() => modelText(page)).toContain('Thank you so much');
    // The insertion is logged after the editor's read-back: an agent never closes the tab within those
    // milliseconds, a test can, and then the entry was never sent.
    await expect.poll(() => panelMessage<number>(panel, 'panel.countLog', { kinds: ['template.inserted'] })).toBe(index + 1);
    await page.close();
  }
  const library = await browser.context.newPage();
  await library.goto(LIBRARY_URL);
  await clickSave(library, 0);
  await clickSave(library, 1);
  await library.close();
}

async function openLog(locale: 'en' | 'ar'): Promise<Page> {
  const panel = await browser.openSidePanel({ locale });
  await panel.getByRole('tab', { name: locale === 'en' ? 'Log' : 'السجل' }).click();
  return panel;
}

describe('the Log tab', () => {
  it('charts the range, filters the timeline and exports the same entries', async () => {
    const panel = await openLog('en');
    await morningOfWork(panel);
    for (const [verdict, share] of [
      ['pass', 0.95],
      ['pass', 0.9],
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

    await expect.poll(() => visibleText(panel.getByTestId('log-chart-replies'))).toContain('3 replies');
    expect(await visibleText(panel.getByTestId('log-chart-templates'))).toContain('Thanks for praise');
    // Each bar's <title> (what a hover or a screen reader gives), without the bidi isolation marks.
    const titles = async (testId: string) =>
      (await panel.getByTestId(testId).locator('rect > title').allTextContents()).map((t) => t.replace(/[\u2066-\u2069]/g, ''));
    expect(await titles('log-chart-templates')).toEqual(['Thanks for praise: used 3 times']);
    const adTitles = await titles('log-chart-ads');
    const adsCounted = adTitles.map((t) => Number(/: (\d+) ads? saved/.exec(t)?.[1] ?? 0)).reduce((a, b) => a + b, 0);
    expect(adsCounted).toBe(2);
    await expect.poll(() => visibleText(panel.getByTestId('log-chart-palette'))).toContain('50% passed: 2 of 4 checks');
    await saveScreenshot(panel, 'log-tab-en');

    await panel.getByTestId('log-kind-filter').selectOption('palette.checked');
    await expect.poll(() => visibleText(panel.getByTestId('log-count'))).toBe('Showing 4 of 4');
    expect(await panel.getByTestId('log-list').locator('li').count()).toBe(4);
    // The newest check's details: labelled, the share as a percentage, the verdict a word, no raw keys.
    const newest = panel.getByTestId('log-list').locator('li').first().getByTestId('log-details');
    expect(await visibleText(newest.locator('[data-detail="onPaletteShare"]'))).toBe('On palette: 70%');
    expect(await visibleText(newest.locator('[data-detail="verdict"]'))).toBe('Verdict: Close');
    expect(await visibleText(newest.locator('[data-detail="swatches"]'))).toBe('Colours found: 4');
    expect(await newest.locator('[data-detail="origin"] bdi').getAttribute('dir')).toBe('ltr');
    expect(await visibleText(newest)).not.toMatch(/onPaletteShare|swatches/);
    await saveScreenshot(panel, 'log-details-en');

    const csvDownload = panel.waitForEvent('download');
    await panel.getByTestId('log-export-csv').click();
    const csv = (await readFile(await (await csvDownload).path(), 'utf8'))
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toMatch(/^id,at,kind,actor,platform,pageUrl,details/);
    expect(csv.slice(1).filter((row) => row.includes('palette.checked'))).toHaveLength(4);
    expect(csv).toHaveLength(5);

    const jsonDownload = panel.waitForEvent('download');
    await panel.getByTestId('log-export-json').click();
    const json = JSON.parse(await readFile(await (await jsonDownload).path(), 'utf8'));
    const entries: Array<{ kind: string; details: { verdict?: string } }> = json.entries ?? json;
    expect(entries.map((e) => e.details.verdict).sort()).toEqual(['fail', 'pass', 'pass', 'warn']);
  });

  it('reads in Arabic, with the charts mirrored', async () => {
    const panel = await openLog('ar');
    await expect.poll(() => visibleText(panel.getByTestId('log-chart-replies'))).toContain('الردود يوميًا');
    // The morning's counts in Arabic's forms and digits: three replies (٣ ردود), a template used three times (its title is its own).
    expect(await visibleText(panel.getByTestId('log-chart-replies').locator('desc'))).toMatch(/^٣ ردود خلال /);
    const titles = await panel.getByTestId('log-chart-templates').locator('rect > title').allTextContents();
    expect(titles.map((t) => t.replace(/[\u2066-\u2069]/g, ''))).toEqual(['Thanks for praise: استُخدم ٣ مرات']);
    await expect.poll(() => visibleText(panel.getByTestId('log-chart-palette'))).toContain('٢ من أصل ٤ فحوص');
    expect(await panel.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await panel.getByTestId('log-chart-replies').locator('svg').getAttribute('direction')).toBe('rtl');
    await saveScreenshot(panel, 'log-tab-ar');

    // An entry's details in Arabic: Arabic labels, Arabic-Indic digits, the verdict as a word.
    await panel.getByTestId('log-kind-filter').selectOption('palette.checked');
    const newest = panel.getByTestId('log-list').locator('li').first().getByTestId('log-details');
    await expect.poll(() => visibleText(newest.locator('[data-detail="onPaletteShare"]'))).toMatch(/^نسبة ألوان الهوية: ٧٠\s?٪/);
    expect(await visibleText(newest.locator('[data-detail="verdict"]'))).toBe('النتيجة: قريبة');
    expect(await visibleText(newest.locator('[data-detail="swatches"]'))).toBe('الألوان المكتشفة: ٤');
    expect(await visibleText(newest)).not.toMatch(/onPaletteShare|swatches|verdict/);
    await saveScreenshot(panel, 'log-details-ar');

    // A custom range's dates, which Chromium draws in the browser's locale, are written beside it in Arabic.
    await panel.getByRole('button', { name: 'مدة تختارها' }).click();
    await panel.getByTestId('log-range-from').fill('2026-03-01');
    await expect.poll(() => visibleText(panel.getByTestId('log-range-from-day'))).toMatch(/^٠?١ مارس ٢٠٢٦$/);
    await saveScreenshot(panel, 'log-range-ar');
  });

  it('finds Arabic words through the search box typed without diacritics, hamza or the article', async () => {
    const panel = await openLog('ar');
    // Image names as people write them: with diacritics and hamza, the article, Latin beside Arabic.
    for (const label of ['صورةُ إعلانِ الصيفِ.png', 'إعلان رمضان.jpg', 'الشحن-المجاني.png', 'banner-summer.png']) {
      await panelMessage(panel, 'panel.logPaletteCheck', {
        origin: 'file',
        label,
        verdict: 'pass',
        onPaletteShare: 0.9,
        swatches: 3,
      });
    }
    const search = panel.getByTestId('log-text-filter');
    const shown = async () =>
      (await panel.getByTestId('log-list').locator('[data-detail="image"]').allTextContents()).map((t) =>
        t.replace(/[\u2066-\u2069]/g, ''),
      );
    // No hamza on the alef, no diacritics, the second word still being typed.
    await search.fill('اعلان الصي');
    await expect.poll(shown).toEqual([expect.stringContaining('صورةُ إعلانِ الصيفِ.png')]);
    // One word, no hamza: both ads' images, newest first.
    await search.fill('اعلان');
    await expect
      .poll(shown)
      .toEqual([expect.stringContaining('إعلان رمضان.jpg'), expect.stringContaining('صورةُ إعلانِ الصيفِ.png')]);
    // Without the article: "شحن" finds "الشحن".
    await search.fill('شحن');
    await expect.poll(shown).toEqual([expect.stringContaining('الشحن-المجاني.png')]);
    await saveScreenshot(panel, 'log-search-ar');
    await search.fill('لا يوجد');
    await expect.poll(() => panel.getByTestId('log-empty').count()).toBe(1);
  });

  it('exports every entry of a large log a page at a time, and cancels', async () => {
    const panel = await openLog('en');
    // A long log written straight into the database, as years of work leave it: 45,000 entries this week.
    const seeded = 45_000;
    await panel.evaluate(async (count) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('dalil');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction('activityLog', 'readwrite');
      const now = Date.now();
      for (let i = 0; i < count; i++) {
        tx.objectStore('activityLog').put({
          id: crypto.randomUUID(),
          // Seven to a millisecond: page boundaries fall inside an instant.
          at: new Date(now - 3_600_000 - Math.floor(i / 7)).toISOString(),
          kind: 'template.inserted',
          actor: 'Lina',
          platform: 'x',
          pageUrl: `https://x.com/acme/status/${i}`,
          details: { templateId: 'thanks-en', landed: true, n: i },
        });
      }
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    }, seeded);
    // Written behind the background's back: nothing broadcast, so the tab is opened again to read them.
    await panel.reload();
    await panel.getByRole('tab', { name: 'Log' }).click();
    await expect.poll(() => panel.getByTestId('log-list').locator('li').count()).toBeGreaterThan(0);

    const download = panel.waitForEvent('download', { timeout: 120_000 });
    await panel.getByTestId('log-export-csv').click();
    await expect.poll(() => panel.getByTestId('log-export-progress').count()).toBe(1);
    await saveScreenshot(panel, 'log-export-progress-en');
    const lines = (await readFile(await (await download).path(), 'utf8'))
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    const ids = lines.slice(1).map((line) => line.split(',')[0]);
    // Every seeded entry once (the week holds the earlier tests' entries too), oldest first.
    const seededRows = lines.filter((line) => line.includes('status/'));
    expect(seededRows.length).toBeGreaterThanOrEqual(seeded);
    expect(new Set(ids).size).toBe(ids.length);
    const ats = lines.slice(1).map((line) => line.split(',')[1]);
    expect([...ats].sort()).toEqual(ats);
    expect(await visibleText(panel.getByRole('status'))).toMatch(/^Exported [\d,]+ entries\.$/);

    // Cancel: the export stops between pages, no file is saved, and the tab says so.
    let downloads = 0;
    panel.on('download', () => downloads++);
    await panel.getByTestId('log-export-json').click();
    await panel.getByTestId('log-export-cancel').click();
    await expect.poll(() => visibleText(panel.getByRole('status'))).toBe('Export cancelled: no file was saved.');
    await expect.poll(() => panel.getByTestId('log-export-progress').count()).toBe(0);
    expect(downloads).toBe(0);
  });
});
