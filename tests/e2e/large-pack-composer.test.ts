/**
 * A team's pack of 5,000 templates in the composers, in the built extension in Chromium: a composer asks for
 * the shortcut table first and a template's text when it is used, and a shortcut typed at once after clicking
 * into the reply box, before the table has arrived, still expands when it does. Under Facebook's Arabic
 * comment ;thanks lands its Arabic pair, whose text is fetched on use.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedEntry, readActivityLog } from '../harness/activity-log';
import { type ExtensionBrowser, launchWithExtension, panelMessage } from '../harness/browser';
import { modelText, openDemo } from '../harness/composer';
import { serveDemoPages } from '../harness/demo-pages';
import { holdStores } from '../harness/faults';
import { generatedTemplate, largePack } from '../harness/large-pack';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension({ viewport: { width: 900, height: 720 } });
  await serveDemoPages(browser.context);
  const panel = await browser.openSidePanel();
  const imported = await panelMessage<{ ok: boolean }>(panel, 'panel.importPack', { text: JSON.stringify(largePack(5000)) });
  expect(imported.ok).toBe(true);
  await panel.close();
});
afterAll(() => browser?.close());

/** The insertions logged, read from an extension page (the worker is stopped and started again in between). */
async function insertionLog(): Promise<LoggedEntry[]> {
  const panel = await browser.openSidePanel();
  const entries = await panel.evaluate(readActivityLog, 'template.inserted');
  await panel.close();
  return entries;
}

const strip = (text: string) => text.replace(/[\u2066-\u2069]/g, '');
const COMPOSER = '[data-lexical-editor]';

describe('a 5,000-template pack in a composer', () => {
  it('expands a shortcut typed right after clicking into the reply box, once the shortcut table arrives', async () => {
    const logged = (await insertionLog()).length;
    // The shortcut table is not there before the keys: the worker starts again (as after the browser idled) and
    // its read of the templates waits behind a transaction another extension page keeps open.
    const panel = await browser.openSidePanel();
    await panel.getByRole('tab').first().waitFor();
    await browser.stopServiceWorker();
    const release = await holdStores(panel, ['templates']);
    const page = await openDemo(browser, 'facebook');
    await page.locator(COMPOSER).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(';thanks');
    expect(strip(await modelText(page))).toContain(';thanks');
    await release();
    await expect.poll(async () => strip(await modelText(page)), { timeout: 10_000 }).toContain('شكرًا جزيلًا يا Maryam');
    expect(strip(await modelText(page))).not.toContain(';thanks');

    // A generated template's text, fetched when its shortcut is typed; its first name filled from the comment.
    const last = generatedTemplate(4999);
    await page.keyboard.type(` ${last.shortcut}`, { delay: 15 });
    await expect.poll(async () => strip(await modelText(page)), { timeout: 5000 }).toContain('(4999)');
    const text = strip(await modelText(page));
    expect(text).not.toContain(last.shortcut);
    expect(text).toContain(last.body.slice(0, 40));

    await expect
      .poll(async () => (await insertionLog()).slice(logged).map((e) => e.details.templateId), { timeout: 5000 })
      .toEqual(['care.thanks.ar', last.id]);
    await page.close();
    await panel.close();
  });
});
