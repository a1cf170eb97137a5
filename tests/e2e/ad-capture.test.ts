/**
 * Saving competitors' ads from the Meta Ad Library (the fixture page of real records, served at the
 * library's real URL) into the swipe file, with their media kept after the library's links expire.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browseAllCards, cardControls, clickSave } from '../harness/ad-library';
import { saveScreenshot } from '../harness/artifacts';
import { type ExtensionBrowser, launchWithExtension, panelMessage, visibleText } from '../harness/browser';
import { metaRecords, renderMetaPage } from '../unit/ad-libraries/meta-page';

const META_FIXTURES = resolve(import.meta.dirname, '../fixtures/ad-libraries/meta-ad-library');
const EN_PAGE = readFileSync(resolve(META_FIXTURES, 'meta-adlib-search-en.html'), 'utf8');
const EXPECTED = JSON.parse(readFileSync(resolve(META_FIXTURES, 'meta-adlib-search-en.expected.json'), 'utf8'));
const expectedAds: Array<Record<string, unknown>> = Array.isArray(EXPECTED) ? EXPECTED : EXPECTED.ads;
const LIBRARY_URL = 'https://www.facebook.com/ads/library/?active_status=all&ad_type=all&country=ALL&q=veteran';
const PNG = readFileSync(resolve(import.meta.dirname, '../../public/icon/128.png'));

let browser: ExtensionBrowser;
/** The library's media links work until they "expire" (then the CDN answers 403, as fbcdn does). */
let mediaExpired = false;
let pageHtml = EN_PAGE;

beforeAll(async () => {
  browser = await launchWithExtension({ viewport: { width: 1200, height: 900 } });
  await browser.context.route(/^https:\/\/[^/]*fbcdn\.net\//, (route) =>
    mediaExpired
      ? route.fulfill({ status: 403, body: 'URL signature expired' })
      : route.fulfill({ status: 200, contentType: 'image/png', body: PNG }),
  );
  await browser.context.route('https://www.facebook.com/ads/library/**', (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: pageHtml }),
  );
});
afterAll(() => browser?.close());

/** The ads the swipe file's filters match, as its count says (only the cards near the screen are drawn). */
async function shownCount(panel: Page): Promise<number> {
  return Number((await panel.getByTestId('swipe-count').getAttribute('data-shown')) ?? Number.NaN);
}

/** Every saved ad has its first media item's bytes (the downloads finished). */
async function allMediaSaved(panel: Page): Promise<boolean> {
  const ads = await panelMessage<Array<{ media: Array<{ blobId?: string }> }>>(panel, 'panel.listAds', {});
  return ads.every((ad) => ad.media.length === 0 || Boolean(ad.media[0].blobId));
}

async function openLibrary(html = EN_PAGE) {
  pageHtml = html;
  const page = await browser.context.newPage();
  await page.goto(LIBRARY_URL);
  await expect.poll(async () => (await cardControls(page)).length, { timeout: 10_000 }).toBeGreaterThan(0);
  return page;
}

