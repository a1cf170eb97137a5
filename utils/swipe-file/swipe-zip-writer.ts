/**
 * The swipe file's ZIP export written a piece at a time (the same files as swipeZip: ads.json,
 * media/<id>.<ext>, media/index.json): each media Blob is read only when its turn comes and let go
 * after, so an export of gigabytes of video never sits whole in memory.
 */
import { strToU8 } from 'fflate';
import type { StoredAd } from '../schemas/stored-records';
import { createZipWriter } from '../zip/zip-writer';
import { extensionOf, swipeJson } from './swipe-export';

export async function writeSwipeZip(
  ads: StoredAd[],
  readMedia: (blobId: string) => Promise<Blob | undefined>,
  write: (chunk: Uint8Array) => Promise<void>,
  onProgress?: (progress: { done: number; total: number }) => void,
  exportedAt = new Date().toISOString(),
): Promise<{ bytes: number }> {
  const blobIds = [...new Set(ads.flatMap((a) => a.media.flatMap((m) => [m.blobId, m.posterBlobId])))].filter(
    (id): id is string => Boolean(id),
  );
  onProgress?.({ done: 0, total: blobIds.length });
  const zip = createZipWriter(write);
  await zip.addDeflated('ads.json', strToU8(swipeJson(ads, exportedAt)));
  const index: Record<string, string> = {};
  for (const [n, blobId] of blobIds.entries()) {
    const blob = await readMedia(blobId);
    if (blob) {
      // Ids are Dalil's own, but a '/' or '..' must never become a path in someone's unzip.
      const name = `media/${encodeURIComponent(blobId).replace(/\./g, '%2E')}.${extensionOf(blob.type)}`;
      await zip.addStored(name, new Uint8Array(await blob.arrayBuffer())); // media is compressed already
      index[blobId] = name;
    }
    onProgress?.({ done: n + 1, total: blobIds.length });
  }
  await zip.addDeflated('media/index.json', strToU8(JSON.stringify(index, null, 2)));
  await zip.end();
  return { bytes: zip.bytes };
}
