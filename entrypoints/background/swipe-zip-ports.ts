/**
 * Swipe-file ZIPs over Ports, for exports and imports of any size (one runtime message stops at
 * 64 MiB: a 76 MB export of 2,000 ads could not be imported back). Export: the zip is written a
 * piece at a time and sent as the panel takes it. Import: the panel sends the ads in pages and each
 * media file in chunks; each file is kept as a Blob as it completes, and nothing is written until
 * the panel says the file ended — then the media, the ads and the log entry in one transaction.
 */

import { createMediaStaging } from '@/utils/backup/media-staging';
import type { DalilDatabase } from '@/utils/db/open';
import {
  type PortDownloadReply,
  SWIPE_EXPORT_PORT,
  SWIPE_IMPORT_PORT,
  type SwipeExportRequest,
  type SwipeImportReply,
  type SwipeImportRequest,
} from '@/utils/messaging/channels';
import { type PortLike, type PortLink, portLink, textToChunk } from '@/utils/messaging/port-link';
import type { StoredAd } from '@/utils/schemas/stored-records';
import { SWIPE_STREAM_LIMITS } from '@/utils/swipe-file/swipe-zip-transfer';
import { writeSwipeZip } from '@/utils/swipe-file/swipe-zip-writer';
import { TransferProtocolError } from './backup-ports';
import { sendDownload } from './port-download';
import { importSwipeAds, type SwipeImportDeps } from './swipe-import';

export interface SwipeZipDeps extends SwipeImportDeps {
  now: () => string;
}

/** More ads than any swipe file holds: an import past it is refused rather than held. */
const MAX_IMPORTED_ADS = 1_000_000;

/** Handles a port if it is one of the swipe file's; false otherwise. The caller has checked that an extension page opened it. */
export function connectSwipeZipPort(port: PortLike, deps: SwipeZipDeps): boolean {
  if (port.name === SWIPE_EXPORT_PORT) {
    void sendSwipeZip(portLink(port), deps);
    return true;
  }
  if (port.name === SWIPE_IMPORT_PORT) {
    void receiveSwipeFile(portLink(port), deps);
    return true;
  }
  return false;
}

function sendSwipeZip(link: PortLink<SwipeExportRequest, PortDownloadReply>, deps: SwipeZipDeps): Promise<void> {
  return sendDownload(
    link,
    async (write, onProgress) => {
      const start = await link.next();
      if (start.type !== 'start') throw new TransferProtocolError(start.type);
      const db = await deps.db();
      const ads = await adsByIds(db, start.ids);
      const exportedAt = deps.now();
      const { bytes } = await writeSwipeZip(
        ads,
        async (blobId) => (await db.get('media', blobId))?.blob,
        write,
        onProgress,
        exportedAt,
      );
      return { fileName: `dalil-swipe-file-${exportedAt.slice(0, 10)}.zip`, bytes };
    },
    (error) => `The export could not be made: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/** The saved ads with these ids, in that order (ids no longer saved are left out), read in one transaction. */
async function adsByIds(db: DalilDatabase, ids: string[]): Promise<StoredAd[]> {
  const store = db.transaction('adCaptures').store;
  const ads = await Promise.all(ids.map((id) => store.get(id)));
  return ads.filter((ad): ad is StoredAd => ad !== undefined);
}

async function receiveSwipeFile(link: PortLink<SwipeImportRequest, SwipeImportReply>, deps: SwipeZipDeps): Promise<void> {
  const staging = await createMediaStaging();
  try {
    const ads: unknown[] = [];
    const media = new Map<string, Blob>();
    let parts: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const message = await link.next();
      if (message.type === 'end') break;
      if (message.type === 'ads') {
        ads.push(...message.ads);
        if (ads.length > MAX_IMPORTED_ADS) throw new RangeError(`more than ${MAX_IMPORTED_ADS} ads`);
      } else {
        const chunk = textToChunk(message.data);
        size += chunk.length;
        if (size > SWIPE_STREAM_LIMITS.entryBytes) throw new RangeError(`${message.fileId} is larger than a media file may be`);
        parts.push(chunk);
        // Each file staged on disk once whole (utils/backup/media-staging.ts): in-memory Blobs stop near 2 GB.
        if (message.last) {
          const whole = new Uint8Array(size);
          let at = 0;
          for (const part of parts) {
            whole.set(part, at);
            at += part.length;
          }
          media.set(message.fileId, await staging.keep(message.fileId, whole, message.mediaType));
          parts = [];
          size = 0;
        }
      }
      link.post({ type: 'ack' });
    }
    const result = await importSwipeAds(deps, ads, media).catch((error: unknown) => {
      link.post({ type: 'failed', message: error instanceof Error ? error.message : String(error), writeFailed: true });
      return undefined;
    });
    if (result) link.post({ type: 'imported', ...result });
  } catch (error) {
    if (link.closed) return; // stopped by the panel: nothing was written
    link.post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  } finally {
    link.close();
    await staging.clear();
  }
}
