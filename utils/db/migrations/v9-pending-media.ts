import type { IDBPDatabase } from 'idb';

/**
 * Version 9: media a saved ad is still owed, one record per item keyed [adId, index], written in the
 * same transaction as the ad so a worker stopped mid-download resumes it (by-next: due first).
 * Ads saved before version 9 owe nothing here: a failed item of theirs is queued again by Retry media.
 */
export function toVersion9(db: IDBPDatabase<unknown>): void {
  db.createObjectStore('pendingMedia', { keyPath: ['adId', 'index'] }).createIndex('by-next', 'nextAttemptAt');
}
