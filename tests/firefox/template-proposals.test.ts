/**
 * Agents propose, managers review, in real Firefox: an agent's personal draft made into a proposal file
 * (downloaded to disk), then that very file and a broken one dropped on the review queue, the new
 * template approved into the pack with a comment; the queue in English and Arabic.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activityLogIn,
  dropFilesInFirefox,
  type FirefoxWithExtension,
  launchFirefoxWithExtension,
  panelMessageIn,
  pollFor,
  saveFirefoxScreenshot,
} from '../harness/firefox';

const downloads = mkdtempSync(join(tmpdir(), 'dalil-ff-downloads-'));
let firefox: FirefoxWithExtension;
beforeAll(async () => {
  firefox = await launchFirefoxWithExtension({
    prefs: {
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.alwaysOpenPanel': false,
    },
  });
});
afterAll(async () => {
  await firefox?.close();
});

const text = (page: Page, selector: string) =>
  page.$eval(selector, (el) => (el.textContent ?? '').replace(/[\u2066-\u2069\u200e\u200f]/g, '')).catch(() => '');
async function clickByText(page: Page, selector: string, label: string) {
  for (const el of await page.$$(selector)) if ((await el.evaluate((e) => e.textContent?.trim())) === label) return el.click();
  throw new Error(`nothing labelled ${label}`);
}
async function openProposals(page: Page, tab: string, view: string) {
  await clickByText(page, '[role="tab"]', tab);
  await clickByText(page, '[data-testid="template-views"] button', view);
}

const draft = {
  id: 'my-gift-cards',
  title: 'بطاقات الهدايا',
  body: 'أهلًا {{commenter.firstName|عزيزنا}}، بطاقات الهدايا متاحة في كل الفروع.',
  lang: 'ar',
  shortcut: ';giftcard',
  tags: [],
  status: 'draft',
};

describe('proposals in Firefox', () => {
  let fileName = '';

  it('an agent’s draft becomes a proposal file on disk, logged, listed as waiting for review', async () => {
    const page = await firefox.openSidePanel({ locale: 'en' });
    await panelMessageIn(page, 'panel.savePersonalTemplate', { template: draft });
    await page.waitForSelector('[data-testid="propose-draft"]');
    await page.click('[data-testid="propose-draft"]');
    await page.type('[data-testid="propose-note"]', 'Asked every day before Eid.');
    await page.click('[data-testid="propose-download"]');
    const done = await pollFor(
      () => text(page, '[data-testid="propose-done"]'),
      (t) => t.includes('.dalil-proposal.json'),
    );
    fileName = /(\S+\.dalil-proposal\.json)/.exec(done)?.[1] ?? '';
    const saved = await pollFor(
      async () => readdirSync(downloads).filter((f) => f.endsWith('.dalil-proposal.json')),
      (files) => files.length === 1,
    );
    expect(saved).toEqual([fileName]);
    const proposal = JSON.parse(readFileSync(join(downloads, fileName), 'utf8'));
    expect(proposal).toMatchObject({ format: 'dalil.template-proposal', formatVersion: 1, note: 'Asked every day before Eid.' });
    expect(proposal.template).toMatchObject({ title: draft.title, body: draft.body });
    expect((await activityLogIn(page, 'proposal.sent')).map((e) => e.details.proposalId)).toEqual([proposal.id]);

    await openProposals(page, 'Templates', 'Proposals');
    expect(
      await pollFor(
        () => page.$eval('[data-testid="sent-proposal"]', (el) => el.getAttribute('data-status')).catch(() => null),
        (s) => s !== null,
      ),
    ).toBe('pending');
    await page.close();
  });

  it('a manager drops the file and a broken one on the queue, sees "new", approves it into the pack with a comment', async () => {
    const bytes = readFileSync(join(downloads, fileName));
    const broken = new TextEncoder().encode(bytes.toString('utf8').replace('"formatVersion": 1', '"formatVersion": 7'));
    const ar = await firefox.openSidePanel({ locale: 'ar' });
    await openProposals(ar, 'القوالب', 'المقترحات');
    await dropFilesInFirefox(ar, '[data-testid="proposal-drop"]', [
      { name: fileName, type: 'application/json', bytes: new Uint8Array(bytes) },
      { name: 'broken.dalil-proposal.json', type: 'application/json', bytes: broken },
    ]);
    await pollFor(
      () => ar.$$eval('[data-testid="queued-proposal"]', (els) => els.length),
      (n) => n === 1,
    );
    const outcomes = await text(ar, '[data-testid="proposal-import-outcomes"]');
    expect(outcomes).toContain('أُضيف إلى قائمة المراجعة');
    expect(outcomes).toContain('formatVersion');
    expect(await text(ar, '[data-testid="proposal-kind"]')).toBe('قالب جديد');
    expect(await ar.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await ar.type('[data-testid="proposal-comment"]', 'شكرًا! أضفناه كما هو.');
    await saveFirefoxScreenshot(ar, 'proposals-queue-ar');

    await ar.click('[data-testid="proposal-approve"]');
    expect(
      await pollFor(
        () => ar.$eval('[data-testid="queued-proposal"]', (el) => el.getAttribute('data-decision')),
        (d) => d !== 'pending',
      ),
    ).toBe('approved');
    const guidance = await panelMessageIn<{
      pack: { templates: Array<{ shortcut?: string; status: string }>; proposalDecisions?: Array<{ comment?: string }> };
    }>(ar, 'panel.getGuidance', {});
    expect(guidance.pack.templates.find((t) => t.shortcut === ';giftcard')?.status).toBe('approved');
    expect(guidance.pack.proposalDecisions?.[0]?.comment).toBe('شكرًا! أضفناه كما هو.');
    await ar.close();

    const en = await firefox.openSidePanel({ locale: 'en' });
    await openProposals(en, 'Templates', 'Proposals');
    await en.waitForSelector('[data-testid="proposal-decided"]');
    expect(await text(en, '[data-testid="proposal-decided"]')).toContain('Approved: goes out with the next published pack.');
    await saveFirefoxScreenshot(en, 'proposals-queue-en');
    await en.close();
  });
});
