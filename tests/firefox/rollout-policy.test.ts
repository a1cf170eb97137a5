/**
 * Rollout by policy in real Firefox: an administrator's `policies.json` (`3rdparty` → `Extensions` →
 * Dalil's id), in the folder Firefox on Linux reads (/etc/firefox/policies), configures a fresh
 * profile with nobody touching it: it follows the team's signed pack with the manager's key pinned,
 * the role is fixed as agent (the sidebar says so, the background refuses the change), and a bad
 * value is reported in Settings and ignored.
 *
 * The file is machine-wide: the test's build has a gecko id of its own, so the policy concerns no
 * other build, and a policies.json that was there before is put back afterwards.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyState } from '../../utils/policy/state';
import { generateSigningKey, signPack } from '../../utils/sync/signing';
import type { SigningKeyRecord, SyncStatus } from '../../utils/sync/types';
import {
  FIREFOX_EXTENSION_DIR,
  type FirefoxWithExtension,
  focusComposerInFirefox,
  launchFirefoxWithExtension,
  modelTextIn,
  openDemoInFirefox,
  panelMessageIn,
  pollFor,
  saveFirefoxScreenshot,
  serveDemoPagesInFirefox,
} from '../harness/firefox';
import { canWritePolicyFolder } from '../harness/policy-extension';
import { teamPack } from '../harness/team-packs';
import { startTeamServer, type TeamServer } from '../harness/team-server';

const POLICY_DIR = '/etc/firefox/policies';
const POLICY_FILE = join(POLICY_DIR, 'policies.json');
const TEST_GECKO_ID = 'dalil-policy-e2e@dalil.guide';

/** The organisation's pack: its ;teamhello signs with the agent's name, which the policy sets. */
const ACME_PACK = teamPack(2, { id: 'acme-care', name: 'Acme care team', greeting: '{{agent.name}} from the team here' });

const writable = canWritePolicyFolder(POLICY_DIR);
/** What was in policies.json before (an administrator's own), put back after the test. */
let previous: string | undefined;
let firefox: FirefoxWithExtension;
let server: TeamServer;
let extensionDir: string;
let manager: SigningKeyRecord;

