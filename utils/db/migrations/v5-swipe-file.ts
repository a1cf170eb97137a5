import type { IDBPDatabase } from 'idb';

/**
 * Version 5: advertisers the marketer follows (for "new since your last visit"), and an index of
 * saved ads by advertiser key so a library page can be checked against them in one read.
 */
export function toVersion5(db: IDBPDatabase<unknown>, tx: Parameters<typeof import('./index').upgradeDatabase>[3]): void {
  db.createObjectStore('followedAdvertisers', { keyPath: 'key' });
  tx.objectStore('adCaptures').createIndex('by-advertiser-key', 'advertiserKey');
}
