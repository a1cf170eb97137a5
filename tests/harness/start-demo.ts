/**
 * `npm start`: Dalil in Chromium on the built-in demo pages, with the default guidance pack, doing its
 * three jobs: ;thanks typed in the six platforms' reply boxes, one ad saved from the Meta Ad Library
 * into the swipe file, and an image checked against the brand palette.
 * With a display, a real browser window stays open on the result until you close it. Without one (a
 * server, CI), it runs headless, writes screenshots of each job to .output/demo/ and prints a summary;
 * it exits non-zero when a job fails or a part of the demo is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { browseAllCards, clickSave } from './ad-library';
import { EXTENSION_DIR, type ExtensionBrowser, launchWithExtension } from './browser';
import { ensureChromium } from './chromium';
import { focusComposer, modelText, openDemo, typeInComposer } from './composer';
import { DEMO_PAGES, serveDemoPages, thanksReply } from './demo-pages';
import { reportOf } from './palette';
import { patchSettings } from './settings-in-page';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = resolve(ROOT, '.output/demo');
const META_PAGE = resolve(ROOT, 'tests/fixtures/ad-libraries/meta-ad-library/meta-adlib-search-en.html');
const DEFAULT_PACK = resolve(ROOT, 'public/guidance/default-pack.json');
const MEDIA_IMAGE = resolve(ROOT, 'public/icon/128.png');
const AD_LIBRARY_URL = 'https://www.facebook.com/ads/library/?active_status=all&ad_type=all&country=ALL&q=veteran';

/** Side-panel tabs, by position (their names follow the language). */
const TAB = { templates: 0, brand: 1, swipe: 2, settings: 4 } as const;

/** Everything the demo shows must be here: a missing part stops it with its name, never a smaller demo. */
function missingParts(): string[] {
  const parts: Array<[string, string]> = [
    [resolve(EXTENSION_DIR, 'manifest.json'), 'the Chromium build of Dalil (`npm start` runs `wxt build` first)'],
    [META_PAGE, 'the Meta Ad Library demo page (real records, in the repository)'],
    [MEDIA_IMAGE, "the image served as the ad library's media"],
  ];
  return parts.filter(([path]) => !existsSync(path)).map(([path, what]) => `${relative(ROOT, path)}: ${what}`);
}

interface Job {
  name: string;
  ok: boolean;
  /** One line: what was done and seen. */
  summary: string;
  details: string[];
  shots: string[];
}

let headless = true;

async function shoot(page: Page, name: string, shots: string[]): Promise<void> {
  if (!headless) return;
  const path = resolve(OUT, `${name}.png`);
  await page.screenshot({ path });
  shots.push(path);
}

async function panelOn(browser: ExtensionBrowser, tab: number, locale?: 'en' | 'ar'): Promise<Page> {
  const panel = await browser.openSidePanel(locale ? { locale } : {});
  if (headless) await panel.setViewportSize({ width: 420, height: 900 });
  await panel.getByTestId('template-item').first().waitFor();
  await panel.getByRole('tab').nth(tab).click();
  return panel;
}

/** Dalil's language, as chosen in Settings: every open page follows it at once. */
async function setLanguage(panel: Page, locale: 'en' | 'ar'): Promise<void> {
  await panel.evaluate(patchSettings, { locale });
  await panel.waitForFunction((dir) => document.documentElement.dir === dir, locale === 'ar' ? 'rtl' : 'ltr');
}

