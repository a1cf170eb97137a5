/**
 * The panel's side of swipe-file ZIPs over Ports: an export made by the background and saved as a
 * download (entrypoints/background/swipe-zip-ports.ts), and an import read here a slice at a time —
 * the zip's directory checked against the limits before anything is unpacked, ads.json read and
 * checked, then the ads sent in pages and each media file in chunks. Progress and Stop as for backups.
 */
import { connectRuntime, downloadOverPort, type TransferOptions } from '../export/port-download';
import type { Problem } from '../guidance/problems';
import { SWIPE_EXPORT_PORT, SWIPE_IMPORT_PORT, type SwipeImportReply, type SwipeImportRequest } from '../messaging/channels';
import { CHUNKS_IN_FLIGHT, chunkToText, portLink } from '../messaging/port-link';
import {
  fileSource,
  looksLikeZip,
  readZipDirectory,
  readZipEntry,
  readZipEntryBytes,
  type ZipEntry,
  ZipFormatError,
} from '../zip/zip-reader';
import { MAX_ZIP_BYTES } from '../zip/zip-writer';
import { readSwipeExport, SWIPE_IMPORT_LIMITS, SwipeImportError, TYPES, zipEntryLimits } from './swipe-export';

/** What an import over a Port may hold: no longer what one message carries, only what a zip without zip64 can. */
export const SWIPE_STREAM_LIMITS: typeof SWIPE_IMPORT_LIMITS = {
  ...SWIPE_IMPORT_LIMITS,
  entries: 100_000,
  /** Each media file (downloads stop at 100 MB) and ads.json. */
  entryBytes: 256 * 1024 * 1024,
  totalBytes: MAX_ZIP_BYTES,
};

/** All of the file arrived and the browser refused to write it: nothing was imported. */
export class SwipeImportWriteError extends Error {
  override name = 'SwipeImportWriteError';
}

/** Ads sent per message: a page of records is small next to the 64 MiB a message may carry. */
const ADS_PER_MESSAGE = 500;

/** The ads with these ids, and their media, as a ZIP download. Rejects with the signal's reason when stopped. */
export function downloadSwipeZip(ids: string[], options: TransferOptions = {}): Promise<{ fileName: string; bytes: number }> {
  return downloadOverPort(SWIPE_EXPORT_PORT, { type: 'start', ids }, 'application/zip', options);
}

/** The export's ads, and its media files by their id in the file (zip entries, not yet read). */
async function openExport(
  file: Blob,
  fileName: string,
  limits: typeof SWIPE_IMPORT_LIMITS,
): Promise<{ ads: unknown[]; media: Array<{ fileId: string; entry: ZipEntry }> }> {
  const source = fileSource(file);
  if (!(await looksLikeZip(source))) {
    if (file.size > limits.entryBytes)
      throw new SwipeImportError('too-large', `${fileName} is too large`, { limit: Math.round(limits.entryBytes / 1048576) });
    return { ads: readSwipeExport(fileName, new Uint8Array(await file.arrayBuffer()), limits).ads, media: [] };
  }
  let entries: ZipEntry[];
  try {
    entries = await readZipDirectory(source, { maxEntries: limits.entries });
  } catch (error) {
    if (error instanceof RangeError) {
      throw new SwipeImportError('too-many-files', `${fileName} holds more than ${limits.entries} files`, {
        limit: limits.entries,
      });
    }
    throw new SwipeImportError('not-zip', `${fileName} is not a readable zip file`);
  }
  const check = zipEntryLimits(fileName, limits);
  for (const entry of entries) check({ name: entry.name, size: entry.compressedSize, originalSize: entry.size });
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const read = async (name: string) => {
    const entry = byName.get(name);
    return entry ? new TextDecoder().decode(await readZipEntryBytes(source, entry)) : undefined;
  };
  const adsText = await read('ads.json');
  if (adsText === undefined) throw new SwipeImportError('no-ads', `${fileName} has no ads.json: not a Dalil swipe-file export`);
  const { ads } = readSwipeExport(fileName, new TextEncoder().encode(adsText), limits);
  let index: Record<string, unknown> = {};
  try {
    index = JSON.parse((await read('media/index.json')) ?? '{}') ?? {};
  } catch {
    throw new SwipeImportError('not-json', `${fileName}: media/index.json is not valid JSON`);
  }
  const media = Object.entries(index).flatMap(([fileId, name]) => {
    const entry = typeof name === 'string' && fileId !== '__proto__' ? byName.get(name) : undefined;
    return entry ? [{ fileId, entry }] : [];
  });
  return { ads, media };
}

