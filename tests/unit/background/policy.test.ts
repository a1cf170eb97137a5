/**
 * The organisation's policy in the background, wired as entrypoints/background/index.ts wires it:
 * read from storage.managed, applied over the person's settings and sync state, enforced against
 * messages, followed when it changes at run time.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackground } from '../../../entrypoints/background/handlers';
import { createPolicy, PolicyLockedError } from '../../../entrypoints/background/policy';
import { type DalilDatabase, openDalilDatabase } from '../../../utils/db/open';
import type { Handlers } from '../../../utils/messaging/router';
import { policyStateItem } from '../../../utils/policy/state';
import { DEFAULT_SETTINGS } from '../../../utils/schemas/settings';
import { settingsItem } from '../../../utils/settings';
import { generateSigningKey, type SignedGuidancePack, signPack } from '../../../utils/sync/signing';
import type { SigningKeyRecord } from '../../../utils/sync/types';
import { smallPack } from '../pack-fixtures';
import { backgroundTestDeps } from './test-deps';

const panel = { id: 'x', url: 'chrome-extension://x/sidepanel.html' };
const PACK_URL = 'https://packs.acme.example/care.json';
const OTHER_URL = 'https://elsewhere.example/pack.json';

let db: DalilDatabase;
let manager: SigningKeyRecord;
let signed: SignedGuidancePack;
let requests: string[];
let enabledSites: Set<string>;
let siteAccess: Set<string>;
let permissionListeners: Array<(p: { origins?: string[] }) => void>;

beforeEach(async () => {
  permissionListeners = [];
  // Not in the fake browser: the one permissions event the policy listens to.
  (fakeBrowser.permissions as unknown as { onAdded: unknown }).onAdded = {
    addListener: (listener: (p: { origins?: string[] }) => void) => permissionListeners.push(listener),
  };
  db = await openDalilDatabase(`policy-${Math.random()}`);
  manager ??= await generateSigningKey();
  signed ??= await signPack(smallPack() as Parameters<typeof signPack>[0], manager);
  requests = [];
  enabledSites = new Set();
  siteAccess = new Set();
});

/** One worker's background: a new call is the worker starting again (same database and storage). */
function startWorker(options: { readManaged?: () => Promise<unknown> } = {}) {
  // The worker before this one has stopped: its listeners go with it. (Left registered, its policy
  // followed the test's storage.managed change too and subscribed on its own, racing this worker's start.)
  fakeBrowser.storage.onChanged.removeAllListeners();
  const sites = {
    list: async () => [...enabledSites],
    set: async (origin: string, enabled: boolean) => {
      if (enabled && !siteAccess.has(origin)) return { ok: false, error: 'permission-missing' };
      if (enabled) enabledSites.add(origin);
      else enabledSites.delete(origin);
      return { ok: true };
    },
  };
  const policy = createPolicy({
    db: async () => db,
    handlers: () => background.handlers,
    sites,
    broadcast: () => undefined,
    hasSiteAccess: async (origin) => siteAccess.has(origin),
    readManaged: options.readManaged,
  });
  const background = createBackground(
    backgroundTestDeps(db, {
      role: async () => (await policy.settings()).role,
      actorName: async () => (await policy.settings()).agentName,
      sites,
      sync: {
        schedulePack: async () => undefined,
        deliverOutbox: async () => undefined,
        hasAccess: async () => true,
        fetch: (async (url: string) => {
          requests.push(String(url));
          return new Response(JSON.stringify(signed), { status: 200 });
        }) as typeof fetch,
      },
    }),
  );
  const handlers: Handlers = policy.guard(background.handlers);
  return { policy, handlers, started: policy.start() };
}

const stored = () => settingsItem.getValue();
const status = (handlers: Handlers) => handlers['panel.syncStatus']({}, panel);

