import { newActivityEntry } from '@/utils/activity/new-entry';
import { listPackHistory, replaceActiveGuidance } from '@/utils/db/guidance-repo';
import type { DalilDatabase } from '@/utils/db/open';
import type { PackHeader } from '@/utils/db/schema';
import { deleteSyncState, getSyncState, putSyncState } from '@/utils/db/sync-state-repo';
import type { ChangeBroadcast } from '@/utils/messaging/protocol';
import type { Handlers } from '@/utils/messaging/router';
import type { ActivityLogEntry } from '@/utils/schemas/activity-log';
import type { GuidancePack } from '@/utils/schemas/guidance-pack';
import type { Role } from '@/utils/schemas/settings';
import { diffPacks } from '@/utils/sync/pack-diff';
import { exportPrivateKeyJwk, generateSigningKey, PublicKeyTextError, pinnedKeyFromText, signPack } from '@/utils/sync/signing';
import type { PackDiff, PackHistoryItem, SubscriptionState, SyncStatus } from '@/utils/sync/types';
import { outboxStatus, readWebhook, setWebhook } from './outbox';
import { judgeByMark } from './pack-marks';
import { managerOnlyRefusal, Refusal, readOnlyRefusal } from './refusals';
import { applyPack, applyPendingUpdate, assertSignedByPin, checkPackText, refreshSubscription } from './subscription';

export interface SyncDeps {
  db: () => Promise<DalilDatabase>;
  now: () => Date;
  actorName: () => Promise<string>;
  role: () => Promise<Role>;
  currentPack: () => Promise<GuidancePack>;
  currentSource: () => Promise<PackHeader['source']>;
  log: (entry: ActivityLogEntry) => Promise<void>;
  changed: (topics: ChangeBroadcast['topics']) => void;
  /** Sets (or clears) the refresh and retry alarms for the subscription as it now is. */
  schedulePack: (subscription: SubscriptionState | undefined) => Promise<void>;
  /** Runs the webhook outbox (everything queued when `now`) and schedules what stays queued; resolves when the run ends. */
  deliverOutbox: (now?: boolean) => Promise<void>;
  fetch?: typeof fetch;
  hasAccess?: (url: string) => Promise<boolean>;
}

type SyncMessages =
  | 'panel.syncStatus'
  | 'panel.subscribe'
  | 'panel.unsubscribe'
  | 'panel.refreshPack'
  | 'panel.applyPendingUpdate'
  | 'panel.dismissPendingUpdate'
  | 'panel.restorePackVersion'
  | 'panel.diffPack'
  | 'panel.generateSigningKey'
  | 'panel.exportSigningKey'
  | 'panel.pinPublicKey'
  | 'panel.publishPack'
  | 'panel.setWebhook'
  | 'panel.flushOutbox'
  | 'panel.listPersonalTemplates'
  | 'panel.savePersonalTemplate'
  | 'panel.deletePersonalTemplate';

