import { entryWords, WORD_DAY_SEPARATOR, type WordTerm, wordsMatch } from '../activity/log-words';
import type { ActivityLogEntry } from '../schemas/activity-log';
import { type PostingsTx, postingsMatches } from './log-postings-search';
import {
  type IndexRow,
  mergeNewestFirst,
  newerFirst,
  type ReadMode,
  type RowSource,
  rowsInMemory,
  rowsOfLog,
  rowsOfWord,
  type WordIndex,
  wordsBeginning,
} from './log-word-rows';
import { LOG_SEARCH_STORES, readProgress } from './log-words-repo';
import type { DalilDatabase } from './open';

/*
 * Free-text search over the whole log through the word index (utils/activity/log-words.ts), newest first,
 * touching about as many index rows as it takes to find the page, whatever the log's size.
 *
 * Several words are answered by the log's postings (utils/db/log-postings-search.ts: each month's sets
 * intersected in memory). One word walks the index:
 *
 * The index key is `word\0day` and, within one key, IndexedDB orders by the row's key [at, id]: walked
 * backwards, one word's range is that word's entries newest first. So:
 * - the word's rows are walked newest first (a typed prefix that begins only a few words walks those words'
 *   ranges, merged), and the entry is read for each row;
 * - a typed prefix that begins many words (one letter, digits) has its keys read whole when they are few,
 *   or is checked on the rows of the whole log walked newest first (common enough to be found near the end);
 * - the entries not indexed yet (the backfill still running: everything at or after its mark) are read
 *   and checked first, as they are the newest.
 */

/** Reads sized for the common case; an object so tests can force the paths a large log takes. */
export const LOG_TEXT_SEARCH_TUNING = {
  /** Distinct words a typed prefix may begin and still drive the search by those words' ranges. */
  prefixWords: 8,
  /**
   * Keys of a prefix beginning more words than that, read whole (to drive, or check by id) when there are
   * fewer. Small: in Chromium a key read from an index seems to cost about what a row does ('advertiser 37'
   * at 1,000,000 took ~300 ms with either word driving, and both read the 15,700 keys of "37"), so a larger
   * prefix is checked on the other word's rows instead.
   */
  prefixKeys: 1_000,
  /** Rows read per step of a walk, growing fourfold from the first up to the largest. */
  firstStep: 64,
  largestStep: 4_096,
  /** Reverse reads with a cursor even where getAll takes a direction (as in browsers without it). */
  cursorReads: false,
};

type ReadTx = PostingsTx;

/** Above every ISO instant. */
const END = '\uffff';

interface Bounds {
  from?: string;
  to?: string;
  keep?: (e: ActivityLogEntry) => boolean;
}

/** What is known of one term of the query before the walk. */
interface TermPlan {
  term: WordTerm;
  /** The term's rows newest first, read in `mode`; absent for a prefix beginning too many words and rows. */
  rows?: (mode: ReadMode) => RowSource;
}

/** A term's plan: its words' ranges (a typed prefix: the words it begins), or its keys read whole. */
async function planTerm(tx: ReadTx, term: WordTerm, lo: string, hi: string): Promise<TermPlan> {
  const index = tx.objectStore('logWords').index('by-word');
  const words = new Set<string>();
  // A finished word with the article ([الحمله, حمله]) is found by its stem alone: an entry holding the
  // word holds its stem too (entryWords gives both), so the stem's range holds every match, once.
  const forms = term.prefix ? term.forms : term.forms.slice(-1);
  for (const form of forms) {
    if (!term.prefix) words.add(form);
    else {
      const begun = await wordsBeginning(index, form, LOG_TEXT_SEARCH_TUNING.prefixWords);
      if (!begun) return prefixKeys(index, term, lo, hi);
      for (const word of begun) words.add(word);
    }
  }
  return {
    term,
    rows: (mode) => {
      const sources = [...words].map((word) => rowsOfWord(index, word, lo, hi, mode));
      return sources.length === 1 ? sources[0] : mergeNewestFirst(sources);
    },
  };
}

/**
 * A prefix that begins many words (digits: "4242" begins 42420 … 42429 and more): its keys read whole, in
 * index order (keys only: no row is looked up), sorted newest first, when they are fewer than the cap;
 * otherwise it is checked on the rows of the whole log.
 */
async function prefixKeys(index: WordIndex, term: WordTerm, lo: string, hi: string): Promise<TermPlan> {
  const cap = LOG_TEXT_SEARCH_TUNING.prefixKeys;
  const read = await Promise.all(term.forms.map((form) => index.getAllKeys(IDBKeyRange.bound(form, `${form}\uffff`), cap)));
  if (read.some((keys) => keys.length >= cap)) return { term };
  const byId = new Map<string, IndexRow>();
  for (const key of read.flat()) {
    const [at, id] = key as [string, string];
    if (at >= lo && at < hi) byId.set(id, { at, id });
  }
  const rows = [...byId.values()].sort(newerFirst);
  return { term, rows: () => rowsInMemory(rows) };
}

interface Walk {
  source: RowSource;
  /** The term checked on each row's words, when the rows are the whole log's, not the term's own. */
  check?: WordTerm;
}

/**
 * What drives the walk over [lo, hi) for one term: its rows, or (a typed prefix beginning too many words and
 * rows) the whole log's rows, the term checked on each. Several terms are answered by their postings.
 */
async function planWalk(tx: ReadTx, term: WordTerm, lo: string, hi: string): Promise<Walk> {
  const plan = await planTerm(tx, term, lo, hi);
  const cursorOnly = LOG_TEXT_SEARCH_TUNING.cursorReads;
  if (plan.rows) return { source: plan.rows({ cursorOnly, keysOnly: true }) };
  return { source: rowsOfLog(tx.objectStore('logWords'), lo, hi, { cursorOnly, keysOnly: false }), check: term };
}