describe('values set by the organisation win over the person’s own', () => {
  it('follows the pack address with the key pinned, and fixes role, name, language, webhook and refresh', async () => {
    // The person had their own settings and followed another address, confirming each update.
    await settingsItem.setValue({ locale: 'en', agentName: 'Mine', role: 'manager' });
    const before = startWorker();
    await before.started;
    await before.handlers['panel.subscribe']({ url: OTHER_URL, autoApply: false, refreshMinutes: 45 }, panel);

    await fakeBrowser.storage.managed.set({
      teamPackUrl: PACK_URL,
      managerPublicKey: manager.publicKeyText,
      role: 'agent',
      agentName: 'Sara',
      language: 'ar',
      webhookUrl: 'https://collector.acme.example/dalil',
      refreshMinutes: 60,
    });
    const { handlers, started } = startWorker();
    await started;

    expect(await stored()).toEqual({ locale: 'ar', agentName: 'Sara', role: 'agent' });
    const sync = await status(handlers);
    expect(sync.pinned?.publicKeyText).toBe(manager.publicKeyText);
    expect(sync.webhook?.url).toBe('https://collector.acme.example/dalil');
    // The new address, at the policy's interval; auto-apply, which the policy leaves open, as the person chose.
    expect(sync.subscription).toMatchObject({ url: PACK_URL, refreshMinutes: 60, autoApply: false });
    // (Pinning the key also re-checks the old address's waiting update, in the background: the order of the two fetches varies.)
    expect(requests).toContain(PACK_URL);
    expect(sync.subscription?.lastOutcome).toMatchObject({ kind: 'pending', version: signed.version });

    // An agent following the team: the pack is read-only, and the log names the policy's agent.
    await handlers['panel.applyPendingUpdate']({}, panel);
    const snapshot = await handlers['panel.getGuidance']({}, panel);
    expect(snapshot).toMatchObject({ readOnly: true, pack: { id: signed.id } });
    expect((await handlers['panel.listLog']({ limit: 5 }, panel))[0].actor).toBe('Sara');

    const published = await policyStateItem.getValue();
    expect(published.problems).toEqual([]);
    expect(Object.keys(published.values).sort()).toEqual([
      'agentName',
      'language',
      'managerPublicKey',
      'refreshMinutes',
      'role',
      'teamPackUrl',
      'webhookUrl',
    ]);
  });

  it('refuses by message every change to what it set, and puts back a locked setting written directly', async () => {
    await fakeBrowser.storage.managed.set({
      teamPackUrl: PACK_URL,
      managerPublicKey: manager.publicKeyText,
      role: 'agent',
      webhookUrl: 'https://collector.acme.example/dalil',
      autoApply: true,
      extraSites: ['https://support.acme.example'],
    });
    siteAccess.add('https://support.acme.example');
    const { handlers, started } = startWorker();
    await started;

    await expect(handlers['panel.subscribe']({ url: OTHER_URL, autoApply: true, refreshMinutes: 30 }, panel)).rejects.toThrow(
      PolicyLockedError,
    );
    await expect(handlers['panel.subscribe']({ url: PACK_URL, autoApply: false, refreshMinutes: 30 }, panel)).rejects.toThrow(
      /organisation/,
    );
    // What the policy leaves open (here the interval) the person still changes.
    expect(
      (await handlers['panel.subscribe']({ url: PACK_URL, autoApply: true, refreshMinutes: 90 }, panel)).subscription,
    ).toMatchObject({ refreshMinutes: 90 });
    await expect(handlers['panel.unsubscribe']({}, panel)).rejects.toThrow(/teamPackUrl/);
    expect(await handlers['panel.pinPublicKey']({ publicKey: null }, panel)).toMatchObject({ ok: false });
    const stranger = await generateSigningKey();
    expect(await handlers['panel.pinPublicKey']({ publicKey: stranger.publicKeyText }, panel)).toMatchObject({ ok: false });
    await expect(handlers['panel.setWebhook']({ url: null }, panel)).rejects.toThrow(/webhookUrl/);
    expect(await handlers['panel.setSiteEnabled']({ origin: 'https://support.acme.example', enabled: false }, panel)).toEqual({
      ok: false,
      error: 'set-by-policy',
    });

    const sync = await status(handlers);
    expect(sync.subscription?.url).toBe(PACK_URL);
    expect(sync.pinned?.publicKeyText).toBe(manager.publicKeyText);
    expect(sync.webhook?.url).toBe('https://collector.acme.example/dalil');
    expect(enabledSites.has('https://support.acme.example')).toBe(true);

    // A page writing the settings itself: the role is put back, and the background never took the write.
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, role: 'manager', agentName: 'Free' });
    await vi.waitFor(async () => expect(await stored()).toMatchObject({ role: 'agent', agentName: 'Free' }));
    await expect(handlers['panel.generateSigningKey']({}, panel)).rejects.toThrow(/Only a manager/);
  });
});

