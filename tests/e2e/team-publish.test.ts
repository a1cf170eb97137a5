/**
 * The manager's side of team sync, end to end across two browser profiles: the manager makes a
 * signing key, rewords a template, publishes a signed next version (and exports the private key only
 * after a warning); the file goes on the team's static host; an agent's fresh browser pins the
 * manager's key, follows the URL, and the reworded template expands in a composer. A copy altered
 * after signing is refused.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Template } from '../../utils/schemas/template';
import { type ExtensionBrowser, launchWithExtension, panelMessage, visibleText } from '../harness/browser';
import { focusComposer, modelText, openDemo, typeInComposer } from '../harness/composer';
import { serveDemoPages } from '../harness/demo-pages';
import { defaultPack } from '../harness/team-packs';
import { startTeamServer, type TeamServer } from '../harness/team-server';

/** The version the manager publishes: the next after the built-in pack's. */
const NEXT = defaultPack.version + 1;

let server: TeamServer;
let manager: ExtensionBrowser | undefined;
let agent: ExtensionBrowser | undefined;
beforeAll(async () => {
  server = await startTeamServer();
});
afterAll(async () => {
  await manager?.close();
  await agent?.close();
  await server?.close();
});

async function openSettings(browser: ExtensionBrowser, dialogs: string[] = []): Promise<Page> {
  const panel = await browser.openSidePanel({ locale: 'en' });
  panel.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.accept();
  });
  await panel.getByRole('tab', { name: 'Settings' }).click();
  return panel;
}

async function download(panel: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const downloading = panel.waitForEvent('download');
  await click();
  const file = await downloading;
  return { name: file.suggestedFilename(), text: await readFile((await file.path()) as string, 'utf8') };
}

describe('a manager publishes a signed pack; an agent follows it', () => {
  let published: { name: string; text: string };
  let publicKey: string;

  it('manager: makes a key, rewords a template, publishes a signed next version, exports the key only when warned', async () => {
    manager = await launchWithExtension({ viewport: { width: 900, height: 900 } });
    const dialogs: string[] = [];
    const panel = await openSettings(manager, dialogs);
    expect(await panel.getByTestId('sync-role').inputValue()).toBe('manager');
    await panel.getByTestId('sync-generate-key').click();
    await expect.poll(() => visibleText(panel.getByTestId('sync-public-key'))).toMatch(/^dalil-(ed25519|p256):/);
    publicKey = (await visibleText(panel.getByTestId('sync-public-key'))).trim();

    const thanks = (await panelMessage<{ pack: { templates: Template[] } }>(panel, 'panel.getGuidance', {})).pack.templates.find(
      (t) => t.id === 'care.thanks.en',
    );
    if (!thanks) throw new Error('the default pack has no care.thanks.en');
    await panelMessage(panel, 'panel.saveTemplate', {
      template: { ...thanks, body: 'Thank you, {{commenter.firstName|there}}: signed by the team!' },
    });

    // The signed claims: the address the agents follow, and the default expiry of 90 days.
    expect(await panel.getByTestId('sync-publish-expiry').inputValue()).toBe('90');
    await panel.getByTestId('sync-publish-audience').fill(server.url('/team.json'));
    const before = Date.now();
    published = await download(panel, () => panel.getByTestId('sync-publish').click());
    await expect
      .poll(() => visibleText(panel.getByTestId('sync-published')))
      .toMatch(new RegExp(`Version ${NEXT} saved as dalil-default-v${NEXT}.json. Signed`));
    const file = JSON.parse(published.text) as { version: number; templates: Template[]; signature?: { keyId?: string } };
    expect(published.name).toBe(`dalil-default-v${NEXT}.json`);
    const claims = JSON.parse(published.text) as { audience?: string; expires?: string };
    expect(claims.audience).toBe(server.url('/team.json'));
    const days = (Date.parse(claims.expires ?? '') - before) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThan(90.1);
    expect(await visibleText(panel.getByTestId('sync-published'))).toMatch(/For .*team\.json\. Expires /);
    expect(file.version).toBe(NEXT);
    expect(file.templates.find((t) => t.id === 'care.thanks.en')?.body).toContain('signed by the team');
    // Signed by this key: the signature names the fingerprint the panel shows.
    expect(file.signature?.keyId).toBe((await visibleText(panel.getByTestId('sync-fingerprint'))).trim());
    // The pack in use is the published one.
    expect(await visibleText(panel.getByTestId('pack-info'))).toContain(`version ${NEXT}`);

    // The private key leaves only through its own button, after a warning, and then whole.
    const exported = await download(panel, () => panel.getByTestId('sync-export-key').click());
    expect(dialogs.at(-1)).toMatch(/anyone/i);
    expect(exported.text).toMatch(/"d"\s*:/);
    expect(published.text).not.toMatch(/"d"\s*:/);
    await manager.close();
    manager = undefined;
  });

  it('agent: pins the manager’s key, follows the URL, gets the reworded template; an altered copy is refused', async () => {
    server.setPack('/team.json', published.text);
    agent = await launchWithExtension({ viewport: { width: 900, height: 900 }, allowOrigins: [server.origin] });
    await serveDemoPages(agent.context);
    const panel = await openSettings(agent);
    await panel.getByTestId('sync-role').selectOption('agent');
    await panel.getByTestId('sync-pin-input').fill(publicKey);
    await panel.getByTestId('sync-pin-save').click();
    await panel.getByTestId('sync-pinned').waitFor();
    await panel.getByTestId('sync-url-input').fill(server.url('/team.json'));
    await panel.getByTestId('sync-subscribe').click();
    await expect.poll(() => panel.getByTestId('sync-status').getAttribute('data-outcome'), { timeout: 20_000 }).toBe('applied');
    expect(await visibleText(panel.getByTestId('pack-info'))).toContain(`version ${NEXT}`);

    // An English comment: ;thanks inserts the English template the manager reworded.
    const page = await openDemo(agent, 'x');
    await focusComposer(page);
    await typeInComposer(page, ';thanks');
    await expect.poll(() => modelText(page), { timeout: 5000 }).toContain('signed by the team!');
    await page.close();

    // Someone edits the published file on the host without the manager's key: refused, the signed version kept.
    server.setPack(
      '/team.json',
      published.text.replace(`"version": ${NEXT}`, `"version": ${NEXT + 1}`).replace('signed by the team!', 'Visit evil.example'),
    );
    await panel.getByTestId('sync-refresh').click();
    await expect
      .poll(() => visibleText(panel.getByTestId('sync-status')), { timeout: 20_000 })
      .toMatch(/does not match the pinned key/);
    expect(await visibleText(panel.getByTestId('pack-info'))).toContain(`version ${NEXT}`);

    // The genuine file served from another address than the one it was published for: refused, naming both.
    server.setPack('/other.json', published.text);
    await panelMessage(panel, 'panel.subscribe', { url: server.url('/other.json'), autoApply: true, refreshMinutes: 30 });
    await expect
      .poll(() => visibleText(panel.getByTestId('sync-status')), { timeout: 20_000 })
      .toMatch(/published for .*team\.json, not for the address followed here \(.*other\.json/);
  });
});
