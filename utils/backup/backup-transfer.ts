/**
 * The panel's side of a backup over Ports (entrypoints/background/backup-ports.ts): the backup
 * received in chunks into a download, and a backup file read a slice at a time — its zip directory
 * here, the manifest and then each media file sent in chunks — so neither side holds the file
 * whole. Progress is in bytes; an AbortSignal cancels (nothing is saved or written).
 */
import { connectRuntime, downloadOverPort, type TransferOptions } from '../export/port-download';
import type { Problem } from '../guidance/problems';
import {
  BACKUP_CREATE_PORT,
  BACKUP_RESTORE_PORT,
  type BackupCreateRequest,
  type BackupRestoreReply,
  type BackupRestoreRequest,
} from '../messaging/channels';
import { CHUNKS_IN_FLIGHT, chunkToText, PortClosedError, type PortLink, portLink } from '../messaging/port-link';
import { fileSource, readZipDirectory, readZipEntry, type ZipEntry, ZipFormatError, type ZipSource } from '../zip/zip-reader';
import { MAX_ZIP_BYTES } from '../zip/zip-writer';
import { backupProblem, MANIFEST_FILE, megabytes, type RestorePreview } from './format';

export type { TransferOptions, TransferProgress } from '../export/port-download';

/** Makes a backup and offers it as a download once whole. Rejects with the signal's reason when stopped. */
export function downloadBackup(
  includePrivateKey: boolean,
  options: TransferOptions = {},
): Promise<{ fileName: string; bytes: number }> {
  const start: BackupCreateRequest = { type: 'start', includePrivateKey };
  return downloadOverPort(BACKUP_CREATE_PORT, start, 'application/zip', options);
}

/** Closes the link when the signal aborts; the returned function stops listening. */
function closeOnAbort(link: PortLink<unknown, unknown>, signal?: AbortSignal): () => void {
  const close = () => link.close();
  signal?.addEventListener('abort', close, { once: true });
  return () => signal?.removeEventListener('abort', close);
}

/** A backup read and checked by the background, waiting for the person's choice. */
export interface RestoreSession {
  preview: RestorePreview;
  /** Restores it; nothing was written before. */
  confirm(choices: { fileName: string; usePinnedKey: boolean }): Promise<RestoreOutcome>;
  /** Drops it: nothing is written. */
  cancel(): void;
}

export type RestoreOutcome =
  | { ok: true; counts: Record<string, number>; warnings?: Problem[] }
  | { ok: false; problems: Problem[] };

/** More entries than any backup this Dalil writes (one per media file, plus the manifest). */
export const MAX_BACKUP_ENTRIES = 500_000;

const unreadable = () => backupProblem('unreadable', 'The zip file is damaged or incomplete (was the download cut short?).');
/** The worker stopped mid-transfer (Chromium stops an idle or updated worker): nothing was written. */
const interrupted = (): Problem => {
  const message = 'Dalil was interrupted before it could answer. Please try again.';
  return { path: '$', code: 'background-stopped', message };
};
const tooLarge = () =>
  backupProblem('too-large', `The zip unpacks to more than ${megabytes(MAX_ZIP_BYTES)} MB: not a Dalil backup.`, '$', {
    limit: megabytes(MAX_ZIP_BYTES),
  });

/** The zip's directory and its manifest entry, or the problems that make it no backup (before anything is sent). */
async function openBackupZip(
  source: ZipSource,
): Promise<{ ok: true; entries: Map<string, ZipEntry> } | { ok: false; problems: Problem[] }> {
  let list: ZipEntry[];
  try {
    list = await readZipDirectory(source, { maxEntries: MAX_BACKUP_ENTRIES });
  } catch (error) {
    if (error instanceof ZipFormatError && error.code === 'not-zip') {
      return {
        ok: false,
        problems: [
          backupProblem('not-zip', 'This file is not a Dalil backup: a backup is a .zip file made by “Back up everything”.'),
        ],
      };
    }
    return { ok: false, problems: [error instanceof RangeError ? tooLarge() : unreadable()] };
  }
  // Declared sizes are checked before anything is unpacked; reading stops at each entry's declared size.
  if (list.reduce((sum, entry) => sum + entry.size, 0) > MAX_ZIP_BYTES) return { ok: false, problems: [tooLarge()] };
  const entries = new Map(list.map((entry) => [entry.name, entry]));
  if (!entries.has(MANIFEST_FILE)) {
    return {
      ok: false,
      problems: [
        entries.has('ads.json')
          ? backupProblem(
              'swipe-export',
              'This zip is a swipe-file export, not a backup: import it in the Swipe file tab.',
              MANIFEST_FILE,
            )
          : backupProblem('no-manifest', `This zip is not a Dalil backup: it has no ${MANIFEST_FILE}.`, MANIFEST_FILE),
      ],
    };
  }
  return { ok: true, entries };
}

