/**
 * `npm run start:firefox`: Dalil in Firefox (Debian's firefox-esr) on the built-in demo pages, with the
 * default guidance pack, doing its three jobs: ;thanks typed in the six platforms' reply boxes, one ad
 * saved from the Meta Ad Library into the swipe file, and an image checked against the brand palette.
 * With a display, the browser window stays open until you close it; without one, it runs headless,
 * writes screenshots to .output/demo/firefox-*.png and prints a summary; a failed job exits non-zero.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { cardControls, clickSave } from './ad-library';
import { DEMO_PAGES, thanksReply } from './demo-pages';
import {
  dropFilesInFirefox,
  FIREFOX_EXTENSION_DIR,
  type FirefoxWithExtension,
  focusComposerInFirefox,
  launchFirefoxWithExtension,
  modelTextIn,
  openDemoInFirefox,
  pollFor,
  serveDemoPagesInFirefox,
} from './firefox';
import { startHttpsMediaServer } from './https-media-server';
import { bandsPng } from './test-images';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = resolve(ROOT, '.output/demo');
const META_PAGE = resolve(ROOT, 'tests/fixtures/ad-libraries/meta-ad-library/meta-adlib-search-en.html');
const MEDIA_IMAGE = resolve(ROOT, 'public/icon/128.png');
const AD_LIBRARY_URL = 'https://www.facebook.com/ads/library/?active_status=all&ad_type=all&country=ALL&q=veteran';

for (const [path, what] of [
  [
    resolve(FIREFOX_EXTENSION_DIR, 'manifest.json'),
    'the Firefox build (`npm run start:firefox` runs `wxt build -b firefox --mv3` first)',
  ],
  [META_PAGE, 'the Meta Ad Library demo page'],
  [MEDIA_IMAGE, "the image served as the ad library's media"],
]) {
  if (!existsSync(path)) {
    console.error(`The demo is missing ${relative(ROOT, path)}: ${what}.`);
    process.exit(1);
  }
}

const headless = !process.env.DISPLAY;
await mkdir(OUT, { recursive: true });
const lines: Array<{ ok: boolean; text: string }> = [];
const shots: string[] = [];
async function shoot(page: Page, name: string) {
  if (!headless) return;
  const path = resolve(OUT, `firefox-${name}.png`) as `${string}.png`;
  await page.screenshot({ path });
  shots.push(relative(ROOT, path));
}
async function job(name: string, work: () => Promise<string>) {
  try {
    lines.push({ ok: true, text: `${name}: ${await work()}` });
  } catch (error) {
    lines.push({ ok: false, text: `${name}: ${error instanceof Error ? error.message : String(error)}` });
  }
}
async function clickTab(page: Page, index: number) {
  await page.waitForSelector('[role="tab"]');
  await (await page.$$('[role="tab"]'))[index]?.click();
}

// The background downloads an ad's media itself, where page interception does not reach: a local https
// server answers at the CDN's real host names (Dalil fetches media over https from the library's hosts only).
const libraryHtml = readFileSync(META_PAGE, 'utf8');
const mediaHosts = [...new Set([...libraryHtml.matchAll(/https:\/\/([a-z0-9.-]*fbcdn\.net)\//g)].map((m) => m[1]))];
const media = await startHttpsMediaServer(mediaHosts, readFileSync(MEDIA_IMAGE), 'image/png');

const firefox: FirefoxWithExtension = await launchFirefoxWithExtension({
  headless,
  prefs: media.prefs,
  acceptInsecureCerts: true,
});
await serveDemoPagesInFirefox(firefox);
firefox.route((url) =>
  url.origin === 'https://www.facebook.com' && url.pathname.startsWith('/ads/library')
    ? { contentType: 'text/html; charset=utf-8', body: libraryHtml }
    : undefined,
);

await job('reply templates', async () => {
  const landed: string[] = [];
  for (const demo of DEMO_PAGES) {
    const { platform } = demo;
    // The thanks template in the comment's language (Settings: "Reply in the commenter's language").
    const reply = thanksReply(demo);
    const page = await openDemoInFirefox(firefox, platform);
    await focusComposerInFirefox(page);
    await page.keyboard.type(';thanks', { delay: 15 });
    const text = await pollFor(
      () => modelTextIn(page),
      (t) => t.includes(reply),
      5000,
    );
    if (text.includes(reply) && !text.includes(';thanks')) landed.push(platform);
    await shoot(page, `reply-${platform}`);
    if (headless) await page.close();
  }
  if (landed.length < DEMO_PAGES.length) throw new Error(`;thanks landed in ${landed.length}/${DEMO_PAGES.length} composers`);
  return `;thanks landed in ${landed.length}/${DEMO_PAGES.length} composers`;
});

await job('ad library', async () => {
  const page = await firefox.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  await page.goto(AD_LIBRARY_URL);
  const cards = await pollFor(
    () => cardControls(page),
    (c) => c.length > 0,
  );
  if (cards.length === 0) throw new Error('no Save controls on the cards');
  await clickSave(page, 0);
  await shoot(page, 'meta-library');
  const panel = await firefox.openSidePanel({ locale: 'en' });
  await clickTab(panel, 2);
  const saved = await pollFor(
    () => panel.$$eval('[data-testid="swipe-card"] [data-testid="ad-media"]', (m) => m.map((e) => e.getAttribute('src') ?? '')),
    (srcs) => srcs.some((s) => s.startsWith('data:')),
  );
  await shoot(panel, 'swipe-file');
  if (saved.length === 0) throw new Error('no ad in the swipe file');
  return `1 ad saved into the swipe file${saved[0]?.startsWith('data:') ? ', its image kept' : ', without its image'}`;
});

await job('palette check', async () => {
  const panel = await firefox.openSidePanel({ locale: 'ar' });
  await clickTab(panel, 1);
  const image = bandsPng(400, 240, [
    ['#5b3a29', 0.5],
    ['#f6efe4', 0.3],
    ['#e0a526', 0.08],
    ['#d6246e', 0.12],
  ]);
  await dropFilesInFirefox(panel, '[data-testid="image-drop-zone"]', [{ name: 'spring.png', type: 'image/png', bytes: image }]);
  const report = await pollFor(
    () =>
      panel
        .$eval('[data-testid="palette-report"]', (r) => ({
          verdict: r.getAttribute('data-verdict'),
          on: Number(r.getAttribute('data-on-share')),
        }))
        .catch(() => null),
    (r) => r !== null,
  );
  await shoot(panel, 'palette-report-ar');
  if (!report) throw new Error('no report');
  return `spring.png ${report.verdict}, ${Math.round(report.on * 100)}% on palette (Arabic panel)`;
});

console.log('\nDalil in Firefox — demo summary');
for (const line of lines) console.log(`${line.ok ? '✓' : '✗'} ${line.text}`);
if (shots.length) console.log(`Screenshots: ${shots.join(', ')}`);
const failed = lines.some((l) => !l.ok);
if (headless) {
  await firefox.close();
  await media.close();
  process.exit(failed ? 1 : 0);
}
console.log('Firefox stays open on the demo: close its window (or press Ctrl+C) to end.');
firefox.browser.on('disconnected', () => process.exit(failed ? 1 : 0));