/** The row's words without their day: the same set entryWords gives for its entry. */
function rowWords(row: IndexRow): Set<string> {
  const words = new Set<string>();
  for (const key of row.words ?? []) {
    const cut = key.indexOf(WORD_DAY_SEPARATOR);
    words.add(cut < 0 ? key : key.slice(0, cut));
  }
  return words;
}

/**
 * Walks the rows newest first and reads the entries whose rows match the term, until `wanted` are kept.
 * A count (`readEntries` false) reads no entry unless the other filters need it.
 */
async function walk(
  tx: ReadTx,
  { source, check }: Walk,
  wanted: number,
  keep: ((e: ActivityLogEntry) => boolean) | undefined,
  readEntries: boolean,
): Promise<{ entries: ActivityLogEntry[]; keys: IndexRow[] }> {
  const log = tx.objectStore('activityLog');
  const entries: ActivityLogEntry[] = [];
  const keys: IndexRow[] = [];
  let step = LOG_TEXT_SEARCH_TUNING.firstStep;
  while (keys.length < wanted) {
    const rows = await source.next(step);
    if (rows.length === 0) break;
    step = Math.min(step * 4, LOG_TEXT_SEARCH_TUNING.largestStep);
    const matching = check ? rows.filter((row) => wordsMatch(rowWords(row), [check])) : rows;
    if (!keep && !readEntries) {
      for (const row of matching) if (keys.length < wanted) keys.push(row);
      continue;
    }
    // The entries in chunks, newest first: without other filters only as many as still wanted.
    for (let i = 0; i < matching.length && keys.length < wanted; ) {
      const size = keep ? 64 : wanted - keys.length;
      const chunk = matching.slice(i, i + size);
      i += size;
      const read = await Promise.all(chunk.map((row) => log.get(row.id)));
      read.forEach((entry, k) => {
        if (entry && (keep?.(entry) ?? true) && keys.length < wanted) {
          keys.push(chunk[k]);
          entries.push(entry);
        }
      });
    }
  }
  return { entries, keys };
}

/** Where the unindexed part begins (the backfill's mark), or null when every entry is indexed. */
async function unindexedFrom(tx: ReadTx): Promise<string | null> {
  const progress = await readProgress(tx.objectStore('logWords'));
  return progress?.done ? null : (progress?.upTo?.[0] ?? '');
}

/** The entries of [lo, hi) read and checked one by one (the part the backfill has not reached), newest first. */
async function scanned(tx: ReadTx, terms: WordTerm[], lo: string, hi: string, keep: Bounds['keep']): Promise<ActivityLogEntry[]> {
  const range = hi === END ? IDBKeyRange.lowerBound(lo) : IDBKeyRange.bound(lo, hi, false, true);
  const read = await tx.objectStore('activityLog').index('by-at').getAll(range);
  const found: ActivityLogEntry[] = [];
  for (let i = read.length - 1; i >= 0; i--) {
    const e = read[i];
    if (wordsMatch(entryWords(e), terms) && (keep?.(e) ?? true)) found.push(e);
  }
  return found;
}

async function search(
  db: DalilDatabase,
  terms: WordTerm[],
  { from, to, keep }: Bounds,
  wanted: number,
  readEntries: boolean,
): Promise<{ entries: ActivityLogEntry[]; count: number }> {
  const tx = db.transaction(['activityLog', ...LOG_SEARCH_STORES]);
  const lo = from ?? '';
  let hi = to ?? END;
  const scanFrom = await unindexedFrom(tx);
  let entries: ActivityLogEntry[] = [];
  let count = 0;
  if (scanFrom !== null && hi > scanFrom) {
    // ISO strings: the later of the two instants.
    let scanLo = scanFrom;
    if (lo > scanFrom) scanLo = lo;
    entries = await scanned(tx, terms, scanLo, hi, keep);
    count = entries.length;
    hi = scanLo;
  }
  if (lo >= hi || count >= wanted) return { entries: entries.slice(0, wanted), count: Math.min(count, wanted) };
  // Several words: their postings intersected a month at a time (one word's own keys are walked as fast).
  if (terms.length > 1) {
    const found = await postingsMatches(tx, terms, lo, hi, wanted - count, keep, readEntries, LOG_TEXT_SEARCH_TUNING.prefixWords);
    return { entries: [...entries, ...found.entries], count: count + found.count };
  }
  const walked = await walk(tx, await planWalk(tx, terms[0], lo, hi), wanted - count, keep, readEntries);
  return { entries: [...entries, ...walked.entries], count: count + walked.keys.length };
}

/**
 * The newest `limit` entries in [from, to) whose words match `terms` and that `keep` accepts, newest first;
 * `more` when at least one further entry matches.
 */
export async function newestTextMatches(
  db: DalilDatabase,
  terms: WordTerm[],
  { limit, ...bounds }: Bounds & { limit: number },
): Promise<{ entries: ActivityLogEntry[]; more: boolean }> {
  const { entries } = await search(db, terms, bounds, limit + 1, true);
  return { entries: entries.slice(0, limit), more: entries.length > limit };
}

/** How many entries match, and the newest of them (entries are read only where a check needs them). */
export async function allTextMatches(
  db: DalilDatabase,
  terms: WordTerm[],
  bounds: Bounds,
  countUpTo = Number.POSITIVE_INFINITY,
): Promise<{ count: number; newest: (limit: number) => Promise<ActivityLogEntry[]> }> {
  const { count } = await search(db, terms, bounds, countUpTo, false);
  return {
    count,
    newest: async (limit) => (count === 0 ? [] : (await search(db, terms, bounds, limit, true)).entries),
  };
}