describe('capturing ads from the Meta Ad Library', () => {
  it('gives every card a Save control and keeps the saved ad, with its media, after the links expire', async () => {
    const page = await openLibrary();
    // Every card on screen has its controls from the start (the page's "Library ID" lines mark the cards)…
    const onScreen = () =>
      page.evaluate(() => {
        const inView = (el: Element) => {
          const r = el.getBoundingClientRect();
          return r.bottom > 0 && r.top < innerHeight;
        };
        const ids = [...document.querySelectorAll('span, div')].filter(
          (el) => el.childElementCount === 0 && /^Library ID: \d+$/.test(el.textContent ?? '') && inView(el),
        );
        return (
          ids.filter((el) => {
            let card: Element | null = el;
            while (card && !card.querySelector(':scope > div:empty:not([class]):not([style])')) card = card.parentElement;
            return card && card !== document.body;
          }).length / Math.max(1, ids.length)
        );
      });
    await expect.poll(onScreen).toBe(1);
    // …and the others get theirs as they come near the screen: every one of the 80 once browsed (the last ones a
    // few frames after the browse passed them: it scrolls half a screen every two frames).
    await browseAllCards(page);
    await expect.poll(async () => (await cardControls(page)).length, { timeout: 2000 }).toBe(80);
    await saveScreenshot(page, 'meta-library-controls');
    // The page's own handlers (a card opening its detail on click) do not see presses on Dalil's controls.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { pageSaw: string[] }).pageSaw = seen;
      for (const type of ['click', 'pointerdown', 'mousedown', 'mouseup']) document.addEventListener(type, () => seen.push(type));
    });
    await clickSave(page, 0);
    expect(await page.evaluate(() => (window as unknown as { pageSaw: string[] }).pageSaw)).toEqual([]);
    // …while a press on the card itself reaches them.
    await page.mouse.click(640, 400);
    expect(await page.evaluate(() => (window as unknown as { pageSaw: string[] }).pageSaw)).toContain('click');

    const panel = await browser.openSidePanel({ locale: 'en' });
    // Follow (☆, the last control in the bar) follows the card's advertiser. The ☆ and the days badge show once the
    // card on the screen has been read: the bar widens from Save alone (~50 px) to ~170 px.
    await page.evaluate(() => scrollTo(0, 0));
    await page.bringToFront();
    await expect.poll(async () => (await cardControls(page))[0].width, { timeout: 10_000 }).toBeGreaterThan(120);
    const [bar] = await cardControls(page);
    await page.mouse.click(bar.x + bar.width - 14, bar.y + bar.height / 2);
    await expect
      .poll(async () => (await panelMessage<{ total: number }>(panel, 'panel.listFollowed', { offset: 0, limit: 10 })).total)
      .toBe(1);
    await panel.getByRole('tab', { name: 'Swipe file' }).click();
    await expect.poll(() => panel.getByTestId('swipe-card').count()).toBe(1);
    const expected = expectedAds[0];
    const card = panel.getByTestId('swipe-card').first();
    expect(await card.getAttribute('data-ad-id')).toBe(`meta:${expected.libraryAdId}`);
    // Media was downloaded at capture: it shows from IndexedDB as a data: URL.
    await expect.poll(() => card.getByTestId('ad-media').getAttribute('src'), { timeout: 10_000 }).toMatch(/^blob:/);

    // The library's links expire; the swipe file still shows the media.
    mediaExpired = true;
    await panel.reload();
    await panel.getByRole('tab', { name: 'Swipe file' }).click();
    await card.click();
    const detail = panel.getByTestId('ad-detail');
    await expect.poll(() => detail.getByTestId('ad-media').getAttribute('src')).toMatch(/^blob:/);
    const text = await visibleText(detail);
    expect(text).toContain(String(expected.advertiserName));
    expect(text).toContain(String(expected.libraryAdId));
    expect(text).toContain(String(expected.startedAt));
    expect(text).toContain(String(expected.cta));
    if (expected.text) expect(await visibleText(detail.getByTestId('ad-text'))).toBe(expected.text);
    expect(await detail.getByRole('link', { name: 'Landing page' }).getAttribute('href')).toBe(expected.landingUrl);
    await saveScreenshot(panel, 'swipe-detail-en');
    mediaExpired = false;
    await panel.close();
    await page.close();
  });

  it('saves all visible cards in one go, and marks saved cards when the page is opened again', async () => {
    const page = await openLibrary();
    const before = await browser.openSidePanel({ locale: 'en' });
    await before.getByRole('tab', { name: 'Swipe file' }).click();
    await expect.poll(() => shownCount(before)).toBeGreaterThanOrEqual(0);
    const saved = await shownCount(before);
    await page.mouse.click(1200 - 70, 900 - 34); // "Save all visible ads", bottom end corner
    await expect.poll(() => shownCount(before)).toBeGreaterThan(saved + 1);
    await before.close();
    await page.close();
  });

  it('checks a saved ad against our palette and against the palette of the advertiser’s other saved ads', async () => {
    const panel = await browser.openSidePanel({ locale: 'en' });
    await panel.getByRole('tab', { name: 'Swipe file' }).click();
    // An advertiser with several saved ads (all their images are the same test picture here).
    await panel.getByTestId('swipe-card').filter({ hasText: 'Texas Veteran Center' }).first().click();
    const detail = panel.getByTestId('ad-detail');
    await detail.getByTestId('ad-palette-theirs').click();
    await expect.poll(() => detail.getByTestId('competitor-swatch').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // Their images are all this one picture: it sits squarely on their palette.
    await expect.poll(() => detail.getByTestId('palette-report').first().getAttribute('data-verdict')).toBe('pass');
    expect(await visibleText(detail)).toContain('Texas Veteran Center');
    await saveScreenshot(panel, 'swipe-competitor-palette-en');
    await detail.getByTestId('ad-palette-ours').click();
    await expect.poll(() => detail.getByTestId('competitor-swatch').count()).toBe(0);
    await expect.poll(() => detail.getByTestId('palette-report').count()).toBeGreaterThan(0);
    await panel.close();
  });

  it('works on the Arabic UI and on cards that infinite scroll adds, its controls in Dalil’s language', async () => {
    const records = metaRecords();
    // The browser is in English; Dalil is set to Arabic: the controls follow Dalil (right to left, Save at the start).
    await (await browser.openSidePanel({ locale: 'ar' })).close();
    const arabic = renderMetaPage(records.slice(80, 90), { locale: 'ar-EG', seed: 5, maxWrappers: 2 });
    const page = await openLibrary(arabic);
    expect(await browseAllCards(page)).toBe(10);
    await saveScreenshot(page, 'meta-library-ar');
    // The page loads ten more cards as the person scrolls.
    const more = renderMetaPage(records.slice(100, 110), { locale: 'ar-EG', seed: 9 });
    await page.evaluate((html) => {
      // As infinite scroll does: new cards arrive at the end of the page.
      const doc = new DOMParser().parseFromString(html, 'text/html');
      document.body.append(...doc.body.children);
    }, more);
    await expect.poll(() => browseAllCards(page), { timeout: 5000 }).toBe(20);
    await clickSave(page, 15, true);
    const panel = await browser.openSidePanel({ locale: 'ar' });
    await panel.getByRole('tab').nth(2).click();
    await expect.poll(() => visibleText(panel.getByTestId('swipe-grid'))).toContain(records[105].ad_archive_id);
    await saveScreenshot(panel, 'swipe-ar');
    await panel.close();
    await page.close();
    await (await browser.openSidePanel({ locale: 'en' })).close();
  });

  it('saves all 50 visible cards at once, exports them as a ZIP with media, and imports them back after deleting (with undo)', async () => {
    const records = metaRecords().slice(0, 50);
    const page = await openLibrary(renderMetaPage(records, { locale: 'en-US', seed: 11 }));
    // Zoomed out on a tall window, every card is on screen at once.
    await page.setViewportSize({ width: 2400, height: 16000 });
    await page.evaluate(() => {
      document.body.style.zoom = '0.4';
    });
    await page.waitForTimeout(300);
    const panel = await browser.openSidePanel({ locale: 'en' });
    await panel.getByRole('tab', { name: 'Swipe file' }).click();
    await expect.poll(() => shownCount(panel)).toBeGreaterThanOrEqual(0);
    const before = await shownCount(panel);
    await page.mouse.click(2400 - 70, 16000 - 34);
    await expect.poll(() => shownCount(panel), { timeout: 15_000 }).toBeGreaterThanOrEqual(50);
    const total = await shownCount(panel);
    expect(total - before).toBeLessThanOrEqual(50);
    // Only the cards near the screen are drawn.
    expect(await panel.getByTestId('swipe-card').count()).toBeLessThan(total);

    // Let the media downloads finish (every card on screen shows its image), then export everything as a ZIP.
    await expect.poll(() => allMediaSaved(panel), { timeout: 20_000 }).toBe(true);
    await expect
      .poll(() => panel.getByTestId('ad-media').count(), { timeout: 20_000 })
      .toBe(await panel.getByTestId('swipe-card').count());
    const [zip] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'ZIP' }).click()]);
    const zipPath = await zip.path();

    // Delete them all, undo, delete again for good.
    await panel.getByRole('button', { name: 'Select shown' }).click();
    await panel.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => panel.getByTestId('swipe-card').count()).toBe(0);
    await panel.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => shownCount(panel)).toBe(total);
    await panel.getByRole('button', { name: 'Select shown' }).click();
    await panel.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => panel.getByTestId('swipe-card').count()).toBe(0);
    expect(await shownCount(panel)).toBe(0);

    // Media links have expired by now: the import must bring the saved media back by itself.
    mediaExpired = true;
    await panel.getByTestId('swipe-import-input').setInputFiles(zipPath);
    await expect.poll(() => visibleText(panel.getByTestId('swipe-notice'))).toContain(`Imported ${total} ads.`);
    await expect.poll(() => shownCount(panel)).toBe(total);
    await expect.poll(() => allMediaSaved(panel), { timeout: 20_000 }).toBe(true);
    await expect
      .poll(() => panel.getByTestId('ad-media').count(), { timeout: 20_000 })
      .toBe(await panel.getByTestId('swipe-card').count());
    // Media are object URLs made in the panel from the saved bytes.
    expect(await panel.getByTestId('ad-media').first().getAttribute('src')).toMatch(/^blob:chrome-extension:/);
    mediaExpired = false;
    await panel.close();
    await page.close();
  });

  it('counts the ads it imports in Dalil’s language: “1 ad” in English, “٣ إعلانات” in Arabic', async () => {
    // A swipe-file export of `good` ads and `bad` records that are not ads.
    const exportOf = (name: string, good: number, bad: number) => {
      const at = new Date().toISOString();
      const ads = Array.from({ length: good }, (_, i) => ({
        id: `count-${name}-${i}`,
        library: 'meta',
        libraryAdId: `count-${name}-${i}`,
        advertiserName: 'Counting Co',
        pageUrl: LIBRARY_URL,
        capturedAt: at,
      }));
      const records = [...ads, ...Array.from({ length: bad }, () => ({ library: 'nowhere' }))];
      const text = JSON.stringify({ format: 'dalil.swipe-file', formatVersion: 1, exportedAt: at, ads: records });
      return { name: `${name}.json`, mimeType: 'application/json', buffer: Buffer.from(text) };
    };
    const importInto = async (locale: 'ar' | 'en', file: ReturnType<typeof exportOf>) => {
      const panel = await browser.openSidePanel({ locale });
      await panel.getByRole('tab').nth(2).click();
      await panel.getByTestId('swipe-import-input').setInputFiles(file);
      return panel;
    };

    const english = await importInto('en', exportOf('one', 1, 1));
    await expect
      .poll(() => visibleText(english.getByTestId('swipe-notice')))
      .toBe('Imported 1 ad. 1 ad in the file could not be read and was left out.');
    await saveScreenshot(english, 'swipe-import-count-en');
    await english.close();

    const arabic = await importInto('ar', exportOf('three', 3, 2));
    await expect
      .poll(() => visibleText(arabic.getByTestId('swipe-notice')))
      .toBe('تم استيراد ٣ إعلانات. تعذّرت قراءة إعلانين من الملف فتُركا.');
    await saveScreenshot(arabic, 'swipe-import-count-ar');
    await arabic.getByTestId('swipe-import-input').setInputFiles(exportOf('eleven', 11, 0));
    await expect.poll(() => visibleText(arabic.getByTestId('swipe-notice'))).toBe('تم استيراد ١١ إعلانًا.');
    await arabic.close();
    await (await browser.openSidePanel({ locale: 'en' })).close();
  });

  it('refuses a zip bomb named like an export before unpacking it, says so in both languages, and imports nothing', async () => {
    // 30 MB of zeros packed into a few kB, as ads.json.
    const bomb = Buffer.from(zipSync({ 'ads.json': new Uint8Array(30 * 1024 * 1024) }, { level: 9 }));
    const file = { name: 'dalil-swipe-file.zip', mimeType: 'application/zip', buffer: bomb };
    for (const [locale, text] of [
      ['en', 'Not imported: ads.json in the zip unpacks to far more than its size: it is not an export.'],
      ['ar', 'لم يتم الاستيراد: يتمدد ads.json في الملف المضغوط إلى أضعاف حجمه بكثير، فهو ليس ملف تصدير.'],
    ] as const) {
      const panel = await browser.openSidePanel({ locale });
      await panel.getByRole('tab').nth(2).click();
      // The count once the swipe file has answered (the cards come a page at a time).
      await expect.poll(() => shownCount(panel)).toBeGreaterThanOrEqual(0);
      const before = await shownCount(panel);
      await panel.getByTestId('swipe-import-input').setInputFiles(file);
      await expect.poll(() => visibleText(panel.getByTestId('swipe-notice'))).toBe(text);
      await saveScreenshot(panel, `swipe-import-zip-bomb-${locale}`);
      expect(await shownCount(panel)).toBe(before);
      await panel.close();
    }
  });

  it('updates a saved ad when its library page shows it has stopped running', async () => {
    const record = metaRecords()[0];
    const page = await openLibrary(renderMetaPage([record], { locale: 'en-GB', seed: 3 }));
    await clickSave(page, 0);
    await page.close();
    const stopped = { ...record, is_active: false, end_date: record.start_date + 40 * 86_400 };
    const revisit = await openLibrary(
      renderMetaPage([stopped], { locale: 'en-GB', seed: 3, changes: () => ({ dateRange: true }) }),
    );
    const panel = await browser.openSidePanel({ locale: 'en' });
    await panel.getByRole('tab', { name: 'Swipe file' }).click();
    await panel.getByRole('combobox', { name: 'Status' }).selectOption('inactive');
    await expect.poll(() => visibleText(panel.getByTestId('swipe-grid'))).toContain(record.ad_archive_id);
    await panel.close();
    await revisit.close();
  });
});