describe('while the first read of the policy is under way', () => {
  it('answers messages at once, and the policy puts its value back as soon as the read ends', async () => {
    const collector = 'https://collector.acme.example/dalil';
    let release: (() => void) | undefined;
    const read = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { handlers, started } = startWorker({
      readManaged: async () => {
        await read; // Chromium's first read on a profile: seconds
        return { webhookUrl: collector };
      },
    });
    const mine = 'https://mine.example/hook';
    expect((await handlers['panel.setWebhook']({ url: mine }, panel)).webhook?.url).toBe(mine);
    release?.();
    await started;
    expect((await status(handlers)).webhook?.url).toBe(collector);
    await expect(handlers['panel.setWebhook']({ url: mine }, panel)).rejects.toThrow(PolicyLockedError);
  });
});

describe('a backup restored under a policy', () => {
  it('gets the organisation’s values back over the backup’s', async () => {
    const collector = 'https://collector.acme.example/dalil';
    await settingsItem.setValue({ locale: 'en', agentName: 'Mine', role: 'manager' });
    const before = startWorker();
    await before.started;
    const made = await before.handlers['panel.createBackup']({ includePrivateKey: false }, panel);
    if (!made.ok) throw new Error(made.message);

    await fakeBrowser.storage.managed.set({ role: 'agent', webhookUrl: collector });
    const { handlers, started } = startWorker();
    await started;
    const restored = await handlers['panel.restoreBackup']({ base64: made.base64, fileName: made.fileName }, panel);
    expect(restored).toMatchObject({ ok: true });
    // The backup had a manager and no webhook: the policy's values are back, the rest is the backup's.
    expect(await stored()).toEqual({ locale: 'en', agentName: 'Mine', role: 'agent' });
    expect((await status(handlers)).webhook?.url).toBe(collector);
  });
});

describe('a policy with bad values', () => {
  it('applies the good keys, ignores each bad one whole and reports it', async () => {
    await settingsItem.setValue({ locale: 'en', agentName: '', role: 'manager' });
    await fakeBrowser.storage.managed.set({
      teamPackUrl: PACK_URL,
      refreshMinutes: 2,
      role: 'boss',
      webhookUrl: 'ftp://collector.acme.example/',
      extraSites: ['https://ok.acme.example', 'support.acme.example'],
      agentName: 'Sara',
    });
    siteAccess.add('https://ok.acme.example');
    const { handlers, started } = startWorker();
    await started;

    const published = await policyStateItem.getValue();
    expect(published.values).toEqual({ teamPackUrl: PACK_URL, agentName: 'Sara' });
    expect(published.problems.map((p) => p.key).sort()).toEqual(['extraSites', 'refreshMinutes', 'role', 'webhookUrl']);
    // Never half-applied: the interval is not 2 (nor clamped to 5), the role not touched, no site from the bad list.
    const sync = await status(handlers);
    expect(sync.subscription).toMatchObject({ url: PACK_URL, refreshMinutes: 30 });
    expect(sync.webhook).toBeUndefined();
    expect(enabledSites.size).toBe(0);
    expect(await stored()).toEqual({ locale: 'en', agentName: 'Sara', role: 'manager' });
    // What was ignored stays the person's to change.
    expect(
      (await handlers['panel.subscribe']({ url: PACK_URL, autoApply: false, refreshMinutes: 15 }, panel)).subscription,
    ).toMatchObject({
      refreshMinutes: 15,
    });
  });
});

