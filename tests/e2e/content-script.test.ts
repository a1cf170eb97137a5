import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from '../harness/artifacts';
import { type ExtensionBrowser, launchWithExtension, visibleText } from '../harness/browser';
import { DEMO_PAGES, serveDemoPages } from '../harness/demo-pages';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension({ viewport: { width: 900, height: 700 } });
  await serveDemoPages(browser.context);
});
afterAll(() => browser?.close());

describe('content script on platform pages', () => {
  it('is injected on https://www.facebook.com/ and reported to the side panel', async () => {
    const facebook = DEMO_PAGES.find((p) => p.platform === 'facebook');
    if (!facebook) throw new Error('no facebook demo page');
    const page = await browser.context.newPage();
    await page.goto(facebook.url);
    await saveScreenshot(page, 'content-script-facebook');

    const panel = await browser.openSidePanel({ locale: 'en' });
    await panel.getByRole('tab', { name: 'Settings' }).click();
    const list = panel.getByTestId('content-scripts');
    await expect.poll(() => list.textContent()).toContain(facebook.url);
    expect(await list.textContent()).toMatch(/^facebook/);
    await panel.close();
    await page.close();
  });

  it('posts no window message a page could read to learn that Dalil runs there', async () => {
    const facebook = DEMO_PAGES.find((p) => p.platform === 'facebook');
    if (!facebook) throw new Error('no facebook demo page');
    const page = await browser.context.newPage();
    // The page listens before anything else runs, as a fingerprinting script would.
    await page.addInitScript(() => {
      const seen: unknown[] = [];
      (window as unknown as { __messages: unknown[] }).__messages = seen;
      window.addEventListener('message', (event) => seen.push(event.data));
    });
    await page.goto(facebook.url);
    const panel = await browser.openSidePanel({ locale: 'en' });
    await panel.getByRole('tab', { name: 'Settings' }).click();
    // Once the side panel lists this page, the content script has started.
    await expect.poll(() => panel.getByTestId('content-scripts').textContent()).toContain(facebook.url);
    const messages = await page.evaluate(() => JSON.stringify((window as unknown as { __messages: unknown[] }).__messages));
    expect(messages).not.toMatch(/wxt|dalil|content-script/i);
    await panel.close();
    await page.close();
  });

  it('is not injected on a site outside the six platforms', async () => {
    await browser.context.route('https://example.com/', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<textarea></textarea>' }),
    );
    const outside = await browser.context.newPage();
    await outside.goto('https://example.com/');
    // A platform page opened after it: once its report has arrived, one from example.com would have too.
    const youtube = DEMO_PAGES.find((p) => p.platform === 'youtube');
    if (!youtube) throw new Error('no youtube demo page');
    const platform = await browser.context.newPage();
    await platform.goto(youtube.url);
    const panel = await browser.openSidePanel({ locale: 'en' });
    await panel.getByRole('tab', { name: 'Settings' }).click();
    await expect.poll(() => visibleText(panel.getByTestId('content-scripts'))).toContain(youtube.url);
    expect(await visibleText(panel.getByTestId('content-scripts'))).not.toContain('example.com');
    await Promise.all([panel.close(), outside.close(), platform.close()]);
  });
});
