import { browser } from 'wxt/browser';
import { newActivityEntry } from '@/utils/activity/new-entry';
import { backupProblem, base64ToBytes, bytesToBase64, MAX_BACKUP_BYTES, megabytes } from '@/utils/backup/format';
import { type BackupProgress, type BackupStorage, BackupTooLargeError, writeBackup } from '@/utils/db/backup/create';
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

/**
 * Backups made and restored: what the runtime messages below and the streaming Ports
 * (backup-ports.ts) share. Restoring gives back the same data, or changes nothing.
 */
export function backupService(deps: BackupHandlerDeps) {
  const storage = () => deps.storage ?? (browser.storage.local as unknown as BackupStorage);

  return {
    /** The zip written to `write` a piece at a time; its file name. */
    async create(
      includePrivateKey: boolean,
      write: (chunk: Uint8Array) => Promise<void>,
      onProgress?: (progress: BackupProgress) => void,
    ): Promise<{ fileName: string; bytes: number }> {
      const createdAt = deps.now();
      const { bytes } = await writeBackup(
        await deps.db(),
        storage(),
        {
          includePrivateKey,
          appVersion: deps.appVersion?.() ?? manifestVersion(),
          createdAt,
          enabledSites: (await deps.sites?.list().catch(() => [])) ?? [],
        },
        write,
        onProgress,
      );
      return { fileName: backupFileName(createdAt), bytes };
    },

    /** What restoring a read backup would change, against this browser as it is now. */
    plan: async (backup: ParsedBackup): Promise<RestorePlan> => planRestore(await deps.db(), storage(), backup),

    /** Planned again (the preview was only a preview), then written in one transaction, logged, broadcast. */
    async restore(backup: ParsedBackup, { fileName, usePinnedKey = false }: { fileName?: string; usePinnedKey?: boolean }) {
      const plan = await planRestore(await deps.db(), storage(), backup);
      const { backup: applied, keepSyncKeys } = plan.apply({ usePinnedKey });
      const { preview } = plan;
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
      const outcome = await restoreBackup(await deps.db(), storage(), applied, { logEntry: entry, keepSyncKeys });
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
      return outcome.warnings ? { ok: true as const, counts, warnings: outcome.warnings } : { ok: true as const, counts };
    },
  };
}

export const backupFileName = (createdAt: string) =>
  `dalil-backup-${createdAt.slice(0, 16).replace('T', '-').replace(':', '')}.zip`;

/**
 * The same over runtime messages, the zip as base64 in one message: capped by the browser's 64 MiB
 * per message. The panel streams over Ports instead (backup-ports.ts); these stay for callers that
 * pass a small backup whole (the fault suite, scripts).
 */
export function backupHandlers(
  deps: BackupHandlerDeps,
): Pick<Handlers, 'panel.createBackup' | 'panel.previewRestore' | 'panel.restoreBackup'> {
  const service = backupService(deps);

  /** The file decoded, read and checked whole. */
  async function read(base64: string): Promise<{ ok: true; backup: ParsedBackup } | { ok: false; problems: Problem[] }> {
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
    return readBackup(bytes);
  }

  return {
    'panel.createBackup': async ({ includePrivateKey }) => {
      try {
        const chunks: Uint8Array[] = [];
        let size = 0;
        const { fileName } = await service.create(includePrivateKey, async (chunk) => {
          size += chunk.length;
          if (size > MAX_BACKUP_BYTES) throw new BackupTooLargeError(size, MAX_BACKUP_BYTES);
          chunks.push(chunk);
        });
        const bytes = new Uint8Array(size);
        let at = 0;
        for (const chunk of chunks) {
          bytes.set(chunk, at);
          at += chunk.length;
        }
        return { ok: true, fileName, base64: bytesToBase64(bytes), bytes: bytes.length };
      } catch (error) {
        if (error instanceof BackupTooLargeError) return { ok: false, message: error.message };
        return { ok: false, message: `The backup could not be made: ${error instanceof Error ? error.message : String(error)}` };
      }
    },

    'panel.previewRestore': async ({ base64 }) => {
      const received = await read(base64);
      return received.ok ? { ok: true, preview: (await service.plan(received.backup)).preview } : received;
    },

    // Read and planned again, against this browser as it is now: the preview was only a preview.
    'panel.restoreBackup': async ({ base64, fileName, usePinnedKey = false }) => {
      const received = await read(base64);
      if (!received.ok) return received;
      return service.restore(received.backup, { fileName, usePinnedKey });
    },
  };
}