describe('where there is no policy', () => {
  it('changes nothing when the area is empty (Chrome) or the read is refused (Firefox)', async () => {
    await settingsItem.setValue({ locale: 'en', agentName: 'Mine', role: 'manager' });
    const first = startWorker();
    await first.started;
    expect(await first.policy.values()).toEqual({});

    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('Managed storage manifest not found'));
    const second = startWorker();
    await second.started;
    expect(await second.policy.values()).toEqual({});
    expect(await policyStateItem.getValue()).toMatchObject({ values: {}, problems: [] });
    expect(await stored()).toEqual({ locale: 'en', agentName: 'Mine', role: 'manager' });
    expect((await status(second.handlers)).subscription).toBeUndefined();
    vi.restoreAllMocks();
  });
});

describe('a policy that changes while the browser runs', () => {
  it('follows the change at once: a new address, a role unlocked, and a policy removed leaves the values unlocked', async () => {
    await fakeBrowser.storage.managed.set({ teamPackUrl: PACK_URL, role: 'agent' });
    const { handlers, policy, started } = startWorker();
    await started;
    expect((await status(handlers)).subscription?.url).toBe(PACK_URL);

    const movedUrl = 'https://packs.acme.example/care-v2.json';
    await fakeBrowser.storage.managed.set({ teamPackUrl: movedUrl, role: 'manager', allowRoleChange: true });
    await vi.waitFor(async () => expect((await status(handlers)).subscription?.url).toBe(movedUrl));
    expect(requests.at(-1)).toBe(movedUrl);
    expect((await stored()).role).toBe('manager');
    expect((await policyStateItem.getValue()).roleSetOnce).toBe('manager');

    // The role may be changed now, and stays changed when the worker starts again.
    await settingsItem.setValue({ ...(await stored()), role: 'agent' });
    await policy.reapply();
    expect((await stored()).role).toBe('agent');
    const restarted = startWorker();
    await restarted.started;
    expect((await stored()).role).toBe('agent');

    await fakeBrowser.storage.managed.clear();
    await vi.waitFor(async () => expect((await policyStateItem.getValue()).values).toEqual({}));
    // Unlocked, not undone: the person now unsubscribes if they wish.
    expect((await status(restarted.handlers)).subscription?.url).toBe(movedUrl);
    expect((await restarted.handlers['panel.unsubscribe']({}, panel)).subscription).toBeUndefined();
  });

  it('turns an extra site on when the person allows it, and lists it as waiting until then', async () => {
    await fakeBrowser.storage.managed.set({ extraSites: ['https://support.acme.example', 'https://crm.acme.example'] });
    siteAccess.add('https://crm.acme.example');
    const { handlers, started } = startWorker();
    await started;
    expect([...enabledSites]).toEqual(['https://crm.acme.example']);
    expect((await policyStateItem.getValue()).sitesAwaitingAccess).toEqual(['https://support.acme.example']);

    // The person clicked Allow: the browser grants the permission, then the panel turns the site on.
    siteAccess.add('https://support.acme.example');
    for (const listener of permissionListeners) listener({ origins: ['https://support.acme.example/*'] });
    await vi.waitFor(async () => expect((await policyStateItem.getValue()).sitesAwaitingAccess).toEqual([]));
    expect(enabledSites.has('https://support.acme.example')).toBe(true);
    expect(await handlers['panel.setSiteEnabled']({ origin: 'https://support.acme.example', enabled: true }, panel)).toEqual({
      ok: true,
    });
  });
});
