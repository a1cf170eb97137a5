/**
 * Launches Debian's Chromium with the built extension loaded, the way a person's browser would run
 * it, and serves local fixture pages at the platforms' real URLs (nothing leaves the machine).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page, type Worker } from 'playwright-core';
import { findChromium } from './chromium';
import { patchSettings } from './settings-in-page';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');

export interface ExtensionBrowser {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** Opens the side panel's page in a tab (automation cannot open the real side panel). */
  openSidePanel(options?: { locale?: 'ar' | 'en' }): Promise<Page>;
  /** Quits the browser and starts it again on the same profile, as a person restarting it. */
  restart(): Promise<ExtensionBrowser>;
  /** Stops the extension's service worker through DevTools' service-worker controls (as chrome://serviceworker-internals does). */
  stopServiceWorker(): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  headless?: boolean;
  /** The browser's UI language (`--lang`), which Dalil follows until the user picks one. */
  lang?: string;
  viewport?: { width: number; height: number } | null;
  /** An existing profile to start from (restart); a fresh one otherwise. */
  userDataDir?: string;
  /** Local servers (a team's pack host, its webhook) the extension may reach; everything else stays refused. */
  allowOrigins?: string[];
  /** Another build of the extension to load (a copy with a changed manifest); the built one by default. */
  extensionDir?: string;
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'dalil-profile-')));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium() ?? '/usr/bin/chromium',
    headless: options.headless ?? true,
    locale: options.lang ?? 'en-US',
    viewport: options.viewport === undefined ? { width: 420, height: 760 } : options.viewport,
    args: [
      `--disable-extensions-except=${options.extensionDir ?? EXTENSION_DIR}`,
      `--load-extension=${options.extensionDir ?? EXTENSION_DIR}`,
      `--lang=${options.lang ?? 'en-US'}`,
      '--no-sandbox',
      '--disable-gpu',
      // This machine reaches no network: keep Chromium from trying.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  // A step that cannot happen fails in 10 s with its reason, not at the test's 60 s timeout.
  context.setDefaultTimeout(10_000);
  // Nothing may leave the machine: anything not routed by a test is refused.
  await context.route(/^https?:\/\//, (route) => route.abort('blockedbyclient'));
  // Routes added later win: these origins pass (the service worker's own requests included).
  for (const origin of options.allowOrigins ?? []) await context.route(`${origin}/**`, (route) => route.continue());
  let [serviceWorker] = context.serviceWorkers();
  serviceWorker ??= await context.waitForEvent('serviceworker', { timeout: 15_000 });
  const extensionId = new URL(serviceWorker.url()).host;

  const self: ExtensionBrowser = {
    context,
    serviceWorker,
    extensionId,
    async openSidePanel({ locale } = {}) {
      const page = await context.newPage();
      if (locale) {
        // Same as choosing the language in Settings.
        await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
        await page.evaluate(patchSettings, { locale });
        await page.reload();
      } else {
        await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
      }
      return page;
    },
    async restart() {
      await context.close();
      return launchWithExtension({ ...options, userDataDir });
    },
    async stopServiceWorker() {
      const page =
        context.pages().find((p) => p.url().startsWith(`chrome-extension://${extensionId}/`)) ?? (await self.openSidePanel());
      const cdp = await context.newCDPSession(page);
      const versions = new Promise<string[]>((resolvePromise) => {
        cdp.on('ServiceWorker.workerVersionUpdated', ({ versions: list }) => {
          const running = (list as Array<{ versionId: string; scriptURL: string; runningStatus: string }>).filter(
            (v) => v.scriptURL.startsWith(`chrome-extension://${extensionId}/`) && v.runningStatus === 'running',
          );
          if (running.length > 0) resolvePromise(running.map((v) => v.versionId));
        });
      });
      await cdp.send('ServiceWorker.enable');
      for (const versionId of await versions) await cdp.send('ServiceWorker.stopWorker', { versionId });
      await cdp.detach();
    },
    async close() {
      await context.close().catch(() => undefined);
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
  return self;
}

/** Serves `html` at a real platform URL (and everything under it) for this browser context. */
export async function servePage(context: BrowserContext, urlPattern: string, html: string): Promise<void> {
  await context.route(urlPattern, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
}

/** What a person reads in an element: its text without the invisible bidi isolation marks. */
export async function visibleText(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/[\u2066-\u2069\u200e\u200f\u061c]/g, '');
}

export interface RunningContentScript {
  tabId: number;
  url: string;
  at: string;
}

/** The content scripts that have said hello, as the background records them, newest first. */
export async function runningContentScripts(browser: ExtensionBrowser): Promise<RunningContentScript[]> {
  const running = await browser.serviceWorker.evaluate(async () => {
    const api = (
      globalThis as unknown as {
        chrome: { storage: { session: { get(k: string): Promise<{ contentScripts?: Record<string, RunningContentScript> }> } } };
      }
    ).chrome;
    return Object.values((await api.storage.session.get('contentScripts')).contentScripts ?? {});
  });
  return running.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/**
 * Sends a message to the newest tab whose URL starts with `urlPrefix`, the way the background does
 * for its keyboard command and context menus (automation can press neither). False when no such tab.
 */
export async function sendToTab(browser: ExtensionBrowser, urlPrefix: string, message: { type: string }): Promise<boolean> {
  const tab = (await runningContentScripts(browser)).find((s) => s.url.startsWith(urlPrefix));
  if (!tab) return false;
  await browser.serviceWorker.evaluate(
    ([tabId, m]) =>
      (
        globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, m: unknown): Promise<void> } } }
      ).chrome.tabs.sendMessage(tabId, m),
    [tab.tabId, message] as const,
  );
  return true;
}

/**
 * Sends a protocol message from an extension page (the side panel), as its own code does. For
 * steps a person does in bulk (fifty checks) or that the UI does not offer (reading the log whole).
 */
export async function panelMessage<T = unknown>(page: Page, type: string, payload: unknown): Promise<T> {
  const reply = await page.evaluate(
    ([t, p]) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({
        type: t,
        payload: p,
      }),
    [type, payload] as const,
  );
  const r = reply as { ok: boolean; data?: T; error?: { message: string } };
  if (!r?.ok) throw new Error(`${type} failed: ${r?.error?.message ?? 'no reply'}`);
  return r.data as T;
}
