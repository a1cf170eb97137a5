/**
 * The picker's frame is kept, hidden, between openings on a page (#14 item 2): opened again, it is the same
 * document, so the pack is not sent again and its search index is not built again; it starts afresh
 * (an empty search, this composer's context), and a pack changed meanwhile is what it shows next.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension, panelMessage } from '../harness/browser';
import { clickComposerButton, focusComposer, modelText, openDemo, pickerFrame, pickerShown } from '../harness/composer';
import { serveDemoPages } from '../harness/demo-pages';
import { largePack } from '../harness/large-pack';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension({ viewport: { width: 900, height: 720 } });
  await serveDemoPages(browser.context);
});
afterAll(() => browser?.close());

describe('the picker between openings', () => {
  it('is the same frame when opened again, fresh, and shows a pack changed meanwhile', async () => {
    const page = await openDemo(browser, 'facebook');
    await focusComposer(page);
    await clickComposerButton(page);
    const frame = await pickerFrame(page);
    await frame.evaluate(() => {
      (window as unknown as { openedBefore: boolean }).openedBefore = true;
    });
    const box = frame.locator('input[role="combobox"]');
    await box.pressSequentially('refund');
    await expect.poll(() => frame.locator('[role=option]').first().getAttribute('data-template-id')).toMatch(/refund/);
    await page.keyboard.press('Escape');
    await expect.poll(() => pickerShown(page)).toBe(false);

    // Opened again: the same document (nothing loaded again), its search empty, and it searches.
    await focusComposer(page);
    await clickComposerButton(page);
    await expect.poll(() => pickerShown(page)).toBe(true);
    const again = await pickerFrame(page);
    expect(await again.evaluate(() => (window as unknown as { openedBefore?: boolean }).openedBefore)).toBe(true);
    await expect.poll(() => again.locator('input[role="combobox"]').inputValue()).toBe('');
    await again.locator('input[role="combobox"]').pressSequentially('اسعار');
    await expect.poll(() => again.locator('[role=option]').first().getAttribute('data-template-id')).toBe('care.price.ar');
    await page.keyboard.press('Escape');
    await expect.poll(() => pickerShown(page)).toBe(false);

    // The team's pack grows meanwhile: the next opening searches the new one.
    const panel = await browser.openSidePanel();
    await panelMessage(panel, 'panel.importPack', { text: JSON.stringify(largePack(60)) });
    await panel.close();
    await focusComposer(page);
    await clickComposerButton(page);
    await expect.poll(() => pickerShown(page)).toBe(true);
    const third = await pickerFrame(page);
    expect(await third.evaluate(() => (window as unknown as { openedBefore?: boolean }).openedBefore)).toBe(true);
    await third.locator('input[role="combobox"]').pressSequentially('r00055');
    await expect.poll(() => third.locator('[role=option]').first().getAttribute('data-template-id')).toBe('gen-00055');
    await page.keyboard.press('Enter');
    await expect.poll(() => modelText(page)).toContain('(55)');
    await page.close();
  });
});
