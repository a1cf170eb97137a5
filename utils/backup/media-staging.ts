import { openScratchFolder, scratchEntryName } from '../export/opfs-scratch';

/**
 * Where a restore keeps each media file between its check and the person's confirmation: a file in
 * the extension's origin-private file system (OPFS), read back as a disk-backed Blob. Measured in
 * Chromium 156: Blobs built in memory stop past the browser's in-memory blob space (a 2 GB restore
 * stalled at its last files); files from OPFS have no such limit. Without OPFS (unit tests in Node),
 * the bytes stay a Blob in memory, as before.
 */
const FOLDER = 'restore-staging';
const KEEP_MS = 6 * 60 * 60 * 1000;

export interface MediaStaging {
  /** Keeps one checked file; the Blob returned reads it back. */
  keep(id: string, data: Uint8Array, type: string): Promise<Blob>;
  /** Removes this restore's files (after it is written, cancelled or refused). */
  clear(): Promise<void>;
}

const inMemory: MediaStaging = {
  keep: async (_id, data, type) => new Blob([data as BlobPart], { type }),
  clear: async () => undefined,
};

export async function createMediaStaging(): Promise<MediaStaging> {
  // A worker stopped mid-restore left its files: removed after a few hours.
  const parent = await openScratchFolder(FOLDER, KEEP_MS);
  if (!parent) return inMemory;
  const name = scratchEntryName();
  let run: FileSystemDirectoryHandle;
  try {
    run = await parent.getDirectoryHandle(name, { create: true });
  } catch {
    return inMemory;
  }
  let index = 0;
  return {
    async keep(_id, data, type) {
      const handle = await run.getFileHandle(String(index++), { create: true });
      const writable = await handle.createWritable();
      await writable.write(data as Uint8Array<ArrayBuffer>);
      await writable.close();
      return new Blob([await handle.getFile()], { type });
    },
    clear: () => parent.removeEntry(name, { recursive: true }).catch(() => undefined),
  };
}
