/**
 * Long lists as windows (#14 item 2): 2,000 followed advertisers and 2,000 testimonials, written straight
 * into the extension's database (as a restore or a year of use leaves them; the background indexes them
 * on the first page asked). The panel draws only the rows near the screen, scrolling to the end shows the
 * oldest, a search in Arabic or English shows the ones that match in order, and an unfollow or a deletion
 * updates the list without reloading it whole.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from '../harness/artifacts';
import { type ExtensionBrowser, launchWithExtension } from '../harness/browser';
import { followed, seed, testimonial } from '../harness/list-seed';

const N = 2000;
/** Rows drawn may be the screen's and some beyond it either way: far fewer than the list. */
const WINDOW = 80;

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension({ lang: 'en-US' });
  const panel = await browser.openSidePanel({ locale: 'en' });
  await seed(
    panel,
    'followedAdvertisers',
    Array.from({ length: N }, (_, n) => followed(n)),
  );
  await seed(
    panel,
    'testimonials',
    Array.from({ length: N }, (_, n) => testimonial(n)),
  );
  await panel.close();
});
afterAll(() => browser?.close());

/** What a list draws: each row's place in the whole list and its id. */
const drawnRows = (panel: Page, testId: string) =>
  panel.evaluate(
    (testId) =>
      [...document.querySelectorAll(`[data-testid="${testId}"]`)].map((row) => ({
        position: Number(row.getAttribute('aria-posinset')),
        id: row.getAttribute('data-key'),
      })),
    testId,
  );
const count = async (panel: Page, testId: string) => Number(await panel.getByTestId(testId).getAttribute('data-matching'));
/** Scrolls the page to its end until the list's last row is drawn. */
async function scrollToEnd(panel: Page, testId: string, last: number) {
  await expect
    .poll(async () => {
      await panel.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
      return (await drawnRows(panel, testId)).some((row) => row.position === last);
    })
    .toBe(true);
}

async function openFollowed(locale: 'en' | 'ar') {
  const panel = await browser.openSidePanel({ locale });
  await panel.getByRole('tab').nth(2).click();
  await panel.getByRole('button', { name: locale === 'en' ? 'Followed advertisers' : 'المعلنون الذين تتابعهم' }).click();
  await expect.poll(() => count(panel, 'followed-count'), { timeout: 15_000 }).toBe(N);
  return panel;
}

describe('2,000 followed advertisers, a window at a time', () => {
  it('draws only the rows near the screen, newest followed first, and the oldest at the end', async () => {
    const panel = await openFollowed('en');
    await expect.poll(async () => (await drawnRows(panel, 'followed-advertiser'))[0]?.id).toBe('meta:5000000');
    const rows = await drawnRows(panel, 'followed-advertiser');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(WINDOW);
    expect(rows.map((r) => r.id)).toEqual(rows.map((r) => `meta:${5_000_000 + r.position - 1}`));
    // Each row's saved ads counted by the background (none saved here), in English.
    expect(await panel.getByTestId('followed-advertiser').first().innerText()).toMatch(/مقهى الهيل 0\s*tiktok\s*0 saved ads/);
    await saveScreenshot(panel, 'followed-window-en', { fullPage: false });

    await scrollToEnd(panel, 'followed-advertiser', N);
    const end = await drawnRows(panel, 'followed-advertiser');
    expect(end.length).toBeLessThan(WINDOW);
    // Rows drawn once the pages arrive: each at its place, the last the oldest followed.
    await expect
      .poll(async () => (await drawnRows(panel, 'followed-advertiser')).find((r) => r.position === N)?.id)
      .toBe(`meta:${5_000_000 + N - 1}`);
    const settled = await drawnRows(panel, 'followed-advertiser');
    expect(settled.every((r) => r.id === `meta:${5_000_000 + r.position - 1}`)).toBe(true);
    await panel.close();
  });

  it('searches in Arabic and English, shows the matches in order, and follows an unfollow', async () => {
    const panel = await openFollowed('ar');
    const search = panel.getByRole('searchbox', { name: 'ابحث في المعلنين الذين تتابعهم' });
    // "الهيل 42": the Arabic ones whose number begins 42 (the article optional: "هيل" finds them too).
    const arabic = Array.from({ length: N }, (_, n) => n).filter((n) => n % 2 === 0 && String(n).startsWith('42'));
    await search.fill('هيل 42');
    await expect.poll(() => count(panel, 'followed-count')).toBe(arabic.length);
    await expect
      .poll(async () => (await drawnRows(panel, 'followed-advertiser')).map((r) => r.id))
      .toEqual(arabic.map((n) => `meta:${5_000_000 + n}`));
    await saveScreenshot(panel, 'followed-window-ar', { fullPage: false });

    const english = Array.from({ length: N }, (_, n) => n).filter((n) => n % 2 === 1 && String(n).startsWith('177'));
    await search.fill('acme 177');
    await expect
      .poll(async () => (await drawnRows(panel, 'followed-advertiser')).map((r) => r.id))
      .toEqual(english.map((n) => `meta:${5_000_000 + n}`));
    // Unfollowed from the list: it leaves the search and the count, the others stay in order.
    await panel.getByTestId('followed-advertiser').first().getByRole('button', { name: 'إلغاء المتابعة' }).click();
    await expect
      .poll(async () => (await drawnRows(panel, 'followed-advertiser')).map((r) => r.id))
      .toEqual(english.slice(1).map((n) => `meta:${5_000_000 + n}`));
    await search.fill('');
    await expect.poll(() => count(panel, 'followed-count')).toBe(N - 1);
    expect(Number(await panel.getByTestId('followed-count').getAttribute('data-total'))).toBe(N - 1);
    await panel.close();
  });
});

