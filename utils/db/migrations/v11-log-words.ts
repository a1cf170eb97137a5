import type { IDBPDatabase } from 'idb';

/**
 * Version 11: the log's word index (utils/activity/log-words.ts, utils/db/log-words-repo.ts), so free-text
 * search reads the entries that hold the words instead of every entry (2.7 s at 100,000). `logWords` holds
 * one derived row per entry, keyed [at, id], with a multi-entry index of `word\0day` keys. The store starts
 * empty: a million entries cannot be indexed inside the upgrade transaction without holding the database
 * closed for minutes, so the background backfills it after, oldest first, in batches that each commit with
 * their progress (a stopped worker resumes where the last batch ended). Until it is done, searches read the
 * entries not yet indexed as before. Every log entry is kept as it was.
 */
export function toVersion11(db: IDBPDatabase<unknown>): void {
  const words = db.createObjectStore('logWords', { keyPath: ['at', 'id'] });
  words.createIndex('by-word', 'words', { multiEntry: true });
}
