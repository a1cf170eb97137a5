/**
 * The organisation's policy (browser.storage.managed) in the background: read at every worker
 * start and whenever the browser reports a change, checked key by key (utils/policy/schema.ts),
 * then applied over the person's own settings — the team pack address, the pinned manager key,
 * role, name, language, webhook, refresh settings, extra sites and the team workspace. What the policy sets, the
 * person cannot change: the panel disables it, and the messages that would change it are refused
 * here too. Values the policy stops setting stay as they were, and become the person's again.
 */
import { browser } from 'wxt/browser';
import type { DalilDatabase } from '@/utils/db/open';
import { getSyncState } from '@/utils/db/sync-state-repo';
import type { ChangeBroadcast } from '@/utils/messaging/protocol';
import type { Handlers } from '@/utils/messaging/router';
import {
  type CheckedPolicy,
  checkPolicy,
  lockedSettings,
  type ManagedPolicy,
  shareablePolicy,
  withPolicy,
} from '@/utils/policy/schema';
import { type PolicyState, policyStateItem } from '@/utils/policy/state';
import type { Settings } from '@/utils/schemas/settings';
import { readSettings, settingsItem } from '@/utils/settings';
import { Refusal } from './refusals';

export interface PolicyDeps {
  db: () => Promise<DalilDatabase>;
  /** The message handlers without the policy's guards: applying the policy goes through them. */
  handlers: () => Handlers;
  sites: {
    list: () => Promise<string[]>;
    set: (origin: string, enabled: boolean) => Promise<{ ok: boolean; error?: string }>;
  };
  broadcast: (topics: ChangeBroadcast['topics']) => void;
  now?: () => Date;
  /** browser.storage.managed's contents; throws or is empty where no policy exists. */
  readManaged?: () => Promise<unknown>;
  /** Whether the extension may run on `origin` (its host permission). */
  hasSiteAccess?: (origin: string) => Promise<boolean>;
}

/** Refused because the organisation set it (a Refusal, see refusals.ts); the panel shows these controls disabled anyway. */
export class PolicyLockedError extends Refusal {
  constructor(readonly key: keyof ManagedPolicy) {
    super('policy-locked', `Set by your organisation (policy "${key}"): it cannot be changed here.`);
    this.name = 'PolicyLockedError';
  }
}

/**
 * Chrome and Edge answer {} where no policy exists; Firefox rejects ("Managed storage manifest not
 * found"). Either way: no policy. A browser without the area at all is the same.
 */
async function readManagedStorage(): Promise<unknown> {
  const managed = (browser.storage as { managed?: { get(): Promise<unknown> } }).managed;
  if (!managed) return {};
  try {
    return await managed.get();
  } catch {
    return {};
  }
}

const defaultSiteAccess = (origin: string) => browser.permissions.contains({ origins: [`${origin}/*`] });
const NO_SENDER = {};

