/**
 * A platform page that attacks Dalil with what a page has: events it dispatches itself, images it
 * stuffs into a composer, and the picker frame it hosts. What it may not get: image checks started
 * by its own events, a log (and team webhook) filled with checks, and anything privileged asked for
 * from inside the picker.
 */
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { protocol } from '../../utils/messaging/protocol';
import { type LoggedEntry, readActivityLog } from '../harness/activity-log';
import { type ExtensionBrowser, launchWithExtension, panelMessage, runningContentScripts } from '../harness/browser';
import { clickComposerButton, focusComposer, pickerFrame } from '../harness/composer';
import { demoPage, serveDemoPages } from '../harness/demo-pages';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension({ viewport: { width: 900, height: 720 } });
  await serveDemoPages(browser.context);
});
afterAll(() => browser?.close());

const paletteLog = (): Promise<LoggedEntry[]> => browser.serviceWorker.evaluate(readActivityLog, 'palette.checked');

/** X's demo: its Draft.js composer is not focused on load, so only a focus or input event starts Dalil's checks. */
async function openX(query = ''): Promise<Page> {
  const url = `${demoPage('x').url}${query}`;
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => 'dalilFixture' in window);
  await expect.poll(async () => (await runningContentScripts(browser)).some((s) => s.url === url)).toBe(true);
  return page;
}

/**
 * What the hostile page runs, in its own world: `count` distinct 64 px images (data: URLs, as an
 * attachment preview is) added beside the composer; with `fake`, it first dispatches focus and
 * input events on the composer, and a load event on each image, as if the person had used it.
 */
function stuffImages(page: Page, options: { count: number; fake: boolean; seed: number }) {
  return page.evaluate(({ count, fake, seed }) => {
    const composer = document.querySelector('.public-DraftEditor-content') as HTMLElement;
    if (fake) {
      composer.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
      composer.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: 'x' }));
    }
    const box = document.querySelector('[data-testid=attachments]') as HTMLElement;
    for (let i = 0; i < count; i++) {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 64;
      const g = canvas.getContext('2d') as CanvasRenderingContext2D;
      g.fillStyle = `hsl(${(seed * 97 + i * 13) % 360} 70% 45%)`;
      g.fillRect(0, 0, 64, 64);
      const img = document.createElement('img');
      img.src = canvas.toDataURL('image/png');
      img.style.cssText = 'width:64px;height:64px';
      box.append(img);
      if (fake) img.dispatchEvent(new Event('load'));
    }
  }, options);
}

/** Waits until the log stops growing (two reads a second apart agree): every check sent has been answered. */
async function settled(): Promise<void> {
  let last = -1;
  await expect
    .poll(
      async () => {
        const now = (await paletteLog()).length;
        const same = now === last;
        last = now;
        return same;
      },
      { interval: 1000, timeout: 20_000 },
    )
    .toBe(true);
}

const refusals = (entries: LoggedEntry[]) => entries.filter((e) => /Too many image checks/.test(String(e.details.error)));
const checks = (entries: LoggedEntry[]) => entries.filter((e) => !/Too many image checks/.test(String(e.details.error)));

