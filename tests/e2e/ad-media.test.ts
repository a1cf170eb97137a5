/**
 * What a Save makes the background download: only the library's media, over https. A hostile card
 * pointing its image at an intranet host is saved without it (and says why); media owed when the
 * worker is stopped mid-download arrives once the next worker starts; a failed download comes back
 * with Retry media. The Meta Ad Library page is served at its real URL; every media request is routed.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Request, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardControls, clickSave } from '../harness/ad-library';
import { saveScreenshot } from '../harness/artifacts';
import { type ExtensionBrowser, launchWithExtension, visibleText } from '../harness/browser';
import { type MetaRecord, metaRecords, renderMetaPage } from '../unit/ad-libraries/meta-page';

const LIBRARY_URL = 'https://www.facebook.com/ads/library/?active_status=all&ad_type=all&country=ALL&q=coffee';
const PNG = readFileSync(resolve(import.meta.dirname, '../../public/icon/128.png'));
const INTRANET = 'https://intranet.corp/';

let browser: ExtensionBrowser;
let pageHtml = '';
/** Requests the extension's service worker made (the page's own <img> loads are not counted). */
const workerRequests: string[] = [];
/** How the CDN answers the worker, per URL (a PNG at once by default). */
let answerWorker: (url: string, route: Route) => Promise<void> = (_url, route) => servePng(route);

const servePng = (route: Route) => route.fulfill({ status: 200, contentType: 'image/png', body: PNG });
/** A fetch() from the service worker, not a page's image load. */
const fromWorker = (request: Request) => request.serviceWorker() !== null || request.headers()['sec-fetch-dest'] === 'empty';

beforeAll(async () => {
  browser = await launchWithExtension({ viewport: { width: 1200, height: 900 } });
  const media = async (route: Route) => {
    const request = route.request();
    if (!fromWorker(request)) return servePng(route);
    workerRequests.push(request.url());
    await answerWorker(request.url(), route);
  };
  await browser.context.route(/^https:\/\/[^/]*fbcdn\.net\//, media);
  // An intranet host, answered as if it were there: a background that asked for it would get a picture.
  await browser.context.route(`${INTRANET}**`, media);
  await browser.context.route('https://www.facebook.com/ads/library/**', (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: pageHtml }),
  );
});
afterAll(() => browser?.close());

/** A real record with an image, under its own ad id, its image at `imageUrl`. */
function recordWithImage(n: number, imageUrl: string): MetaRecord {
  const base = metaRecords().find((r) => !r.snapshot.videos[0] && r.snapshot.images[0]?.resized_image_url);
  if (!base) throw new Error('no image record in the fixture');
  return {
    ...base,
    ad_archive_id: `77000000000000${n}`,
    snapshot: { ...base.snapshot, images: [{ resized_image_url: imageUrl, original_image_url: imageUrl }] },
  };
}

async function saveOne(record: MetaRecord): Promise<void> {
  pageHtml = renderMetaPage([record], { locale: 'en-US', seed: 21 });
  const page = await browser.context.newPage();
  await page.goto(LIBRARY_URL);
  await expect.poll(async () => (await cardControls(page)).length, { timeout: 10_000 }).toBe(1);
  await clickSave(page, 0);
  await page.close();
}

async function openAd(adId: string, locale: 'en' | 'ar' = 'en') {
  const panel = await browser.openSidePanel({ locale });
  await panel.getByRole('tab').nth(2).click();
  const card = panel.locator(`[data-testid="swipe-card"][data-ad-id="meta:${adId}"]`);
  await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1);
  await card.click();
  return { panel, detail: panel.getByTestId('ad-detail') };
}

