/**
 * The browser closes the background's database connection under it — here by clearing the extension's
 * IndexedDB through DevTools, as "clear site data" or a storage error would — and the next things a
 * person does still work, with no worker restart: the background opens a new connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension, panelMessage } from '../harness/browser';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension();
});
afterAll(() => browser?.close());

interface Template {
  id: string;
  title: string;
  shortcut?: string;
}

describe('the database closed under the background', () => {
  it('is opened again for the next message, without a worker restart', async () => {
    const panel = await browser.openSidePanel({ locale: 'en' });
    const before = await panelMessage<{ pack: { templates: Template[] } }>(panel, 'panel.getGuidance', {});
    const template = { ...before.pack.templates[0], id: 'saved-before', title: 'Saved before', shortcut: ';before' };
    await panelMessage(panel, 'panel.savePersonalTemplate', { template });
    const worker = browser.serviceWorker.url();

    // The worker's connection is closed by the browser (its 'close' event), its data gone.
    const cdp = await browser.context.newCDPSession(panel);
    await cdp.send('Storage.clearDataForOrigin', {
      origin: `chrome-extension://${browser.extensionId}`,
      storageTypes: 'indexeddb',
    });
    await cdp.detach();

    // The next messages are answered from a new connection: the built-in pack again, and a save that lands.
    const after = await panelMessage<{ pack: { templates: Template[] } }>(panel, 'panel.getGuidance', {});
    expect(after.pack.templates.length).toBeGreaterThan(0);
    const next = { ...template, id: 'saved-after', title: 'Saved after', shortcut: ';after' };
    expect(await panelMessage(panel, 'panel.savePersonalTemplate', { template: next })).toMatchObject({ ok: true });
    expect((await panelMessage<Template[]>(panel, 'panel.listPersonalTemplates', {})).map((t) => t.id)).toEqual(['saved-after']);
    // The same worker answered throughout.
    expect(browser.context.serviceWorkers().map((w) => w.url())).toEqual([worker]);
    await panel.close();
  });
});
