/**
 * Launches Debian's Firefox ESR with the built extension installed, driven over WebDriver BiDi by
 * puppeteer-core, and serves the demo pages at the platforms' real URLs by request interception
 * (nothing leaves the machine). What works in Chromium is no evidence for Firefox: Gecko has its own
 * clipboard events, `innerText` and microtask timing, so the same person's steps run here too.
 *
 * What the recipe rests on (measured with firefox-esr 153 and puppeteer-core 24):
 * - `browser.installExtension(dir)` installs the unpacked build as a temporary add-on;
 * - the pref `extensions.webextensions.uuids` fixes its `moz-extension://` UUID, so tests know its pages;
 * - `-remote-allow-system-access` lets the driver open extension pages, with a BiDi
 *   `browsingContext.navigate` that does not wait (puppeteer's own goto never sees the load);
 * - interception covers page requests only: the background's own fetches reach the network, so
 *   media it downloads is served by a loopback server the test starts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Frame, type HTTPRequest, type Page } from 'puppeteer-core';
import { type LoggedEntry, readActivityLog } from './activity-log';
import { ARTIFACTS_DIR } from './artifacts';
import { buildFixtureEditors, type FixtureEditor, fixtureBundlePath } from './build-fixtures';
import { DEMO_PAGES, type DemoPage, type DemoPlatform, demoPageHtml, type PageLocale } from './demo-pages';
import { patchSettings } from './settings-in-page';

export const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/firefox-mv3');
export const GECKO_ID = 'dalil@dalil.guide';
/** Fixed for the tests' profiles (any UUID would do; Firefox draws a random one per profile otherwise). */
export const EXTENSION_UUID = '6f1f7e5e-d4a1-4a4a-9b9b-0d4a11e5a11e';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox-esr/firefox-esr'];