/**
 * Reads a backup file for restoring: checks it is a backup zip, sends the manifest and then the
 * media files the background asks for, and gives the preview — or the problems. Nothing is
 * written until `confirm`. Progress counts the file's unpacked bytes sent.
 */
export async function openRestore(
  file: Blob,
  options: TransferOptions = {},
): Promise<{ ok: true; session: RestoreSession } | { ok: false; problems: Problem[] }> {
  const source = fileSource(file);
  const opened = await openBackupZip(source);
  if (!opened.ok) return opened;
  options.signal?.throwIfAborted();
  const { entries } = opened;
  const manifest = entries.get(MANIFEST_FILE) as ZipEntry;

  const link = portLink<BackupRestoreReply, BackupRestoreRequest>((options.connect ?? connectRuntime)(BACKUP_RESTORE_PORT));
  const stop = closeOnAbort(link, options.signal);
  let inFlight = 0;
  const progress = { done: 0, total: manifest.size };
  /** Each chunk counted and paced by the background's acknowledgements. */
  const send = async (message: BackupRestoreRequest, bytes: number) => {
    link.post(message);
    inFlight++;
    progress.done += bytes;
    options.onProgress?.({ ...progress });
    while (inFlight >= CHUNKS_IN_FLIGHT) {
      const reply = await link.next();
      if (reply.type !== 'ack') throw new EarlyReply(reply);
      inFlight--;
    }
  };
  /** The next reply that is not an acknowledgement. */
  const answer = async (): Promise<BackupRestoreReply> => {
    for (;;) {
      const reply = await link.next();
      if (reply.type !== 'ack') return reply;
      inFlight--;
    }
  };

  try {
    try {
      await sendEntry(source, manifest, options.signal, (chunk, last) =>
        send({ type: 'manifest', data: chunkToText(chunk), last }, chunk.length),
      );
      const wanted = await answer();
      if (wanted.type !== 'wanted') return ended(wanted);
      progress.total += wanted.files.reduce((sum, name) => sum + (entries.get(name)?.size ?? 0), 0);
      for (const name of wanted.files) {
        const entry = entries.get(name);
        if (!entry) link.post({ type: 'missing', file: name });
        else
          await sendEntry(source, entry, options.signal, (chunk, last) =>
            send({ type: 'media', file: name, data: chunkToText(chunk), last }, chunk.length),
          );
      }
    } catch (error) {
      if (error instanceof EarlyReply) return ended(error.reply);
      if (error instanceof ZipFormatError) return { ok: false, problems: [unreadable()] };
      // The background refused the file and closed: its answer is still queued.
      if (error instanceof PortClosedError && !options.signal?.aborted) {
        const reply = await answer().catch(() => undefined);
        return reply ? ended(reply) : { ok: false, problems: [interrupted()] };
      }
      throw error;
    }
    const preview = await answer();
    if (preview.type !== 'preview') return ended(preview);
    // The person may read the preview for a while: the worker is kept awake until they choose.
    const ping = setInterval(() => link.closed || link.post({ type: 'ping' }), 10_000);
    const done = () => {
      clearInterval(ping);
      stop();
      link.close();
    };
    return {
      ok: true,
      session: {
        preview: preview.preview,
        cancel: done,
        async confirm({ fileName, usePinnedKey }) {
          clearInterval(ping);
          try {
            link.post({ type: 'confirm', fileName, usePinnedKey });
            const outcome = await answer();
            return outcome.type === 'restored'
              ? { ok: true, counts: outcome.counts, ...(outcome.warnings ? { warnings: outcome.warnings } : {}) }
              : ended(outcome);
          } catch {
            return { ok: false, problems: [interrupted()] };
          } finally {
            done();
          }
        },
      },
    };
  } catch (error) {
    stop();
    link.close();
    options.signal?.throwIfAborted();
    throw error;
  }
}

/** The background answered before the panel finished sending (it refused the file). */
class EarlyReply extends Error {
  constructor(readonly reply: BackupRestoreReply) {
    super(reply.type);
  }
}

function ended(reply: BackupRestoreReply): { ok: false; problems: Problem[] } {
  return { ok: false, problems: reply.type === 'problems' ? reply.problems : [unreadable()] };
}

/** One entry's bytes in chunks, the last marked (an empty entry is one empty last chunk). */
async function sendEntry(
  source: ZipSource,
  entry: ZipEntry,
  signal: AbortSignal | undefined,
  send: (chunk: Uint8Array, last: boolean) => Promise<void>,
): Promise<void> {
  let held: Uint8Array | undefined;
  await readZipEntry(
    source,
    entry,
    async (chunk) => {
      if (held) await send(held, false);
      held = chunk;
    },
    { signal },
  );
  await send(held ?? new Uint8Array(0), true);
}
