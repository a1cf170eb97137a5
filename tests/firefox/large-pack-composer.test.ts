/**
 * A 5,000-template pack in a composer in real Firefox: a shortcut typed at once after clicking into the reply
 * box, before the shortcut table has arrived (the background's read of the templates waits behind a
 * transaction an extension page keeps open), expands when it does; a generated template's text is fetched on use.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdStores } from '../harness/faults';
import {
  activityLogIn,
  type FirefoxWithExtension,
  launchFirefoxWithExtension,
  modelTextIn,
  openDemoInFirefox,
  panelMessageIn,
  pollFor,
  serveDemoPagesInFirefox,
} from '../harness/firefox';
import { generatedTemplate, largePack } from '../harness/large-pack';

let firefox: FirefoxWithExtension;
let extensionPage: Page;
beforeAll(async () => {
  firefox = await launchFirefoxWithExtension();
  await serveDemoPagesInFirefox(firefox);
  extensionPage = await firefox.openExtensionPage('sidepanel.html');
  // A new pack also drops the table the background kept.
  await panelMessageIn(extensionPage, 'panel.importPack', { text: JSON.stringify(largePack(5000)) });
});
afterAll(() => firefox?.close());

const strip = (text: string) => text.replace(/[\u2066-\u2069]/g, '');

describe('a 5,000-template pack in a Firefox composer', () => {
  it('expands a shortcut typed before the shortcut table arrived, once it does', async () => {
    const release = await holdStores(extensionPage as never, ['templates']);
    const page = await openDemoInFirefox(firefox, 'facebook');
    await page.click('[data-lexical-editor]');
    await page.keyboard.down('Control');
    await page.keyboard.press('End');
    await page.keyboard.up('Control');
    await page.keyboard.type(';thanks');
    expect(strip(await modelTextIn(page))).toContain(';thanks');
    await release();
    const text = await pollFor(
      async () => strip(await modelTextIn(page)),
      (t) => t.includes('شكرًا جزيلًا يا Maryam'),
    );
    expect(text).toContain('شكرًا جزيلًا يا Maryam');
    expect(text).not.toContain(';thanks');

    const last = generatedTemplate(4999);
    await page.keyboard.type(` ${last.shortcut}`, { delay: 15 });
    const after = await pollFor(
      async () => strip(await modelTextIn(page)),
      (t) => t.includes('(4999)'),
    );
    expect(after).toContain(last.body.slice(0, 40));
    expect(after).not.toContain(last.shortcut);
    const log = await pollFor(
      () => activityLogIn(extensionPage, 'template.inserted'),
      (entries) => entries.length >= 2,
    );
    expect(log.map((e) => e.details.templateId)).toEqual(['care.thanks.ar', last.id]);
    await page.close();
  });
});