export function findFirefox(): string | undefined {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

/** Debian's firefox-esr, installed when missing and we may (root with apt-get), as ensureChromium does. */
export function ensureFirefox(): string {
  const found = findFirefox();
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    console.log('Firefox not found: installing Debian’s firefox-esr package (about a minute)…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'firefox-esr'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const installed = findFirefox();
    if (installed) return installed;
  }
  throw new Error(
    'The Firefox tests need Firefox (Debian/Ubuntu: `sudo apt-get install firefox-esr`) or FIREFOX_PATH set to its executable.',
  );
}

export interface Response {
  status?: number;
  contentType: string;
  body: string | Buffer;
}
/** Answers a request the page makes, or leaves it to the next route (undefined). */
export type Route = (url: URL, request: HTTPRequest) => Response | undefined;

export interface FirefoxWithExtension {
  browser: Browser;
  /** Pages served at real URLs for every page this browser opens; the newest route wins. */
  route(route: Route): void;
  /** A tab whose requests go through the routes; anything not routed is refused. */
  newPage(): Promise<Page>;
  /** An extension page (side panel, picker…) in a tab, loaded. */
  openExtensionPage(path: string): Promise<Page>;
  /** The side panel's page in a tab, in the language chosen in Settings when `locale` is given. */
  openSidePanel(options?: { locale?: 'ar' | 'en' }): Promise<Page>;
  close(): Promise<void>;
}

export interface FirefoxLaunchOptions {
  /** The browser's UI language, which Dalil follows until the person picks one. */
  lang?: string;
  /** Another build to install (a copy with a changed manifest); the Firefox build by default. */
  extensionDir?: string;
  /** That build's gecko id, when the copy has its own (its pages are still at EXTENSION_ORIGIN). */
  geckoId?: string;
  headless?: boolean;
  /** More Firefox prefs (e.g. a test's media host names resolved to a local server). */
  prefs?: Record<string, string | number | boolean>;
  /** Accept self-signed certificates (a local https server standing in for a CDN). */
  acceptInsecureCerts?: boolean;
  /** The profile folder (a small disk in the full-disk tests); a fresh temporary one otherwise. */
  userDataDir?: string;
}

export async function launchFirefoxWithExtension(options: FirefoxLaunchOptions = {}): Promise<FirefoxWithExtension> {
  const lang = options.lang ?? 'en-US';
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: ensureFirefox(),
    headless: options.headless ?? true,
    args: ['-remote-allow-system-access'],
    defaultViewport: { width: 900, height: 760 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [options.geckoId ?? GECKO_ID]: EXTENSION_UUID }),
      'intl.locale.requested': lang,
      'intl.accept_languages': lang,
      // This machine reaches no network: keep Firefox from trying.
      'network.connectivity-service.enabled': false,
      'browser.safebrowsing.update.enabled': false,
      ...options.prefs,
    },
    acceptInsecureCerts: options.acceptInsecureCerts,
    userDataDir: options.userDataDir,
  });
  await browser.installExtension(options.extensionDir ?? FIREFOX_EXTENSION_DIR);
  const routes: Route[] = [];

  async function settle(page: Page, origin: string) {
    await page.waitForFunction((o) => location.origin === o && document.readyState === 'complete', { timeout: 10_000 }, origin);
  }

  const self: FirefoxWithExtension = {
    browser,
    route(route) {
      routes.unshift(route);
    },
    async newPage() {
      const page = await browser.newPage();
      page.setDefaultTimeout(10_000);
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        if (request.isInterceptResolutionHandled()) return;
        const url = new URL(request.url());
        if (!/^https?:$/.test(url.protocol)) return void request.continue();
        for (const route of routes) {
          const answer = route(url, request);
          if (answer) return void request.respond({ status: answer.status ?? 200, ...answer });
        }
        // Loopback servers a test started pass; everything else stays refused.
        if (url.hostname === '127.0.0.1') return void request.continue();
        return void request.abort('blockedbyclient');
      });
      return page;
    },
    async openExtensionPage(path) {
      const page = await browser.newPage();
      page.setDefaultTimeout(10_000);
      const context = (page.mainFrame() as unknown as { _id: string })._id;
      const connection = (browser as unknown as { connection: { send(method: string, params: object): Promise<unknown> } })
        .connection;
      await connection.send('browsingContext.navigate', { context, url: `${EXTENSION_ORIGIN}/${path}`, wait: 'none' });
      await settle(page, EXTENSION_ORIGIN);
      return page;
    },
    async openSidePanel({ locale } = {}) {
      const page = await self.openExtensionPage('sidepanel.html');
      if (locale) {
        // Same as choosing the language in Settings; the other settings stay as the person left them.
        await page.evaluate(patchSettings, { locale });
        await page.evaluate(() => location.reload());
        await settle(page, EXTENSION_ORIGIN);
      }
      await page.waitForSelector('[role="tab"]');
      return page;
    },
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
  return self;
}

/** Serves the six demo pages (`?hl=ar` for the Arabic locale) and their editor bundles. */
export async function serveDemoPagesInFirefox(firefox: FirefoxWithExtension, pages: DemoPage[] = DEMO_PAGES): Promise<void> {
  await buildFixtureEditors();
  firefox.route((url) => {
    const page = pages.find((p) => new URL(p.url).origin === url.origin && new URL(p.url).pathname === url.pathname);
    if (page) {
      const locale: PageLocale = url.searchParams.get('hl') === 'ar' ? 'ar' : 'en';
      const body = demoPageHtml(page, locale, { attach: url.searchParams.get('attach') === '1' });
      return { contentType: 'text/html; charset=utf-8', body };
    }
    if (url.pathname.startsWith('/__dalil_fixture__/') && pages.some((p) => new URL(p.url).origin === url.origin)) {
      const name = url.pathname.split('/').pop()?.replace(/\.js$/, '') as FixtureEditor;
      return { contentType: 'text/javascript', body: readFileSync(fixtureBundlePath(name), 'utf8') };
    }
    return undefined;
  });
}

export async function openDemoInFirefox(firefox: FirefoxWithExtension, platform: DemoPlatform, locale: PageLocale = 'en') {
  const demo = DEMO_PAGES.find((p) => p.platform === platform);
  if (!demo) throw new Error(`no demo page for ${platform}`);
  const page = await firefox.newPage();
  const url = new URL(demo.url);
  if (locale === 'ar') url.searchParams.set('hl', 'ar');
  await page.goto(url.href);
  await page.waitForFunction(() => 'dalilFixture' in window);
  return page;
}

