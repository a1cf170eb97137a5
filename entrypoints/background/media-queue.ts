/**
 * Downloads the media saved ads are owed (the `pendingMedia` store), one run at a time: each item is
 * leased (its attempt counted) before its download and settled in one transaction after it, so a worker
 * stopped mid-download leaves the item queued for the next worker (start()) or the alarm, never lost
 * and never fetched again once its bytes are on the ad.
 */
import {
  duePendingMedia,
  nextPendingMediaAt,
  putMedia,
  putPendingMedia,
  releaseMediaLeases,
  settlePendingMedia,
} from '@/utils/db/ads-repo';
import type { DalilDatabase } from '@/utils/db/open';
import type { MediaProgressBroadcast } from '@/utils/messaging/protocol';
import type { PendingMedia } from '@/utils/schemas/stored-records';
import { downloadMedia, MAX_MEDIA_BYTES, type MediaFailure } from '@/utils/swipe-file/media-download';
import { MAX_SAVE_MEDIA_BYTES, type MediaRefusal, mediaRefusals } from '@/utils/swipe-file/media-policy';
import { retryDelayMs } from '@/utils/sync/backoff';

/** Attempts per item before it waits for Retry media. */

/**
 * A write refused for want of room: over quota, or (measured in Chromium on a full disk) the blob
 * files failing to write, which IndexedDB reports as a DataError "Failed to write blobs (IOError)".
 */
function isDiskFull(error: unknown): boolean {
  if (!(error instanceof DOMException)) return false;
  return error.name === 'QuotaExceededError' || /Failed to write blobs|IOError/i.test(error.message);
}
export const MAX_MEDIA_ATTEMPTS = 5;
/** How long one download may hold its lease; longer than downloadMedia's own timeout. */
const LEASE_MS = 2 * 60_000;
/** Failures that may pass on their own (a network blip, a busy host); the others wait for the person. */
const RETRIED: ReadonlySet<string> = new Set<MediaFailure>(['network', 'timeout', 'http-error']);

export interface MediaQueueDeps {
  db: () => Promise<DalilDatabase>;
  /** The swipe file changed (an item saved or failed): the panel reloads. */
  changed: (adIds: string[]) => void;
  /** The next run is due at this time (ms), or nothing is queued: the background sets its timer and alarm. */
  schedule?: (at: number | undefined) => Promise<void>;
  now?: () => number;
  download?: typeof downloadMedia;
  /** One Save's byte limit (MAX_SAVE_MEDIA_BYTES; tests use a small one). */
  maxSaveBytes?: number;
  /** Refuses (storageFullError) unless the disk has room for `bytes` more: a download ends long after db(). */
  ensureRoom?: (bytes: number) => Promise<void>;
  /** Each downloading ad's progress, at most every PROGRESS_MS, and at once when an ad's downloads end. */
  progress?: (ads: MediaProgressBroadcast['ads']) => void;
}

/** How often the progress of running downloads is told (ms). */
export const PROGRESS_MS = 250;

export type MediaQueue = ReturnType<typeof createMediaQueue>;