/**
 * Imports a JSON or ZIP export of any size: throws a SwipeImportError (with a code the panel says
 * in its language) for a file that is not one; otherwise the background's count and problems.
 * Nothing is written until all of it has arrived, then all of it at once.
 */
export async function importSwipeFile(
  file: Blob,
  fileName: string,
  options: TransferOptions & { limits?: typeof SWIPE_IMPORT_LIMITS } = {},
): Promise<{ imported: number; problems: Problem[]; total: number }> {
  const limits = options.limits ?? SWIPE_STREAM_LIMITS;
  const source = fileSource(file);
  let opened: Awaited<ReturnType<typeof openExport>>;
  try {
    opened = await openExport(file, fileName, limits);
  } catch (error) {
    if (error instanceof ZipFormatError) throw new SwipeImportError('not-zip', `${fileName} is not a readable zip file`);
    throw error;
  }
  options.signal?.throwIfAborted();
  const { ads, media } = opened;

  const link = portLink<SwipeImportReply, SwipeImportRequest>((options.connect ?? connectRuntime)(SWIPE_IMPORT_PORT));
  const close = () => link.close();
  options.signal?.addEventListener('abort', close, { once: true });
  const progress = { done: 0, total: media.reduce((sum, m) => sum + m.entry.size, 0) };
  let inFlight = 0;
  const answer = async (): Promise<SwipeImportReply> => {
    for (;;) {
      const reply = await link.next();
      if (reply.type !== 'ack') return reply;
      inFlight--;
    }
  };
  const send = async (message: SwipeImportRequest, bytes = 0) => {
    link.post(message);
    inFlight++;
    progress.done += bytes;
    if (bytes > 0) options.onProgress?.({ ...progress });
    while (inFlight >= CHUNKS_IN_FLIGHT) {
      const reply = await link.next();
      if (reply.type !== 'ack') throw new Error(reply.type === 'failed' ? reply.message : 'The import ended early.');
      inFlight--;
    }
  };
  try {
    options.onProgress?.({ ...progress });
    for (let at = 0; at < ads.length || at === 0; at += ADS_PER_MESSAGE)
      await send({ type: 'ads', ads: ads.slice(at, at + ADS_PER_MESSAGE) });
    for (const { fileId, entry } of media) {
      const mediaType = TYPES[entry.name.split('.').pop() ?? ''] ?? 'application/octet-stream';
      let held: Uint8Array | undefined;
      await readZipEntry(
        source,
        entry,
        async (chunk) => {
          if (held) await send({ type: 'media', fileId, mediaType, data: chunkToText(held), last: false }, held.length);
          held = chunk;
        },
        { signal: options.signal },
      );
      const last = held ?? new Uint8Array(0);
      await send({ type: 'media', fileId, mediaType, data: chunkToText(last), last: true }, last.length);
    }
    link.post({ type: 'end' });
    const reply = await answer();
    if (reply.type === 'failed' && reply.writeFailed) throw new SwipeImportWriteError(reply.message);
    if (reply.type === 'failed') throw new Error(reply.message);
    if (reply.type !== 'imported') throw new Error('The import ended early.');
    return { imported: reply.imported, problems: reply.problems, total: ads.length };
  } catch (error) {
    options.signal?.throwIfAborted();
    if (error instanceof ZipFormatError) throw new SwipeImportError('not-zip', `${fileName} is not a readable zip file`);
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', close);
    link.close();
  }
}
