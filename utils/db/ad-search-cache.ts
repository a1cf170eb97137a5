/**
 * The swipe file's search rows held in the background's memory, so a change of filter, sort or search text
 * over 10,000 ads is answered in a few ms, not by reading every key of an index again (~150 ms in Chromium).
 * The rows are derived data read once (one getAll) and dropped whenever the background's connection writes
 * adSearch (connection.ts tells noteWrite of every readwrite transaction), or a new connection is opened.
 * Writes made around the background (a page writing the database itself) are found by the counts check of
 * swipe-file-handlers.ts, whose rebuild is such a write.
 */
import type { AdSearchRow } from '../swipe-file/ad-search-row';
import { byNewestCapture } from '../swipe-file/match-rows';
import type { DalilDatabase } from './open';

export interface AdSearchCache {
  /** Stores a readwrite transaction (or write shortcut) of the background's connection covers; 'all' for a new connection. */
  noteWrite(stores: readonly string[] | 'all'): void;
  /** Whether rows are held for the database as it is now. */
  held(): boolean;
  /** The live ads' rows, newest capture first: those held, or read now. */
  rows(db: DalilDatabase): Promise<readonly AdSearchRow[]>;
}

/** Rows per read: the database answers the panel's other reads (a page, its media) between them. */
const CHUNK = 1000;

/** Every row, read a chunk at a time in key order (one getAll of 10,000 holds the database ~220 ms). */
async function readRows(db: DalilDatabase): Promise<AdSearchRow[]> {
  const rows: AdSearchRow[] = [];
  for (;;) {
    const last = rows.at(-1);
    const chunk = await db.getAll('adSearch', last && IDBKeyRange.lowerBound([last.id, last.start, last.end], true), CHUNK);
    rows.push(...chunk);
    if (chunk.length < CHUNK) return rows;
  }
}

export function adSearchCache(): AdSearchCache {
  let generation = 0;
  let current: { generation: number; rows: Promise<AdSearchRow[]> } | undefined;
  return {
    noteWrite(stores) {
      if (stores !== 'all' && !stores.includes('adSearch')) return;
      generation++;
      current = undefined;
    },
    held: () => current?.generation === generation,
    rows(db) {
      if (current?.generation === generation) return current.rows;
      const loading = readRows(db).then((rows) => rows.sort(byNewestCapture));
      const entry = { generation, rows: loading };
      current = entry;
      // A failed read is not kept: the next page reads again.
      loading.catch(() => {
        if (current === entry) current = undefined;
      });
      return loading;
    },
  };
}
