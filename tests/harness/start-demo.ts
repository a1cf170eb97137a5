/**
 * `npm start`: Dalil in Chromium on the built-in demo pages, with the default guidance pack.
 * With a display, a real browser window stays open until you close it. Without one (a server,
 * CI), it runs headless and writes screenshots of what you would have seen.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { browseAllCards } from './ad-library';
import { type ExtensionBrowser, launchWithExtension } from './browser';
import { ensureChromium } from './chromium';
import { focusComposer, modelText, openDemo, typeInComposer } from './composer';
import { DEMO_PAGES, serveDemoPages } from './demo-pages';

const OUT = resolve(import.meta.dirname, '../../.output/demo');

const META_FIXTURE = resolve(import.meta.dirname, '../../../shared/fixtures/meta-ad-library/meta-adlib-search-en.html');
const AD_LIBRARY_URL = 'https://www.facebook.com/ads/library/?active_status=all&ad_type=all&country=ALL&q=veteran';

/** Serves the shared Meta Ad Library page (real records) at the library's URL, media from a local image. */
async function serveAdLibrary(browser: ExtensionBrowser): Promise<boolean> {
  if (!existsSync(META_FIXTURE)) return false;
  const html = readFileSync(META_FIXTURE, 'utf8');
  const image = readFileSync(resolve(import.meta.dirname, '../../public/icon/128.png'));
  await browser.context.route(/^https:\/\/[^/]*fbcdn\.net\//, (route) =>
    route.fulfill({ contentType: 'image/png', body: image }),
  );
  await browser.context.route('https://www.facebook.com/ads/library/**', (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }),
  );
  return true;
}

async function demoAdLibrary(browser: ExtensionBrowser): Promise<{ controls: number; screenshot: string } | undefined> {
  if (!(await serveAdLibrary(browser))) return undefined;
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(AD_LIBRARY_URL);
  await page.waitForTimeout(1500);
  const controls = await browseAllCards(page);
  const screenshot = resolve(OUT, 'meta-ad-library.png');
  await page.screenshot({ path: screenshot });
  return { controls, screenshot };
}

async function main() {
  process.env.CHROMIUM_PATH ??= ensureChromium();
  const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  const browser = await launchWithExtension({ headless, viewport: headless ? { width: 1000, height: 760 } : null });
  await serveDemoPages(browser.context);

  if (!headless) {
    for (const demo of DEMO_PAGES) await (await browser.context.newPage()).goto(demo.url);
    if (await serveAdLibrary(browser)) await (await browser.context.newPage()).goto(AD_LIBRARY_URL);
    await browser.openSidePanel();
    console.log(
      `Dalil is running in Chromium with the default pack.\n` +
        `- Click Dalil's toolbar icon to open the side panel (also open in the last tab).\n` +
        `- The demo pages are served locally at the platforms' real URLs; nothing reaches them.\n` +
        `Close the browser window to stop.`,
    );
    await new Promise<void>((done) => browser.context.on('close', () => done()));
    return;
  }

  await mkdir(OUT, { recursive: true });
  const shots: string[] = [];
  // Platform pages stay open until the end: the side panel lists the tabs Dalil runs in.
  // Dalil's main job on each platform, as an agent would do it: type ;thanks in the reply box.
  const landed: string[] = [];
  for (const demo of DEMO_PAGES) {
    const page = await openDemo(browser, demo.platform);
    await focusComposer(page);
    await typeInComposer(page, ';thanks');
    await page
      .waitForFunction(() => window.dalilFixture.modelText().includes('Thank you so much'), undefined, { timeout: 5000 })
      .catch(() => undefined);
    const text = await modelText(page);
    landed.push(
      `  ${demo.platform.padEnd(10)} ${text.includes('Thank you so much') ? '✓' : '✗'} ${JSON.stringify(text.slice(0, 70))}…`,
    );
    const path = resolve(OUT, `${demo.platform}.png`);
    await page.screenshot({ path });
    shots.push(path);
  }
  for (const locale of ['en', 'ar'] as const) {
    const panel = await browser.openSidePanel({ locale });
    await panel.setViewportSize({ width: 420, height: 900 });
    await panel.getByTestId('template-item').first().waitFor();
    const tabs = panel.getByRole('tab');
    for (const [index, name] of ['templates', 'brand', 'settings'].entries()) {
      await tabs.nth([0, 1, 4][index]).click();
      if (name === 'settings') await panel.getByTestId('content-scripts').waitFor();
      const path = resolve(OUT, `side-panel-${locale}-${name}.png`);
      await panel.screenshot({ path });
      shots.push(path);
    }
    await panel.close();
  }
  // The marketer's job: the Meta Ad Library page of real records (the shared fixture), with Save controls.
  const library = await demoAdLibrary(browser);
  if (library) shots.push(library.screenshot);

  const running = await (await browser.openSidePanel()).evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ data: unknown[] }> } } })
      .chrome;
    return (await api.runtime.sendMessage({ type: 'panel.listContentScripts', payload: {} })).data.length;
  });
  await browser.close();
  console.log(
    `No display found, so Dalil ran headless.\n` +
      `Content script running on ${running} of ${DEMO_PAGES.length} demo platform pages.\n` +
      `Typed ;thanks in each reply box (the editor's own model, read back):\n${landed.join('\n')}\n` +
      (library ? `Meta Ad Library demo: ${library.controls} ad cards got Dalil's Save control.\n` : '') +
      `Screenshots:\n${shots.map((s) => `  ${s}`).join('\n')}\n` +
      `To use Dalil in your own browser, load .output/chrome-mv3 (see README).`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
