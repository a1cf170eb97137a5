/**
 * The Log tab's search of several words in real Firefox: answered from the log's postings (version 13) held in
 * Firefox's own IndexedDB, lists and bitmaps (typed arrays) alike, with Arabic typed without hamza or
 * diacritics and the last word still being typed.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FirefoxWithExtension,
  launchFirefoxWithExtension,
  panelMessageIn,
  pollFor,
  saveFirefoxScreenshot,
} from '../harness/firefox';

let firefox: FirefoxWithExtension;
beforeAll(async () => {
  firefox = await launchFirefoxWithExtension();
});
afterAll(async () => {
  await firefox?.close();
});

const send = panelMessageIn;

const shownImages = (page: Page) =>
  page.$$eval('[data-testid="log-list"] [data-detail="image"]', (els) =>
    els.map((e) => (e.textContent ?? '').replace(/[\u2066-\u2069\u200e\u200f]/g, '').trim()),
  );

describe('log search in Firefox', () => {
  it('finds entries by several words, Arabic without hamza and a word still being typed, newest first', async () => {
    const page = await firefox.openSidePanel({ locale: 'ar' });
    // Enough checks that the common words' postings are bitmaps, then the few the search is after.
    for (let i = 0; i < 80; i++) {
      await send(page, 'panel.logPaletteCheck', {
        origin: 'file',
        label: `banner-${i}.png`,
        verdict: i % 2 ? 'pass' : 'fail',
        onPaletteShare: 0.9,
        swatches: 3,
      });
    }
    for (const label of ['صورةُ إعلانِ الصيفِ.png', 'إعلان رمضان.jpg', 'banner-الصيف.png']) {
      await send(page, 'panel.logPaletteCheck', { origin: 'file', label, verdict: 'pass', onPaletteShare: 0.9, swatches: 3 });
    }
    const tabs = await page.$$('[role="tab"]');
    for (const tab of tabs) if ((await tab.evaluate((t) => t.textContent?.trim())) === 'السجل') await tab.click();
    await page.waitForSelector('[data-testid="log-text-filter"]');
    // The charts' tables are for screen readers: none of their captions is drawn where a person can see or
    // point at it (Firefox draws a caption outside its table's box, so hiding the table alone left it printed).
    await page.waitForSelector('[data-testid="log-chart-palette-table"]');
    const captionsHit = await page.$$eval('figure table caption', (captions) =>
      captions.map((caption) => {
        const box = caption.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return caption.contains(hit);
      }),
    );
    expect(captionsHit.length).toBeGreaterThan(0);
    expect(captionsHit).not.toContain(true);
    const search = async (text: string) => {
      await page.$eval(
        '[data-testid="log-text-filter"]',
        (input, value) => {
          const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
          set?.call(input, value);
          input.dispatchEvent(new Event('input', { bubbles: true }));
        },
        text,
      );
    };
    await search('اعلان الصي');
    expect(
      await pollFor(
        () => shownImages(page),
        (shown) => shown.length === 1,
      ),
    ).toEqual([expect.stringContaining('صورةُ إعلانِ الصيفِ.png')]);
    await saveFirefoxScreenshot(page, 'log-search-two-words-ar');
    // A common word beside a rarer one: only the entries holding both, newest first.
    await search('banner الصيف ');
    expect(
      await pollFor(
        () => shownImages(page),
        (shown) => shown.length !== 1 || !shown[0].includes('صورةُ'),
      ),
    ).toEqual([expect.stringContaining('banner-الصيف.png')]);
    // Two words each logged often, never together: nothing.
    const page2 = (await send(page, 'panel.queryLog', { text: 'banner رمضان', limit: 50 })) as { total: number };
    expect(page2.total).toBe(0);
    // Two common words together: every one of them, counted from the bitmaps.
    const both = (await send(page, 'panel.queryLog', { text: 'banner png', limit: 50 })) as {
      total: number;
      entries: { details: { image: string } }[];
    };
    expect(both.total).toBe(81);
    expect(both.entries[0].details.image).toBe('banner-الصيف.png');
    expect(both.entries[1].details.image).toBe('banner-79.png');
    await page.close();
  });
});