describe('media a Save downloads', () => {
  it('saves a hostile card pointing at an intranet host without its media, never asks that host, and says why', async () => {
    const hostile = recordWithImage(1, `${INTRANET}admin/secret.png`);
    const fine = recordWithImage(2, 'https://scontent-cai1-1.xx.fbcdn.net/v/t39/fine.png?oe=1');
    await saveOne(fine);
    const { panel, detail } = await openAd(fine.ad_archive_id);
    await expect.poll(() => detail.getByTestId('ad-media').getAttribute('src')).toMatch(/^blob:/);
    // The worker's own media requests are seen here: the fine card's image was one.
    expect(workerRequests).toContain('https://scontent-cai1-1.xx.fbcdn.net/v/t39/fine.png?oe=1');
    await panel.close();

    await saveOne(hostile);
    const en = await openAd(hostile.ad_archive_id);
    await expect
      .poll(() => visibleText(en.detail.getByTestId('media-problems')))
      .toContain('the card named a link outside the ad library’s media servers, so Dalil did not fetch it.');
    expect(await en.detail.getByTestId('media-problem').getAttribute('data-reason')).toBe('not-library-host');
    // A refusal is not a failure: nothing to retry.
    expect(await en.detail.getByRole('button', { name: 'Retry media' }).count()).toBe(0);
    expect(await visibleText(en.detail)).toContain(String(hostile.snapshot.page_name));
    await saveScreenshot(en.panel, 'swipe-media-refused-en');
    await en.panel.close();
    const ar = await openAd(hostile.ad_archive_id, 'ar');
    await expect
      .poll(() => visibleText(ar.detail.getByTestId('media-problems')))
      .toContain('أشارت البطاقة إلى رابط خارج خوادم وسائط مكتبة الإعلانات، فلم يجلبه دليل.');
    await saveScreenshot(ar.panel, 'swipe-media-refused-ar');
    await ar.panel.close();
    // Back to English: the cards' Save control follows Dalil's language.
    await (await browser.openSidePanel({ locale: 'en' })).close();
    expect(workerRequests.filter((url) => url.startsWith(INTRANET))).toEqual([]);
  });

  it('finishes a download the worker was stopped in the middle of, once a new worker starts, without anyone asking', async () => {
    const url = 'https://scontent-cai1-1.xx.fbcdn.net/v/t39/slow.png?oe=2';
    let held: (() => void) | undefined;
    answerWorker = async (requested, route) => {
      // The first request is held open (a slow CDN): the worker is stopped while it waits.
      if (requested === url && !held) {
        await new Promise<void>((release) => {
          held = release;
        });
        await route.fulfill({ status: 200, contentType: 'image/png', body: PNG }).catch(() => undefined);
        return;
      }
      await servePng(route);
    };
    const before = workerRequests.length;
    const record = recordWithImage(3, url);
    await saveOne(record);
    await expect.poll(() => held !== undefined, { timeout: 10_000 }).toBe(true);
    await browser.stopServiceWorker();
    held?.();

    // The next worker starts when the panel asks for the swipe file, and resumes the download by itself.
    const { panel, detail } = await openAd(record.ad_archive_id);
    await expect.poll(() => detail.getByTestId('ad-media').getAttribute('src'), { timeout: 20_000 }).toMatch(/^blob:/);
    // Asked twice in all: the request the stopped worker lost, and the new worker's; never again once saved.
    expect(workerRequests.slice(before).filter((u) => u === url)).toHaveLength(2);
    await panel.reload();
    await panel.getByRole('tab', { name: 'Swipe file' }).click();
    await expect.poll(() => panel.getByTestId('ad-media').count()).toBeGreaterThan(0);
    expect(workerRequests.slice(before).filter((u) => u === url)).toHaveLength(2);
    await panel.close();
    answerWorker = (_url, route) => servePng(route);
  });

  it('does not follow a CDN redirect to the intranet, and Retry media brings the image once the CDN serves it', async () => {
    const url = 'https://scontent-cai1-1.xx.fbcdn.net/v/t39/moved.png?oe=3';
    let redirect = true;
    answerWorker = async (requested, route) => {
      if (requested === url && redirect) return route.fulfill({ status: 302, headers: { location: `${INTRANET}moved.png` } });
      await servePng(route);
    };
    const record = recordWithImage(4, url);
    await saveOne(record);
    const { panel, detail } = await openAd(record.ad_archive_id);
    await expect
      .poll(() => visibleText(detail.getByTestId('media-problems')), { timeout: 10_000 })
      .toContain('Dalil follows no redirect for media');
    expect(workerRequests.filter((u) => u.startsWith(INTRANET))).toEqual([]);
    await saveScreenshot(panel, 'swipe-media-retry-en');

    redirect = false;
    await detail.getByRole('button', { name: 'Retry media' }).click();
    await expect.poll(() => detail.getByTestId('ad-media').getAttribute('src'), { timeout: 10_000 }).toMatch(/^blob:/);
    await expect.poll(() => detail.getByTestId('media-problems').count()).toBe(0);
    await panel.close();
    answerWorker = (_url, route) => servePng(route);
  });

  it('shows on the swipe-file card how far its media have downloaded, and Retry media there when one failed', async () => {
    // The CDN holds the first image until the test lets it go: the card shows the download under way.
    const slow = 'https://scontent-cai1-1.xx.fbcdn.net/v/t39/slow.png?oe=5';
    let release: (() => void) | undefined;
    answerWorker = async (requested, route) => {
      if (requested === slow) await new Promise<void>((done) => (release = done));
      await servePng(route);
    };
    const held = recordWithImage(5, slow);
    await saveOne(held);
    const panel = await browser.openSidePanel({ locale: 'en' });
    await panel.getByRole('tab').nth(2).click();
    const card = (id: string) => panel.locator(`[data-testid="swipe-card"][data-ad-id="meta:${id}"]`);
    await expect.poll(() => release !== undefined, { timeout: 10_000 }).toBe(true);
    const progress = card(held.ad_archive_id).getByTestId('media-progress');
    await expect.poll(() => visibleText(progress), { timeout: 10_000 }).toContain('Media: 0 of 1 saved (0 MB)');
    await saveScreenshot(panel, 'swipe-media-progress-en');
    release?.();
    await expect
      .poll(() => card(held.ad_archive_id).getByTestId('ad-media').getAttribute('src'), { timeout: 10_000 })
      .toMatch(/^blob:/);
    expect(await progress.count()).toBe(0);

    // A redirect is not followed: the card offers Retry media, which brings the image once the CDN serves it.
    const moved = 'https://scontent-cai1-1.xx.fbcdn.net/v/t39/moved-again.png?oe=6';
    let redirect = true;
    answerWorker = async (requested, route) => {
      if (requested === moved && redirect) return route.fulfill({ status: 302, headers: { location: `${INTRANET}x.png` } });
      await servePng(route);
    };
    const failed = recordWithImage(6, moved);
    await saveOne(failed);
    const retry = card(failed.ad_archive_id).getByRole('button', { name: 'Retry media' });
    await expect.poll(() => retry.count(), { timeout: 10_000 }).toBe(1);
    await saveScreenshot(panel, 'swipe-card-retry-en');
    redirect = false;
    await retry.click();
    await expect
      .poll(() => card(failed.ad_archive_id).getByTestId('ad-media').getAttribute('src'), { timeout: 10_000 })
      .toMatch(/^blob:/);
    expect(await retry.count()).toBe(0);
    await panel.close();
    answerWorker = (_url, route) => servePng(route);
  });
});
