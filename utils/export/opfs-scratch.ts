/**
 * A folder of the extension's origin-private file system (OPFS) for large bytes on their way somewhere
 * (a download being written, a restore's media until it is confirmed): files there are backed by disk,
 * where Chromium stops Blobs held in memory near its in-memory limit. Each entry is named after the
 * time it was made; entries older than `keepMs` (left by a stopped worker, or a download long saved)
 * are removed when the folder is opened again.
 */
export async function openScratchFolder(name: string, keepMs: number): Promise<FileSystemDirectoryHandle | undefined> {
  try {
    if (typeof navigator.storage?.getDirectory !== 'function') return undefined;
    const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle(name, { create: true });
    const now = Date.now();
    for await (const entry of (folder as unknown as { keys(): AsyncIterable<string> }).keys()) {
      const made = Number(entry.split('-')[0]);
      if (Number.isFinite(made) && now - made > keepMs)
        await folder.removeEntry(entry, { recursive: true }).catch(() => undefined);
    }
    return folder;
  } catch {
    return undefined; // no OPFS here (unit tests), or refused: the caller keeps the bytes in memory
  }
}

/** A new entry's name in a scratch folder: the time it was made, then a random part. */
export const scratchEntryName = () => `${Date.now()}-${crypto.randomUUID()}`;
