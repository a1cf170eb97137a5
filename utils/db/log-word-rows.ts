import type { IDBPIndex, IDBPObjectStore } from 'idb';
import { dayOf, WORD_DAY_SEPARATOR } from '../activity/log-words';
import type { DalilDB } from './schema';

/*
 * Rows of the log's word index read newest first, a step at a time: one word's (its `word\0day` keys walked
 * backwards: days from the last, and within a day IndexedDB orders by the row's key [at, id]), several
 * words' merged, or every row of the store (keyed [at, id]). Each step is one getAll with a direction where
 * the engine has it (Chromium since 141), otherwise a cursor.
 */

/** A row of `logWords` for one entry: its key and its `word\0day` keys (absent when only keys were read). */
export interface IndexRow {
  at: string;
  id: string;
  words?: string[];
}

/** How a source reads: `cursorOnly` as engines without getAll's direction do; `keysOnly` without the rows' words. */
export interface ReadMode {
  cursorOnly: boolean;
  keysOnly: boolean;
}

export interface RowSource {
  /** The next rows, newest first, at most `n` (fewer only at the end); they are consumed. */
  next(n: number): Promise<IndexRow[]>;
  /** The next `n` rows without consuming them. */
  peek(n: number): Promise<IndexRow[]>;
}

/** Above every ISO instant. */
const END = '\uffff';

export type WordIndex = IDBPIndex<DalilDB, ('activityLog' | 'logWords')[], 'logWords', 'by-word', 'readonly'>;
export type WordStore = IDBPObjectStore<DalilDB, ('activityLog' | 'logWords')[], 'logWords', 'readonly'>;

/** getAll with a direction and count (IDBGetAllOptions): Chromium 141 on, fake-indexeddb; not every engine. */
const getAllTakesDirection = () => typeof IDBIndex !== 'undefined' && 'getAllRecords' in IDBIndex.prototype;

const fromKey = (key: IDBValidKey): IndexRow => {
  const [at, id] = key as [string, string];
  return { at, id };
};

/**
 * The last `count` rows of `range`, newest first. Keys only, an index hands back the rows' keys from the
 * index itself; the rows themselves cost a look-up each in the engine.
 */
async function lastRows(
  source: WordIndex | WordStore,
  range: IDBKeyRange,
  count: number,
  { cursorOnly, keysOnly }: ReadMode,
): Promise<IndexRow[]> {
  if (!cursorOnly && getAllTakesDirection()) {
    type Read = (options: { query: IDBKeyRange; count: number; direction: IDBCursorDirection }) => Promise<unknown[]>;
    const options = { query: range, count, direction: 'prev' as const };
    if (!keysOnly) return (await (source.getAll as unknown as Read).call(source, options)) as IndexRow[];
    return (await (source.getAllKeys as unknown as Read).call(source, options)).map((key) => fromKey(key as IDBValidKey));
  }
  const rows: IndexRow[] = [];
  let cursor = await source.openCursor(range, 'prev');
  while (cursor && rows.length < count) {
    rows.push(keysOnly ? fromKey(cursor.primaryKey) : (cursor.value as IndexRow));
    if (rows.length < count) cursor = await cursor.continue();
  }
  return rows;
}

/** A source with a buffer: `fill` reads on until the buffer holds `n` rows or the source is at its end. */
abstract class Buffered implements RowSource {
  protected buffer: IndexRow[] = [];
  protected ended = false;
  protected abstract fill(n: number): Promise<void>;

  async peek(n: number): Promise<IndexRow[]> {
    if (this.buffer.length < n && !this.ended) await this.fill(n);
    return this.buffer.slice(0, n);
  }

  async next(n: number): Promise<IndexRow[]> {
    await this.peek(n);
    return this.buffer.splice(0, n);
  }
}

/** One word's rows in [lo, hi), newest first. */
class WordRows extends Buffered {
  private readonly lower: string;
  private upper: string;
  /** Rows of the key `upper` already read: a step goes on from there by reading them again and dropping them. */
  private readInUpper = 0;

  constructor(
    private readonly index: WordIndex,
    private readonly word: string,
    private readonly lo: string,
    private readonly hi: string,
    private readonly mode: ReadMode,
  ) {
    super();
    this.lower = `${word}${WORD_DAY_SEPARATOR}${lo === '' ? '' : dayOf(lo)}`;
    this.upper = `${word}${WORD_DAY_SEPARATOR}${hi === END ? END : dayOf(hi)}`;
  }

