/** What a person does in a demo platform page: focus the reply box, type, open the picker. */
import type { Frame, Page } from 'playwright-core';
import { type LoggedEntry, readActivityLog } from './activity-log';
import type { ExtensionBrowser } from './browser';
import { type DemoPlatform, demoPage, type PageLocale } from './demo-pages';

export async function openDemo(browser: ExtensionBrowser, platform: DemoPlatform, locale: PageLocale = 'en'): Promise<Page> {
  const page = await browser.context.newPage();
  const url = new URL(demoPage(platform).url);
  if (locale === 'ar') url.searchParams.set('hl', 'ar');
  await page.goto(url.href);
  await page.waitForFunction(() => 'dalilFixture' in window);
  return page;
}

const COMPOSER = '[data-lexical-editor], .public-DraftEditor-content, .ql-editor, textarea, #contenteditable-root';

/** Clicks into the reply box and puts the caret at its end, as a person would before typing. */
export async function focusComposer(page: Page): Promise<void> {
  await page.locator(COMPOSER).first().click();
  await page.keyboard.press('Control+End');
  // Let the content script see the focus and fetch the templates.
  await page.waitForTimeout(150);
}

/** Types like a person: real key events (trusted), one character at a time. */
export async function typeInComposer(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 15 });
}

export const modelText = (page: Page) => page.evaluate(() => window.dalilFixture.modelText());
export const submitEnabled = (page: Page) => page.evaluate(() => window.dalilFixture.submitEnabled());

/** Clicks Dalil's button beside the focused composer (in a closed shadow root: found by position). */
export async function clickComposerButton(page: Page): Promise<void> {
  const box = await page.locator(COMPOSER).first().boundingBox();
  if (!box) throw new Error('composer not visible');
  const rtl = await page
    .locator(COMPOSER)
    .first()
    .evaluate((el) => getComputedStyle(el).direction === 'rtl');
  await page.mouse.click(rtl ? box.x + 16 : box.x + box.width - 16, box.y + box.height - 16);
}

export async function pickerFrame(page: Page): Promise<Frame> {
  for (let i = 0; i < 50; i++) {
    const frame = page.frames().find((f) => f.url().includes('/picker.html'));
    if (frame && (await frame.locator('[role="combobox"]').count()) > 0) return frame;
    await page.waitForTimeout(100);
  }
  throw new Error('the picker did not open');
}

/** Whether the picker is showing on the page: closed, its frame is kept hidden and draws nothing. */
export async function pickerShown(page: Page): Promise<boolean> {
  for (const frame of page.frames()) {
    if (!frame.url().includes('/picker.html')) continue;
    if (
      (await frame
        .locator('[role="combobox"]')
        .count()
        .catch(() => 0)) > 0
    )
      return true;
  }
  return false;
}

/** The background's activity log, read from its own IndexedDB (what the Log tab shows). */
export async function insertionLog(browser: ExtensionBrowser): Promise<LoggedEntry[]> {
  return browser.serviceWorker.evaluate(readActivityLog, 'template.inserted');
}