export function createMediaQueue(deps: MediaQueueDeps) {
  const now = deps.now ?? Date.now;
  const download = deps.download ?? downloadMedia;
  const maxSaveBytes = deps.maxSaveBytes ?? MAX_SAVE_MEDIA_BYTES;
  /** Bytes downloaded per Save by this worker (a Save's limit; a new worker counts afresh what is left). */
  const spent = new Map<string, number>();
  let running: Promise<void> | undefined;
  let again = false;

  // Per ad being downloaded: its items stored of all it has, and the bytes received in this run.
  const active = new Map<string, { done: number; total: number; bytes: number }>();
  const snapshot = (): MediaProgressBroadcast['ads'] => Object.fromEntries([...active].map(([id, p]) => [id, { ...p }]));
  let lastTold = 0;
  let tellTimer: ReturnType<typeof setTimeout> | undefined;
  function tell(now = false) {
    if (!deps.progress) return;
    clearTimeout(tellTimer);
    const wait = now ? 0 : lastTold + PROGRESS_MS - Date.now();
    if (wait > 0) {
      tellTimer = setTimeout(() => tell(true), wait);
      return;
    }
    lastTold = Date.now();
    deps.progress(snapshot());
  }

  async function downloadItem(db: DalilDatabase, item: PendingMedia): Promise<void> {
    const ad = await db.get('adCaptures', item.adId);
    const media = ad?.media[item.index];
    if (!ad || ad.deletedAt || !media) {
      await settlePendingMedia(db, item, {});
      return;
    }
    // Checked again here, whatever queued it: only library hosts over https, within the item limit.
    const refused = mediaRefusals(ad)[item.index];
    if (refused) {
      await settlePendingMedia(db, item, { error: refused });
      return;
    }
    const startedAt = now();
    const attempt: PendingMedia = {
      ...item,
      attempts: item.attempts + 1,
      nextAttemptAt: new Date(startedAt + retryDelayMs(item.attempts + 1, { baseMs: 30_000 })).toISOString(),
      leaseUntil: new Date(startedAt + LEASE_MS).toISOString(),
    };
    await putPendingMedia(db, attempt);
    const shown = active.get(ad.id) ?? { done: 0, total: 0, bytes: 0 };
    shown.total = ad.media.length;
    shown.done = ad.media.filter((m) => m.blobId).length;
    active.set(ad.id, shown);
    tell(true);

    const result: { blobId?: string; posterBlobId?: string; error?: string } = {};
    let failure: MediaFailure | MediaRefusal | undefined;
    for (const [field, url] of [
      ['blobId', media.blobId ? undefined : media.url],
      ['posterBlobId', media.posterBlobId ? undefined : media.posterUrl],
    ] as const) {
      if (!url) continue;
      const left = maxSaveBytes - (spent.get(item.saveId) ?? 0);
      const maxBytes = Math.min(MAX_MEDIA_BYTES, left);
      const before = shown.bytes;
      const onBytes = (received: number) => {
        shown.bytes = before + received;
        tell();
      };
      const got = left <= 0 ? undefined : await download(url, ad.library, { maxBytes, onBytes });
      if (!got?.ok) {
        // Past what this Save may still download (not past one item's own limit): the Save's limit refused it.
        const overSave = !got || (got.reason === 'too-large' && maxBytes < MAX_MEDIA_BYTES);
        failure = overSave ? 'save-too-large' : got.reason;
        // The Save is spent: its later items are refused without a request.
        if (overSave) spent.set(item.saveId, maxSaveBytes);
        result.error = overSave ? `save-too-large: over ${maxSaveBytes} bytes for one save` : `${got.reason}: ${got.detail}`;
        continue;
      }
      spent.set(item.saveId, (spent.get(item.saveId) ?? 0) + got.blob.size);
      const id = crypto.randomUUID();
      try {
        await deps.ensureRoom?.(got.blob.size);
        await putMedia(db, { id, blob: got.blob, contentType: got.blob.type, sourceUrl: url });
        result[field] = id;
      } catch (error) {
        failure = 'storage-full';
        result.error = isDiskFull(error) ? 'storage-full: the browser has no room left for media' : String(error);
      }
    }
    if (result.blobId) shown.done = Math.min(shown.total, shown.done + 1);
    const retry = failure && RETRIED.has(failure) && attempt.attempts < MAX_MEDIA_ATTEMPTS;
    const { leaseUntil: _, ...next } = attempt;
    await settlePendingMedia(db, item, result, retry ? next : undefined);
  }

  /** Downloads everything due, then schedules what is left. A call during a run makes one more run after it. */
  function run(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        const db = await deps.db();
        do {
          again = false;
          for (;;) {
            const due = await duePendingMedia(db, new Date(now()).toISOString());
            if (due.length === 0) break;
            for (const item of due) await downloadItem(db, item);
            // These ads' downloads have ended: the change that follows shows what they gave.
            active.clear();
            tell(true);
            deps.changed([...new Set(due.map((item) => item.adId))]);
          }
          const next = await nextPendingMediaAt(db);
          await deps.schedule?.(next ? Date.parse(next) : undefined);
        } while (again);
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  return {
    run,
    /** Each downloading ad's progress now. */
    progress: snapshot,
    /** Once per worker start: downloads a stopped worker left halfway are due again, then everything due runs. */
    async start(): Promise<void> {
      await releaseMediaLeases(await deps.db(), new Date(now()).toISOString());
      await run();
    },
  };
}
