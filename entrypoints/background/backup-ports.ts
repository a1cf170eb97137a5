/**
 * Backups over runtime Ports, in chunks, for profiles of any size (one runtime message stops at
 * 64 MiB). Making one: the zip is written a piece at a time (writeBackup) and each piece sent once
 * the panel has taken the ones before. Restoring one: the panel reads the zip and sends the
 * manifest, then each media file the manifest asks for; the background checks each as it arrives
 * and keeps it in a staging file (utils/backup/media-staging.ts). Nothing is written
 * until the person confirms the preview; then everything goes in one transaction, as before.
 */
import { backupProblem, MAX_UNZIPPED_BYTES, megabytes } from '@/utils/backup/format';
import { createMediaStaging, type MediaStaging } from '@/utils/backup/media-staging';
import { BackupTooLargeError } from '@/utils/db/backup/create';
import { backupWithMedia, checkMediaFile, type ManifestRead, readBackupManifest } from '@/utils/db/backup/read';
import type { Problem } from '@/utils/guidance/problems';
import {
  BACKUP_CREATE_PORT,
  BACKUP_RESTORE_PORT,
  type BackupCreateReply,
  type BackupCreateRequest,
  type BackupRestoreReply,
  type BackupRestoreRequest,
} from '@/utils/messaging/channels';
import { type PortLike, type PortLink, portLink, textToChunk } from '@/utils/messaging/port-link';
import type { backupService } from './backup-handlers';
import { sendDownload } from './port-download';

type BackupService = ReturnType<typeof backupService>;

/** A port's first message was not what its name promises: the panel and background disagree. */
export class TransferProtocolError extends Error {}

/** Handles a port if it is one of the backup's; false otherwise. The caller has checked that an extension page opened it. */
export function connectBackupPort(port: PortLike, service: BackupService, afterRestore?: () => Promise<void>): boolean {
  if (port.name === BACKUP_CREATE_PORT) {
    void sendBackup(portLink(port), service);
    return true;
  }
  if (port.name === BACKUP_RESTORE_PORT) {
    void receiveBackup(portLink(port), service, afterRestore);
    return true;
  }
  return false;
}

function sendBackup(link: PortLink<BackupCreateRequest, BackupCreateReply>, service: BackupService): Promise<void> {
  return sendDownload(
    link,
    async (write, onProgress) => {
      const start = await link.next();
      if (start.type !== 'start') throw new TransferProtocolError(start.type);
      return service.create(start.includePrivateKey, write, onProgress);
    },
    (error) =>
      error instanceof BackupTooLargeError
        ? error.message
        : `The backup could not be made: ${error instanceof Error ? error.message : String(error)}`,
  );
}

async function receiveBackup(
  link: PortLink<BackupRestoreRequest, BackupRestoreReply>,
  service: BackupService,
  afterRestore?: () => Promise<void>,
): Promise<void> {
  const refuse = (...problems: Problem[]) => {
    link.post({ type: 'problems', problems });
    link.close();
  };
  const staging = await createMediaStaging();
  try {
    const manifestBytes = await receiveManifest(link);
    if (!manifestBytes) {
      refuse(
        backupProblem('too-large', `The zip unpacks to more than ${megabytes(MAX_UNZIPPED_BYTES)} MB: not a Dalil backup.`, '$', {
          limit: megabytes(MAX_UNZIPPED_BYTES),
        }),
      );
      return;
    }
    const read = await readBackupManifest(manifestBytes);
    if (!read.ok) {
      refuse(...read.problems);
      return;
    }
    const media = await receiveMedia(link, read.manifest, staging);
    if (!media.ok) {
      refuse(...media.problems);
      return;
    }
    const backup = backupWithMedia(read.manifest, media.blobs);
    link.post({ type: 'preview', preview: (await service.plan(backup)).preview });

    // The person reads the preview; the panel pings meanwhile. Closing the port is Cancel.
    for (;;) {
      const message = await link.next();
      if (message.type === 'ping') continue;
      if (message.type !== 'confirm') throw new TransferProtocolError(message.type);
      const outcome = await service.restore(backup, { fileName: message.fileName, usePinnedKey: message.usePinnedKey });
      if (outcome.ok) await afterRestore?.();
      if (outcome.ok)
        link.post({ type: 'restored', counts: outcome.counts, ...(outcome.warnings ? { warnings: outcome.warnings } : {}) });
      else link.post({ type: 'problems', problems: outcome.problems });
      link.close();
      return;
    }
  } catch (error) {
    if (link.closed) return; // the panel cancelled or went away: nothing was written
    refuse(
      backupProblem(
        'unreadable',
        `The file did not arrive whole: try again (${error instanceof Error ? error.message : String(error)}).`,
      ),
    );
  } finally {
    await staging.clear(); // written into the database, cancelled or refused: the staged files are done with
  }
}

/** The manifest's bytes, or undefined past the size a manifest may have. */
async function receiveManifest(link: PortLink<BackupRestoreRequest, BackupRestoreReply>): Promise<Uint8Array | undefined> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const message = await link.next();
    if (message.type !== 'manifest') throw new TransferProtocolError(message.type);
    const chunk = textToChunk(message.data);
    size += chunk.length;
    if (size > MAX_UNZIPPED_BYTES) return undefined;
    parts.push(chunk);
    link.post({ type: 'ack' });
    if (message.last) return concat(parts, size);
  }
}

/**
 * Asks for every media file the manifest lists and takes them in that order, each checked (size,
 * SHA-256) as soon as it is whole and staged on disk; only one file's bytes are held at a time.
 */
async function receiveMedia(
  link: PortLink<BackupRestoreRequest, BackupRestoreReply>,
  read: ManifestRead,
  staging: MediaStaging,
): Promise<{ ok: true; blobs: Map<string, Blob> } | { ok: false; problems: Problem[] }> {
  const problems: Problem[] = [];
  const blobs = new Map<string, Blob>();
  const sent = read.media.filter((want) => want.file);
  link.post({ type: 'wanted', files: sent.map((want) => want.file?.file as string) });
  for (const want of read.media) {
    if (!want.file) {
      problems.push((await checkMediaFile(want, undefined)) as Problem);
      continue;
    }
    const parts: Uint8Array[] = [];
    let size = 0;
    let present = true;
    for (;;) {
      const message = await link.next();
      if (message.type === 'missing' && message.file === want.file.file) {
        present = false;
        break;
      }
      if (message.type !== 'media' || message.file !== want.file.file) throw new TransferProtocolError(message.type);
      const chunk = textToChunk(message.data);
      size += chunk.length;
      // Past its declared size it cannot match: kept no further, the size check below says so.
      if (size <= want.file.bytes) parts.push(chunk);
      link.post({ type: 'ack' });
      if (message.last) break;
    }
    const data = present ? (size <= want.file.bytes ? concat(parts, size) : new Uint8Array(0)) : undefined;
    const problem = await checkMediaFile(want, data);
    if (problem) problems.push(problem);
    else if (data) blobs.set(want.id, await staging.keep(want.id, data, want.file.type));
  }
  return problems.length > 0 ? { ok: false, problems: problems.slice(0, 200) } : { ok: true, blobs };
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