const COMPOSER = '[data-lexical-editor], .public-DraftEditor-content, .ql-editor, textarea, #contenteditable-root';

/** Clicks into the reply box and puts the caret at its end, as a person would before typing. */
export async function focusComposerInFirefox(page: Page): Promise<void> {
  await page.click(COMPOSER);
  await page.keyboard.down('Control');
  await page.keyboard.press('End');
  await page.keyboard.up('Control');
  // Let the content script see the focus and fetch the templates.
  await new Promise((done) => setTimeout(done, 150));
}

/** Dalil's button beside the focused composer (in a closed shadow root: found by position). */
export async function clickComposerButtonInFirefox(page: Page): Promise<void> {
  const box = await (await page.$(COMPOSER))?.boundingBox();
  if (!box) throw new Error('composer not visible');
  const rtl = await page.$eval(COMPOSER, (el) => getComputedStyle(el).direction === 'rtl');
  await page.mouse.click(rtl ? box.x + 16 : box.x + box.width - 16, box.y + box.height - 16);
}

export const modelTextIn = (page: Page) =>
  page.evaluate(() => (window as unknown as { dalilFixture: { modelText(): string } }).dalilFixture.modelText());
export const submitEnabledIn = (page: Page) =>
  page.evaluate(() => (window as unknown as { dalilFixture: { submitEnabled(): boolean } }).dalilFixture.submitEnabled());

/**
 * The picker's frame inside a platform page. Puppeteer keeps such a frame's URL at about:blank (it does
 * not see an extension page load inside a web page), so frames are asked where they are.
 */
export async function pickerFrameIn(page: Page): Promise<Frame | undefined> {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    const here = await frame.evaluate(() => location.href).catch(() => '');
    if (here.includes('/picker.html')) return frame;
  }
  return undefined;
}

/** Whether the picker is showing: closed, its frame is kept hidden for the next opening and draws nothing. */
export async function pickerShownIn(page: Page): Promise<boolean> {
  const frame = await pickerFrameIn(page);
  return frame ? frame.evaluate(() => document.querySelector('[role="combobox"]') !== null).catch(() => false) : false;
}

/** Polls `read` until `accept` holds (10 s), returning the last value; the assertion after it says what was wrong. */
export async function pollFor<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value) && Date.now() < until) {
    await new Promise((done) => setTimeout(done, 100));
    value = await read();
  }
  return value;
}

/** The background's activity log of one kind, read from the extension's IndexedDB in one of its pages. */
export async function activityLogIn(extensionPage: Page, kind: string): Promise<LoggedEntry[]> {
  return extensionPage.evaluate(readActivityLog, kind);
}

/** Sends a protocol message from an extension page, as the side panel's own code does. */
export async function panelMessageIn<T = unknown>(extensionPage: Page, type: string, payload: unknown): Promise<T> {
  const reply = (await extensionPage.evaluate(
    (t, p) =>
      (
        globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).browser.runtime.sendMessage({
        type: t,
        payload: p,
      }),
    type,
    payload,
  )) as { ok: boolean; data?: T; error?: { message: string } };
  if (!reply?.ok) throw new Error(`${type} failed: ${reply?.error?.message ?? 'no reply'}`);
  return reply.data as T;
}

/** Files dropped on an element as the browser delivers a drop: dragover, then drop with the files in its DataTransfer. */
export async function dropFilesInFirefox(
  page: Page,
  selector: string,
  files: Array<{ name: string; type: string; bytes: Uint8Array }>,
): Promise<void> {
  const zone = await page.waitForSelector(selector);
  if (!zone) throw new Error(`nothing to drop on: ${selector}`);
  await zone.evaluate(
    (el, list) => {
      const transfer = new DataTransfer();
      for (const f of list) transfer.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
      el.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
      el.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
    },
    files.map((f) => ({ ...f, bytes: Array.from(f.bytes) })),
  );
}

/** Saves what the person would see, beside the Chromium screenshots, with a `firefox-` prefix. */
export async function saveFirefoxScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const path = resolve(ARTIFACTS_DIR, `firefox-${name}.png`) as `${string}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}
