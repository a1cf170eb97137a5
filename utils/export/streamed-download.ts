/**
 * A download written a chunk at a time, for files larger than a page should hold (a backup with
 * gigabytes of video, a million log rows). The file is offered only once complete: a cancelled or
 * failed transfer leaves nothing half-written in Downloads.
 *
 * Written to a file in the extension's origin-private file system (OPFS) where the browser has one,
 * then offered from that file. Measured in Chromium 156: a download of a Blob held in memory is
 * cancelled at once past ~500 MB (its in-memory blob limit), however the Blob is split; a File read
 * from OPFS is backed by the file on disk and has no such limit. Where OPFS is missing (tests in
 * happy-dom), the chunks become small Blobs, as before.
 */
import { downloadBlob } from './download';
import { openScratchFolder, scratchEntryName } from './opfs-scratch';

export interface StreamedDownload {
  write(chunk: Uint8Array): Promise<void>;
  /** Bytes written so far. */
  readonly bytes: number;
  /** Offers the whole file as a download. */
  save(fileName: string): Promise<void>;
  /** Drops what was written. */
  discard(): Promise<void>;
}

/** OPFS files of downloads: one per download, removed an hour on (the browser reads one while saving it). */
const FOLDER = 'downloads';
const KEEP_MS = 60 * 60 * 1000;

function inMemory(type: string): StreamedDownload {
  let parts: Blob[] = [];
  let bytes = 0;
  return {
    async write(chunk) {
      parts.push(new Blob([chunk as BlobPart]));
      bytes += chunk.length;
    },
    get bytes() {
      return bytes;
    },
    async save(fileName) {
      const blob = new Blob(parts, { type });
      parts = [];
      downloadBlob(fileName, blob);
    },
    async discard() {
      parts = [];
    },
  };
}

export async function createStreamedDownload(type: string): Promise<StreamedDownload> {
  const folder = await openScratchFolder(FOLDER, KEEP_MS);
  if (!folder) return inMemory(type);
  const name = scratchEntryName();
  let handle: FileSystemFileHandle;
  let writable: FileSystemWritableFileStream;
  try {
    handle = await folder.getFileHandle(name, { create: true });
    writable = await handle.createWritable();
  } catch {
    return inMemory(type); // OPFS without writable files (older engines): a smaller limit, not a failure
  }
  let bytes = 0;
  return {
    async write(chunk) {
      await writable.write(chunk as Uint8Array<ArrayBuffer>);
      bytes += chunk.length;
    },
    get bytes() {
      return bytes;
    },
    async save(fileName) {
      await writable.close();
      const file = await handle.getFile();
      // The File stays backed by the OPFS file; it is removed when a later download opens the folder, not
      // now, since the browser reads it while saving.
      downloadBlob(fileName, file);
    },
    async discard() {
      await writable.abort().catch(() => undefined);
      await folder.removeEntry(name).catch(() => undefined);
    },
  };
}
