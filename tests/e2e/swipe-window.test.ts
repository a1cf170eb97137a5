/**
 * The swipe file as a window (#14 item 1): 300 saved ads, of which the panel draws only the cards near the
 * screen, asks the background for the page it shows, loads media as object URLs for those cards only
 * (revoked when they leave), moves through the whole list with the keyboard in both reading directions,
 * and acts on every ad matching the filters (select all matching, bulk tag, delete with undo) without
 * having them in the panel.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from '../harness/artifacts';
import { type ExtensionBrowser, launchWithExtension, panelMessage, visibleText } from '../harness/browser';

const PNG = readFileSync(resolve(import.meta.dirname, '../../public/icon/128.png')).toString('base64');
const N = 300;

/** Ad n: every other one in Arabic; captured one hour apart, ad 0 the newest. */
function ad(n: number) {
  return {
    id: `meta:${9_000_000 + n}`,
    library: 'meta',
    libraryAdId: String(9_000_000 + n),
    advertiserName: n % 2 ? 'Texas Veteran Center' : 'مقهى دليل',
    startedAt: '2026-06-01',
    active: true,
    text: n % 2 ? `Check if you qualify, offer ${n}` : `قهوة الهيل وصلت، عرض ${n}`,
    media: [{ kind: 'image', url: `https://scontent.xx.fbcdn.net/v/${n}.png`, blobId: `m${n}` }],
    pageUrl: 'https://www.facebook.com/ads/library/',
    capturedAt: new Date(Date.UTC(2026, 10, 30) - n * 3_600_000).toISOString(),
    tags: [],
    boards: [],
  };
}

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension({ lang: 'en-US' });
  const panel = await browser.openSidePanel({ locale: 'en' });
  const ads = Array.from({ length: N }, (_, n) => ad(n));
  const media = Object.fromEntries(ads.map((_, n) => [`m${n}`, `data:image/png;base64,${PNG}`]));
  await panelMessage(panel, 'panel.importAds', { ads, media });
  await panel.close();
});
afterAll(() => browser?.close());

const shownCount = async (panel: Page) => Number(await panel.getByTestId('swipe-count').getAttribute('data-shown'));
const focusedCard = (panel: Page) =>
  panel.evaluate(() => {
    const item = document.activeElement?.closest('[data-index]');
    return {
      position: Number(item?.getAttribute('aria-posinset')),
      ad: item?.querySelector('[data-ad-id]')?.getAttribute('data-ad-id'),
    };
  });

async function openSwipe(locale: 'en' | 'ar') {
  const panel = await browser.openSidePanel({ locale });
  await panel.getByRole('tab').nth(2).click();
  await expect.poll(() => shownCount(panel)).toBe(N);
  return panel;
}

describe('the swipe file as a window', () => {
  it('draws only the cards near the screen, with their media as object URLs revoked once they leave it', async () => {
    const panel = await openSwipe('en');
    const drawn = await panel.getByTestId('swipe-card').count();
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(40);
    expect(await visibleText(panel.getByTestId('swipe-count'))).toBe('300 of 300 ads');
    const first = panel.getByTestId('swipe-card').first();
    expect(await first.getAttribute('data-ad-id')).toBe('meta:9000000');
    // The first card's image: an object URL made in the panel, drawn.
    await expect.poll(() => first.getByTestId('ad-media').getAttribute('src')).toMatch(/^blob:chrome-extension:/);
    const src = (await first.getByTestId('ad-media').getAttribute('src')) ?? '';
    await expect
      .poll(() => first.getByTestId('ad-media').evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    const readable = (url: string) =>
      panel.evaluate(
        (u) =>
          fetch(u).then(
            () => true,
            () => false,
          ),
        url,
      );
    expect(await readable(src)).toBe(true);
    await saveScreenshot(panel, 'swipe-window-en');

    // The keyboard reaches the last of the 300: End, then back a row and across.
    await first.getByRole('button').first().focus();
    await panel.keyboard.press('ArrowRight');
    expect(await focusedCard(panel)).toEqual({ position: 2, ad: 'meta:9000001' });
    await panel.keyboard.press('End');
    await expect.poll(() => focusedCard(panel)).toEqual({ position: N, ad: `meta:${9_000_000 + N - 1}` });
    await panel.keyboard.press('ArrowUp');
    await expect.poll(() => focusedCard(panel)).toEqual({ position: N - 2, ad: `meta:${9_000_000 + N - 3}` });
    // Still a few dozen cards, and the first card's media URL is gone with it.
    expect(await panel.getByTestId('swipe-card').count()).toBeLessThan(40);
    expect(await panel.locator('[data-ad-id="meta:9000000"]').count()).toBe(0);
    expect(await readable(src)).toBe(false);
    await panel.keyboard.press('Home');
    await expect.poll(() => focusedCard(panel)).toEqual({ position: 1, ad: 'meta:9000000' });
    await panel.close();
  });

  it('moves with the reading direction in Arabic: the left arrow goes to the next card', async () => {
    const panel = await openSwipe('ar');
    expect(await panel.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await panel.getByTestId('swipe-card').first().getByRole('button').first().focus();
    await panel.keyboard.press('ArrowLeft');
    expect(await focusedCard(panel)).toEqual({ position: 2, ad: 'meta:9000001' });
    await panel.keyboard.press('ArrowDown');
    expect(await focusedCard(panel)).toEqual({ position: 4, ad: 'meta:9000003' });
    await saveScreenshot(panel, 'swipe-window-ar');
    await panel.close();
  });

  it('searches, selects every ad matching and tags them all through the background, then deletes them with undo', async () => {
    const panel = await openSwipe('en');
    // Arabic folded as template search folds it: قهوه finds قهوة.
    await panel.getByRole('searchbox').fill('قهوه');
    await expect.poll(() => shownCount(panel)).toBe(N / 2);
    await panel.getByRole('button', { name: 'Select shown' }).click();
    expect(await visibleText(panel.getByTestId('swipe-selected'))).toContain('150 selected');
    // One card unticked: "all matching but this one".
    await panel.getByTestId('swipe-card').first().getByRole('checkbox').uncheck();
    expect(await visibleText(panel.getByTestId('swipe-selected'))).toContain('149 selected');
    await panel.getByRole('textbox', { name: 'Tag or board for the selected ads' }).fill('رمضان');
    await panel.getByRole('button', { name: 'Add tag' }).click();
    await expect.poll(() => visibleText(panel.getByTestId('swipe-notice'))).toBe('149 ads changed.');

    await panel.getByRole('searchbox').fill('');
    await panel.getByRole('combobox', { name: 'Tag' }).selectOption('رمضان');
    await expect.poll(() => shownCount(panel)).toBe(149);
    const tagged = await panelMessage<Array<{ id: string; tags: string[] }>>(panel, 'panel.listAds', {});
    expect(tagged.filter((a) => a.tags.includes('رمضان'))).toHaveLength(149);
    expect(tagged.find((a) => a.id === 'meta:9000000')?.tags).toEqual([]);

    await panel.getByRole('button', { name: 'Select shown' }).click();
    await panel.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => visibleText(panel.getByTestId('swipe-notice'))).toContain('Deleted 149 ads.');
    await expect.poll(() => shownCount(panel)).toBe(0);
    await panel.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => shownCount(panel)).toBe(149);
    await panel.close();
  });
});
