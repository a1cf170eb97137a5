/**
 * Replying in the commenter's language, in the built extension in Chromium: the agent types the shortcut
 * they know and the template's pair in the comment's language lands in the real editor (Facebook's Lexical
 * under an Arabic comment, X's Draft.js under an English one), read back from the editor's model; the
 * Settings checkbox turns it off; the picker lists the comment's language first and says which it read.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from '../harness/artifacts';
import { type ExtensionBrowser, launchWithExtension, sendToTab, visibleText } from '../harness/browser';
import { focusComposer, insertionLog, modelText, openDemo, pickerFrame, typeInComposer } from '../harness/composer';
import { type DemoPlatform, demoPage, serveDemoPages } from '../harness/demo-pages';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension({ viewport: { width: 900, height: 720 } });
  await serveDemoPages(browser.context);
});
afterAll(() => browser?.close());

const strip = (text: string) => text.replace(/[\u2066-\u2069]/g, '');
const ARABIC_THANKS = 'شكرًا جزيلًا يا Maryam';
const ENGLISH_THANKS = 'Thank you so much, Sara!';

/** Types a shortcut in the reply box of a demo page and waits for the editor's model to take a template. */
async function typeShortcut(platform: DemoPlatform, shortcut: string): Promise<{ page: Page; text: string }> {
  const page = await openDemo(browser, platform);
  const logged = (await insertionLog(browser)).length;
  await focusComposer(page);
  await typeInComposer(page, shortcut);
  await expect.poll(async () => (await insertionLog(browser)).length, { timeout: 5000 }).toBe(logged + 1);
  return { page, text: strip(await modelText(page)) };
}

/** Settings → "Reply in the commenter's language", clicked in the side panel as a person would. */
async function setInSettings(on: boolean, locale: 'en' | 'ar' = 'en'): Promise<void> {
  const panel = await browser.openSidePanel({ locale });
  await panel.getByRole('tab', { name: locale === 'en' ? 'Settings' : 'الإعدادات' }).click();
  const box = panel.getByTestId('settings-reply-language');
  expect(await box.isChecked()).toBe(!on);
  await saveScreenshot(panel, `reply-language-setting-${locale}`);
  await box.setChecked(on);
  await panel.locator(`[data-testid="settings-reply-language"]${on ? ':checked' : ':not(:checked)'}`).waitFor();
  await panel.close();
}

describe('replying in the commenter’s language (on by default)', () => {
  it('inserts the Arabic pair when ;thanks is typed under an Arabic comment (Facebook, Lexical), and logs the swap', async () => {
    const { page, text } = await typeShortcut('facebook', ';thanks');
    expect(text).toContain(ARABIC_THANKS); // the pair's variables filled from the same comment
    expect(text).not.toContain('Thank you so much');
    expect(text).not.toContain(';thanks');
    await saveScreenshot(page, 'reply-language-facebook-swapped');
    expect((await insertionLog(browser)).at(-1)).toMatchObject({
      platform: 'facebook',
      details: { templateId: 'care.thanks.ar', swappedFrom: 'care.thanks.en', commentLanguage: 'ar', landed: true },
    });
    await page.close();
  });

  it('inserts the English pair when ;شكرا is typed under an English comment (X, Draft.js)', async () => {
    const { page, text } = await typeShortcut('x', ';شكرا');
    expect(text).toContain(ENGLISH_THANKS);
    expect(text).not.toContain('شكرًا جزيلًا');
    expect(text).not.toContain(';شكرا');
    expect((await insertionLog(browser)).at(-1)).toMatchObject({
      platform: 'x',
      details: { templateId: 'care.thanks.en', swappedFrom: 'care.thanks.ar', commentLanguage: 'en', landed: true },
    });
    await page.close();
  });

  it('inserts the template as typed when it is already in the comment’s language, and logs no swap', async () => {
    const { page, text } = await typeShortcut('x', ';thanks');
    expect(text).toContain(ENGLISH_THANKS);
    const { details } = (await insertionLog(browser)).at(-1) ?? { details: {} };
    expect(details).toMatchObject({ templateId: 'care.thanks.en' });
    expect(details).not.toHaveProperty('swappedFrom');
    await page.close();
  });

  it('opens the picker with the comment’s language first and says which it read', async () => {
    for (const [platform, lang] of [
      ['facebook', 'ar'],
      ['x', 'en'],
    ] as const) {
      const page = await openDemo(browser, platform);
      await focusComposer(page);
      expect(await sendToTab(browser, demoPage(platform).url, { type: 'dalil.open-picker' })).toBe(true);
      const frame = await pickerFrame(page);
      const label = frame.getByTestId('picker-comment-language');
      expect(await label.getAttribute('data-lang')).toBe(lang);
      const results = frame.locator('[data-testid="picker-results"] [role=option]');
      const ids = await results.evaluateAll((options) => options.map((o) => o.getAttribute('data-template-id') ?? ''));
      const firstOther = ids.findIndex((id) => !id.endsWith(`.${lang}`));
      expect(firstOther).toBeGreaterThan(0);
      expect(ids.slice(firstOther).every((id) => !id.endsWith(`.${lang}`))).toBe(true); // a ranking, not a filter
      await saveScreenshot(page, `reply-language-picker-${platform}`);
      // Searching boosts the comment's language too: "tracking" is a tag of both shipping templates.
      await page.keyboard.type('tracking');
      await expect.poll(() => results.first().getAttribute('data-template-id')).toBe(`care.shipping.${lang}`);
      await page.keyboard.press('Escape');
      await page.close();
    }
  });
});

describe('with “Reply in the commenter’s language” turned off in Settings', () => {
  beforeAll(() => setInSettings(false));
  afterAll(() => setInSettings(true, 'ar'));

  it('inserts the template typed, whatever the comment’s language', async () => {
    const facebook = await typeShortcut('facebook', ';thanks');
    expect(facebook.text).toContain('Thank you so much, Maryam!');
    expect(facebook.text).not.toContain('شكرًا جزيلًا');
    expect((await insertionLog(browser)).at(-1)?.details).not.toHaveProperty('swappedFrom');
    await facebook.page.close();

    const x = await typeShortcut('x', ';شكرا');
    expect(x.text).toContain('شكرًا جزيلًا يا Sara');
    expect(x.text).not.toContain('Thank you so much');
    await x.page.close();
  });

  it('keeps the picker in the pack’s order, without a language read', async () => {
    const page = await openDemo(browser, 'facebook');
    await focusComposer(page);
    expect(await sendToTab(browser, demoPage('facebook').url, { type: 'dalil.open-picker' })).toBe(true);
    const frame = await pickerFrame(page);
    expect(await frame.getByTestId('picker-comment-language').count()).toBe(0);
    const first = frame.locator('[data-testid="picker-results"] [role=option]').first();
    expect(await first.getAttribute('data-template-id')).toMatch(/\.en$/); // the pack starts with English
    expect(await visibleText(frame.locator('body'))).not.toContain('Arabic templates first');
    await page.keyboard.press('Escape');
    await page.close();
  });
});
