/**
 * The context menu's second way to an image's pixels: when the image file cannot be fetched (here a
 * CDN that refuses requests without the page's Referer, as hotlink-protected CDNs do), Dalil reads what
 * the screen shows (`tabs.captureVisibleTab`) and crops it to the image. Chrome allows that capture to
 * the activeTab grant a right-click gives; automation cannot right-click browser menus, so this build's
 * manifest holds `<all_urls>` in its place (Dalil's own manifest never asks for it).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from '../harness/artifacts';
import { EXTENSION_DIR, type ExtensionBrowser, launchWithExtension, servePage } from '../harness/browser';
import { clickPaletteMenu, panelPageOpened, reportOf } from '../harness/palette';
import { bandsPng } from '../harness/test-images';

const PAGE_URL = 'https://news.example-brand.com/';
const IMAGE_URL = 'https://img.example-cdn.net/hotlinked/poster.png';
/** 60% blue, 30% white (both off the default kit), 10% Roast Brown. */
const POSTER = bandsPng(400, 240, [
  ['#1e6fd9', 0.6],
  ['#ffffff', 0.3],
  ['#5b3a29', 0.1],
]);
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>News</title></head>
<body style="margin:0;background:#000"><img id="poster" src="${IMAGE_URL}" width="400" height="240" style="display:block;margin:40px" alt=""></body></html>`;

let browser: ExtensionBrowser;
let extensionDir: string;
let imageRequests: Array<{ referer?: string; status: number }> = [];
beforeAll(async () => {
  extensionDir = mkdtempSync(join(tmpdir(), 'dalil-capture-'));
  cpSync(EXTENSION_DIR, extensionDir, { recursive: true });
  const manifestPath = join(extensionDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.host_permissions = [...(manifest.host_permissions ?? []), '<all_urls>'];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  browser = await launchWithExtension({ extensionDir, viewport: { width: 900, height: 700 } });
  await servePage(browser.context, PAGE_URL, PAGE);
  await browser.context.route(`${IMAGE_URL}*`, (route) => {
    const referer = route.request().headers().referer;
    const status = referer?.startsWith(PAGE_URL) ? 200 : 403;
    imageRequests.push({ referer, status });
    return status === 200
      ? route.fulfill({ status, headers: { 'content-type': 'image/png' }, body: POSTER })
      : route.fulfill({ status, body: 'hotlinking not allowed' });
  });
});
afterAll(async () => {
  await browser?.close();
  rmSync(extensionDir, { recursive: true, force: true });
});

describe('right-click check of an image its CDN will not hand to Dalil', () => {
  it('reads the image from a screenshot of the tab, cropped to it, and reports it', async () => {
    const page = await browser.context.newPage();
    await page.goto(PAGE_URL);
    await page.bringToFront();
    await page.waitForFunction(() => (document.getElementById('poster') as HTMLImageElement).naturalWidth > 0);
    imageRequests = [];
    const panelOpening = panelPageOpened(browser);
    await clickPaletteMenu(browser, PAGE_URL, IMAGE_URL);
    const panel = await panelOpening;
    const shown = panel.getByTestId('palette-report').first();
    await expect.poll(() => shown.getAttribute('data-verdict'), { timeout: 15_000 }).toBe('fail');
    // The fetch was tried first and refused…
    expect(imageRequests.some((r) => r.status === 403)).toBe(true);
    const report = await reportOf(panel);
    // … so the pixels came from the screen: the poster's bands in their shares, none of the black page around it.
    expect(report.via).toBe('capture');
    const share = (hex: string) => report.swatches.filter((s) => s.hex === hex).reduce((sum, s) => sum + s.share, 0);
    expect(Math.abs(share('#1e6fd9') - 0.6)).toBeLessThan(0.03);
    expect(Math.abs(share('#ffffff') - 0.3)).toBeLessThan(0.03);
    expect(report.swatches.find((s) => s.hex === '#5b3a29')).toMatchObject({ nearest: 'Roast Brown', onPalette: true });
    expect(share('#000000')).toBe(0);
    expect(Math.abs(report.onShare - 0.1)).toBeLessThan(0.03);
    await saveScreenshot(panel, 'brand-report-screenshot-path-en');
    await panel.close();
    await page.close();
  });
});
