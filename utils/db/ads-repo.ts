import type { IDBPObjectStore, StoreNames } from 'idb';
import type { ActivityLogEntry } from '../schemas/activity-log';
import type { AdCapture } from '../schemas/ad-capture';
import type { PendingMedia } from '../schemas/stored-records';
import { adSearchRow } from '../swipe-file/ad-search-row';
import { advertiserKey } from '../swipe-file/days-running';
import { isRefusal, mediaRefusals } from '../swipe-file/media-policy';
import { LOG_STORES, putLogEntries } from './activity-log-repo';
import { followedSearchRow } from './list-search-rows';
import type { DalilDatabase } from './open';
import type { DalilDB, FollowedAdvertiser, MediaBlob, StoredAd } from './schema';

/** How long a deleted ad can still be brought back with Undo. */
export const UNDO_WINDOW_MS = 60_000;

/**
 * Saves ads in one transaction (100 ads: one ~2 ms transaction, not 100). An ad saved before keeps
 * the marketer's tags, boards, note and downloaded media; the library's fresh facts replace the rest.
 */
/** Ads remembered as seen per followed advertiser (for "new since your last visit"); the oldest go first. */
export const MAX_SEEN_AD_IDS = 5000;

/**
 * `queue`: the Save's id and time. Each media item still owed is queued in `pendingMedia` in the same
 * transaction (so a worker stopped before or during its download resumes it); an item the media policy
 * refuses (another host, plain http, past the item limit) is never queued and its reason is recorded.
 */
export async function saveAds(
  db: DalilDatabase,
  ads: AdCapture[],
  entry?: ActivityLogEntry,
  queue?: { saveId: string; now: string },
): Promise<StoredAd[]> {
  const tx = db.transaction(['adCaptures', 'adSearch', 'pendingMedia', ...LOG_STORES], 'readwrite');
  const saved = await Promise.all(
    ads.map((ad) =>
      mergeAd(
        tx.objectStore('adCaptures'),
        tx.objectStore('adSearch'),
        ad,
        queue && { ...queue, store: tx.objectStore('pendingMedia') },
      ),
    ),
  );
  await putLogEntries(tx, entry ? [entry] : []);
  await tx.done;
  return saved;
}

/** The adCaptures and pendingMedia stores of any readwrite transaction that holds them. */
type AdStore = IDBPObjectStore<DalilDB, ArrayLike<StoreNames<DalilDB>>, 'adCaptures', 'readwrite'>;
type PendingStore = IDBPObjectStore<DalilDB, ArrayLike<StoreNames<DalilDB>>, 'pendingMedia', 'readwrite'>;
export type SearchStore = IDBPObjectStore<DalilDB, ArrayLike<StoreNames<DalilDB>>, 'adSearch', 'readwrite'>;

/**
 * Keeps an ad's search row in step with the ad, in the transaction that writes the ad: every write of a
 * saved ad goes through here. The old row is deleted by its id alone (its run dates may have changed).
 */
export function writeSearchRow(store: SearchStore, ad: StoredAd): Promise<unknown> {
  const row = adSearchRow(ad);
  const old = store.delete(IDBKeyRange.bound([ad.id], [ad.id, []]));
  return row ? Promise.all([old, store.put(row)]) : old;
}

/** One ad merged over the one saved before (see saveAds); with `queue`, its missing media are queued. */
async function mergeAd(
  store: AdStore,
  search: SearchStore,
  ad: AdCapture,
  queue?: { saveId: string; now: string; store: PendingStore },
): Promise<StoredAd> {
  const existing = (await store.get(ad.id)) as StoredAd | undefined;
  const media = ad.media.map((m) => {
    const kept = existing?.media.find((old) => old.url === m.url || (old.posterUrl && old.posterUrl === m.posterUrl));
    return kept?.blobId ? { ...m, blobId: kept.blobId, posterBlobId: kept.posterBlobId } : m;
  });
  const refusals = mediaRefusals(ad);
  const mediaErrors = media.map((m, index) => (m.blobId ? '' : (refusals[index] ?? '')));
  if (queue) {
    // A Save again queues afresh what is still missing (the indexes may have moved).
    await queue.store.delete(IDBKeyRange.bound([ad.id, -Infinity], [ad.id, Infinity]));
    for (const [index, m] of media.entries()) {
      if (m.blobId || refusals[index]) continue;
      await queue.store.put({ adId: ad.id, index, saveId: queue.saveId, attempts: 0, nextAttemptAt: queue.now });
    }
  }
  const record: StoredAd = {
    ...existing,
    ...ad,
    media,
    tags: existing?.tags.length ? existing.tags : ad.tags,
    boards: existing?.boards.length ? existing.boards : ad.boards,
    note: existing?.note ?? ad.note,
    capturedAt: existing?.capturedAt ?? ad.capturedAt,
    advertiserKey: advertiserKey(ad),
    lastSeenAt: ad.capturedAt,
  };
  delete record.deletedAt;
  if (queue) {
    if (mediaErrors.some(Boolean)) record.mediaErrors = mediaErrors;
    else delete record.mediaErrors;
  }
  await Promise.all([store.put(record), writeSearchRow(search, record)]);
  return record;
}

