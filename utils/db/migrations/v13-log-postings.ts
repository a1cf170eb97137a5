import type { IDBPDatabase } from 'idb';

/**
 * Version 13: the log's postings (utils/activity/log-postings.ts), so a search of several words intersects
 * each month's sets in memory instead of walking one word's keys (700 ms at a million entries for two words
 * never logged together). Three derived stores: `logBlocks` (a month's slots), `logSlots` (a slot's entry)
 * and `logPostings` (a word's or prefix's slots in a month). They are written with each entry from here on;
 * the entries already logged are posted by the word index's backfill, which is started over (its rows and
 * progress cleared) as it writes both: a million entries cannot be posted inside the upgrade transaction.
 * Until it is done, searches read the entries not yet indexed one by one, as before version 11. Every log
 * entry is kept as it was.
 */
export async function toVersion13(
  db: IDBPDatabase<unknown>,
  tx: Parameters<typeof import('./index').upgradeDatabase>[3],
): Promise<void> {
  db.createObjectStore('logBlocks', { keyPath: 'block' });
  db.createObjectStore('logSlots');
  db.createObjectStore('logPostings');
  await tx.objectStore('logWords').clear();
}