beforeAll(async () => {
  if (!writable) return;
  if (existsSync(POLICY_FILE)) {
    const text = readFileSync(POLICY_FILE, 'utf8');
    // A file this test left behind (a crashed run) is not an administrator's: it is simply replaced.
    if (!text.includes(TEST_GECKO_ID)) previous = text;
  }
  manager = await generateSigningKey();
  server = await startTeamServer();
  server.setPack('/acme.json', JSON.stringify(await signPack(ACME_PACK, manager)));
  const ours = {
    teamPackUrl: server.url('/acme.json'),
    managerPublicKey: manager.publicKeyText,
    role: 'agent',
    allowRoleChange: false,
    agentName: 'Sara',
    autoApply: true,
    refreshMinutes: 2, // below the 5 minutes allowed: reported and ignored
    // Firefox, unlike Chrome, passes a wrong type and an unknown name through: Dalil reports both.
    language: 42,
    Role: 'manager',
  };
  const others = previous ? JSON.parse(previous) : { policies: {} };
  const policies = {
    ...others,
    policies: {
      ...others.policies,
      '3rdparty': {
        ...others.policies?.['3rdparty'],
        Extensions: { ...others.policies?.['3rdparty']?.Extensions, [TEST_GECKO_ID]: ours },
      },
    },
  };
  writeFileSync(POLICY_FILE, `${JSON.stringify(policies, null, 2)}\n`);

  // The Firefox build under the test's own id.
  extensionDir = mkdtempSync(join(tmpdir(), 'dalil-policy-firefox-'));
  cpSync(FIREFOX_EXTENSION_DIR, extensionDir, { recursive: true });
  const manifestPath = join(extensionDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.browser_specific_settings.gecko.id = TEST_GECKO_ID;
  writeFileSync(manifestPath, JSON.stringify(manifest));

  firefox = await launchFirefoxWithExtension({ extensionDir, geckoId: TEST_GECKO_ID });
  await serveDemoPagesInFirefox(firefox);
});

afterAll(async () => {
  await firefox?.close();
  await server?.close();
  if (writable) {
    if (previous !== undefined) writeFileSync(POLICY_FILE, previous);
    else rmSync(POLICY_FILE, { force: true });
  }
  if (extensionDir) rmSync(extensionDir, { recursive: true, force: true });
});

const text = (page: Page, selector: string) =>
  page.$eval(selector, (el) => (el.textContent ?? '').replace(/[\u2066-\u2069\u200e\u200f]/g, '')).catch(() => '');
async function openSettings(locale: 'ar' | 'en'): Promise<Page> {
  const panel = await firefox.openSidePanel({ locale });
  await (await panel.$$('[role="tab"]'))[4]?.click();
  await panel.waitForSelector('[data-testid="sync-role"]');
  return panel;
}

describe.skipIf(!writable)('rollout by policy in Firefox', () => {
  it('makes a fresh profile follow the signed team pack as an agent who cannot change the role', async () => {
    const panel = await openSettings('en');
    expect(
      await pollFor(
        () => text(panel, '[data-testid="pack-info"]'),
        (t) => /version 2/.test(t),
        20_000,
      ),
    ).toMatch(/version 2/);
    const status = await panelMessageIn<SyncStatus>(panel, 'panel.syncStatus', {});
    expect(status.subscription).toMatchObject({ url: server.url('/acme.json'), autoApply: true, refreshMinutes: 30 });
    expect(status.pinned?.fingerprint).toBe(manager.fingerprint);

    // Fixed by the organisation: marked and disabled.
    const role = await pollFor(
      () =>
        panel.$eval('[data-testid="sync-role"]', (el) => ({
          disabled: (el as HTMLSelectElement).disabled,
          value: (el as HTMLSelectElement).value,
        })),
      (r) => r.disabled,
    );
    expect(role).toEqual({ disabled: true, value: 'agent' });
    expect(await text(panel, '[data-testid="policy-badge"]')).toMatch(/Set by your organisation/);
    expect(await panel.$eval('[data-testid="settings-agent-name"]', (el) => (el as HTMLInputElement).value)).toBe('Sara');

    // The bad value: reported with its key, and ignored.
    const state = await panel.evaluate(async () => {
      const api = (
        globalThis as unknown as { browser: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }
      ).browser;
      return (await api.storage.local.get('managedPolicy')).managedPolicy as PolicyState | undefined;
    });
    expect(state?.problems.map((p) => p.key).sort()).toEqual(['Role', 'language', 'refreshMinutes']);
    const problems = await panel.$$eval('[data-testid="policy-problem"]', (items) =>
      Object.fromEntries(items.map((i) => [i.getAttribute('data-key'), (i.textContent ?? '').replace(/[\u2066-\u2069]/g, '')])),
    );
    expect(problems.refreshMinutes).toMatch(/ignored: a whole number of minutes from 5 to 1440/);
    expect(await panel.evaluate(() => document.documentElement.lang)).toBe('en'); // the bad language did not apply
    await saveFirefoxScreenshot(panel, 'settings-policy-agent-en');

    // The background refuses the change by message too.
    await expect(panelMessageIn(panel, 'panel.unsubscribe', {})).rejects.toThrow(/organisation/);
    await expect(
      panelMessageIn(panel, 'panel.subscribe', { url: server.url('/other.json'), autoApply: true, refreshMinutes: 30 }),
    ).rejects.toThrow(/organisation/);

    // The team's pack in a composer, signed with the policy's name.
    const composer = await openDemoInFirefox(firefox, 'facebook');
    await focusComposerInFirefox(composer);
    await composer.keyboard.type(';teamhello', { delay: 15 });
    expect(
      await pollFor(
        () => modelTextIn(composer),
        (t) => t.includes('from the team here'),
      ),
    ).toContain('Hello Maryam, Sara from the team here (v2)');
    await composer.close();
    await panel.close();
  });

  it('shows the same in Arabic, right to left', async () => {
    const panel = await openSettings('ar');
    expect(await panel.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(
      await pollFor(
        () => text(panel, '[data-testid="policy-badge"]'),
        (t) => t.length > 0,
      ),
    ).toContain('تحدّده مؤسستك');
    expect(await panel.$eval('[data-testid="policy-problem"][data-key="refreshMinutes"]', (i) => i.textContent ?? '')).toMatch(
      /عدد صحيح من الدقائق/,
    );
    await saveFirefoxScreenshot(panel, 'settings-policy-agent-ar');
    await panel.close();
  });
});
