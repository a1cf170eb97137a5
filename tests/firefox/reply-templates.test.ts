/**
 * Reply templates in real Firefox: the six demo composers (the editor libraries the platforms use)
 * with the built Firefox extension installed, a person's real keys, the editor's model read back.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PAGES, demoPage, type PageLocale } from '../harness/demo-pages';
import {
  activityLogIn,
  clickComposerButtonInFirefox,
  type FirefoxWithExtension,
  focusComposerInFirefox,
  launchFirefoxWithExtension,
  modelTextIn,
  openDemoInFirefox,
  pickerFrameIn,
  pickerShownIn,
  pollFor,
  saveFirefoxScreenshot,
  serveDemoPagesInFirefox,
  submitEnabledIn,
} from '../harness/firefox';
import { KEYSTROKE_TASK_SAW, watchKeystrokeTask } from '../harness/keystroke-task';
import { patchSettings } from '../harness/settings-in-page';

/** A plain page elsewhere, to paste into. */
const SCRATCH_URL = 'https://scratch.example/paste';
let firefox: FirefoxWithExtension;
/** An extension page kept open to read the background's log from. */
let extensionPage: Page;
beforeAll(async () => {
  firefox = await launchFirefoxWithExtension();
  await serveDemoPagesInFirefox(firefox);
  firefox.route((url) =>
    url.href === SCRATCH_URL
      ? { contentType: 'text/html; charset=utf-8', body: '<!doctype html><textarea></textarea>' }
      : undefined,
  );
  extensionPage = await firefox.openExtensionPage('sidepanel.html');
  // The agent's name, as set in Settings: ;escalate signs with it (without it, the picker asks). Each shortcut
  // inserts its own template here, whatever the comment's language (the swap is tested at the end of this file).
  await extensionPage.evaluate(patchSettings, { agentName: 'Lina', replyInCommentLanguage: false });
});
afterAll(() => firefox?.close());

const firstName = (platform: string) =>
  demoPage(platform as 'x')
    .commenter.replace(/^@/, '')
    .split(/[\s._]/)[0];
const strip = (text: string) => text.replace(/[\u2066-\u2069]/g, '');
const type = (page: Page, text: string) => page.keyboard.type(text, { delay: 15 });
const insertions = async (platform: string) =>
  (await activityLogIn(extensionPage, 'template.inserted')).filter((e) => e.platform === platform);

describe.each(DEMO_PAGES.map((p) => p.platform))('%s in Firefox', (platform) => {
  it.each(['en', 'ar'] as PageLocale[])(
    'expands ;thanks and ;شكرا in the real editor (%s page), enables its button, and logs both as landed',
    async (locale) => {
      const page = await openDemoInFirefox(firefox, platform, locale);
      const before = await modelTextIn(page);
      const logged = (await insertions(platform)).length;

      await focusComposerInFirefox(page);
      await type(page, ';thanks');
      const english = strip(
        await pollFor(
          () => modelTextIn(page),
          (t) => t.includes('Thank you so much'),
        ),
      );
      expect(english).toContain(`Thank you so much, ${firstName(platform)}!`);
      expect(english).not.toContain(';thanks');
      expect(english.startsWith(before.trim())).toBe(true); // a prefilled @mention is kept, not replaced
      expect(await submitEnabledIn(page)).toBe(true);

      await type(page, ' ;شكرا');
      const both = strip(
        await pollFor(
          () => modelTextIn(page),
          (t) => t.includes('شكرًا جزيلًا'),
        ),
      );
      expect(both).toContain('شكرًا جزيلًا');
      expect(both).not.toContain(';شكرا');
      expect(both.indexOf('Thank you so much')).toBeLessThan(both.indexOf('شكرًا جزيلًا'));
      expect(both.match(/Thank you so much/g)).toHaveLength(1); // never doubled
      await saveFirefoxScreenshot(page, `reply-${platform}-${locale}`);

      // Both insertions read back as landed, by the editor's own path: no clipboard fallback.
      const log = await pollFor(
        () => insertions(platform),
        (l) => l.length >= logged + 2,
      );
      expect(log.slice(logged).map((e) => e.details)).toEqual([
        expect.objectContaining({ landed: true, via: 'shortcut' }),
        expect.objectContaining({ landed: true, via: 'shortcut' }),
      ]);
      // Which of the editor's own input paths took the text, for the record (the clipboard is not one).
      const techniques = log.slice(logged).map((e) => String(e.details.technique));
      expect(techniques).not.toContain('clipboard');
      console.log(`Firefox ${platform} (${locale} page): ${techniques.join(', ')}`);
      await page.close();
    },
  );

  it('keeps the lines of a multi-line template (;escalate)', async () => {
    const page = await openDemoInFirefox(firefox, platform);
    await focusComposerInFirefox(page);
    await type(page, ';escalate');
    const text = strip(
      await pollFor(
        () => modelTextIn(page),
        (t) => t.includes('— '),
      ),
    );
    const lines = text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    expect(lines.slice(-2)).toEqual([
      expect.stringMatching(new RegExp(`Hi ${firstName(platform)}, we're truly sorry .* shortly\\.$`)),
      '— Lina, Dalil Coffee Co.',
    ]);
    expect(text).not.toContain(';escalate');
    expect(await submitEnabledIn(page)).toBe(true);
    await page.close();
  });

  it('puts the text in within the task of the key that completes the shortcut', async () => {
    const page = await openDemoInFirefox(firefox, platform);
    await focusComposerInFirefox(page);
    await type(page, ';thank');
    // The shortcut is one key away: its text has been fetched (the wait is for that, not a timing).
    await new Promise((done) => setTimeout(done, 300));
    await page.evaluate(watchKeystrokeTask('s'));
    await page.keyboard.press('s');
    const saw = await pollFor(
      () => page.evaluate(KEYSTROKE_TASK_SAW) as Promise<string | undefined>,
      (t) => t !== undefined,
    );
    expect(strip(String(saw))).toContain(`Thank you so much, ${firstName(platform)}!`);
    expect(strip(await modelTextIn(page))).not.toContain(';thanks');
    await page.close();
  });
});

