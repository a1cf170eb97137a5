/**
 * When a platform changes its page so the adapter no longer recognises the reply box, Dalil still
 * works there as in any text box and tells the side panel which platform needs attention. And the
 * picker's keyboard command reaches the focused composer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from '../harness/artifacts';
import { type ExtensionBrowser, launchWithExtension, sendToTab, visibleText } from '../harness/browser';
import { focusComposer, modelText, openDemo, pickerFrame } from '../harness/composer';
import { serveDemoPages } from '../harness/demo-pages';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension({ viewport: { width: 900, height: 720 } });
  await serveDemoPages(browser.context);
});
afterAll(() => browser?.close());

describe('after a platform redesign', () => {
  it('expands shortcuts in a reply box the adapter does not recognise and reports the platform', async () => {
    await browser.context.route('https://www.facebook.com/redesigned', (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: '<!doctype html><html lang="en"><body><h1>New Facebook</h1><textarea aria-label="Say something"></textarea></body></html>',
      }),
    );
    const page = await browser.context.newPage();
    await page.goto('https://www.facebook.com/redesigned');
    await page.locator('textarea').click();
    await page.waitForTimeout(150);
    await page.keyboard.type(';thanks', { delay: 15 });
    await expect.poll(() => page.locator('textarea').inputValue()).toContain('Thank you so much, there!');

    const panel = await browser.openSidePanel({ locale: 'en' });
    await panel.getByRole('tab', { name: 'Settings' }).click();
    await expect
      .poll(() => visibleText(panel.getByTestId('adapter-health')))
      .toContain('facebook: a reply box was not recognised');
    await saveScreenshot(panel, 'adapter-health-en');
    await panel.close();
    await page.close();
  });
});

describe('the keyboard command', () => {
  it('opens the picker on the focused composer and inserts the chosen template', async () => {
    const page = await openDemo(browser, 'tiktok');
    await focusComposer(page);
    // The keyboard command's path (commands cannot be pressed by automation).
    expect(await sendToTab(browser, 'https://www.tiktok.com/', { type: 'dalil.open-picker' })).toBe(true);
    const frame = await pickerFrame(page);
    // "السعر كم؟": a price question, so the price template is suggested first, in Arabic.
    expect(await frame.locator('[data-testid="picker-suggestions"] [role=option]').first().getAttribute('data-template-id')).toBe(
      'care.price.ar',
    );
    await page.keyboard.type('dm');
    await expect.poll(() => frame.locator('[role=option]').first().getAttribute('data-template-id')).toBe('care.dm.en');
    await page.keyboard.press('Enter');
    await expect.poll(() => modelText(page)).toContain('private message');
    await page.close();
  });
});