/** Runs one job; a job that throws is reported as failed with its reason and a screenshot of where it stood. */
async function run(name: string, job: (j: Job) => Promise<void>, pages: () => Page[]): Promise<Job> {
  const result: Job = { name, ok: false, summary: '', details: [], shots: [] };
  try {
    await job(result);
  } catch (error) {
    result.ok = false;
    result.summary = `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    const last = pages().at(-1);
    if (last && !last.isClosed()) await shoot(last, `${name.replace(/\W+/g, '-')}-failed`, result.shots).catch(() => undefined);
  }
  return result;
}

/** The agent's job: type ;thanks in each platform's reply box; the editor's own model is read back. */
async function replyTemplates(browser: ExtensionBrowser, job: Job): Promise<void> {
  let landed = 0;
  for (const demo of DEMO_PAGES) {
    const page = await openDemo(browser, demo.platform);
    await focusComposer(page);
    await typeInComposer(page, ';thanks');
    // The thanks template in the comment's language (Settings: "Reply in the commenter's language").
    const reply = thanksReply(demo);
    await page
      .waitForFunction((expected) => window.dalilFixture.modelText().includes(expected), reply, { timeout: 5000 })
      .catch(() => undefined);
    const text = await modelText(page);
    const ok = text.includes(reply) && !text.includes(';thanks');
    if (ok) landed++;
    job.details.push(`${demo.platform.padEnd(10)} ${ok ? '✓' : '✗'} ${JSON.stringify(text.slice(0, 70))}…`);
    await shoot(page, demo.platform, job.shots);
  }
  job.ok = landed === DEMO_PAGES.length;
  job.summary = `;thanks landed in ${landed}/${DEMO_PAGES.length} composers`;
}

/** The marketer's job: the Meta Ad Library page of real records, Save on every card, one ad saved to the swipe file. */
async function adLibrary(browser: ExtensionBrowser, job: Job): Promise<void> {
  const html = readFileSync(META_PAGE, 'utf8');
  const image = readFileSync(MEDIA_IMAGE);
  // The records' media links expired long ago: the library's CDN answers with a local image.
  await browser.context.route(/^https:\/\/[^/]*fbcdn\.net\//, (route) =>
    route.fulfill({ contentType: 'image/png', body: image }),
  );
  await browser.context.route('https://www.facebook.com/ads/library/**', (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }),
  );
  const page = await browser.context.newPage();
  if (headless) await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(AD_LIBRARY_URL);
  const cards = await page.evaluate(
    () =>
      [...document.querySelectorAll('span, div')].filter(
        (el) => el.childElementCount === 0 && /^Library ID: \d+$/.test(el.textContent ?? ''),
      ).length,
  );
  if (cards === 0) throw new Error('the Meta Ad Library demo page shows no ad cards');
  // Dalil reads cards as they come near the screen: browse the results as a person would.
  let controls = 0;
  for (let tries = 0; tries < 10 && controls < cards; tries++) {
    controls = await browseAllCards(page);
    if (controls < cards) await page.waitForTimeout(500);
  }
  job.details.push(`${controls} of ${cards} ad cards got Dalil's Save control`);
  await clickSave(page, 0);

  const panel = await panelOn(browser, TAB.swipe, 'en');
  const card = panel.getByTestId('swipe-card').first();
  await card.waitFor({ timeout: 10_000 });
  const saved = await panel.getByTestId('swipe-card').count();
  const adId = (await card.getAttribute('data-ad-id')) ?? '?';
  // The media is kept in the browser (shown from IndexedDB as an object URL), not linked to the library's CDN.
  await panel.waitForFunction(
    () => document.querySelector('[data-testid="swipe-card"] [data-testid="ad-media"]')?.getAttribute('src')?.startsWith('blob:'),
    undefined,
    { timeout: 10_000 },
  );
  await card.click();
  const detail = panel.getByTestId('ad-detail');
  await detail.waitFor();
  const advertiser = (await detail.textContent())?.includes('Texas Veteran Center') ? 'Texas Veteran Center' : '';
  job.details.push(`saved ${adId}${advertiser ? ` (${advertiser})` : ''}, media kept in the browser`);
  await page.bringToFront();
  await shoot(page, 'meta-ad-library', job.shots);
  await shoot(panel, 'swipe-file-en', job.shots);

  const arabic = await panelOn(browser, TAB.swipe, 'ar');
  await arabic.getByTestId('swipe-card').first().click();
  await arabic.getByTestId('ad-detail').waitFor();
  await shoot(arabic, 'swipe-file-ar', job.shots);
  // Back to English for the jobs that follow (Dalil's language is a setting, shared by every page).
  if (headless) await arabic.close();
  await (await browser.openSidePanel({ locale: 'en' })).close();

  job.ok = cards > 0 && controls === cards && saved === 1;
  job.summary = `${controls}/${cards} cards with Save, ${saved} ad saved → swipe file`;
}

/** The manager's job: an image (a campaign poster) dropped on the Brand tab, checked against the kit. */
async function paletteCheck(browser: ExtensionBrowser, job: Job): Promise<void> {
  const panel = await panelOn(browser, TAB.brand, 'en');
  // The poster is drawn in the panel and dropped on the drop zone as the browser delivers a dropped file:
  // flat areas in the default kit's colours (cream, roast brown, cardamom green, saffron, espresso)
  // and one off-brand blue sticker. No named functions inside: tsx would wrap them in a helper the page lacks.
  await panel.getByTestId('image-drop-zone').evaluate(async (zone) => {
    const canvas = new OffscreenCanvas(640, 400);
    const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    const fill = [
      ['#f6efe4', 0, 0, 640, 400],
      ['#5b3a29', 0, 0, 640, 150],
      ['#6e7f4f', 40, 190, 300, 56],
      ['#2b1d16', 40, 280, 260, 18],
      ['#2b1d16', 40, 312, 200, 18],
      ['#e0a526', 400, 190, 200, 170],
      ['#1e6fd9', 440, 30, 170, 90],
    ] as const;
    for (const [colour, x, y, w, h] of fill) {
      ctx.fillStyle = colour;
      ctx.fillRect(x, y, w, h);
    }
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const transfer = new DataTransfer();
    transfer.items.add(new File([blob], 'spring-poster.png', { type: 'image/png' }));
    zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
    zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
  });
  await panel.getByTestId('palette-report').first().waitFor({ timeout: 15_000 });
  const report = await reportOf(panel);
  const off = report.swatches.filter((s) => !s.onPalette);
  job.details.push(
    ...report.swatches.map(
      (s) =>
        `${s.hex} ${(s.share * 100).toFixed(1).padStart(5)}%  nearest ${s.nearest} ΔE2000 ${s.deltaE.toFixed(1)} ${s.onPalette ? '✓' : '✗ off palette'}`,
    ),
  );
  await shoot(panel, 'palette-report-en', job.shots);

  // A dropped file's report lives in the panel it was dropped on: switch that panel to Arabic, then back.
  await setLanguage(panel, 'ar');
  await panel.getByTestId('palette-report').first().waitFor();
  await shoot(panel, 'palette-report-ar', job.shots);
  await setLanguage(panel, 'en');

  const kitMinimum = (JSON.parse(readFileSync(DEFAULT_PACK, 'utf8')) as { brandKit: { minOnPaletteShare: number } }).brandKit
    .minOnPaletteShare;
  // 6% of the poster is the blue sticker: on brand overall, the sticker found off palette.
  job.ok = report.via === 'file' && report.verdict === 'pass' && off.length === 1;
  job.summary =
    `${report.verdict} — spring-poster.png (dropped on the Brand tab) ${(report.onShare * 100).toFixed(0)}% on palette ` +
    `(the kit asks ${(kitMinimum * 100).toFixed(0)}%), ${off.length} colour${off.length === 1 ? '' : 's'} off palette${off.length ? ` (${off.map((s) => s.hex).join(', ')})` : ''}`;
}

async function main() {
  const missing = missingParts();
  if (missing.length > 0) {
    throw new Error(
      `The demo cannot run: part of it is missing.\n${missing.map((m) => `  ✗ ${m}`).join('\n')}\n` +
        'These files are part of the repository; a fresh `git clone` has them.',
    );
  }
  process.env.CHROMIUM_PATH ??= ensureChromium();
  headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  const browser = await launchWithExtension({ headless, viewport: headless ? { width: 1000, height: 760 } : null });
  await serveDemoPages(browser.context);
  if (headless) await mkdir(OUT, { recursive: true });
  // A failure's screenshot from an earlier run would pass for this run's.
  for (const job of ['reply-templates', 'ad-library', 'palette-check'])
    await rm(resolve(OUT, `${job}-failed.png`), { force: true });

  const pages = () => browser.context.pages();
  // Platform pages stay open until the end: the side panel lists the tabs Dalil runs in.
  const jobs = [
    await run('reply templates', (j) => replyTemplates(browser, j), pages),
    await run('ad library', (j) => adLibrary(browser, j), pages),
    await run('palette check', (j) => paletteCheck(browser, j), pages),
  ];

  const tour: string[] = [];
  if (headless) {
    for (const locale of ['en', 'ar'] as const) {
      for (const name of ['templates', 'brand', 'settings'] as const) {
        const panel = await panelOn(browser, TAB[name], locale);
        if (name === 'settings') await panel.getByTestId('content-scripts').waitFor();
        await shoot(panel, `side-panel-${locale}-${name}`, tour);
        await panel.close();
      }
    }
  }
  const status = await browser.openSidePanel();
  const running = await status.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ data: unknown[] }> } } })
      .chrome;
    return (await api.runtime.sendMessage({ type: 'panel.listContentScripts', payload: {} })).data.length;
  });

  const summary = jobs
    .map((j) => [`${j.ok ? '✓' : '✗'} ${j.name}: ${j.summary}`, ...j.details.map((d) => `    ${d}`)].join('\n'))
    .join('\n');
  const failed = jobs.filter((j) => !j.ok);

  if (!headless) {
    console.log(
      `Dalil is running in Chromium with the default pack, on the demo pages (served locally at the platforms'\n` +
        `real URLs; nothing reaches them). It did its three jobs in the open tabs:\n${summary}\n` +
        `Click Dalil's toolbar icon for the side panel (also open in the last tab). Close the browser window to stop.`,
    );
    if (failed.length > 0) process.exitCode = 1;
    await new Promise<void>((done) => browser.context.on('close', () => done()));
    return;
  }

  await browser.close();
  const shots = [...jobs.flatMap((j) => j.shots), ...tour];
  console.log(
    `No display found, so Dalil ran headless.\n` +
      `Content script running on ${running} of ${DEMO_PAGES.length} demo platform pages.\n` +
      `${summary}\n` +
      `Screenshots:\n${shots.map((s) => `  ${relative(process.cwd(), s)}`).join('\n')}\n` +
      `To use Dalil in your own browser, load .output/chrome-mv3 (see README).`,
  );
  if (failed.length > 0) {
    console.error(`\n${failed.length} of ${jobs.length} demo jobs failed: ${failed.map((j) => j.name).join(', ')}.`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
