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
import { ensureAdSearch } from './ads-bulk';
import type { DalilDatabase } from './open';

export interface AdSearchCache {
  /** Stores a readwrite transaction (or write shortcut) of the background's connection covers; 'all' for a new connection. */
  noteWrite(stores: readonly string[] | 'all'): void;
  /** Whether rows are held for the database as it is now. */
  held(): boolean;
  /** The live ads' rows, newest capture first: those held, or read now. */
  rows(db: DalilDatabase): Promise<readonly AdSearchRow[]>;
  /**
   * The counts check (ensureAdSearch), one at a time: at the worker's start and when the tab opens. The number of
   * rows it finds is kept for count() until the background next writes adSearch.
   */
  check(db: DalilDatabase): Promise<{ rebuilt: boolean; rows: number }>;
  /**
   * How many live rows there are, when known for the database as it is now (from a check, or the rows read), so
   * the tab's opening page need not wait for three counts (~40 ms at 10,000 ads in Chromium, each linear in the
   * store); undefined after a write, until the next check or read.
   */
  count(): number | undefined;
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
  let counted: { generation: number; rows: number } | undefined;
  let checking: Promise<{ rebuilt: boolean; rows: number }> | undefined;
  /** A count taken now is kept if no write of the background lands before it is known. */
  const countFrom = () => {
    const at = generation;
    return (rows: number) => {
      if (at === generation) counted = { generation: at, rows };
    };
  };
  return {
    noteWrite(stores) {
      if (stores !== 'all' && !stores.includes('adSearch')) return;
      generation++;
      current = undefined;
      counted = undefined;
    },
    held: () => current?.generation === generation,
    count: () => (counted?.generation === generation ? counted.rows : undefined),
    check(db) {
      if (!checking) {
        const note = countFrom();
        checking = ensureAdSearch(db)
          .then(async (result) => {
            if (!result.rebuilt) note(result.rows);
            // The rebuild's own writes dropped the count taken before it: counted again once they are done.
            else countFrom()(await db.count('adSearch'));
            return result;
          })
          .finally(() => {
            checking = undefined;
          });
      }
      return checking;
    },
    rows(db) {
      if (current?.generation === generation) return current.rows;
      const note = countFrom();
      const loading = readRows(db).then((rows) => {
        note(rows.length);
        return rows.sort(byNewestCapture);
      });
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
