/**
 * The default pack's refund template (#16), as a new agent would try it in each platform's real editor:
 * ;repaid opens the picker's form (its menu is required), the arrows choose "wallet", Enter inserts the
 * platform's variant, and the caret is where the order number goes as the text appears (not a frame later):
 * typed at once, it lands there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from '../harness/artifacts';
import { type ExtensionBrowser, launchWithExtension } from '../harness/browser';
import { caretProbeArgs, readCaretAtLanding, watchCaretAtLanding } from '../harness/caret-at-landing';
import { focusComposer, insertionLog, modelText, openDemo, pickerFrame, typeInComposer } from '../harness/composer';
import { DEMO_PAGES, serveDemoPages } from '../harness/demo-pages';
import { closedOverlayText } from '../harness/overlay-text';
import { patchSettings } from '../harness/settings-in-page';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension({ viewport: { width: 900, height: 720 } });
  await serveDemoPages(browser.context);
  // ;repaid inserts the English template whatever the comment's language (the swap has its own tests).
  const panel = await browser.openSidePanel();
  await panel.evaluate(patchSettings, { replyInCommentLanguage: false });
  await panel.close();
});
afterAll(() => browser?.close());

const strip = (text: string) => text.replace(/[\u2066-\u2069]/g, '');
/** What each platform's text says about the wallet: X's short variant, Facebook's long one, the body elsewhere. */
const WALLET_TEXT: Record<string, string> = {
  x: 'is in your Dalil Coffee wallet since',
  facebook: 'and it doesn’t expire'.replace('’', "'"),
};
const walletText = (platform: string) => WALLET_TEXT[platform] ?? 'was added to your Dalil Coffee wallet on';

describe.each(DEMO_PAGES.map((p) => p.platform))('%s', (platform) => {
  it('inserts the refund template chosen in its form, and the order number typed next lands at its cursor', async () => {
    const page = await openDemo(browser, platform);
    const logged = (await insertionLog(browser)).filter((e) => e.platform === platform).length;
    await focusComposer(page);
    await typeInComposer(page, ';repaid');

    // Required menu: the shortcut opens the form instead of inserting, the menu's first option focused.
    const frame = await pickerFrame(page);
    const form = frame.getByTestId('picker-fields');
    await expect.poll(() => form.isVisible()).toBe(true);
    await expect.poll(() => frame.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('card');
    // The date is written as the reply will say it (today, in English, Gregorian).
    expect(await frame.getByTestId('picker-date-as-written').textContent()).toMatch(/^[A-Z][a-z]+ \d{1,2}, \d{4}$/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    // The preview follows the choice live.
    await expect.poll(() => frame.getByTestId('picker-preview').textContent()).toContain(walletText(platform));
    await saveScreenshot(page, `refund-form-${platform}`);
    await page.evaluate(watchCaretAtLanding, caretProbeArgs(walletText(platform)));
    await page.keyboard.press('Enter');

    await expect.poll(() => modelText(page), { timeout: 5000 }).toContain(walletText(platform));
    expect(strip(await modelText(page))).not.toContain(';repaid');
    // The caret is at {{cursor}} when the text appears in the editor's model: the order number typed at once
    // (before Dalil has read the text back and logged it) lands there.
    expect(await page.evaluate(readCaretAtLanding)).toMatch(/order #$/);
    await typeInComposer(page, '4821');
    await expect.poll(async () => strip(await modelText(page))).toMatch(/order #4821 (is|was) /);
    const text = strip(await modelText(page));
    expect(text).not.toMatch(/4821\s*$/);
    expect(text.match(/4821/g)).toHaveLength(1);
    expect(text).not.toMatch(/{{|}}/);

    if (platform === 'x') {
      // The short variant fits: the copy rules' length check (X's weighted length) passes.
      await expect.poll(async () => (await closedOverlayText(page)).find((t) => / of 280 characters$/.test(t))).toMatch(/^✓ /);
      await saveScreenshot(page, 'refund-x-length-check');
    }
    await expect.poll(async () => (await insertionLog(browser)).filter((e) => e.platform === platform).length).toBe(logged + 1);
    const log = (await insertionLog(browser)).filter((e) => e.platform === platform);
    expect(log.at(-1)?.details).toMatchObject({ templateId: 'care.refund-issued.en', landed: true, via: 'picker' });
    await page.close();
  });
});
