/**
 * The picker, and what happens when things go wrong: an editor that refuses the text, a page that
 * fakes typing, drafts that must not expand, multi-line templates, testimonials, use counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from '../harness/artifacts';
import { type ExtensionBrowser, launchWithExtension, sendToTab, visibleText } from '../harness/browser';
import {
  clickComposerButton,
  focusComposer,
  insertionLog,
  modelText,
  openDemo,
  pickerFrame,
  pickerShown,
  submitEnabled,
  typeInComposer,
} from '../harness/composer';
import { demoPage, serveDemoPages, thanksReply } from '../harness/demo-pages';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension({ viewport: { width: 900, height: 720 } });
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await serveDemoPages(browser.context);
});
afterAll(() => browser?.close());

/** Saves a template through the side panel's own message, as the Templates tab does. */
async function saveTemplate(template: Record<string, unknown>) {
  const panel = await browser.openSidePanel();
  const reply = await panel.evaluate(
    (t) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } } }
      ).chrome.runtime.sendMessage({ type: 'panel.saveTemplate', payload: { template: t } }),
    { tags: [], ...template },
  );
  expect(reply.ok).toBe(true);
  await panel.close();
}

const strip = (text: string) => text.replace(/[\u2066-\u2069]/g, '');

describe('the picker', () => {
  it('opens from the button beside the composer, finds an Arabic template typed without hamza, asks for fill-ins, inserts', async () => {
    const page = await openDemo(browser, 'x', 'ar');
    await focusComposer(page);
    await clickComposerButton(page);
    const frame = await pickerFrame(page);
    // Suggestions for "Best flat white in town, thank you": praise first.
    expect(await frame.locator('[data-testid="picker-suggestions"] [role=option]').first().getAttribute('data-template-id')).toBe(
      'care.thanks.en',
    );
    await page.keyboard.type('اسعار');
    await expect.poll(() => frame.locator('[role=option]').first().getAttribute('data-template-id')).toBe('care.price.ar');
    await saveScreenshot(page, 'picker-search-arabic');
    await page.keyboard.press('Enter');
    await page.keyboard.type('قهوة الهيل');
    await page.keyboard.press('Tab');
    await page.keyboard.type('45 SAR');
    await page.keyboard.press('Enter');
    await expect.poll(() => modelText(page)).toContain('قهوة الهيل');
    const text = await modelText(page);
    expect(text).toContain('\u2068Sara\u2069'); // Latin name isolated in Arabic text
    expect(text).toContain('\u206845 SAR\u2069');
    expect(await submitEnabled(page)).toBe(true);
    // Closed: the frame is hidden and the caret is back in the composer.
    await expect.poll(() => pickerShown(page)).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('contenteditable'))).toBe('true');
    // The insert is logged once it has been read back from the editor: a moment after the text shows.
    await expect
      .poll(async () => (await insertionLog(browser)).at(-1)?.details)
      .toMatchObject({ templateId: 'care.price.ar', via: 'picker', landed: true });
    await page.close();
  });

  it('shows its button beside a reply box that had focus before Dalil started (Facebook focuses it on load)', async () => {
    const page = await openDemo(browser, 'facebook');
    // Focused before the content script ran: clicking it fires no focusin.
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-lexical-editor') ?? false)).toBe(true);
    await focusComposer(page);
    await clickComposerButton(page);
    const frame = await pickerFrame(page);
    expect(await frame.locator('[role=option]').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('closes on Escape without touching the composer, and keeps its caret', async () => {
    const page = await openDemo(browser, 'linkedin');
    await focusComposer(page);
    await typeInComposer(page, 'Hello ');
    await clickComposerButton(page);
    await pickerFrame(page);
    await page.keyboard.press('Escape');
    await expect.poll(() => pickerShown(page)).toBe(false);
    await typeInComposer(page, 'there');
    expect(await modelText(page)).toBe('Hello there');
    await page.close();
  });
});

describe('insertion edge cases', () => {
  it.each(['instagram', 'facebook', 'x', 'linkedin', 'youtube', 'tiktok'] as const)(
    'copies to the clipboard when the %s editor refuses every technique',
    async (platform) => {
      const page = await openDemo(browser, platform);
      await page.evaluate(() => window.dalilFixture.refuseInsertions());
      await page.evaluate(() => navigator.clipboard.writeText(''));
      const logged = (await insertionLog(browser)).length;
      await focusComposer(page);
      await typeInComposer(page, ';thanks');
      await expect.poll(async () => (await insertionLog(browser)).length).toBe(logged + 1);
      expect((await insertionLog(browser)).at(-1)?.details).toMatchObject({ technique: 'clipboard', landed: false });
      // The thanks template in the comment's language.
      const reply = thanksReply(demoPage(platform));
      expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(reply);
      const text = await modelText(page);
      expect(text).toContain(';thanks'); // nothing half-inserted: the shortcut waits, selected, for Ctrl+V
      expect(text).not.toContain(reply);
      await saveScreenshot(page, `clipboard-fallback-${platform}`);
      await page.close();
    },
  );

  it('does not expand drafts, retired templates, or text a page script fakes', async () => {
    await saveTemplate({
      id: 'draft-only',
      title: 'Draft',
      body: 'DRAFT TEXT',
      lang: 'en',
      shortcut: ';draftonly',
      status: 'draft',
    });
    const page = await openDemo(browser, 'youtube');
    await focusComposer(page);
    await typeInComposer(page, ';draftonly');
    await page.waitForTimeout(400);
    expect(await modelText(page)).toBe(';draftonly');
    // A page "types" a shortcut with synthetic events: not trusted, so nothing expands (and nothing leaks).
    await page.evaluate(() => {
      const box = document.getElementById('contenteditable-root');
      if (!box) return;
      box.textContent = ';thanks';
      box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: 's' }));
    });
    await page.waitForTimeout(400);
    expect(await modelText(page)).toBe(';thanks');
    await page.close();
  });

  it('keeps the lines of a multi-line template in every rich editor', async () => {
    await saveTemplate({
      id: 'multi-line',
      title: 'Multi-line',
      body: 'Hi {{commenter.firstName|there}},\nLine two.\nLine three.',
      lang: 'en',
      shortcut: ';multiline',
      status: 'approved',
    });
    for (const platform of ['facebook', 'x', 'linkedin', 'instagram', 'youtube', 'tiktok'] as const) {
      const page = await openDemo(browser, platform);
      await focusComposer(page);
      await typeInComposer(page, ';multiline');
      await expect.poll(() => modelText(page), { timeout: 5000 }).toContain('Line three.');
      const lines = strip(await modelText(page))
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      expect(lines.slice(-3), platform).toEqual([expect.stringMatching(/Hi \S+,$/), 'Line two.', 'Line three.']);
      await page.close();
    }
  });
});