export function createPolicy(deps: PolicyDeps) {
  const now = () => (deps.now?.() ?? new Date()).toISOString();
  const readManaged = deps.readManaged ?? readManagedStorage;
  const hasSiteAccess = deps.hasSiteAccess ?? defaultSiteAccess;
  let checked: Promise<CheckedPolicy> | undefined;
  /** Applying runs one at a time, in order: a change during a run is applied after it. */
  let applying: Promise<void> = Promise.resolve();

  /** The last policy read in this worker, once its read has finished. */
  let settled: CheckedPolicy | undefined;
  const read = async (): Promise<CheckedPolicy> => {
    const result = await checkPolicy(await readManaged());
    settled = result;
    return result;
  };
  /** The policy in force (read once per worker, again on every change). */
  const current = (): Promise<CheckedPolicy> => {
    checked ??= read();
    return checked;
  };
  const values = async (): Promise<ManagedPolicy> => (await current()).values;
  /**
   * The policy as last known, without waiting for a read under way: Chromium's first storage.managed
   * read on a profile takes ~2.7 s (measured), and every log entry's actor and the panel's first
   * guidance waited for it. The last applied policy is kept in storage, and applying it wrote the
   * locked settings there too. The guards judge by it as well (see `guard`); applying waits for the read.
   */
  const knownValues = async (): Promise<ManagedPolicy> => settled?.values ?? (await policyStateItem.getValue()).values ?? {};

  /** The fixed settings written where every part of Dalil reads them (content scripts read storage raw). */
  async function applySettings(policy: ManagedPolicy, previous: PolicyState): Promise<Settings['role'] | undefined> {
    const { settings } = await readSettings();
    const next: Settings = withPolicy(settings, policy);
    let roleSetOnce = previous.roleSetOnce;
    // A role the person may change is set once per value the policy gives, then left to them.
    if (policy.role !== undefined && policy.allowRoleChange === true && previous.roleSetOnce !== policy.role) {
      next.role = policy.role;
      roleSetOnce = policy.role;
    }
    const stored = await settingsItem.getValue();
    if (JSON.stringify(stored) !== JSON.stringify(next)) await settingsItem.setValue(next);
    return roleSetOnce;
  }

  async function applySync(policy: ManagedPolicy): Promise<void> {
    const db = await deps.db();
    const handlers = deps.handlers();
    // The key first: the first pack fetched from the organisation's address is already checked against it.
    if (policy.managerPublicKey !== undefined) {
      const pinned = await getSyncState(db, 'pinnedKey');
      if (pinned?.publicKeyText !== policy.managerPublicKey) {
        const result = await handlers['panel.pinPublicKey']({ publicKey: policy.managerPublicKey }, NO_SENDER);
        if (!result.ok) throw new Error(result.message);
      }
    }
    if (policy.webhookUrl !== undefined && (await getSyncState(db, 'webhook'))?.url !== policy.webhookUrl) {
      await handlers['panel.setWebhook']({ url: policy.webhookUrl }, NO_SENDER);
    }
    const subscription = await getSyncState(db, 'subscription');
    const url = policy.teamPackUrl ?? subscription?.url;
    if (!url) return; // refresh settings wait until there is something to refresh
    // What the policy leaves open stays as the person chose it, or the defaults.
    const autoApply = policy.autoApply ?? subscription?.autoApply ?? true;
    const refreshMinutes = policy.refreshMinutes ?? subscription?.refreshMinutes ?? 30;
    const same = subscription?.url === url;
    if (same && subscription.autoApply === autoApply && subscription.refreshMinutes === refreshMinutes) return;
    // Subscribing checks the address at once (a new address ignores old validators).
    await handlers['panel.subscribe']({ url, autoApply, refreshMinutes }, NO_SENDER);
  }

  /**
   * Connects the team workspace the policy names, unless this browser is connected to it already. The
   * connection check runs as when a person connects; one that fails keeps nothing and is tried again at
   * the next worker start or policy change (the panel shows the check's outcome to the person).
   */
  async function applyWorkspace(policy: ManagedPolicy): Promise<void> {
    const wanted = policy.workspace;
    if (!wanted) return;
    const handlers = deps.handlers();
    const status = await handlers['panel.workspaceStatus']({}, NO_SENDER);
    const endpoint = new URL(wanted.endpoint).href.replace(/\/+$/, '');
    const same =
      status.connected &&
      status.endpoint === endpoint &&
      status.bucket === wanted.bucket &&
      status.region === wanted.region &&
      status.accessKeyId === wanted.accessKeyId &&
      status.person === wanted.person.trim();
    if (same) return;
    const { status: after } = await handlers['panel.connectWorkspace'](wanted, NO_SENDER);
    if (!after.connected) throw new Error('The team workspace set by policy could not be used: see Settings → Team workspace');
  }

  /** Turns the sites on that have their permission; the others wait for the person's one click. */
  async function applySites(policy: ManagedPolicy): Promise<string[]> {
    const awaiting: string[] = [];
    let changed = false;
    const enabled = new Set(await deps.sites.list());
    for (const origin of policy.extraSites ?? []) {
      if (!(await hasSiteAccess(origin))) {
        awaiting.push(origin);
        continue;
      }
      if (!enabled.has(origin)) {
        changed = (await deps.sites.set(origin, true)).ok || changed;
      }
    }
    if (changed) deps.broadcast(['content-scripts']);
    return awaiting;
  }

  async function apply(): Promise<void> {
    const { values: policy, problems } = await current();
    const previous = await policyStateItem.getValue();
    const roleSetOnce = await applySettings(policy, previous);
    const sitesAwaitingAccess = await applySites(policy);
    // Shown before the (network) subscription work: the panel locks at once.
    await policyStateItem.setValue({
      values: shareablePolicy(policy),
      problems,
      readAt: now(),
      sitesAwaitingAccess,
      ...(roleSetOnce ? { roleSetOnce } : {}),
    });
    deps.broadcast(['sync', 'content-scripts']);
    // Both run whatever the other did: an unreachable pack host does not keep the workspace away.
    const results = await Promise.allSettled([applySync(policy), applyWorkspace(policy)]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Applies the policy in force after whatever is applying now; never rejects (a failure is logged). */
  function reapply(): Promise<void> {
    applying = applying.then(apply).catch((error) => {
      console.warn('Dalil: applying the organisation’s policy failed', error);
    });
    return applying;
  }

  /** Reads storage.managed again (it changed) and applies it. */
  function reload(): Promise<void> {
    checked = read();
    return reapply();
  }

  /** The locked settings as they should be; writes them back if someone wrote others. */
  async function enforceSettings(stored: unknown): Promise<void> {
    const locked = lockedSettings(await values());
    const now = (stored ?? {}) as Partial<Settings>;
    if (Object.entries(locked).some(([key, value]) => now[key as keyof Settings] !== value)) await reapply();
  }

  /**
   * The handlers with every message that would change a policy-set value refused. Judged by the
   * policy as last known, without waiting for a read under way (~2.7 s for Chromium's first on a
   * profile: the panel's first save waited that long). A change let through in that window is undone
   * by the policy's own apply as soon as the read ends, which puts every value it sets back.
   */
  function guard(handlers: Handlers): Handlers {
    const values = knownValues;
    return {
      ...handlers,
      'panel.subscribe': async (payload, sender) => {
        const policy = await values();
        if (policy.teamPackUrl !== undefined && payload.url !== policy.teamPackUrl) throw new PolicyLockedError('teamPackUrl');
        if (policy.autoApply !== undefined && payload.autoApply !== policy.autoApply) throw new PolicyLockedError('autoApply');
        if (policy.refreshMinutes !== undefined && payload.refreshMinutes !== policy.refreshMinutes) {
          throw new PolicyLockedError('refreshMinutes');
        }
        return handlers['panel.subscribe'](payload, sender);
      },
      'panel.unsubscribe': async (payload, sender) => {
        if ((await values()).teamPackUrl !== undefined) throw new PolicyLockedError('teamPackUrl');
        return handlers['panel.unsubscribe'](payload, sender);
      },
      'panel.pinPublicKey': async (payload, sender) => {
        const key = (await values()).managerPublicKey;
        if (key !== undefined && payload.publicKey?.trim() !== key) {
          return { ok: false, message: new PolicyLockedError('managerPublicKey').message };
        }
        return handlers['panel.pinPublicKey'](payload, sender);
      },
      'panel.setWebhook': async (payload, sender) => {
        const url = (await values()).webhookUrl;
        if (url !== undefined && payload.url !== url) throw new PolicyLockedError('webhookUrl');
        return handlers['panel.setWebhook'](payload, sender);
      },
      'panel.setSiteEnabled': async (payload, sender) => {
        const sites = (await values()).extraSites ?? [];
        if (!payload.enabled && sites.includes(payload.origin.toLowerCase())) return { ok: false, error: 'set-by-policy' };
        const result = await handlers['panel.setSiteEnabled'](payload, sender);
        if (sites.includes(payload.origin.toLowerCase())) void reapply(); // one fewer site awaiting access
        return result;
      },
      'panel.connectWorkspace': async (payload, sender) => {
        if ((await values()).workspace !== undefined) throw new PolicyLockedError('workspace');
        return handlers['panel.connectWorkspace'](payload, sender);
      },
      'panel.disconnectWorkspace': async (payload, sender) => {
        if ((await values()).workspace !== undefined) throw new PolicyLockedError('workspace');
        return handlers['panel.disconnectWorkspace'](payload, sender);
      },
      // A backup brings its own settings and sync state: the organisation's values are put back over them.
      'panel.restoreBackup': async (payload, sender) => {
        const result = await handlers['panel.restoreBackup'](payload, sender);
        if (result.ok) await reapply();
        return result;
      },
    };
  }

  return {
    values,
    /** Settings as they apply: the policy's fixed values over the stored ones. */
    settings: async (): Promise<Settings> => withPolicy((await readSettings()).settings, await knownValues()),
    guard,
    reapply,
    reload,
    /** Called once per worker start. */
    start(): Promise<void> {
      browser.storage.onChanged.addListener((changes, area) => {
        if (area === 'managed') void reload();
        // Someone wrote a locked setting (the panel disables them; a page script or an old panel may not): put it back.
        if (area === 'local' && changes.settings) void enforceSettings(changes.settings.newValue);
      });
      // The person allowed an extra site (or the pack's host): turn the site on.
      browser.permissions.onAdded.addListener((permissions) => {
        if (permissions.origins?.length) void reapply();
      });
      return reapply();
    },
  };
}
