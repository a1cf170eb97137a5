import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from '../harness/artifacts';
import { type ExtensionBrowser, launchWithExtension, visibleText } from '../harness/browser';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension({ lang: 'en-US' });
});
afterAll(() => browser?.close());

describe('side panel with the default pack', () => {
  it('shows the templates, brand kit and settings in English', async () => {
    const page = await browser.openSidePanel({ locale: 'en' });
    await expect.poll(() => page.getByTestId('template-item').count()).toBe(22);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    expect(await page.getByRole('tab').allTextContents()).toEqual(['Templates', 'Brand', 'Swipe file', 'Log', 'Settings']);
    expect(await visibleText(page.getByTestId('pack-summary'))).toContain('Dalil starter pack');
    await saveScreenshot(page, 'side-panel-en-templates');

    // Arabic-aware search: no tashkeel and a bare alef still find "شكرًا"/"أسعار".
    // The background searches and answers the page (a message away): the list follows.
    const firstFound = () => page.getByTestId('template-item').first().getAttribute('data-template-id');
    await page.getByRole('searchbox').fill('شكرا');
    await expect.poll(firstFound).toBe('care.thanks.ar');
    await page.getByRole('searchbox').fill(';refund');
    await expect.poll(firstFound).toBe('care.refund.en');
    await page.getByRole('searchbox').fill('');

    await page.getByRole('tab', { name: 'Brand' }).click();
    expect(await page.getByTestId('swatch').count()).toBe(6);
    await saveScreenshot(page, 'side-panel-en-brand');
    await page.close();
  });

  it('asks the background for the first page of templates once as it opens', async () => {
    await browser.context.addInitScript(() => {
      if (!location.pathname.endsWith('/sidepanel.html')) return;
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(...args: unknown[]): unknown } } }).chrome
        .runtime;
      const asked: unknown[] = [];
      (window as unknown as { askedTemplates: unknown[] }).askedTemplates = asked;
      const send = runtime.sendMessage.bind(runtime);
      runtime.sendMessage = (...args: unknown[]) => {
        const message = args[0] as { type?: string; payload?: unknown } | undefined;
        if (message?.type === 'panel.listTemplates') asked.push(message.payload);
        return send(...args);
      };
    });
    const page = await browser.openSidePanel({ locale: 'en' });
    await expect.poll(() => page.getByTestId('template-item').count()).toBe(22);
    // The guidance arriving after the first page was asked for is not a reason to ask again.
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { askedTemplates: unknown[] }).askedTemplates)).toEqual([
      { offset: 0, limit: 50 },
    ]);
    await page.close();
  });

  it('is laid out right-to-left in Arabic, with every label in Arabic', async () => {
    const page = await browser.openSidePanel({ locale: 'ar' });
    await expect.poll(() => page.getByTestId('template-item').count()).toBe(22);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    const tabs = page.getByRole('tab');
    expect(await tabs.allTextContents()).toEqual(['القوالب', 'الهوية', 'الإعلانات', 'السجل', 'الإعدادات']);
    // RTL layout, not just translated strings: the first tab sits at the right.
    const first = await tabs.first().boundingBox();
    const last = await tabs.last().boundingBox();
    expect(first && last && first.x > last.x).toBe(true);
    // Template text follows its own direction.
    const arabicBody = page.locator('[data-template-id="care.thanks.ar"] p[dir="auto"]');
    expect(await arabicBody.evaluate((p) => getComputedStyle(p).direction)).toBe('rtl');
    const englishBody = page.locator('[data-template-id="care.thanks.en"] p[dir="auto"]');
    expect(await englishBody.evaluate((p) => getComputedStyle(p).direction)).toBe('ltr');
    await saveScreenshot(page, 'side-panel-ar-templates');
    await tabs.nth(1).click();
    // Each colour is numbered in Arabic digits, as the rest of the screen counts.
    await expect.poll(() => page.getByLabel('اسم اللون ١', { exact: true }).count()).toBe(1);
    expect(await page.getByLabel('اسم اللون 1', { exact: true }).count()).toBe(0);
    await saveScreenshot(page, 'side-panel-ar-brand');
    await tabs.nth(4).click();
    await saveScreenshot(page, 'side-panel-ar-settings');
    await page.close();
  });

  it('shows a shortcut conflict while it is typed, in the UI language', async () => {
    const page = await browser.openSidePanel({ locale: 'en' });
    await page.getByRole('button', { name: 'New template' }).click();
    const shortcut = page.getByLabel('Shortcut');
    await shortcut.fill(';thanks-a-lot');
    await expect
      .poll(() => visibleText(page.getByTestId('shortcut-status')))
      .toMatch(/;thanks-a-lot.*;thanks.*start the same way/);
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await shortcut.fill(';thank you');
    await expect.poll(() => visibleText(page.getByTestId('shortcut-status'))).toMatch(/followed by letters/);
    await shortcut.fill(';gift-card');
    await expect.poll(() => visibleText(page.getByTestId('shortcut-status'))).toBe('Shortcut is free.');
    await page.getByLabel('Title').fill('Gift cards');
    await page.getByLabel('Text', { exact: true }).fill('Gift cards are sold in every branch, {{commenter.firstName|there}}.');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('template-item').count()).toBe(23);
    await page.getByRole('searchbox').fill('gift');
    await expect.poll(() => page.getByTestId('template-item').first().textContent()).toContain('Gift cards');
    expect(await page.getByTestId('template-item').first().textContent()).toContain('Draft');
    await page.close();
  });
});