  protected async fill(n: number): Promise<void> {
    while (!this.ended && this.buffer.length < n) {
      const count = this.readInUpper + Math.max(n - this.buffer.length, 16);
      const rows = await lastRows(this.index, IDBKeyRange.bound(this.lower, this.upper), count, this.mode);
      if (rows.length < count) this.ended = true;
      const fresh = rows.slice(this.readInUpper);
      if (fresh.length > 0) {
        const lastDay = dayOf(fresh[fresh.length - 1].at);
        let inLastDay = 0;
        for (let i = rows.length - 1; i >= 0 && dayOf(rows[i].at) === lastDay; i--) inLastDay++;
        this.upper = `${this.word}${WORD_DAY_SEPARATOR}${lastDay}`;
        this.readInUpper = inLastDay;
      }
      for (const row of fresh) {
        if (row.at >= this.hi) continue;
        if (row.at < this.lo) {
          this.ended = true;
          break;
        }
        this.buffer.push(row);
      }
    }
  }
}

/** Every row of the store in [lo, hi), newest first. */
class LogRows extends Buffered {
  private upper: [string, string];
  private upperOpen = true;

  constructor(
    private readonly store: WordStore,
    private readonly lo: string,
    hi: string,
    private readonly mode: ReadMode,
  ) {
    super();
    this.upper = [hi, ''];
  }

  protected async fill(n: number): Promise<void> {
    while (!this.ended && this.buffer.length < n) {
      const count = Math.max(n - this.buffer.length, 64);
      const range = IDBKeyRange.bound([this.lo, ''], this.upper, false, this.upperOpen);
      const rows = await lastRows(this.store, range, count, this.mode);
      if (rows.length < count) this.ended = true;
      if (rows.length > 0) {
        const last = rows[rows.length - 1];
        this.upper = [last.at, last.id];
        this.upperOpen = true;
      }
      // The backfill's progress row (at '') is not an entry's.
      for (const row of rows) if (row.at !== '') this.buffer.push(row);
    }
  }
}

export const newerFirst = (a: IndexRow, b: IndexRow) =>
  a.at === b.at ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.at < b.at ? 1 : -1;

/** Several words' rows as one source, newest first, each entry once. */
class MergedRows extends Buffered {
  constructor(private readonly sources: RowSource[]) {
    super();
  }

  protected async fill(n: number): Promise<void> {
    while (this.buffer.length < n) {
      const need = n - this.buffer.length;
      // The newest `need` distinct rows of the union are among each source's newest `need`.
      const heads = await Promise.all(this.sources.map((s) => s.peek(need)));
      const all = heads.flat().sort(newerFirst);
      const taken: IndexRow[] = [];
      const ids = new Set<string>();
      for (const row of all) {
        if (taken.length === need) break;
        if (!ids.has(row.id)) {
          ids.add(row.id);
          taken.push(row);
        }
      }
      if (taken.length === 0) {
        this.ended = true;
        return;
      }
      const last = taken[taken.length - 1];
      await Promise.all(heads.map((rows, i) => this.sources[i].next(rows.filter((row) => newerFirst(row, last) <= 0).length)));
      this.buffer.push(...taken);
    }
  }
}

export function rowsOfWord(index: WordIndex, word: string, lo: string, hi: string, mode: ReadMode): RowSource {
  return new WordRows(index, word, lo, hi, mode);
}

export function rowsOfLog(store: WordStore, lo: string, hi: string, mode: ReadMode): RowSource {
  return new LogRows(store, lo, hi, mode);
}

/** Rows already read, newest first. */
class RowsInMemory extends Buffered {
  constructor(rows: IndexRow[]) {
    super();
    this.buffer = rows;
    this.ended = true;
  }
  protected async fill(): Promise<void> {}
}

export function rowsInMemory(rows: IndexRow[]): RowSource {
  return new RowsInMemory(rows);
}

export function mergeNewestFirst(sources: RowSource[]): RowSource {
  return new MergedRows(sources);
}

/**
 * The distinct words of the index that begin with `form`, up to `max` (undefined when there are more):
 * one cursor step per word, each jumping past the word's days.
 */
export async function wordsBeginning(index: WordIndex, form: string, max: number): Promise<string[] | undefined> {
  const words: string[] = [];
  let cursor = await index.openKeyCursor(IDBKeyRange.bound(form, `${form}\uffff`));
  while (cursor) {
    const key = String(cursor.key);
    const cut = key.indexOf(WORD_DAY_SEPARATOR);
    const word = cut < 0 ? key : key.slice(0, cut);
    if (words.length === max) return undefined;
    words.push(word);
    cursor = await cursor.continue(`${word}${WORD_DAY_SEPARATOR}\uffff`);
  }
  return words;
}
