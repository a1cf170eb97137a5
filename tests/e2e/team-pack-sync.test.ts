/**
 * A team's pack served from a folder on 127.0.0.1, followed by an agent's browser: updates reach
 * an open composer; every way a server can fail leaves the pack in use with the reason shown;
 * a pinned key refuses packs its owner did not sign.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuidancePack } from '../../utils/schemas/guidance-pack';
import { generateSigningKey, signPack } from '../../utils/sync/signing';
import type { SyncStatus } from '../../utils/sync/types';
import { saveScreenshot } from '../harness/artifacts';
import { type ExtensionBrowser, launchWithExtension, panelMessage, visibleText } from '../harness/browser';
import { focusComposer, modelText, openDemo, typeInComposer } from '../harness/composer';
import { serveDemoPages } from '../harness/demo-pages';
import { patchSettings } from '../harness/settings-in-page';
import { teamPack } from '../harness/team-packs';
import { type PackMode, startTeamServer, type TeamServer } from '../harness/team-server';

let browser: ExtensionBrowser;
let server: TeamServer;
beforeAll(async () => {
  server = await startTeamServer();
  browser = await launchWithExtension({ viewport: { width: 900, height: 900 }, allowOrigins: [server.origin] });
  await serveDemoPages(browser.context);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openSettings(): Promise<Page> {
  const panel = await browser.openSidePanel({ locale: 'en' });
  // Unsubscribing, unpinning and restoring ask first; the person agrees.
  panel.on('dialog', (dialog) => void dialog.accept());
  await panel.getByRole('tab', { name: 'Settings' }).click();
  return panel;
}

const outcome = (panel: Page) => panel.getByTestId('sync-status').getAttribute('data-outcome');
const packInfo = (panel: Page) => visibleText(panel.getByTestId('pack-info'));

/** Presses "Refresh now" and waits for the background's answer to this press (not an earlier one) to show. */
async function refreshAndWait(panel: Page, expected: string, reason?: RegExp) {
  const before = (await panelMessage<SyncStatus>(panel, 'panel.syncStatus', {})).subscription?.lastCheckedAt;
  await panel.getByTestId('sync-refresh').click();
  await expect
    .poll(async () => (await panelMessage<SyncStatus>(panel, 'panel.syncStatus', {})).subscription?.lastCheckedAt, {
      timeout: 20_000,
    })
    .not.toBe(before);
  await expect.poll(() => outcome(panel), { timeout: 5_000 }).toBe(expected);
  if (reason) await expect.poll(() => visibleText(panel.getByTestId('sync-status')), { timeout: 5_000 }).toMatch(reason);
}

/** The Settings tab in Arabic (the language is a setting: every panel follows), then English again. */
async function inArabic(look: (arabic: Page) => Promise<void>) {
  const arabic = await browser.openSidePanel({ locale: 'ar' });
  await arabic.getByRole('tab', { name: 'الإعدادات' }).click();
  await look(arabic);
  await arabic.evaluate(patchSettings, { locale: 'en' as const });
  await arabic.close();
}

async function expandInComposer(expected: string) {
  const page = await openDemo(browser, 'facebook');
  await focusComposer(page);
  await typeInComposer(page, ';teamhello');
  await expect.poll(() => modelText(page), { timeout: 5000 }).toContain(expected);
  await page.close();
}