describe('the context menus', () => {
  it('are titled in the language chosen in Settings, and follow it when it changes', async () => {
    // Automation cannot open a context menu: the worker's own menu API is watched instead, each
    // title recorded once Chromium has applied it (an update of a menu that does not exist fails).
    await browser.serviceWorker.evaluate(() => {
      const scope = globalThis as unknown as Record<string, unknown> & { __menuTitles: Record<string, string> };
      scope.__menuTitles = {};
      for (const name of ['chrome', 'browser']) {
        const menus = (scope[name] as { contextMenus?: { update(id: string, p: { title?: string }): Promise<void> } })
          ?.contextMenus;
        if (!menus) continue;
        const update = menus.update.bind(menus);
        menus.update = async (id, props) => {
          await update(id, props);
          if (props.title) scope.__menuTitles[id] = props.title;
        };
      }
    });
    const titles = () =>
      browser.serviceWorker.evaluate(() => (globalThis as unknown as { __menuTitles: Record<string, string> }).__menuTitles);

    const page = await browser.openSidePanel({ locale: 'en' });
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByLabel('Language', { exact: true }).selectOption('ar');
    await expect.poll(titles).toEqual({
      'save-testimonial': 'حفظ التعليق كشهادة عميل',
      'check-palette': 'افحص ألوانها مقابل هوية العلامة',
    });
    await page.getByLabel('اللغة', { exact: true }).selectOption('en');
    await expect.poll(titles).toEqual({
      'save-testimonial': 'Save comment as testimonial',
      'check-palette': 'Check against brand palette',
    });
    await page.close();
  });
});

describe('template actions in the side panel', () => {
  it('duplicates a template as a draft, edits it, approves it and retires it', async () => {
    const page = await browser.openSidePanel({ locale: 'en' });
    const item = (id: string) => page.locator(`[data-template-id="${id}"]`);
    await item('care.price.en').getByRole('button', { name: 'Duplicate' }).click();
    const copy = item('care.price.en-copy');
    await copy.waitFor();
    expect(await visibleText(copy)).toContain('Draft');
    expect(await copy.locator('code').count()).toBe(0); // the copy has no shortcut: shortcuts stay unique

    await copy.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Title').fill('Price question — wholesale');
    await page.getByLabel('Shortcut').fill(';wholesale');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => visibleText(copy)).toContain('Price question — wholesale');

    await copy.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => visibleText(copy)).toContain('Approved');
    await copy.getByRole('button', { name: 'Retire' }).click();
    await expect.poll(() => visibleText(copy)).toContain('Retired');

    await page.getByRole('combobox', { name: 'Status' }).selectOption('retired');
    await expect.poll(() => page.getByTestId('template-item').count()).toBe(1); // the page for the new filter comes from the background
    await page.close();
  });

  it('opens from the toolbar button (the side panel is the action’s panel)', async () => {
    const behavior = await browser.serviceWorker.evaluate(() =>
      (
        globalThis as unknown as { chrome: { sidePanel: { getPanelBehavior(): Promise<unknown> } } }
      ).chrome.sidePanel.getPanelBehavior(),
    );
    expect(behavior).toEqual({ openPanelOnActionClick: true });
  });
});
