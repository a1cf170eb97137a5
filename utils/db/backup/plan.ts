/**
 * A restore in two steps: what the backup would change (RestorePreview), worked out before
 * anything is written, and the backup as it will be written once the person chose (RestoreChoices).
 * Addresses pass the rule typed ones pass (TeamUrl); the pinned key stays this browser's unless the
 * person takes the backup's; waiting updates for an address that is not restored are left out.
 */
import type { BackupRecord, RestorePreview, UrlChange } from '../../backup/format';
import { SettingsSchema } from '../../schemas/settings';
import { TeamUrl } from '../../schemas/team-url';
import { parsePublicKeyText } from '../../sync/signing';
import type { PinnedKeyRecord } from '../../sync/types';
import type { DalilDatabase } from '../open';
import { getSyncState } from '../sync-state-repo';
import type { BackupStorage } from './create';
import type { ParsedBackup } from './read';

export interface RestoreChoices {
  /** Take the backup's pinned key (or its lack of one) instead of keeping this browser's. */
  usePinnedKey: boolean;
}

export interface RestorePlan {
  preview: RestorePreview;
  /** The backup as it will be written, and the syncState keys of this browser kept as they are. */
  apply(choices: RestoreChoices): { backup: ParsedBackup; keepSyncKeys: string[] };
}

/** Why an address from a backup is not restored (English; the panel says it in its language by the address's presence). */
const refusal = (url: string) => {
  const result = TeamUrl.safeParse(url);
  return result.success ? undefined : { url: url.slice(0, 300), reason: result.error.issues[0]?.message ?? 'Not a web address' };
};

function urlChange(before: string | undefined, fromBackup: string | undefined): UrlChange {
  if (fromBackup === undefined) return { before };
  const refused = refusal(fromBackup);
  return refused ? { before, refused } : { before, after: fromBackup };
}

const syncRecord = (backup: ParsedBackup, key: string) => backup.stores.syncState.find((r) => r.key === key)?.value;

/** The backup's pin, its fingerprint worked out from the key text; undefined with the reason when it is not a key. */
async function backupPin(backup: ParsedBackup): Promise<{ pin?: PinnedKeyRecord; refused?: string }> {
  const saved = syncRecord(backup, 'pinnedKey') as PinnedKeyRecord | undefined;
  if (!saved) return {};
  try {
    const parsed = await parsePublicKeyText(saved.publicKeyText);
    return {
      pin: { algorithm: parsed.algorithm, publicKeyText: parsed.text, fingerprint: parsed.fingerprint, pinnedAt: saved.pinnedAt },
    };
  } catch (error) {
    return { refused: error instanceof Error ? error.message : String(error) };
  }
}

export async function planRestore(db: DalilDatabase, storage: BackupStorage, backup: ParsedBackup): Promise<RestorePlan> {
  const [header, subscription, webhook, pinned, stored] = await Promise.all([
    db.get('guidance', 'active'),
    getSyncState(db, 'subscription'),
    getSyncState(db, 'webhook'),
    getSyncState(db, 'pinnedKey'),
    storage.get(['settings']),
  ]);
  const backupHeader = backup.stores.guidance.find((r) => r.key === 'active')?.value as
    | { name: string; version: number }
    | undefined;
  const backupSub = syncRecord(backup, 'subscription') as { url: string } | undefined;
  const backupHook = syncRecord(backup, 'webhook') as { url: string } | undefined;
  const { pin, refused: pinRefused } = await backupPin(backup);
  const roleOf = (settings: unknown) => SettingsSchema.safeParse(settings ?? {}).data?.role ?? 'agent';

  const teamUrl = urlChange(subscription?.url, backupSub?.url);
  const webhookUrl = urlChange(webhook?.url, backupHook?.url);
  const preview: RestorePreview = {
    createdAt: backup.manifest.createdAt,
    appVersion: backup.manifest.app.version,
    pack: {
      before: header && { name: header.name, version: header.version },
      after: backupHeader && { name: backupHeader.name, version: backupHeader.version },
    },
    teamUrl,
    webhookUrl,
    pin: { before: pinned?.fingerprint, backup: pin?.fingerprint, ...(pinRefused ? { refused: pinRefused } : {}) },
    role: { before: roleOf(stored.settings), after: roleOf(backup.storage.settings) },
    counts: backup.manifest.counts,
    signingKey: backup.manifest.includesPrivateKey,
  };

  return {
    preview,
    apply({ usePinnedKey }) {
      const subscriptionUrl = teamUrl.after;
      const syncState: BackupRecord[] = [];
      for (const record of backup.stores.syncState) {
        if (record.key === 'subscription' && teamUrl.refused) continue;
        if (record.key === 'webhook' && webhookUrl.refused) continue;
        // A waiting update belongs to the address it came from: without that address restored, it is left out.
        if (record.key === 'pending' && (record.value as { url?: string }).url !== subscriptionUrl) continue;
        if (record.key === 'pinnedKey') continue; // written below, as chosen
        syncState.push(record);
      }
      const keepSyncKeys: string[] = [];
      if (usePinnedKey) {
        if (pin) syncState.push({ key: 'pinnedKey', value: pin });
      } else keepSyncKeys.push('pinnedKey');
      return { backup: { ...backup, stores: { ...backup.stores, syncState } }, keepSyncKeys };
    },
  };
}