/**
 * An import (a swipe-file export read back): its media and its ads in ONE transaction with the log
 * entry, so a write that fails half-way leaves nothing. The media must carry new ids (the caller
 * gives them), so an import never overwrites media already here.
 */
export async function importAdsWithMedia(
  db: DalilDatabase,
  ads: AdCapture[],
  media: MediaBlob[],
  entry?: ActivityLogEntry,
): Promise<void> {
  const tx = db.transaction(['adCaptures', 'adSearch', 'media', ...LOG_STORES], 'readwrite');
  const mediaStore = tx.objectStore('media');
  await Promise.all([
    ...media.map((m) => mediaStore.add(m)), // add, not put: an id already taken fails the whole import
    ...ads.map((ad) => mergeAd(tx.objectStore('adCaptures'), tx.objectStore('adSearch'), ad)),
    putLogEntries(tx, entry ? [entry] : []),
    tx.done,
  ]);
}

export async function putMedia(db: DalilDatabase, media: MediaBlob): Promise<void> {
  await db.put('media', media);
}

/** Media items due for download at `now` (their time has come), oldest first. */
export async function duePendingMedia(db: DalilDatabase, now: string): Promise<PendingMedia[]> {
  return db.getAllFromIndex('pendingMedia', 'by-next', IDBKeyRange.upperBound(now));
}

/** When the next queued item is due, if any is queued. */
export async function nextPendingMediaAt(db: DalilDatabase): Promise<string | undefined> {
  const cursor = await db.transaction('pendingMedia').store.index('by-next').openCursor();
  return cursor?.value.nextAttemptAt;
}

/** Writes a queued item as it now stands (an attempt starting, a retry later). */
export async function putPendingMedia(db: DalilDatabase, item: PendingMedia): Promise<void> {
  await db.put('pendingMedia', item);
}

/**
 * Called once when a worker starts: a lease left is a download the previous worker was stopped in
 * the middle of. It is due at once (its attempt stays counted, so an item that kills workers ends).
 */
export async function releaseMediaLeases(db: DalilDatabase, now: string): Promise<number> {
  const tx = db.transaction('pendingMedia', 'readwrite');
  let released = 0;
  for (const item of await tx.store.getAll()) {
    if (!item.leaseUntil) continue;
    delete item.leaseUntil;
    item.nextAttemptAt = now;
    await tx.store.put(item);
    released++;
  }
  await tx.done;
  return released;
}

/**
 * One queued item's outcome in one transaction: where its bytes were saved (or why not) on the ad,
 * and the queue entry deleted (`next` undefined) or rescheduled.
 */
export async function settlePendingMedia(
  db: DalilDatabase,
  item: Pick<PendingMedia, 'adId' | 'index'>,
  result: { blobId?: string; posterBlobId?: string; error?: string },
  next?: PendingMedia,
): Promise<void> {
  const tx = db.transaction(['adCaptures', 'pendingMedia'], 'readwrite');
  const ads = tx.objectStore('adCaptures');
  const ad = await ads.get(item.adId);
  if (ad?.media[item.index]) {
    applyMediaResult(ad, item.index, result);
    await ads.put(ad);
  }
  const queue = tx.objectStore('pendingMedia');
  await (next ? queue.put(next) : queue.delete([item.adId, item.index]));
  await tx.done;
}

