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

export interface StreamedDownload {
  write(chunk: Uint8Array): Promise<void>;
  /** Bytes written so far. */
  readonly bytes: number;
  /** Offers the whole file as a download. */
  save(fileName: string): Promise<void>;
  /** Drops what was written. */
  discard(): Promise<void>;
}

/** OPFS files of downloads: one per download, removed when the next download starts (the last may still be saving). */
const FOLDER = 'downloads';
const KEEP_MS = 60 * 60 * 1000;

async function downloadsFolder(): Promise<FileSystemDirectoryHandle | undefined> {
  try {
    if (typeof navigator.storage?.getDirectory !== 'function') return undefined;
    const root = await navigator.storage.getDirectory();
    return await root.getDirectoryHandle(FOLDER, { create: true });
  } catch {
    return undefined; // no OPFS here (or refused): the in-memory way
  }
}

/** Removes earlier downloads' files older than an hour (their downloads have long finished). */
async function sweep(folder: FileSystemDirectoryHandle): Promise<void> {
  const now = Date.now();
  for await (const name of (folder as unknown as { keys(): AsyncIterable<string> }).keys()) {
    const started = Number(name.split('-')[0]);
    if (Number.isFinite(started) && now - started > KEEP_MS) await folder.removeEntry(name).catch(() => undefined);
  }
}

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
  const folder = await downloadsFolder();
  if (!folder) return inMemory(type);
  await sweep(folder).catch(() => undefined);
  const name = `${Date.now()}-${crypto.randomUUID()}`;
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
      // The File stays backed by the OPFS file; it is removed by a later download's sweep, not now, since
      // the browser reads it while saving.
      downloadBlob(fileName, file);
    },
    async discard() {
      await writable.abort().catch(() => undefined);
      await folder.removeEntry(name).catch(() => undefined);
    },
  };
}
