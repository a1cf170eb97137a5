/**
 * The extension reloaded (an update, or "Reload" at chrome://extensions) while a platform page and
 * an ad library page are open. Chrome does not inject declared content scripts into open tabs again,
 * and Dalil's background does not either on install or update (runtime.onInstalled only installs the
 * default pack and the context menus): the old copies stay in those pages, orphaned. A new copy
 * arrives when the page is reloaded, or — on a tab whose old copy no longer answers — when the
 * person presses the picker's keyboard command (the background injects content-scripts/social.js).
 *
 * What must hold: the old copy stops cleanly (no error from it, no second handler: a shortcut
 * typed after a new copy was injected expands once, not twice; its controls go away), and the new
 * copy works.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardControls, clickSave } from '../harness/ad-library';
import { EXTENSION_DIR, type ExtensionBrowser, launchWithExtension, runningContentScripts } from '../harness/browser';
import { focusComposer, insertionLog, modelText, openDemo, typeInComposer } from '../harness/composer';
import { demoPage, serveDemoPages, thanksReply } from '../harness/demo-pages';

const META_PAGE = readFileSync(
  resolve(import.meta.dirname, '../fixtures/ad-libraries/meta-ad-library/meta-adlib-search-en.html'),
  'utf8',
);
/** The extension APIs a service worker has, as far as these steps use them. */
interface ChromeApi {
  runtime: { id?: string };
  tabs: {
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
  scripting: { executeScript(injection: { target: { tabId: number }; files: string[] }): Promise<unknown> };
}
const LIBRARY_URL = 'https://www.facebook.com/ads/library/?active_status=all&ad_type=all&country=ALL&q=veteran';

let browser: ExtensionBrowser;
let extensionDir: string;
beforeAll(async () => {
  // The keyboard command grants activeTab on the tab it is pressed in, which lets the background inject
  // there; automation cannot press it, so this build's manifest holds the page's permission instead.
  extensionDir = mkdtempSync(join(tmpdir(), 'dalil-reload-'));
  cpSync(EXTENSION_DIR, extensionDir, { recursive: true });
  const manifestPath = join(extensionDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.host_permissions = [...(manifest.host_permissions ?? []), 'https://www.facebook.com/*'];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  browser = await launchWithExtension({ extensionDir, viewport: { width: 1200, height: 900 } });
  await serveDemoPages(browser.context);
  await browser.context.route(/^https:\/\/[^/]*fbcdn\.net\//, (route) => route.fulfill({ status: 404, body: '' }));
  await browser.context.route('https://www.facebook.com/ads/library/**', (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: META_PAGE }),
  );
});
afterAll(async () => {
  await browser?.close();
  rmSync(extensionDir, { recursive: true, force: true });
});

/** Errors a page's console shows (content scripts' included), minus the fixture's blocked network requests. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** Reloads the extension from its service worker and waits for the new worker. */
async function reloadExtension(): Promise<Worker> {
  const old = browser.serviceWorker;
  // Not awaited: the worker goes away with the extension, and the evaluation with it.
  void old
    .evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload())
    .catch(() => undefined);
  let worker: Worker | undefined;
  await expect
    .poll(
      () => {
        worker = browser.context.serviceWorkers().find((w) => w !== old && w.url().includes(browser.extensionId));
        return worker !== undefined;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  const ready = worker as Worker;
  // The new worker has started its listeners once it answers.
  await expect
    .poll(() => ready.evaluate(() => !!(globalThis as unknown as { chrome?: ChromeApi }).chrome?.runtime.id))
    .toBe(true);
  return ready;
}

/**
 * What the keyboard command does on a tab whose content script does not answer: probe it, then inject
 * a new copy (entrypoints/background/index.ts, commands.onCommand; then it opens the picker, not needed here).
 */
function commandInjects(worker: Worker, tabId: number): Promise<{ answered: boolean; injected: boolean }> {
  return worker.evaluate(async (id) => {
    const chrome = (globalThis as unknown as { chrome: ChromeApi }).chrome;
    const answered = await chrome.tabs.sendMessage(id, { type: 'dalil.probe' }).then(
      () => true,
      () => false,
    );
    if (answered) return { answered, injected: false };
    await chrome.scripting.executeScript({ target: { tabId: id }, files: ['content-scripts/social.js'] });
    return { answered, injected: true };
  }, tabId);
}

const count = (text: string, phrase: string) => text.split(phrase).length - 1;

describe('reloading the extension under open pages', () => {
  it('stops the old content scripts cleanly, and the new ones work', async () => {
    const facebook = demoPage('facebook');
    // What ;thanks inserts under its comment (Arabic: the Arabic pair).
    const reply = thanksReply(facebook);
    const social = await openDemo(browser, 'facebook');
    const socialErrors = collectErrors(social);
    const library = await browser.context.newPage();
    const libraryErrors = collectErrors(library);
    await library.goto(LIBRARY_URL);
    await expect.poll(async () => (await cardControls(library)).length, { timeout: 10_000 }).toBeGreaterThan(0);

    // Before the reload: the shortcut expands (the old copy now holds the templates).
    await focusComposer(social);
    await typeInComposer(social, ';thanks');
    await expect.poll(async () => count(await modelText(social), reply), { timeout: 5000 }).toBe(1);

    // The tab the old copy runs in, as it told the background (a tab's address is not the background's to read).
    const tab = (await runningContentScripts(browser)).find((s) => s.url === facebook.url);
    if (!tab) throw new Error('the facebook page did not say hello');
    const worker = await reloadExtension();
    const fresh = { ...browser, serviceWorker: worker };

    // The old copy no longer answers the background, so the keyboard command injects a new one.
    expect(await commandInjects(worker, tab.tabId)).toEqual({ answered: false, injected: true });
    await focusComposer(social);
    await typeInComposer(social, ' ;thanks');
    await expect.poll(async () => count(await modelText(social), reply), { timeout: 5000 }).toBe(2);
    // Expanded once, not twice: give a second handler time to show itself.
    await social.waitForTimeout(500);
    expect(count(await modelText(social), reply)).toBe(2);
    expect(await modelText(social)).not.toContain(';thanks');
    // Logged by the new copy, in the new worker's database, once.
    await expect.poll(async () => (await insertionLog(fresh)).filter((e) => e.platform === 'facebook').length).toBe(1);

    // After a page reload, the new copy alone: it works.
    await social.reload();
    await social.waitForFunction(() => 'dalilFixture' in window);
    await focusComposer(social);
    await typeInComposer(social, ';thanks');
    await expect.poll(async () => count(await modelText(social), reply), { timeout: 5000 }).toBe(1);
    await expect.poll(async () => (await insertionLog(fresh)).filter((e) => e.platform === 'facebook').length).toBe(2);

    // The ad library page was not reloaded: the old copy stops, and takes its controls away, at its next report to
    // the background or when its Save is pressed, whichever comes first.
    if ((await cardControls(library)).length > 0) await clickSave(library, 0);
    await expect.poll(async () => (await cardControls(library)).length).toBe(0);
    // After a page reload, the new copy puts its controls back, and Save saves.
    await library.reload();
    await expect.poll(async () => (await cardControls(library)).length, { timeout: 10_000 }).toBeGreaterThan(0);
    await clickSave(library, 0);
    await expect
      .poll(() =>
        worker.evaluate(
          () =>
            new Promise<number>((done, fail) => {
              const open = indexedDB.open('dalil');
              open.onerror = () => fail(open.error);
              open.onsuccess = () => {
                const request = open.result.transaction('adCaptures').objectStore('adCaptures').count();
                request.onsuccess = () => {
                  done(request.result);
                  open.result.close();
                };
              };
            }),
        ),
      )
      .toBe(1);

    expect(socialErrors).toEqual([]);
    expect(libraryErrors).toEqual([]);
    await Promise.all([social.close(), library.close()]);
  });
});