/**
 * Retry media: queues again each item of these ads that has no saved bytes and failed (a refused
 * item stays refused; one already queued keeps its place). How many items were queued.
 */
export async function queueMediaRetry(db: DalilDatabase, adIds: string[], saveId: string, now: string): Promise<number> {
  const tx = db.transaction(['adCaptures', 'pendingMedia'], 'readwrite');
  const queue = tx.objectStore('pendingMedia');
  let queued = 0;
  for (const id of adIds) {
    const ad = await tx.objectStore('adCaptures').get(id);
    if (!ad || ad.deletedAt) continue;
    for (const [index, m] of ad.media.entries()) {
      const owed = !m.blobId || (m.posterUrl && !m.posterBlobId);
      const error = ad.mediaErrors?.[index];
      if (!owed || !error || isRefusal(error) || (await queue.get([id, index]))) continue;
      await queue.put({ adId: id, index, saveId, attempts: 0, nextAttemptAt: now });
      queued++;
    }
  }
  await tx.done;
  return queued;
}

function applyMediaResult(ad: StoredAd, index: number, result: { blobId?: string; posterBlobId?: string; error?: string }) {
  if (result.blobId) ad.media[index].blobId = result.blobId;
  if (result.posterBlobId) ad.media[index].posterBlobId = result.posterBlobId;
  const errors = ad.mediaErrors ?? [];
  errors[index] = result.error ?? '';
  // Holes (items never tried) read as saved: '' rather than null in the stored array.
  ad.mediaErrors = Array.from(errors, (e) => e ?? '');
  if (!ad.mediaErrors.some(Boolean)) delete ad.mediaErrors;
}

/** Records where one media item of an ad was saved (or why it was not), without touching the rest. */
export async function setMediaResult(
  db: DalilDatabase,
  adId: string,
  index: number,
  result: { blobId?: string; posterBlobId?: string; error?: string },
): Promise<void> {
  const tx = db.transaction('adCaptures', 'readwrite');
  const ad = await tx.store.get(adId);
  if (ad?.media[index]) {
    applyMediaResult(ad, index, result);
    await tx.store.put(ad);
  }
  await tx.done;
}

/** The whole swipe file: ads not deleted, newest capture first (tests and the fault suite; the panel reads pages). */
export async function listAds(db: DalilDatabase, now = Date.now()): Promise<StoredAd[]> {
  await purgeDeletedAds(db, now);
  const all = await db.getAllFromIndex('adCaptures', 'by-captured-at');
  return all.filter((ad) => !ad.deletedAt).reverse();
}

/** Deletes for good the ads deleted longer ago than the undo window (read by their index: no other ad is read). */
export async function purgeDeletedAds(db: DalilDatabase, now = Date.now()): Promise<number> {
  const before = new Date(now - UNDO_WINDOW_MS).toISOString();
  const expired = await db.getAllFromIndex('adCaptures', 'by-deleted-at', IDBKeyRange.upperBound(before, true));
  if (expired.length > 0) await purgeAds(db, expired);
  return expired.length;
}

async function purgeAds(db: DalilDatabase, ads: StoredAd[]): Promise<void> {
  const tx = db.transaction(['adCaptures', 'adSearch', 'media', 'pendingMedia'], 'readwrite');
  for (const ad of ads) {
    await tx.objectStore('adCaptures').delete(ad.id);
    await tx.objectStore('adSearch').delete(IDBKeyRange.bound([ad.id], [ad.id, []]));
    await tx.objectStore('pendingMedia').delete(IDBKeyRange.bound([ad.id, -Infinity], [ad.id, Infinity]));
    for (const m of ad.media) {
      if (m.blobId) await tx.objectStore('media').delete(m.blobId);
      if (m.posterBlobId) await tx.objectStore('media').delete(m.posterBlobId);
    }
  }
  await tx.done;
}