describe('following the team pack by URL', () => {
  it('subscribes, applies a new version, and a change on the server reaches an open composer', async () => {
    server.setPack('/acme.json', JSON.stringify(teamPack(2)));
    const panel = await openSettings();
    await panel.getByTestId('sync-url-input').fill(server.url('/acme.json'));
    // No key pinned yet: new versions apply on their own only because the person trusts this host, as the panel warns.
    await panel.getByTestId('sync-trust-host').check();
    await panel.getByTestId('sync-subscribe').click();
    await expect.poll(() => outcome(panel), { timeout: 20_000 }).toBe('applied');
    expect(await packInfo(panel)).toContain('version 2');
    expect(await visibleText(panel.getByTestId('sync-trust-warning'))).toMatch(/applied without a signature check/);
    expect(await visibleText(panel.getByTestId('sync-last-applied'))).toMatch(/Team greeting/);
    await expandInComposer('the team says hi (v2)');

    // The manager edits the template in the file on disk; the agent's open composer follows after the refresh.
    const onDisk = join(server.folder, 'acme.json');
    writeFileSync(onDisk, readFileSync(onDisk, 'utf8').replace('"version":2', '"version":3').replace('(v2)', '(v3)'));
    const composer = await openDemo(browser, 'facebook');
    await refreshAndWait(panel, 'applied');
    expect(await packInfo(panel)).toContain('version 3');
    await focusComposer(composer);
    await typeInComposer(composer, ';teamhello');
    await expect.poll(() => modelText(composer), { timeout: 5000 }).toContain('the team says hi (v3)');

    // Nothing changed on the server: a conditional request, answered 304.
    await refreshAndWait(panel, 'not-modified');
    const last = server.packRequests.at(-1);
    expect(last?.status).toBe(304);
    expect(last?.ifNoneMatch).toMatch(/^"[0-9a-f]{16}"$/);
    expect(await visibleText(panel.getByTestId('sync-history-item').first())).toMatch(/version 2/);
    await saveScreenshot(panel, 'settings-team-pack-applied-en');
  });

  const failures: Array<[PackMode, RegExp]> = [
    ['error-500', /HTTP 500/],
    ['invalid-json', /not valid JSON/],
    ['oversized', /larger than a pack may be/],
    ['slow', /took too long/],
  ];
  it('keeps the pack in use, with the reason and the next try shown, when the server fails', { timeout: 120_000 }, async () => {
    const panel = await openSettings();
    server.setPack('/acme.json', JSON.stringify(teamPack(4)));
    for (const [mode, reason] of failures) {
      server.packMode = mode;
      await refreshAndWait(panel, 'failed', reason);
      const shown = await visibleText(panel.getByTestId('sync-status'));
      expect(shown, mode).toMatch(/pack in use was kept/);
      expect(shown, mode).toMatch(/Next try/i);
      expect(await packInfo(panel)).toContain('version 3');
    }
    await saveScreenshot(panel, 'settings-team-pack-failed-en');
    server.packMode = 'normal';
    await refreshAndWait(panel, 'applied');
    expect(await packInfo(panel)).toContain('version 4');
  });

  it('as an agent with the manager’s key pinned: refuses unsigned and wrongly signed packs, applies the signed one', async () => {
    const manager = await generateSigningKey();
    const stranger = await generateSigningKey();
    const panel = await openSettings();
    await panel.getByTestId('sync-role').selectOption('agent');
    await panel.getByTestId('sync-pin-input').fill(manager.publicKeyText);
    await panel.getByTestId('sync-pin-save').click();
    await expect.poll(() => visibleText(panel.getByTestId('sync-pinned'))).toContain(manager.fingerprint);

    server.setPack('/acme.json', JSON.stringify(teamPack(5)));
    await refreshAndWait(panel, 'failed', /not signed/);

    server.setPack('/acme.json', JSON.stringify(await signPack(teamPack(5), stranger)));
    await refreshAndWait(panel, 'failed', /does not match the pinned key/);

    const altered = await signPack(teamPack(5), manager);
    altered.templates[0].body = 'Altered on the way';
    server.setPack('/acme.json', JSON.stringify(altered));
    await refreshAndWait(panel, 'failed', /does not match the pinned key/);
    expect(await packInfo(panel)).toContain('version 4');

    server.setPack('/acme.json', JSON.stringify(await signPack(teamPack(5), manager), null, 2));
    await refreshAndWait(panel, 'applied');
    expect(await packInfo(panel)).toContain('version 5');
    await expandInComposer('the team says hi (v5)');

    // The team's pack is read-only here: the Templates tab offers no edits, and the background refuses them.
    await panel.getByRole('tab', { name: 'Templates' }).click();
    await expect.poll(() => panel.getByTestId('template-item').count()).toBe(23);
    expect(await panel.getByRole('button', { name: 'New template' }).count()).toBe(0);
    const team = (await panelMessage<{ pack: GuidancePack }>(panel, 'panel.getGuidance', {})).pack;
    const edited = { ...team.templates[0], body: 'Changed by an agent' };
    expect(await panelMessage(panel, 'panel.saveTemplate', { template: edited })).toMatchObject({ ok: false });
    await expect(panelMessage(panel, 'panel.saveBrandKit', { brandKit: { ...team.brandKit, name: 'Mine' } })).rejects.toThrow(
      /read-only/i,
    );
    expect((await panelMessage<{ pack: GuidancePack }>(panel, 'panel.getGuidance', {})).pack).toEqual(team);
    await saveScreenshot(panel, 'templates-agent-read-only-en');
    await panel.getByRole('tab', { name: 'Settings' }).click();

    // A replayed older copy the manager really signed: refused with both versions named, in English and Arabic.
    server.setPack('/acme.json', JSON.stringify(await signPack(teamPack(4), manager)));
    await refreshAndWait(panel, 'failed', /version 4, but version 5 signed with the pinned key was already accepted/);
    expect(await packInfo(panel)).toContain('version 5');
    await saveScreenshot(panel, 'settings-team-pack-replay-refused-en');
    await inArabic(async (arabic) => {
      await expect
        .poll(() => visibleText(arabic.getByTestId('sync-status')))
        .toMatch(/هذه الحزمة هي الإصدار.*[4٤].*سبق قبول الإصدار.*[5٥]/s);
      await saveScreenshot(arabic, 'settings-team-pack-replay-refused-ar');
    });

    // A signed pack past its expiry: refused with its date.
    server.setPack(
      '/acme.json',
      JSON.stringify(
        await signPack(teamPack(6), manager, { audience: server.url('/acme.json'), expires: '2026-01-31T12:00:00.000Z' }),
      ),
    );
    await refreshAndWait(panel, 'failed', /The pack expired on .*2026.*ask your manager to publish a new version/);
    expect(await packInfo(panel)).toContain('version 5');
    await saveScreenshot(panel, 'settings-team-pack-expired-en');
    await inArabic(async (arabic) => {
      await expect.poll(() => visibleText(arabic.getByTestId('sync-status'))).toMatch(/انتهت صلاحية الحزمة في/);
      await saveScreenshot(arabic, 'settings-team-pack-expired-ar');
    });

    // Published for another team's address: refused naming both.
    server.setPack(
      '/acme.json',
      JSON.stringify(await signPack(teamPack(6), manager, { audience: server.url('/other-team.json') })),
    );
    await refreshAndWait(panel, 'failed', /published for .*other-team\.json.*not for the address followed here/);

    // An agent cannot unpin the key: the panel says who can.
    expect(await panel.getByTestId('sync-unpin').count()).toBe(0);
    expect(await visibleText(panel.getByTestId('sync-unpin-manager-only'))).toMatch(/Only a manager can unpin/);
  });

  it('with auto-apply off, shows what a new version changes and applies it on confirmation; an earlier pack can be restored', async () => {
    const dialogs: string[] = [];
    let agree = false;
    const panel = await browser.openSidePanel({ locale: 'en' });
    panel.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void (agree ? dialog.accept() : dialog.dismiss());
    });
    await panel.getByRole('tab', { name: 'Settings' }).click();
    // The agent of the previous test becomes a manager who follows the same URL without a pinned key. Unpinning
    // is the manager's act, and it asks first: declined, the key stays.
    await panel.getByTestId('sync-role').selectOption('manager');
    await panel.getByTestId('sync-unpin').click();
    expect(dialogs).toEqual(['Unpin the key? Unsigned packs will be accepted again. This is recorded in the log.']);
    expect(await panel.getByTestId('sync-pinned').count()).toBe(1);
    agree = true;
    await panel.getByTestId('sync-unpin').click();
    await expect.poll(() => panel.getByTestId('sync-pinned').count()).toBe(0);
    expect(dialogs).toHaveLength(2);
    await panel.getByTestId('sync-unsubscribe').click();
    await panel.getByTestId('sync-url-input').fill(server.url('/acme.json'));
    await panel.getByRole('checkbox', { name: /Apply new versions automatically/ }).uncheck();
    const next = teamPack(6);
    next.templates = next.templates.filter((t) => t.id !== 'team-hello');
    next.templates[0] = { ...next.templates[0], body: `${next.templates[0].body} — updated` };
    server.setPack('/acme.json', JSON.stringify(next));
    await panel.getByTestId('sync-subscribe').click();
    await expect.poll(() => outcome(panel), { timeout: 20_000 }).toBe('pending');
    const diff = await visibleText(panel.getByTestId('sync-pending'));
    expect(diff).toMatch(/Team greeting/); // removed
    expect(diff).toContain(next.templates[0].title); // changed
    expect(await packInfo(panel)).toContain('version 5');
    await saveScreenshot(panel, 'settings-team-pack-pending-en');

    await panel.getByTestId('sync-apply').click();
    await expect.poll(() => packInfo(panel)).toContain('version 6');
    await expect.poll(() => panel.getByTestId('sync-pending').count()).toBe(0);

    // Back to version 5 from the history: the team greeting returns.
    const v5 = panel.getByTestId('sync-history-item').filter({ hasText: 'version 5' }).first();
    await v5.getByRole('button', { name: /Restore/ }).click();
    await expect.poll(() => packInfo(panel)).toContain('version 5');
    await expandInComposer('the team says hi (v5)');
  });
});
