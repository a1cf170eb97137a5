/**
 * The default pack's refund template (#16) in real Firefox, in each platform's real editor: ;repaid opens the
 * picker's form (its menu is required), the arrows choose "wallet", Enter inserts the platform's variant, the
 * caret is at the template's {{cursor}} as the text appears, and the order number typed straight away lands there. In Arabic on X: the Arabic
 * template's short variant, its date in both calendars.
 */
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caretProbeArgs, readCaretAtLanding, watchCaretAtLanding } from '../harness/caret-at-landing';
import { DEMO_PAGES } from '../harness/demo-pages';
import {
  activityLogIn,
  type FirefoxWithExtension,
  focusComposerInFirefox,
  launchFirefoxWithExtension,
  modelTextIn,
  openDemoInFirefox,
  pickerFrameIn,
  pollFor,
  saveFirefoxScreenshot,
  serveDemoPagesInFirefox,
} from '../harness/firefox';
import { patchSettings } from '../harness/settings-in-page';

let firefox: FirefoxWithExtension;
let extensionPage: Page;
beforeAll(async () => {
  firefox = await launchFirefoxWithExtension();
  await serveDemoPagesInFirefox(firefox);
  extensionPage = await firefox.openExtensionPage('sidepanel.html');
  await extensionPage.evaluate(patchSettings, { replyInCommentLanguage: false });
});
afterAll(() => firefox?.close());

const strip = (text: string) => text.replace(/[\u2066-\u2069]/g, '');
const type = (page: Page, text: string) => page.keyboard.type(text, { delay: 15 });
const WALLET_TEXT: Record<string, string> = { x: 'is in your Dalil Coffee wallet since', facebook: "and it doesn't expire" };
const walletText = (platform: string) => WALLET_TEXT[platform] ?? 'was added to your Dalil Coffee wallet on';

async function openForm(page: Page): Promise<Frame> {
  // The picker's frame as it is now: one found while it was still being put in place can be replaced, so the
  // frame is asked for again until one shows the form.
  const withForm = async () => {
    const found = await pickerFrameIn(page);
    const shown = await found?.$('[data-testid="picker-fields"]').catch(() => null);
    return shown ? found : undefined;
  };
  const frame = await pollFor(withForm, (f) => f !== undefined, 20_000);
  if (!frame) throw new Error(`the picker ${(await pickerFrameIn(page)) ? 'opened without its form' : 'did not open'}`);
  // The menu's first option has the keyboard.
  await pollFor(
    () => frame.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value),
    (v) => v === 'card',
  );
  return frame;
}
const insertions = async (platform: string) =>
  (await activityLogIn(extensionPage, 'template.inserted')).filter((e) => e.platform === platform);
const insertionLogged = (platform: string, before: number) =>
  pollFor(
    () => insertions(platform),
    (l) => l.length > before,
  );
const previewOf = (frame: Frame) => frame.$eval('[data-testid="picker-preview"]', (el) => el.textContent ?? '');

describe.each(DEMO_PAGES.map((p) => p.platform))('%s in Firefox', (platform) => {
  it('inserts the refund template chosen in its form, and the order number typed next lands at its cursor', async () => {
    const page = await openDemoInFirefox(firefox, platform);
    const logged = (await insertions(platform)).length;
    await focusComposerInFirefox(page);
    await type(page, ';repaid');
    const frame = await openForm(page);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(
      await pollFor(
        () => previewOf(frame),
        (t) => t.includes(walletText(platform)),
      ),
    ).toContain(walletText(platform));
    await page.evaluate(watchCaretAtLanding, caretProbeArgs(walletText(platform)));
    await page.keyboard.press('Enter');

    const inserted = await pollFor(
      () => modelTextIn(page),
      (t) => t.includes(walletText(platform)),
    );
    expect(inserted).toContain(walletText(platform));
    expect(inserted).not.toContain(';repaid');
    // The caret is at {{cursor}} when the text appears in the model: the order number typed at once (before
    // Dalil has read the text back and logged it) lands there.
    expect(await page.evaluate(readCaretAtLanding)).toMatch(/order #$/);
    await type(page, '4821');
    const text = strip(
      await pollFor(
        () => modelTextIn(page),
        (t) => /order #4821 (is|was) /.test(strip(t)),
      ),
    );
    expect(text).toMatch(/order #4821 (is|was) /);
    expect(text.match(/4821/g)).toHaveLength(1);
    await saveFirefoxScreenshot(page, `refund-${platform}`);
    await insertionLogged(platform, logged);
    expect((await insertions(platform)).at(-1)?.details).toMatchObject({
      templateId: 'care.refund-issued.en',
      landed: true,
      via: 'picker',
    });
    await page.close();
  });
});

describe('the Arabic refund template on X in Firefox', () => {
  it('inserts the short Arabic variant with the date in both calendars, the order number at its cursor', async () => {
    const page = await openDemoInFirefox(firefox, 'x', 'ar');
    const logged = (await insertions('x')).length;
    await focusComposerInFirefox(page);
    await type(page, ';استرداد');
    const frame = await openForm(page);
    // Gregorian and Hijri (Umm al-Qura), in Arabic.
    const written = await pollFor(
      () => frame.$eval('[data-testid="picker-date-as-written"]', (el) => el.textContent ?? ''),
      (t) => /\(.*هـ\)$/.test(t),
    );
    expect(written).toMatch(/\(.*هـ\)$/);
    await page.keyboard.press(' ');
    expect(
      await pollFor(
        () => previewOf(frame),
        (t) => t.includes('أُعيد لبطاقتك'),
      ),
    ).toContain('أُعيد لبطاقتك');
    await saveFirefoxScreenshot(page, 'refund-form-x-ar');
    await page.evaluate(watchCaretAtLanding, caretProbeArgs('أُعيد لبطاقتك'));
    await page.keyboard.press('Enter');
    await pollFor(
      () => modelTextIn(page),
      (t) => t.includes('أُعيد لبطاقتك'),
    );
    expect(await page.evaluate(readCaretAtLanding)).toMatch(/استرداد الطلب $/);
    await type(page, '4821');
    const text = strip(
      await pollFor(
        () => modelTextIn(page),
        (t) => strip(t).includes('استرداد الطلب 4821 أُعيد'),
      ),
    );
    expect(text).toContain('استرداد الطلب 4821 أُعيد لبطاقتك في');
    expect(text).toContain('#DalilCoffee');
    await insertionLogged('x', logged);
    await page.close();
  });
});
