import type { IDBPDatabase } from 'idb';

/** Version 3: the activity log, the swipe file of captured ads, and their media blobs. */
export function toVersion3(db: IDBPDatabase<unknown>): void {
  const log = db.createObjectStore('activityLog', { keyPath: 'id' });
  log.createIndex('by-at', 'at');
  const ads = db.createObjectStore('adCaptures', { keyPath: 'id' });
  ads.createIndex('by-library-ad', ['library', 'libraryAdId'], { unique: true });
  ads.createIndex('by-captured-at', 'capturedAt');
  ads.createIndex('by-advertiser', 'advertiserName');
  db.createObjectStore('media', { keyPath: 'id' });
}
