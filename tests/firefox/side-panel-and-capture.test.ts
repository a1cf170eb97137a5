/**
 * Dalil's sidebar in real Firefox, in Arabic and English: the pack it shows, a bad pack refused
 * whole, a palette check of files dropped on the Brand tab, and an ad saved from the Meta Ad
 * Library into the swipe file with its media (served over https at the CDN's real host names by a
 * local server: Firefox's interception does not reach the background's own downloads).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browseAllCards, cardControls, clickSave } from '../harness/ad-library';
import {
  activityLogIn,
  dropFilesInFirefox,
  type FirefoxWithExtension,
  launchFirefoxWithExtension,
  pollFor,
  saveFirefoxScreenshot,
} from '../harness/firefox';
import { type HttpsMediaServer, startHttpsMediaServer } from '../harness/https-media-server';
import { bandsPng } from '../harness/test-images';
import { metaRecords, renderMetaPage } from '../unit/ad-libraries/meta-page';

const defaultPack = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/guidance/default-pack.json'), 'utf8'));
const META_PAGE = readFileSync(
  resolve(import.meta.dirname, '../fixtures/ad-libraries/meta-ad-library/meta-adlib-search-en.html'),
  'utf8',
);
const LIBRARY_URL = 'https://www.facebook.com/ads/library/?active_status=all&ad_type=all&country=ALL&q=veteran';
const PNG = readFileSync(resolve(import.meta.dirname, '../../public/icon/128.png'));

let firefox: FirefoxWithExtension;
let media: HttpsMediaServer;
/** The fbcdn hosts the page's real records name: Firefox resolves them to the local https server. */
const MEDIA_HOSTS = [...new Set([...META_PAGE.matchAll(/https:\/\/([a-z0-9.-]*fbcdn\.net)\//g)].map((m) => m[1]))];
beforeAll(async () => {
  media = await startHttpsMediaServer(MEDIA_HOSTS, PNG, 'image/png');
  firefox = await launchFirefoxWithExtension({ prefs: media.prefs, acceptInsecureCerts: true });
});
afterAll(async () => {
  await firefox?.close();
  await media?.close();
});

const texts = (page: Page, selector: string) =>
  page.$$eval(selector, (els) => els.map((e) => (e.textContent ?? '').replace(/[\u2066-\u2069\u200e\u200f]/g, '').trim()));
const count = (page: Page, selector: string) => page.$$eval(selector, (els) => els.length);
async function clickTab(page: Page, name: string) {
  const tabs = await page.$$('[role="tab"]');
  for (const tab of tabs) if ((await tab.evaluate((t) => t.textContent?.trim())) === name) return tab.click();
  throw new Error(`no tab ${name}`);
}

describe('the sidebar in Firefox', () => {
  it('shows the default pack in English, left to right', async () => {
    const page = await firefox.openSidePanel({ locale: 'en' });
    expect(
      await pollFor(
        () => count(page, '[data-testid="template-item"]'),
        (n) => n === 22,
      ),
    ).toBe(22);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    expect(await texts(page, '[role="tab"]')).toEqual(['Templates', 'Brand', 'Swipe file', 'Log', 'Settings']);
    await saveFirefoxScreenshot(page, 'side-panel-en-templates');
    await page.close();
  });

  it('is laid out right to left in Arabic, every tab in Arabic, user text isolated', async () => {
    const page = await firefox.openSidePanel({ locale: 'ar' });
    expect(
      await pollFor(
        () => count(page, '[data-testid="template-item"]'),
        (n) => n === 22,
      ),
    ).toBe(22);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    expect(await texts(page, '[role="tab"]')).toEqual(['القوالب', 'الهوية', 'الإعلانات', 'السجل', 'الإعدادات']);
    // RTL layout, not only translated words: the first tab sits at the right.
    const xs = await page.$$eval('[role="tab"]', (tabs) => tabs.map((t) => t.getBoundingClientRect().x));
    expect(xs[0]).toBeGreaterThan(xs[xs.length - 1]);
    // An English template's body runs left to right inside the Arabic panel (dir="auto").
    const direction = await page.$eval('[data-template-id="care.thanks.en"] p[dir="auto"]', (p) => getComputedStyle(p).direction);
    expect(direction).toBe('ltr');
    await saveFirefoxScreenshot(page, 'side-panel-ar-templates');
    await page.close();
  });

  it('titles the context menus in the language chosen in Settings, and follows it when it changes', async () => {
    const page = await firefox.openSidePanel({ locale: 'en' });
    // No test can open a context menu: the background's own menu API is watched instead (its event
    // page, reached from an extension page), each title recorded once Firefox has applied it.
    await page.evaluate(async () => {
      type Menus = { update(id: string, p: { title?: string }): Promise<void> };
      type Api = { runtime: { getBackgroundPage(): Promise<Window & { browser: { contextMenus: Menus } }> } };
      const background = await (globalThis as unknown as { browser: Api }).browser.runtime.getBackgroundPage();
      const menus = background.browser.contextMenus;
      const update = menus.update.bind(menus);
      const seen: Record<string, string> = {};
      (background as unknown as { __menuTitles: typeof seen }).__menuTitles = seen;
      menus.update = async (id, props) => {
        await update(id, props);
        if (props.title) seen[id] = props.title;
      };
    });
    const titles = () =>
      page.evaluate(async () => {
        type Api = { runtime: { getBackgroundPage(): Promise<{ __menuTitles?: Record<string, string> }> } };
        const background = await (globalThis as unknown as { browser: Api }).browser.runtime.getBackgroundPage();
        return JSON.stringify(background.__menuTitles ?? {});
      });
    const setLanguage = (locale: 'ar' | 'en') =>
      page.evaluate(async (l) => {
        type Local = { get(k: string): Promise<{ settings?: object }>; set(x: object): Promise<void> };
        const { local } = (globalThis as unknown as { browser: { storage: { local: Local } } }).browser.storage;
        const { settings } = await local.get('settings');
        await local.set({ settings: { ...settings, locale: l } });
      }, locale);
    await setLanguage('ar');
    const arabic = JSON.stringify({
      'save-testimonial': 'حفظ التعليق كشهادة عميل',
      'check-palette': 'افحص ألوانها مقابل هوية العلامة',
    });
    expect(await pollFor(titles, (t) => t === arabic)).toBe(arabic);
    await setLanguage('en');
    const english = JSON.stringify({
      'save-testimonial': 'Save comment as testimonial',
      'check-palette': 'Check against brand palette',
    });
    expect(await pollFor(titles, (t) => t === english)).toBe(english);
    await page.close();
  });

  it('refuses a bad pack whole, lists its problems with paths, and keeps the pack in use', async () => {
    const page = await firefox.openSidePanel({ locale: 'en' });
    await clickTab(page, 'Settings');
    const bad = structuredClone(defaultPack);
    bad.templates[1].id = bad.templates[0].id;
    bad.brandKit.colors[0].hex = 'brown';
    const input = await page.waitForSelector('[data-testid="pack-file-input"]');
    // The file a person picks, handed to the input as the file dialog would.
    await input?.evaluate((el, text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'broken-pack.json', { type: 'application/json' }));
      (el as HTMLInputElement).files = transfer.files;
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }, JSON.stringify(bad));
    const problems = await pollFor(
      () => texts(page, '[data-testid="problem-list"] li'),
      (list) => list.length === 2,
    );
    expect(problems.join('\n')).toContain('templates[1].id');
    expect(problems.join('\n')).toContain('brandKit.colors[0].hex');
    expect((await texts(page, '[data-testid="import-outcome"]')).join(' ')).toContain(
      '“broken-pack.json” was not imported. The pack in use is unchanged.',
    );
    expect((await texts(page, '[data-testid="pack-info"]')).join(' ')).toContain('Built-in pack');
    await saveFirefoxScreenshot(page, 'import-bad-pack-en');
    await clickTab(page, 'Templates');
    expect(await count(page, '[data-testid="template-item"]')).toBe(22);
    await page.close();
  });

  it('checks an image dropped on the Brand tab against the brand palette', async () => {
    const page = await firefox.openSidePanel({ locale: 'en' });
    await clickTab(page, 'Brand');
    // The default kit: Roast Brown, Cream and Saffron on palette; a pink at 12 % is not.
    const onBrand = bandsPng(400, 240, [
      ['#5b3a29', 0.5],
      ['#f6efe4', 0.3],
      ['#e0a526', 0.08],
      ['#d6246e', 0.12],
    ]);
    await dropFilesInFirefox(page, '[data-testid="image-drop-zone"]', [
      { name: 'spring.png', type: 'image/png', bytes: onBrand },
    ]);
    const verdict = await pollFor(
      () => page.$eval('[data-testid="palette-report"]', (r) => r.getAttribute('data-verdict')).catch(() => null),
      (v) => v !== null,
    );
    expect(verdict).toBe('pass');
    const report = await page.$eval('[data-testid="palette-report"]', (r) => ({
      onShare: Number(r.getAttribute('data-on-share')),
      swatches: [...r.querySelectorAll('[data-testid="report-swatch"]')].map((s) => ({
        hex: s.getAttribute('data-hex'),
        share: Number(s.getAttribute('data-share')),
        onPalette: s.getAttribute('data-on-palette') === 'true',
      })),
    }));
    expect(Math.abs(report.onShare - 0.88)).toBeLessThan(0.02);
    const pink = report.swatches.find((s) => !s.onPalette);
    expect(pink?.hex).toBe('#d6246e');
    expect(Math.abs((pink?.share ?? 0) - 0.12)).toBeLessThan(0.02);
    const logged = await pollFor(
      () => activityLogIn(page, 'palette.checked'),
      (l) => l.some((e) => e.details.image === 'spring.png'),
    );
    expect(logged.find((e) => e.details.image === 'spring.png')?.details).toMatchObject({ origin: 'file', verdict: 'pass' });
    await saveFirefoxScreenshot(page, 'brand-drop-report-en');
    await page.close();
  });
});

describe('the Meta Ad Library in Firefox', () => {
  it('gives the cards Save controls and saves an ad, with its media, into the swipe file', async () => {
    // The page as it was saved: its media links name the real CDN hosts, over https.
    firefox.route((url) =>
      url.origin === 'https://www.facebook.com' && url.pathname.startsWith('/ads/library')
        ? { contentType: 'text/html; charset=utf-8', body: META_PAGE }
        : undefined,
    );
    const page = await firefox.newPage();
    await page.setViewport({ width: 1200, height: 900 });
    await page.goto(LIBRARY_URL);
    const first = (
      await pollFor(
        () => cardControls(page),
        (c) => c.length > 0,
      )
    )[0];
    expect(first).toBeDefined();
    await saveFirefoxScreenshot(page, 'meta-library-controls');
    await clickSave(page, 0);

    const panel = await firefox.openSidePanel({ locale: 'en' });
    await clickTab(panel, 'Swipe file');
    expect(
      await pollFor(
        () => count(panel, '[data-testid="swipe-card"]'),
        (n) => n === 1,
      ),
    ).toBe(1);
    expect(await panel.$eval('[data-testid="swipe-card"]', (c) => c.getAttribute('data-ad-id'))).toMatch(/^meta:\d+$/);
    // The media was downloaded at capture and shows from the extension's own storage, not the library's link.
    const src = await pollFor(
      () =>
        panel.$eval('[data-testid="swipe-card"] [data-testid="ad-media"]', (m) => m.getAttribute('src') ?? '').catch(() => ''),
      (s) => s.startsWith('blob:'),
    );
    if (!src.startsWith('blob:')) {
      const card = (await texts(panel, '[data-testid="swipe-card"]')).join(' ');
      throw new Error(`no saved media on the card: "${card}"`);
    }
    // An object URL the panel made from the saved bytes (the fixture's CDN serves a picture for the video too).
    expect(src).toMatch(/^blob:moz-extension:/);
    const bytes = await panel.$eval('[data-testid="swipe-card"] [data-testid="ad-media"]', (m) =>
      fetch((m as HTMLMediaElement).src).then((r) => r.blob().then((b) => b.size)),
    );
    expect(bytes).toBeGreaterThan(0);
    // Only the background reaches the server (the page's own requests are intercepted): it asked the CDN's
    // real host names, over https on port 443, for the card's media.
    expect(media.requests.length).toBeGreaterThan(0);
    for (const { host } of media.requests) expect(host).toMatch(/^[a-z0-9-]+\.xx\.fbcdn\.net$/);
    const saved = await pollFor(
      () => activityLogIn(panel, 'ad.saved'),
      (l) => l.length === 1,
    );
    expect(saved).toHaveLength(1);
    await saveFirefoxScreenshot(panel, 'swipe-en');
    await page.close();
    await panel.close();
  });
  it('gives Save controls to the cards infinite scroll adds a few a frame, and saves one of them', async () => {
    // The slices of work run in Firefox's idle time, waiting on a timer when the frame's share is spent.
    const records = metaRecords();
    const first = renderMetaPage(records.slice(0, 10), { locale: 'en-GB', seed: 3 });
    const more = renderMetaPage(records.slice(10, 40), { locale: 'en-GB', seed: 4 });
    firefox.route((url) =>
      url.origin === 'https://www.facebook.com' && url.searchParams.get('q') === 'streaming'
        ? { contentType: 'text/html; charset=utf-8', body: first }
        : undefined,
    );
    const page = await firefox.newPage();
    await page.setViewport({ width: 1200, height: 900 });
    await page.goto('https://www.facebook.com/ads/library/?q=streaming');
    await pollFor(
      () => cardControls(page),
      (c) => c.length > 0,
    );
    // As infinite scroll delivers them: 30 more cards at the end of the grid, 6 a frame.
    await page.evaluate(
      (html) =>
        new Promise<void>((done) => {
          const grid = document.querySelector('[role="main"]')?.lastElementChild as Element;
          const parsed = new DOMParser().parseFromString(html, 'text/html');
          const incoming = [...(parsed.querySelector('[role="main"]')?.lastElementChild?.children ?? [])];
          const step = () => {
            for (let i = 0; i < 6 && incoming.length > 0; i++) grid.append(incoming.shift() as Element);
            if (incoming.length > 0) requestAnimationFrame(step);
            else done();
          };
          requestAnimationFrame(step);
        }),
      more,
    );
    expect(
      await pollFor(
        () => browseAllCards(page),
        (n) => n === 40,
      ),
    ).toBe(40);
    await clickSave(page, 37);
    const panel = await firefox.openSidePanel({ locale: 'en' });
    await clickTab(panel, 'Swipe file');
    const saved = `meta:${records[37].ad_archive_id}`;
    expect(
      await pollFor(
        () => panel.$$eval('[data-testid="swipe-card"]', (cards) => cards.map((c) => c.getAttribute('data-ad-id'))),
        (ids) => ids.includes(saved),
      ),
    ).toContain(saved);
    await page.close();
    await panel.close();
  });
});
