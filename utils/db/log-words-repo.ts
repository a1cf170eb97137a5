import type { IDBPTransaction, StoreNames } from 'idb';
import { entryWordKeys, type LogWordsRow } from '../activity/log-words';
import type { ActivityLogEntry } from '../schemas/activity-log';
import { putLogPostings } from './log-postings-repo';
import type { DalilDatabase } from './open';
import type { DalilDB } from './schema';

/*
 * The log's word index (version 11) and postings (version 13), their writing half: a row per entry written
 * with the entry, and the backfill of entries logged before the index existed (or restored from a backup), oldest first, a batch
 * per transaction with its progress, so a worker stopped between batches resumes where it was.
 */

/** The log's derived search stores: its word index and postings, written together, cleared and rebuilt together. */
export const LOG_SEARCH_STORES = ['logWords', 'logBlocks', 'logSlots', 'logPostings'] as const;

/** The backfill's progress row: [at, id] = ['', ''], below every entry's key. */
export const PROGRESS_KEY: [string, string] = ['', ''];
/** An id above every real id: "the whole instant" in `upTo`. */
const WHOLE_INSTANT = '\uffff';
const BATCH = 2_000;

export type LogWordsProgress = Extract<LogWordsRow, { at: '' }>;

type AnyWriteTx = IDBPTransaction<DalilDB, ArrayLike<StoreNames<DalilDB>>, 'readwrite'>;

/**
 * Queues the index rows and postings of `entries` in the caller's transaction (which includes `logWords` and
 * the postings stores). `posted`: the entries already posted, whose rows are only written again.
 */
export function putLogWords(
  transaction: IDBPTransaction<DalilDB, ArrayLike<StoreNames<DalilDB>>, 'readwrite'> | AnyWriteTx,
  entries: ActivityLogEntry[],
  posted?: Set<string>,
): Promise<unknown>[] {
  const tx = transaction as AnyWriteTx;
  const store = tx.objectStore('logWords');
  return [
    ...entries.map((e) => store.put({ at: e.at, id: e.id, words: entryWordKeys(e) })),
    putLogPostings(tx, posted ? entries.filter((e) => !posted.has(e.id)) : entries),
  ];
}

/** Where the backfill is: undefined before it starts (every entry not written since may be unindexed). */
export async function readProgress(store: {
  get(key: [string, string]): Promise<LogWordsRow | undefined>;
}): Promise<LogWordsProgress | undefined> {
  return (await store.get(PROGRESS_KEY)) as LogWordsProgress | undefined;
}

const after = (e: ActivityLogEntry, [at, id]: [string, string]) => e.at > at || (e.at === at && e.id > id);

/**
 * Indexes the next batch of entries after the progress mark, and moves the mark, in one transaction.
 * Returns true when every entry is indexed.
 */
export async function backfillLogWordsBatch(db: DalilDatabase, size = BATCH): Promise<boolean> {
  const tx = db.transaction(['activityLog', ...LOG_SEARCH_STORES], 'readwrite');
  const words = tx.objectStore('logWords');
  const progress = await readProgress(words);
  if (progress?.done) {
    await tx.done;
    return true;
  }
  const byAt = tx.objectStore('activityLog').index('by-at');
  const upTo = progress?.upTo;
  const lower = upTo ? IDBKeyRange.lowerBound(upTo[0], upTo[1] === WHOLE_INSTANT) : null;
  const batch = await byAt.getAll(lower, size);
  let fresh = upTo ? batch.filter((e) => after(e, upTo)) : batch;
  let next: LogWordsProgress;
  if (batch.length < size) next = { at: '', id: '', done: true };
  else if (fresh.length === 0 && upTo) {
    // More entries at one instant than a batch holds: that instant whole, then past it.
    fresh = (await byAt.getAll(IDBKeyRange.only(upTo[0]))).filter((e) => after(e, upTo));
    next = { at: '', id: '', upTo: [upTo[0], WHOLE_INSTANT] };
  } else {
    const last = batch[batch.length - 1];
    next = { at: '', id: '', upTo: [last.at, last.id] };
  }
  // Entries logged since the backfill began were indexed and posted as they were written: posted once only.
  const written = await Promise.all(fresh.map((e) => words.getKey([e.at, e.id])));
  const posted = new Set(fresh.filter((_, i) => written[i] !== undefined).map((e) => e.id));
  await Promise.all([...putLogWords(tx, fresh, posted), words.put(next), tx.done]);
  return next.done === true;
}

const running = new WeakMap<DalilDatabase, Promise<void>>();

/**
 * Runs the backfill to its end, one batch per transaction; a second call while it runs joins it. Resumes
 * from the mark after a stopped worker; returns at once when the index is complete.
 */
export function backfillLogWords(db: DalilDatabase): Promise<void> {
  let run = running.get(db);
  if (!run) {
    run = (async () => {
      try {
        while (!(await backfillLogWordsBatch(db))) {
          // Yield between batches: the log's readers and writers go first.
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
      } finally {
        running.delete(db);
      }
    })();
    running.set(db, run);
  }
  return run;
}