async function openTestimonials(locale: 'en' | 'ar') {
  const panel = await browser.openSidePanel({ locale });
  await panel.getByRole('button', { name: locale === 'en' ? 'Testimonials' : 'شهادات العملاء' }).click();
  await expect.poll(() => count(panel, 'testimonial-count'), { timeout: 15_000 }).toBe(N);
  return panel;
}

describe('2,000 testimonials, a window at a time', () => {
  it('draws only the testimonials near the screen, newest first, and the oldest at the end', async () => {
    const panel = await openTestimonials('en');
    await expect.poll(async () => (await drawnRows(panel, 'testimonial'))[0]?.id).toBe(testimonial(0).id);
    const rows = await drawnRows(panel, 'testimonial');
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.length).toBeLessThan(WINDOW);
    expect(rows.map((r) => r.id)).toEqual(rows.map((r) => testimonial(r.position - 1).id));
    await saveScreenshot(panel, 'testimonials-window-en', { fullPage: false });
    await scrollToEnd(panel, 'testimonial', N);
    await expect
      .poll(async () => (await drawnRows(panel, 'testimonial')).find((r) => r.position === N)?.id)
      .toBe(testimonial(N - 1).id);
    expect((await drawnRows(panel, 'testimonial')).length).toBeLessThan(WINDOW);
    await panel.close();
  });

  it('searches in Arabic and English, and follows a deletion', async () => {
    const panel = await openTestimonials('ar');
    const search = panel.getByRole('searchbox', { name: 'ابحث في الشهادات' });
    // "قهوة 19": "القهوة" found without its article and its ta marbuta folded; numbers beginning 19.
    const arabic = Array.from({ length: N }, (_, n) => n).filter((n) => n % 2 === 0 && String(n).startsWith('19'));
    await search.fill('قهوة 19');
    await expect.poll(() => count(panel, 'testimonial-count')).toBe(arabic.length);
    await expect
      .poll(async () => {
        const rows = await drawnRows(panel, 'testimonial');
        return rows.length > 0 && rows.every((r) => r.id === testimonial(arabic[r.position - 1]).id);
      })
      .toBe(true);
    await saveScreenshot(panel, 'testimonials-window-ar', { fullPage: false });

    await search.fill('flat white 1999');
    await expect.poll(async () => (await drawnRows(panel, 'testimonial')).map((r) => r.id)).toEqual([testimonial(1999).id]);
    await panel.getByTestId('testimonial').first().getByRole('button', { name: 'حذف' }).click();
    await expect.poll(() => count(panel, 'testimonial-count')).toBe(0);
    expect(await panel.getByText('لا شيء يطابق هذا البحث.').count()).toBe(1);
    await search.fill('');
    await expect.poll(() => count(panel, 'testimonial-count')).toBe(N - 1);
    await panel.close();
  });
});
