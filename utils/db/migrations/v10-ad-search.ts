import type { IDBPDatabase } from 'idb';
import type { StoredAd } from '../../schemas/stored-records';
import { adSearchRow } from '../../swipe-file/ad-search-row';

/**
 * Version 10: the swipe file is answered a page at a time from indexes instead of every ad being sent
 * to the panel (10,000 ads: 30 s to the first card). `adSearch` holds one small derived row per live ad
 * (keyed [id, startedAt, endedAt]; see utils/swipe-file/ad-search-row.ts) with an index per filter,
 * a multi-entry index of normalised words for free text, and capture time for the default order.
 * Saved ads get `by-deleted-at`, so deleted ads past the undo window are purged without reading the rest.
 * Every saved ad is kept as it was; the rows are backfilled from them here.
 */
export async function toVersion10(
  db: IDBPDatabase<unknown>,
  tx: Parameters<typeof import('./index').upgradeDatabase>[3],
): Promise<void> {
  const search = db.createObjectStore('adSearch', { keyPath: ['id', 'start', 'end'] });
  search.createIndex('by-id', 'id', { unique: true });
  search.createIndex('by-captured', 'capturedAt');
  search.createIndex('by-library', 'library');
  search.createIndex('by-advertiser', 'advertiser');
  search.createIndex('by-advertiser-key', 'advertiserKey');
  search.createIndex('by-status', 'status');
  search.createIndex('by-tag', 'tags', { multiEntry: true });
  search.createIndex('by-board', 'boards', { multiEntry: true });
  search.createIndex('by-word', 'words', { multiEntry: true });
  const ads = tx.objectStore('adCaptures');
  ads.createIndex('by-deleted-at', 'deletedAt');
  const writes: Promise<unknown>[] = [];
  for (const ad of (await ads.getAll()) as StoredAd[]) {
    const row = adSearchRow(ad);
    if (row) writes.push(tx.objectStore('adSearch').put(row));
  }
  await Promise.all(writes);
}
