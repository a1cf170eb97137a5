/**
 * Rollout by policy in real Chromium: an administrator's policy file in /etc/chromium/policies/managed
 * (`3rdparty` → `extensions` → Dalil's id) configures a fresh profile with nobody touching it. The
 * profile follows the team's signed pack with the manager's key pinned, the role is fixed as agent
 * (the panel says "Set by your organisation" and the background refuses the change), a bad value is
 * reported in Settings and ignored, and a change to the file reaches the running browser.
 */
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyState } from '../../utils/policy/state';
import type { GuidancePack } from '../../utils/schemas/guidance-pack';
import { generateSigningKey, signPack } from '../../utils/sync/signing';
import type { SigningKeyRecord, SyncStatus } from '../../utils/sync/types';
import { saveScreenshot } from '../harness/artifacts';
import { type ExtensionBrowser, launchWithExtension, panelMessage, visibleText } from '../harness/browser';
import { focusComposer, modelText, openDemo, typeInComposer } from '../harness/composer';
import { serveDemoPages } from '../harness/demo-pages';
import {
  CHROMIUM_POLICY_FILE,
  canWriteChromiumPolicy,
  extensionIdOf,
  keyedExtensionCopy,
  POLICY_TEST_EXTENSION_ID,
  POLICY_TEST_KEY,
  removeChromiumPolicy,
  writeChromiumPolicy,
} from '../harness/policy-extension';
import { teamPack } from '../harness/team-packs';
import { startTeamServer, type TeamServer } from '../harness/team-server';

/** The organisation's pack: its ;teamhello signs with the agent's name, which the policy sets. */
const ACME_PACK = teamPack(2, { id: 'acme-care', name: 'Acme care team', greeting: '{{agent.name}} from the team here' });

const writable = canWriteChromiumPolicy();
let browser: ExtensionBrowser;
let server: TeamServer;
let extensionDir: string;
let manager: SigningKeyRecord;
let basePolicy: Record<string, unknown>;

beforeAll(async () => {
  if (!writable) return;
  removeChromiumPolicy(); // a crashed run's file must not configure this one
  manager = await generateSigningKey();
  server = await startTeamServer();
  server.setPack('/acme.json', JSON.stringify(await signPack(ACME_PACK, manager)));
  basePolicy = {
    teamPackUrl: server.url('/acme.json'),
    managerPublicKey: manager.publicKeyText,
    role: 'agent',
    allowRoleChange: false,
    agentName: 'Sara',
    webhookUrl: server.url('/webhook'),
    autoApply: true,
    refreshMinutes: 2, // below the 5 minutes allowed: reported and ignored
    extraSites: ['https://support.acme.example'],
    // Chrome itself drops these before Dalil sees them (a value of the wrong JSON type, a name not in
    // the schema) and shows them at chrome://policy; the admin guide says so.
    language: 42,
    Role: 'manager',
  };
  writeChromiumPolicy(basePolicy);
  extensionDir = keyedExtensionCopy();
  browser = await launchWithExtension({ extensionDir, viewport: { width: 900, height: 1000 }, allowOrigins: [server.origin] });
  await serveDemoPages(browser.context);
});

afterAll(async () => {
  removeChromiumPolicy();
  await browser?.close();
  await server?.close();
  if (extensionDir) rmSync(extensionDir, { recursive: true, force: true });
});

async function openSettings(locale: 'ar' | 'en' = 'en'): Promise<Page> {
  const panel = await browser.openSidePanel({ locale });
  await panel.getByRole('tab', { name: locale === 'en' ? 'Settings' : 'الإعدادات' }).click();
  return panel;
}

const syncStatus = (panel: Page) => panelMessage<SyncStatus>(panel, 'panel.syncStatus', {});
const policyState = (panel: Page) =>
  panel.evaluate(async () => {
    const api = (
      globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }
    ).chrome;
    return (await api.storage.local.get('managedPolicy')).managedPolicy as PolicyState | undefined;
  });
const storedSettings = (panel: Page) =>
  panel.evaluate(async () => {
    const api = (
      globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }
    ).chrome;
    return (await api.storage.local.get('settings')).settings as { role: string; agentName: string; locale: string };
  });
/** The "Set by your organisation" mark inside the element holding `locator`'s text. */
const badgeIn = (panel: Page, testId: string) => panel.getByTestId(testId).getByTestId('policy-badge');