/** Team sync's messages: the pack subscription, history, signing, the webhook, an agent's own drafts. */
export function syncHandlers(deps: SyncDeps): Pick<Handlers, SyncMessages> {
  async function status(): Promise<SyncStatus> {
    const db = await deps.db();
    const [subscription, pending, lastApplied, webhook, signing, pinned, history, outbox, publishing, marks] = await Promise.all([
      getSyncState(db, 'subscription'),
      getSyncState(db, 'pending'),
      getSyncState(db, 'lastApplied'),
      readWebhook(db),
      getSyncState(db, 'signingKey'),
      getSyncState(db, 'pinnedKey'),
      listPackHistory(db),
      outboxStatus(db),
      getSyncState(db, 'publishing'),
      getSyncState(db, 'packMarks'),
    ]);
    const accepted = (pinned && marks?.[pinned.fingerprint]) || {};
    return {
      subscription,
      pending: pending && {
        diff: pending.diff,
        fetchedAt: pending.fetchedAt,
        url: pending.url,
        version: pending.pack.version,
        name: pending.pack.name,
      },
      lastApplied,
      history: history.map(
        ({ pack, ...record }): PackHistoryItem => ({
          ...record,
          packId: pack.id,
          name: pack.name,
          version: pack.version,
          templates: pack.templates.length,
          ...((accepted[pack.id]?.version ?? 0) > pack.version ? { acceptedVersion: accepted[pack.id].version } : {}),
        }),
      ),
      signing: signing && {
        algorithm: signing.algorithm,
        publicKeyText: signing.publicKeyText,
        fingerprint: signing.fingerprint,
        createdAt: signing.createdAt,
      },
      pinned,
      publishing,
      webhook,
      outbox,
    };
  }

  const subscriptionDeps = async () => ({
    db: await deps.db(),
    now: deps.now,
    actorName: deps.actorName,
    currentPack: deps.currentPack,
    log: deps.log,
    fetch: deps.fetch,
    hasAccess: deps.hasAccess,
  });

  async function refresh(force: boolean): Promise<SyncStatus> {
    const outcome = await refreshSubscription(await subscriptionDeps(), force);
    await deps.schedulePack(await getSyncState(await deps.db(), 'subscription'));
    // Only a new pack in use is news for content scripts (they fetch their templates again); a 304 every
    // half hour is not.
    if (outcome?.kind === 'applied') deps.changed(['guidance', 'sync', 'log']);
    else if (outcome?.kind === 'failed') deps.changed(['sync', 'log']);
    else deps.changed(['sync']);
    return status();
  }

  async function requireManager(action: string): Promise<void> {
    if ((await deps.role()) !== 'manager') throw managerOnlyRefusal(action);
  }

  return {
    'panel.syncStatus': () => status(),

    'panel.subscribe': async ({ url, autoApply, refreshMinutes, trustHost }) => {
      const db = await deps.db();
      const current = await getSyncState(db, 'subscription');
      const sameUrl = current?.url === url;
      const next: SubscriptionState = {
        url,
        autoApply,
        // Kept when not given (the organisation's policy subscribes without asking); a new address is not trusted by default.
        ...((trustHost ?? (sameUrl && current?.trustHost)) ? { trustHost: true } : {}),
        refreshMinutes,
        subscribedAt: sameUrl && current ? current.subscribedAt : deps.now().toISOString(),
        failures: 0,
        // A new address starts fresh: the old validators mean nothing to another server.
        ...(sameUrl ? { etag: current?.etag, lastModified: current?.lastModified } : {}),
      };
      await putSyncState(db, 'subscription', next);
      if (!sameUrl) await deleteSyncState(db, 'pending');
      return refresh(!sameUrl);
    },

    'panel.unsubscribe': async () => {
      const db = await deps.db();
      await deleteSyncState(db, 'subscription', 'pending');
      await deps.schedulePack(undefined);
      deps.changed(['guidance', 'sync']);
      return status();
    },

    // Conditional like every refresh: a changed file has a new ETag, an unchanged one costs a 304.
    'panel.refreshPack': () => refresh(false),

    'panel.applyPendingUpdate': async () => {
      const db = await deps.db();
      const pending = await getSyncState(db, 'pending');
      if (!pending) return status();
      const sub = await getSyncState(db, 'subscription');
      const at = deps.now().toISOString();
      // A higher version may have been accepted under the key since this one was fetched (a file import).
      const refused = await judgeByMark(db, await getSyncState(db, 'pinnedKey'), pending.pack, 'version-only');
      if (refused) {
        await deleteSyncState(db, 'pending');
        if (sub) await putSyncState(db, 'subscription', { ...sub, lastOutcome: { kind: 'failed', ...refused, at } });
        await deps.log(
          newActivityEntry('sync.failed', await deps.actorName(), {
            url: pending.url,
            code: refused.code,
            message: refused.message.slice(0, 300),
            status: null,
          }),
        );
        deps.changed(['sync', 'log']);
        return status();
      }
      await applyPendingUpdate({ db, now: deps.now, actorName: deps.actorName }, pending, await deps.currentPack());
      if (sub)
        await putSyncState(db, 'subscription', { ...sub, lastOutcome: { kind: 'applied', at, version: pending.pack.version } });
      deps.changed(['guidance', 'sync', 'log']);
      return status();
    },

    'panel.dismissPendingUpdate': async () => {
      await deleteSyncState(await deps.db(), 'pending');
      deps.changed(['sync']);
      return status();
    },

    'panel.restorePackVersion': async ({ historyId }) => {
      const db = await deps.db();
      if ((await deps.role()) === 'agent' && (await getSyncState(db, 'subscription'))) {
        throw readOnlyRefusal();
      }
      const record = await db.get('packHistory', historyId);
      if (!record) throw new Error('That earlier pack is no longer kept.');
      await assertSignedByPin(db, record.pack, record.source.seal);
      // Going back below what the pinned key has vouched for is what a replay does: refused here too.
      const refused = await judgeByMark(db, await getSyncState(db, 'pinnedKey'), record.pack, 'version-only');
      if (refused) {
        const params = Object.fromEntries(Object.entries(refused.params).map(([key, value]) => [key, String(value)]));
        throw new Refusal(refused.code, refused.message, params);
      }
      const diff = diffPacks(await deps.currentPack(), record.pack);
      const { appliedAt: _, ...source } = record.source;
      await applyPack({ db, now: deps.now, actorName: deps.actorName }, record.pack, diff, source, 'pack.restored');
      deps.changed(['guidance', 'sync', 'log']);
      return status();
    },

    'panel.diffPack': async ({ text }) => {
      const db = await deps.db();
      const followedUrl = (await getSyncState(db, 'subscription'))?.url;
      const checked = await checkPackText(text, await getSyncState(db, 'pinnedKey'), { now: deps.now(), followedUrl });
      if (!checked.ok) return { ok: false, problems: [{ path: '$', code: checked.code, message: checked.message }] };
      const diff: PackDiff = diffPacks(await deps.currentPack(), checked.pack);
      return { ok: true, diff };
    },

    'panel.generateSigningKey': async () => {
      await requireManager('create a signing key');
      const record = await generateSigningKey({ now: deps.now() });
      await putSyncState(await deps.db(), 'signingKey', record);
      deps.changed(['sync']);
      return status();
    },

    'panel.exportSigningKey': async () => {
      await requireManager('export the signing key');
      const record = await getSyncState(await deps.db(), 'signingKey');
      if (!record) throw new Error('There is no signing key to export.');
      return {
        fileName: `dalil-signing-key-${record.fingerprint.replaceAll(' ', '')}.private.json`,
        json: await exportPrivateKeyJwk(record, deps.now()),
      };
    },

    'panel.pinPublicKey': async ({ publicKey }) => {
      const db = await deps.db();
      if (publicKey === null) {
        // Unpinning lets unsigned packs in again: the manager's act, and on the record.
        await requireManager('unpin the manager’s key');
        const pinned = await getSyncState(db, 'pinnedKey');
        if (pinned) {
          await deleteSyncState(db, 'pinnedKey');
          await deps.log(newActivityEntry('key.unpinned', await deps.actorName(), { fingerprint: pinned.fingerprint }));
          deps.changed(['sync', 'log']);
        }
      } else {
        try {
          await putSyncState(db, 'pinnedKey', await pinnedKeyFromText(publicKey, deps.now()));
        } catch (error) {
          if (error instanceof PublicKeyTextError) return { ok: false, message: error.message };
          throw error;
        }
        // An update waiting to be applied was never checked against this key: fetch it again, whole
        // (no validators, or a 304 would keep the unchecked copy), and check it on the way in.
        if (await getSyncState(db, 'pending')) {
          await deleteSyncState(db, 'pending');
          const sub = await getSyncState(db, 'subscription');
          if (sub) {
            const { etag: _, lastModified: __, ...rest } = sub;
            await putSyncState(db, 'subscription', rest);
            void refresh(false).catch(() => undefined); // the person sees the checked update, or why it was refused
          }
        }
      }
      deps.changed(['sync']);
      return { ok: true, status: await status() };
    },

    'panel.publishPack': async ({ bumpVersion, sign, audience, expiresInDays }) => {
      await requireManager('publish the pack');
      const db = await deps.db();
      let pack = await deps.currentPack();
      if (bumpVersion) {
        pack = { ...pack, version: pack.version + 1, publishedAt: deps.now().toISOString() };
        const entry = newActivityEntry('pack.updated', await deps.actorName(), {
          packId: pack.id,
          version: pack.version,
          published: true,
        });
        await replaceActiveGuidance(db, pack, await deps.currentSource(), entry);
        deps.changed(['guidance', 'log']);
      }
      let published: object = pack;
      let expires: string | undefined;
      if (sign) {
        const key = await getSyncState(db, 'signingKey');
        if (!key) throw new Error('Create a signing key first.');
        // The claims ride in the signed envelope: agents refuse the file after `expires`, or from another address.
        const days = expiresInDays ?? null;
        expires = days === null ? undefined : new Date(deps.now().getTime() + days * 86_400_000).toISOString();
        published = await signPack(pack, key, { audience: audience ?? undefined, expires });
        await putSyncState(db, 'publishing', { audience: audience ?? '', expiresInDays: days });
        deps.changed(['sync']);
      }
      return {
        fileName: `${pack.id}-v${pack.version}.json`,
        json: `${JSON.stringify(published, null, 2)}\n`,
        version: pack.version,
        signed: sign,
        ...(sign && audience ? { audience } : {}),
        ...(expires ? { expires } : {}),
      };
    },

    'panel.setWebhook': async ({ url }) => {
      await setWebhook(await deps.db(), url, deps.now());
      if (url) await deps.deliverOutbox(true);
      deps.changed(['sync']);
      return status();
    },

    'panel.flushOutbox': async () => {
      await deps.deliverOutbox(true);
      return status();
    },

    'panel.listPersonalTemplates': async () => (await deps.db()).getAll('personalTemplates'),

    // An agent's own drafts: always drafts, never in the team's pack, never expanded in composers.
    'panel.savePersonalTemplate': async ({ template }) => {
      const at = deps.now().toISOString();
      const draft = { ...template, status: 'draft' as const, createdAt: template.createdAt ?? at, updatedAt: at };
      await (await deps.db()).put('personalTemplates', draft);
      deps.changed(['guidance']);
      return { ok: true, template: draft };
    },

    'panel.deletePersonalTemplate': async ({ id }) => {
      await (await deps.db()).delete('personalTemplates', id);
      deps.changed(['guidance']);
      return { ok: true as const };
    },
  };
}