describe('when the editor refuses every technique, in Firefox', () => {
  it.each(DEMO_PAGES.map((p) => p.platform))(
    'copies the text for %s and leaves the shortcut selected, nothing half-inserted',
    async (platform) => {
      const page = await openDemoInFirefox(firefox, platform);
      await page.evaluate(() =>
        (window as unknown as { dalilFixture: { refuseInsertions(): void } }).dalilFixture.refuseInsertions(),
      );
      const logged = (await insertions(platform)).length;
      await focusComposerInFirefox(page);
      await type(page, ';thanks');
      const log = await pollFor(
        () => insertions(platform),
        (l) => l.length > logged,
      );
      expect(log.at(-1)?.details).toMatchObject({ technique: 'clipboard', landed: false });
      const text = await modelTextIn(page);
      expect(text).toContain(';thanks'); // the shortcut waits, selected, for Ctrl+V
      expect(text).not.toContain('Thank you so much');
      // What the person pastes elsewhere is the template: Ctrl+V into a plain field on another page.
      const scratch = await firefox.newPage();
      await scratch.goto(SCRATCH_URL);
      await scratch.click('textarea');
      await scratch.keyboard.down('Control');
      await scratch.keyboard.press('v');
      await scratch.keyboard.up('Control');
      expect(
        await pollFor(
          () => scratch.$eval('textarea', (t) => (t as HTMLTextAreaElement).value),
          (v) => v !== '',
        ),
      ).toContain(`Thank you so much, ${firstName(platform)}!`);
      await scratch.close();
      await page.close();
    },
  );
});

describe('the picker in Firefox', () => {
  it('opens from the button beside the composer, finds an Arabic template typed without hamza, asks for fill-ins, inserts', async () => {
    const page = await openDemoInFirefox(firefox, 'x', 'ar');
    await focusComposerInFirefox(page);
    await clickComposerButtonInFirefox(page);
    const frame = await pollFor(
      () => pickerFrameIn(page),
      (f) => f !== undefined,
    );
    if (!frame) throw new Error('the picker did not open');
    await frame.waitForSelector('[role="combobox"]');
    const firstOption = () => frame.$eval('[role=option]', (el) => el.getAttribute('data-template-id')).catch(() => null);
    await type(page, 'اسعار');
    expect(await pollFor(firstOption, (id) => id === 'care.price.ar')).toBe('care.price.ar');
    await saveFirefoxScreenshot(page, 'picker-search-arabic');
    await page.keyboard.press('Enter');
    await type(page, 'قهوة الهيل');
    await page.keyboard.press('Tab');
    await type(page, '45 SAR');
    await page.keyboard.press('Enter');
    const text = await pollFor(
      () => modelTextIn(page),
      (t) => t.includes('قهوة الهيل'),
    );
    expect(text).toContain('\u2068Sara\u2069'); // a Latin name isolated in Arabic text
    expect(text).toContain('\u206845 SAR\u2069');
    expect(await submitEnabledIn(page)).toBe(true);
    // Closed: the frame is hidden and the caret is back in the composer.
    expect(
      await pollFor(
        () => pickerShownIn(page),
        (open) => !open,
      ),
    ).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('contenteditable'))).toBe('true');
    const log = await pollFor(
      () => activityLogIn(extensionPage, 'template.inserted'),
      (l) => l.at(-1)?.details.templateId === 'care.price.ar',
    );
    expect(log.at(-1)?.details).toMatchObject({ templateId: 'care.price.ar', via: 'picker', landed: true });
    await page.close();
  });
});

describe('replying in the commenter’s language in Firefox', () => {
  beforeAll(() => extensionPage.evaluate(patchSettings, { replyInCommentLanguage: true }));
  afterAll(() => extensionPage.evaluate(patchSettings, { replyInCommentLanguage: false }));

  it.each([
    // Facebook's demo comment is Arabic (Lexical), X's English (Draft.js).
    {
      platform: 'facebook',
      typed: ';thanks',
      expected: 'شكرًا جزيلًا يا Maryam',
      other: 'Thank you so much',
      from: 'care.thanks.en',
      to: 'care.thanks.ar',
      lang: 'ar',
    },
    {
      platform: 'x',
      typed: ';شكرا',
      expected: 'Thank you so much, Sara!',
      other: 'شكرًا جزيلًا',
      from: 'care.thanks.ar',
      to: 'care.thanks.en',
      lang: 'en',
    },
  ] as const)(
    'inserts the pair in the comment’s language when $typed is typed on $platform, and logs the swap',
    async ({ platform, typed, expected, other, from, to, lang }) => {
      const page = await openDemoInFirefox(firefox, platform);
      const logged = (await insertions(platform)).length;
      await focusComposerInFirefox(page);
      await type(page, typed);
      const text = strip(
        await pollFor(
          () => modelTextIn(page),
          (t) => strip(t).includes(expected),
        ),
      );
      expect(text).toContain(expected);
      expect(text).not.toContain(other);
      expect(text).not.toContain(typed);
      await saveFirefoxScreenshot(page, `reply-language-${platform}`);
      const log = await pollFor(
        () => insertions(platform),
        (l) => l.length > logged,
      );
      expect(log.at(-1)?.details).toMatchObject({ templateId: to, swappedFrom: from, commentLanguage: lang, landed: true });
      await page.close();
    },
  );
});