export async function setDeleted(db: DalilDatabase, ids: string[], deletedAt: string | undefined): Promise<number> {
  const tx = db.transaction(['adCaptures', 'adSearch'], 'readwrite');
  const store = tx.objectStore('adCaptures');
  // Requests queued together, not one awaited after the other: 500 ads in one round of the event loop.
  const changed = await Promise.all(
    ids.map(async (id) => {
      const ad = await store.get(id);
      if (!ad) return 0;
      if (deletedAt) ad.deletedAt = deletedAt;
      else delete ad.deletedAt;
      await Promise.all([store.put(ad), writeSearchRow(tx.objectStore('adSearch'), ad)]);
      return 1;
    }),
  );
  await tx.done;
  return changed.reduce<number>((a, b) => a + b, 0);
}

export async function updateAdNotes(
  db: DalilDatabase,
  id: string,
  fields: Pick<AdCapture, 'tags' | 'boards'> & { note?: string },
): Promise<StoredAd | undefined> {
  const tx = db.transaction(['adCaptures', 'adSearch'], 'readwrite');
  const store = tx.objectStore('adCaptures');
  const ad = await store.get(id);
  if (ad) {
    ad.tags = fields.tags;
    ad.boards = fields.boards;
    if (fields.note) ad.note = fields.note;
    else delete ad.note;
    await Promise.all([store.put(ad), writeSearchRow(tx.objectStore('adSearch'), ad)]);
  }
  await tx.done;
  return ad;
}

/**
 * What a library page shows, checked against the swipe file in one transaction: saved ads get
 * their fresh status and end date; for followed advertisers, ads not seen at the last visit are
 * "new", and this visit becomes the last one.
 */
export async function recordPageVisit(
  db: DalilDatabase,
  ads: AdCapture[],
  now: string,
): Promise<{ saved: string[]; newSince: string[]; followed: string[] }> {
  const tx = db.transaction(['adCaptures', 'adSearch', 'followedAdvertisers'], 'readwrite');
  const store = tx.objectStore('adCaptures');
  const followedStore = tx.objectStore('followedAdvertisers');
  const saved: string[] = [];
  const newSince: string[] = [];
  const followedKeys = new Set<string>();
  const byAdvertiser = new Map<string, AdCapture[]>();
  for (const ad of ads) {
    const existing = await store.get(ad.id);
    if (existing && !existing.deletedAt) {
      saved.push(ad.id);
      const refreshed: StoredAd = { ...existing, lastSeenAt: now };
      if (ad.active !== undefined) refreshed.active = ad.active;
      if (ad.endedAt) refreshed.endedAt = ad.endedAt;
      else if (ad.active) delete refreshed.endedAt;
      await Promise.all([store.put(refreshed), writeSearchRow(tx.objectStore('adSearch'), refreshed)]);
    }
    const key = advertiserKey(ad);
    if (key) byAdvertiser.set(key, [...(byAdvertiser.get(key) ?? []), ad]);
  }
  for (const [key, shown] of byAdvertiser) {
    const followed = await followedStore.get(key);
    if (!followed) continue;
    followedKeys.add(key);
    const seen = new Set(followed.seenAdIds);
    if (followed.lastVisitAt) for (const ad of shown) if (!seen.has(ad.id)) newSince.push(ad.id);
    const next: FollowedAdvertiser = {
      ...followed,
      lastVisitAt: now,
      // The newest MAX_SEEN_AD_IDS: a library page cannot grow one record without end.
      seenAdIds: [...new Set([...followed.seenAdIds, ...shown.map((a) => a.id)])].slice(-MAX_SEEN_AD_IDS),
    };
    await followedStore.put(next);
  }
  await tx.done;
  return { saved, newSince, followed: [...followedKeys] };
}

export async function setFollowed(
  db: DalilDatabase,
  advertiser: Omit<FollowedAdvertiser, 'seenAdIds' | 'followedAt'>,
  follow: boolean,
  now: string,
) {
  // The advertiser and its search row, in one transaction.
  const tx = db.transaction(['followedAdvertisers', 'followedSearch'], 'readwrite');
  const followed = tx.objectStore('followedAdvertisers');
  if (!follow) {
    await Promise.all([followed.delete(advertiser.key), tx.objectStore('followedSearch').delete(advertiser.key), tx.done]);
    return;
  }
  const record = (await followed.get(advertiser.key)) ?? { ...advertiser, followedAt: now, seenAdIds: [] };
  await Promise.all([followed.put(record), tx.objectStore('followedSearch').put(followedSearchRow(record)), tx.done]);
}
