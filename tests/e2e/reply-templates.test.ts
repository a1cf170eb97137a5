/**
 * Reply templates in the six platforms' composers, with the editor libraries those platforms
 * really use, read back from each editor's model (not the DOM), in English and Arabic page locales.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from '../harness/artifacts';
import { type ExtensionBrowser, launchWithExtension } from '../harness/browser';
import { focusComposer, insertionLog, modelText, openDemo, submitEnabled, typeInComposer } from '../harness/composer';
import { DEMO_PAGES, demoPage, type PageLocale, serveDemoPages } from '../harness/demo-pages';
import { KEYSTROKE_TASK_SAW, watchKeystrokeTask } from '../harness/keystroke-task';
import { patchSettings } from '../harness/settings-in-page';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension({ viewport: { width: 900, height: 720 } });
  await serveDemoPages(browser.context);
});
afterAll(() => browser?.close());

const firstName = (platform: string) =>
  demoPage(platform as 'x')
    .commenter.replace(/^@/, '')
    .split(/[\s._]/)[0];
const strip = (text: string) => text.replace(/[\u2066-\u2069]/g, '');

/** Settings → "Reply in the commenter's language", as its checkbox writes it. */
async function replyInCommentLanguage(on: boolean): Promise<void> {
  const panel = await browser.openSidePanel();
  await panel.evaluate(patchSettings, { replyInCommentLanguage: on });
  await panel.close();
}

// Each shortcut inserts its own template here, whatever the comment's language (the comment-language swap is
// tested in tests/e2e/reply-language.test.ts): Arabic and English text must both land in every editor.
beforeAll(() => replyInCommentLanguage(false));

describe.each(DEMO_PAGES.map((p) => p.platform))('%s', (platform) => {
  it.each(['en', 'ar'] as PageLocale[])(
    'expands ;thanks and ;شكرا in the real editor (%s page) and enables its button, with the comment-language swap off',
    async (locale) => {
      const page = await openDemo(browser, platform, locale);
      expect(await submitEnabled(page)).toBe(['facebook', 'instagram'].includes(platform)); // replies that start with an @mention
      const before = await modelText(page);

      await focusComposer(page);
      await typeInComposer(page, ';thanks');
      await expect.poll(() => modelText(page), { timeout: 5000 }).toContain('Thank you so much');
      const english = strip(await modelText(page));
      expect(english).toContain(`Thank you so much, ${firstName(platform)}!`);
      expect(english).not.toContain(';thanks');
      expect(english.startsWith(before.trim())).toBe(true); // a prefilled @mention is kept, not replaced
      expect(await submitEnabled(page)).toBe(true);

      await typeInComposer(page, ' ;شكرا');
      await expect.poll(() => modelText(page), { timeout: 5000 }).toContain('شكرًا جزيلًا');
      const both = strip(await modelText(page));
      expect(both).not.toContain(';شكرا');
      expect(both.indexOf('Thank you so much')).toBeLessThan(both.indexOf('شكرًا جزيلًا'));
      expect(both.match(/Thank you so much/g)).toHaveLength(1); // never doubled
      await saveScreenshot(page, `reply-${platform}-${locale}`);

      const log = (await insertionLog(browser)).filter((e) => e.platform === platform);
      expect(log.at(-1)?.details).toMatchObject({ landed: true, via: 'shortcut' });
      // Which of the editor's own input paths took the text, for the record (the clipboard is not one).
      expect(log.at(-1)?.details.technique).not.toBe('clipboard');
      console.log(`Chromium ${platform} (${locale} page): ${log.at(-1)?.details.technique}`);
      await page.close();
    },
  );

  // Waiting a task after the keystroke waited for the next frame too (Chromium draws it first after input):
  // the text is put in before the keystroke's task ends, so it appears in the frame that shows the keystroke.
  it('puts the text in within the task of the key that completes the shortcut', async () => {
    const page = await openDemo(browser, platform);
    await focusComposer(page);
    await typeInComposer(page, ';thank');
    // The shortcut is one key away: its text has been fetched (the wait is for that, not a timing).
    await page.waitForTimeout(300);
    await page.evaluate(watchKeystrokeTask('s'));
    await page.keyboard.press('s');
    await expect.poll(() => page.evaluate(KEYSTROKE_TASK_SAW), { timeout: 5000 }).toBeDefined();
    expect(strip(String(await page.evaluate(KEYSTROKE_TASK_SAW)))).toContain(`Thank you so much, ${firstName(platform)}!`);
    expect(strip(await modelText(page))).not.toContain(';thanks');
    await page.close();
  });
});
