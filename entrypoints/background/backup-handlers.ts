import { browser } from 'wxt/browser';
import { newActivityEntry } from '@/utils/activity/new-entry';
import { backupProblem, base64ToBytes, bytesToBase64, MAX_BACKUP_BYTES, megabytes } from '@/utils/backup/format';
import { type BackupStorage, BackupTooLargeError, createBackup } from '@/utils/db/backup/create';
import { planRestore, type RestorePlan } from '@/utils/db/backup/plan';
import { type ParsedBackup, readBackup } from '@/utils/db/backup/read';
import { restoreBackup } from '@/utils/db/backup/restore';
import type { DalilDatabase } from '@/utils/db/open';
import type { Problem } from '@/utils/guidance/problems';
import type { ChangeBroadcast } from '@/utils/messaging/protocol';
import type { Handlers } from '@/utils/messaging/router';

export interface BackupHandlerDeps {
  db: () => Promise<DalilDatabase>;
  actorName: () => Promise<string>;
  now: () => string;
  /**
   * After a restore everything changed: every topic is broadcast (pass handlers.ts's `changed`,
   * which also tells content scripts the guidance changed).
   */
  changed?: (topics: ChangeBroadcast['topics']) => void;
  /** Sites beyond the six platforms where Dalil is turned on (handlers.ts's `deps.sites`). */
  sites?: {
    list: () => Promise<string[]>;
    set: (origin: string, enabled: boolean) => Promise<{ ok: boolean; error?: string }>;
  };
  /** browser.storage.local unless given. */
  storage?: BackupStorage;
  appVersion?: () => string;
}

const ALL_TOPICS: ChangeBroadcast['topics'] = ['guidance', 'log', 'content-scripts', 'testimonials', 'ads', 'palette', 'sync'];

const tooLarge = (bytes: number) =>
  `The backup file is ${megabytes(bytes)} MB; Dalil can restore at most ${megabytes(MAX_BACKUP_BYTES)} MB ` +
  '(the browser limits a message to 64 MB).';

function manifestVersion(): string {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return 'unknown';
  }
}

/** One file holding everything; restoring it gives back the same data, or changes nothing. */
export function backupHandlers(
  deps: BackupHandlerDeps,
): Pick<Handlers, 'panel.createBackup' | 'panel.previewRestore' | 'panel.restoreBackup'> {
  const storage = () => deps.storage ?? (browser.storage.local as unknown as BackupStorage);

  /** The file decoded, read and checked whole, and what restoring it would change. */
  async function plan(
    base64: string,
  ): Promise<{ ok: true; backup: ParsedBackup; plan: RestorePlan } | { ok: false; problems: Problem[] }> {
    let bytes: Uint8Array;
    try {
      bytes = base64ToBytes(base64);
    } catch {
      return { ok: false, problems: [backupProblem('unreadable', 'The file did not arrive whole: try again.')] };
    }
    if (bytes.length > MAX_BACKUP_BYTES) {
      return {
        ok: false,
        problems: [
          backupProblem('too-large', tooLarge(bytes.length), '$', {
            size: megabytes(bytes.length),
            limit: megabytes(MAX_BACKUP_BYTES),
          }),
        ],
      };
    }
    const read = await readBackup(bytes);
    if (!read.ok) return read;
    return { ok: true, backup: read.backup, plan: await planRestore(await deps.db(), storage(), read.backup) };
  }

  return {
    'panel.createBackup': async ({ includePrivateKey }) => {
      const createdAt = deps.now();
      try {
        const bytes = await createBackup(await deps.db(), storage(), {
          includePrivateKey,
          appVersion: deps.appVersion?.() ?? manifestVersion(),
          createdAt,
          enabledSites: (await deps.sites?.list().catch(() => [])) ?? [],
          maxBytes: MAX_BACKUP_BYTES,
        });
        const stamp = createdAt.slice(0, 16).replace('T', '-').replace(':', '');
        return { ok: true, fileName: `dalil-backup-${stamp}.zip`, base64: bytesToBase64(bytes), bytes: bytes.length };
      } catch (error) {
        if (error instanceof BackupTooLargeError) return { ok: false, message: error.message };
        return { ok: false, message: `The backup could not be made: ${error instanceof Error ? error.message : String(error)}` };
      }
    },

    'panel.previewRestore': async ({ base64 }) => {
      const planned = await plan(base64);
      return planned.ok ? { ok: true, preview: planned.plan.preview } : planned;
    },

    // Read and planned again, against this browser as it is now: the preview was only a preview.
    'panel.restoreBackup': async ({ base64, fileName, usePinnedKey = false }) => {
      const planned = await plan(base64);
      if (!planned.ok) return planned;
      const { backup, keepSyncKeys } = planned.plan.apply({ usePinnedKey });
      const { preview } = planned.plan;
      const { manifest } = backup;
      const entry = {
        ...newActivityEntry('backup.restored', await deps.actorName(), {
          ...(fileName ? { fileName } : {}),
          backupCreatedAt: manifest.createdAt,
          records: Object.values(manifest.counts).reduce((a, b) => a + b, 0),
          signingKey: manifest.includesPrivateKey,
          pinnedKey: usePinnedKey ? 'backup' : 'kept',
          teamUrlRefused: preview.teamUrl.refused !== undefined,
          webhookUrlRefused: preview.webhookUrl.refused !== undefined,
        }),
        at: deps.now(),
      };
      const outcome = await restoreBackup(await deps.db(), storage(), backup, { logEntry: entry, keepSyncKeys });
      if (!outcome.ok) return outcome;

      // Sites need their host permission, which only a person's click can grant: those still
      // granted here are turned on again; the others are counted for the panel to mention.
      const counts = { ...outcome.counts, sitesEnabled: 0, sitesNeedingPermission: 0 };
      for (const origin of backup.enabledSites) {
        const result = deps.sites ? await deps.sites.set(origin, true).catch(() => ({ ok: false })) : { ok: false };
        if (result.ok) counts.sitesEnabled++;
        else counts.sitesNeedingPermission++;
      }
      deps.changed?.(ALL_TOPICS);
      return outcome.warnings ? { ok: true, counts, warnings: outcome.warnings } : { ok: true, counts };
    },
  };
}