describe('a page that fakes the person and floods image checks', () => {
  it('starts nothing with its own events, and gets at most the limit of checks logged per tab', async () => {
    const page = await openX('?attach=1');
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    const before = (await paletteLog()).length;

    // The page's own focus, input and load events over 20 images: no check starts.
    await stuffImages(page, { count: 20, fake: true, seed: 1 });
    // Long enough for the watch's 150 ms settle and several checks, had any started.
    await page.waitForTimeout(1500);
    expect((await paletteLog()).length).toBe(before);

    // The person clicks into the composer: the 20 images are seen and sent (the content script's own cap
    // is 30 per page load); the background checks 10 and refuses the rest with one log entry.
    const started = Date.now();
    await focusComposer(page);
    await expect.poll(async () => refusals((await paletteLog()).slice(before)).length, { timeout: 25_000 }).toBe(1);
    await settled();
    expect(checks((await paletteLog()).slice(before)).length).toBeLessThanOrEqual(10 + Math.ceil((Date.now() - started) / 2000));

    // A reload gives the page a new content script (and its own cap), not the tab a new allowance: after
    // a pause (a check earned again), its next flood is refused again, logged once more.
    await page.waitForTimeout(2100);
    await page.reload();
    await page.waitForFunction(() => 'dalilFixture' in window);
    await focusComposer(page);
    await stuffImages(page, { count: 20, fake: false, seed: 2 });
    await expect.poll(async () => refusals((await paletteLog()).slice(before)).length, { timeout: 25_000 }).toBe(2);
    await settled();
    const entries = (await paletteLog()).slice(before);
    expect(checks(entries).length).toBeLessThanOrEqual(10 + Math.ceil((Date.now() - started) / 2000));
    expect(refusals(entries)).toHaveLength(2);
    expect(refusals(entries)[0]).toMatchObject({ platform: 'x', details: { origin: 'composer', verdict: 'error' } });
    await page.close();
  }, 120_000);
});

/** Sends one raw message from inside the picker frame, with the frame's own extension API. */
const fromPicker = (frame: Frame, messages: Array<{ type: string; payload: unknown }>) =>
  frame.evaluate(
    (list) =>
      Promise.all(
        list.map((m) =>
          (
            globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
          ).chrome.runtime.sendMessage(m),
        ),
      ),
    messages,
  ) as Promise<Array<{ ok: boolean; data?: unknown; error?: { code: string } }>>;

describe('the picker frame, inside a page we do not control', () => {
  it('is refused every privileged message, and may turn Dalil on only for its own tab’s site', async () => {
    const page = await openX();
    await focusComposer(page);
    await clickComposerButton(page);
    const frame = await pickerFrame(page);

    const allowed = ['panel.getGuidance', 'panel.templateUsage', 'panel.setSiteEnabled'];
    const privileged = Object.keys(protocol).filter((type) => !allowed.includes(type));
    // Keys, backups, subscription, webhook, pins, restores… all of them, from the protocol itself.
    expect(privileged).toEqual(
      expect.arrayContaining([
        'panel.exportSigningKey',
        'panel.createBackup',
        'panel.restoreBackup',
        'panel.subscribe',
        'panel.setWebhook',
        'panel.pinPublicKey',
        'panel.restorePackVersion',
        'panel.importPack',
      ]),
    );
    const replies = await fromPicker(
      frame,
      privileged.map((type) => ({ type, payload: {} })),
    );
    expect(Object.fromEntries(replies.map((r, i) => [privileged[i], r.error?.code]))).toEqual(
      Object.fromEntries(privileged.map((type) => [type, 'forbidden-sender'])),
    );

    // What the picker needs still works from it.
    const [guidance, usage, elsewhere, own] = await fromPicker(frame, [
      { type: 'panel.getGuidance', payload: {} },
      { type: 'panel.templateUsage', payload: {} },
      { type: 'panel.setSiteEnabled', payload: { origin: 'https://evil.example', enabled: true } },
      { type: 'panel.setSiteEnabled', payload: { origin: 'https://x.com', enabled: true } },
    ]);
    expect(guidance.ok && usage.ok).toBe(true);
    expect(elsewhere).toEqual({ ok: true, data: { ok: false, error: 'not-this-site' } });
    // Chromium tells the background the tab's address: its own site passes the check (and goes on to the permission's).
    expect(own.ok).toBe(true);
    expect(own.data).not.toEqual({ ok: false, error: 'not-this-site' });

    const panel = await browser.openSidePanel();
    expect(await panelMessage<string[]>(panel, 'panel.listEnabledSites', {})).not.toContain('https://evil.example');
    await panelMessage(panel, 'panel.setSiteEnabled', { origin: 'https://x.com', enabled: false });
    await panel.close();
    await page.close();
  });
});