describe.skipIf(!writable)('rollout by policy in Chromium', () => {
  it('gives the test build the id the policy names', () => {
    expect(extensionIdOf(POLICY_TEST_KEY)).toBe(POLICY_TEST_EXTENSION_ID);
    expect(browser.extensionId).toBe(POLICY_TEST_EXTENSION_ID);
    expect(CHROMIUM_POLICY_FILE).toMatch(/^\/etc\/chromium\/policies\/managed\/[\w-]+\.json$/);
  });

  it('makes a fresh profile follow the signed team pack as an agent who cannot change the role', async () => {
    const panel = await openSettings('en');
    await expect.poll(() => visibleText(panel.getByTestId('pack-info')), { timeout: 20_000 }).toMatch(/From the team’s address/);
    expect(await visibleText(panel.getByTestId('pack-info'))).toMatch(/Acme care team — version 2/);
    const status = await syncStatus(panel);
    expect(status.subscription).toMatchObject({ url: server.url('/acme.json'), autoApply: true, refreshMinutes: 30 });
    expect(status.pinned?.fingerprint).toBe(manager.fingerprint);
    expect(status.webhook?.url).toBe(server.url('/webhook'));

    // Fixed by the organisation: marked, disabled, no way round it in the panel.
    const role = panel.getByTestId('sync-role');
    await expect.poll(() => role.isDisabled()).toBe(true);
    expect(await role.inputValue()).toBe('agent');
    expect(await visibleText(panel.locator('label', { has: panel.getByTestId('policy-badge') }).first())).toMatch(
      /Set by your organisation/,
    );
    expect(await badgeIn(panel, 'sync-following').count()).toBe(1);
    expect(await panel.getByTestId('sync-unsubscribe').count()).toBe(0);
    expect(await panel.getByTestId('sync-unpin').count()).toBe(0);
    expect(await panel.getByTestId('sync-webhook-input').isDisabled()).toBe(true);
    expect(await panel.getByTestId('settings-agent-name').inputValue()).toBe('Sara');
    expect(await panel.getByTestId('settings-agent-name').isDisabled()).toBe(true);
    expect(await visibleText(panel.getByTestId('policy-sites-awaiting'))).toContain('https://support.acme.example');

    // The bad value: reported with its key, and ignored (the interval stayed at its default, 30).
    expect((await policyState(panel))?.problems.map((p) => p.key)).toEqual(['refreshMinutes']);
    const problem = panel.getByTestId('policy-problem');
    expect(await problem.getAttribute('data-key')).toBe('refreshMinutes');
    expect(await visibleText(problem)).toMatch(/ignored: a whole number of minutes from 5 to 1440/);
    expect(await visibleText(panel.getByTestId('sync-settings'))).toMatch(/30 minutes/);
    await saveScreenshot(panel, 'settings-policy-agent-en');

    // Around the panel: a direct write is put back, and the background refuses the changes by message.
    await panel.evaluate(async () => {
      const api = (
        globalThis as unknown as {
          chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> } } };
        }
      ).chrome;
      const { settings } = await api.storage.local.get('settings');
      await api.storage.local.set({ settings: { ...(settings as object), role: 'manager' } });
    });
    await expect.poll(async () => (await storedSettings(panel)).role, { timeout: 5_000 }).toBe('agent');
    await expect(panelMessage(panel, 'panel.unsubscribe', {})).rejects.toThrow(/organisation/);
    await expect(
      panelMessage(panel, 'panel.subscribe', { url: server.url('/other.json'), autoApply: true, refreshMinutes: 30 }),
    ).rejects.toThrow(/organisation/);
    expect(await panelMessage(panel, 'panel.pinPublicKey', { publicKey: null })).toMatchObject({ ok: false });
    await expect(panelMessage(panel, 'panel.generateSigningKey', {})).rejects.toThrow(/Only a manager/);
    const team = (await panelMessage<{ pack: GuidancePack }>(panel, 'panel.getGuidance', {})).pack;
    expect(
      await panelMessage(panel, 'panel.saveTemplate', { template: { ...team.templates[0], body: 'Changed by an agent' } }),
    ).toMatchObject({ ok: false });

    // The team's pack in a composer, signed by the policy's name; the insertion reaches the policy's webhook.
    const composer = await openDemo(browser, 'facebook');
    await focusComposer(composer);
    await typeInComposer(composer, ';teamhello');
    await expect.poll(() => modelText(composer), { timeout: 5_000 }).toContain('Sara from the team here (v2)');
    await composer.close();
    await expect
      .poll(
        () => [...server.accepted.values()].some(({ entry }) => entry.kind === 'template.inserted' && entry.actor === 'Sara'),
        {
          timeout: 15_000,
        },
      )
      .toBe(true);
    await panel.close();
  });

  it('shows the same in Arabic, right to left', async () => {
    const panel = await openSettings('ar');
    await expect.poll(() => panel.getByTestId('sync-role').isDisabled()).toBe(true);
    expect(await panel.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await visibleText(panel.getByTestId('policy-badge').first())).toContain('تحدّده مؤسستك');
    expect(await visibleText(panel.getByTestId('policy-problem'))).toMatch(/عدد صحيح من الدقائق/);
    await saveScreenshot(panel, 'settings-policy-agent-ar');
    await panel.close();
  });

  it('follows a change to the policy file while the browser runs', { timeout: 90_000 }, async () => {
    const panel = await openSettings('en');
    await expect.poll(() => panel.getByTestId('sync-role').isDisabled()).toBe(true);
    writeChromiumPolicy({ ...basePolicy, refreshMinutes: 60, role: 'manager', allowRoleChange: true });
    // Chromium notices the changed file itself (it watches the folder; a few seconds to settle).
    await expect
      .poll(async () => (await policyState(panel))?.values.refreshMinutes, { timeout: 60_000, interval: 1_000 })
      .toBe(60);
    await expect.poll(async () => (await syncStatus(panel)).subscription?.refreshMinutes, { timeout: 10_000 }).toBe(60);
    await expect.poll(() => panel.getByTestId('policy-problem').count()).toBe(0);
    // The role was set once, to manager, and is the person's to change now.
    await expect.poll(async () => (await storedSettings(panel)).role).toBe('manager');
    await expect.poll(() => panel.getByTestId('sync-role').isDisabled()).toBe(false);
    await panel.getByTestId('sync-role').selectOption('agent');
    await expect.poll(async () => (await storedSettings(panel)).role).toBe('agent');
    await saveScreenshot(panel, 'settings-policy-changed-en');
    await panel.close();
  });
});