describe('testimonials and use counts', () => {
  it('saves a comment as a testimonial and lists it in the side panel; counts uses per template', async () => {
    const page = await openDemo(browser, 'x');
    await page.locator('[data-testid="tweetText"]').click({ button: 'right' });
    // What the "Save comment as testimonial" menu item does (menus cannot be clicked by automation).
    expect(await sendToTab(browser, 'https://x.com/', { type: 'dalil.save-testimonial' })).toBe(true);

    const panel = await browser.openSidePanel({ locale: 'en' });
    await panel.getByRole('button', { name: 'Testimonials' }).click();
    await expect.poll(() => panel.getByTestId('testimonial').count()).toBe(1);
    const saved = await visibleText(panel.getByTestId('testimonial'));
    expect(saved).toContain('Sara Ahmed');
    expect(saved).toContain('Best flat white in town');
    // The background searches and answers the page (a message away): the list follows.
    await panel.getByRole('searchbox', { name: 'Search testimonials' }).fill('flat white');
    await expect.poll(() => panel.getByTestId('testimonial').count()).toBe(1);
    await panel.getByRole('searchbox', { name: 'Search testimonials' }).fill('refund');
    await expect.poll(() => panel.getByTestId('testimonial').count()).toBe(0);
    await saveScreenshot(panel, 'testimonials-en');

    await panel.getByRole('button', { name: 'Templates' }).click();
    const thanks = panel.locator('[data-template-id="care.thanks.en"]');
    await expect.poll(() => visibleText(thanks)).toMatch(/\d+ uses/);
    await panel.close();
    await page.close();
  });
});
