import type { IDBPTransaction } from 'idb';
import { dayOf, entryWords, WORD_DAY_SEPARATOR, type WordTerm, wordsMatch } from '../activity/log-words';
import type { ActivityLogEntry } from '../schemas/activity-log';
import { readProgress } from './log-words-repo';
import type { DalilDatabase } from './open';
import type { DalilDB } from './schema';

/*
 * Free-text search over the whole log through the word index (utils/activity/log-words.ts), newest first.
 * The index key is `word\0day`, and within one key IndexedDB orders by the row's key [at, id], so the rows of
 * a word over some days are one key range. The log is walked in time windows from the newest end (6 hours,
 * then four times wider each time), and in each window:
 * - first, each word's rows over all time are read once, up to the cap: the words with fewer (most searches
 *   have one) are known whole, and their sets intersect to give the candidates;
 * - with no such word, the finished words read their rows for the window's days and intersect; a typed
 *   prefix more common than that ("a") is only checked on the entries, common enough that the newest
 *   windows hold matches;
 * - the entries not indexed yet (the backfill still running: everything after its mark) are read and checked.
 * Only the candidates of the window, newest first, are read, and each is checked against every word and
 * the other filters, until `limit` match.
 */

/** Rows read per word up front: a word with fewer is known whole. An object so tests can force the common-word paths. */
export const LOG_TEXT_SEARCH_TUNING = { termCap: 2_000 };
const FIRST_WINDOW_MS = 6 * 3_600_000;
const GROWTH = 4;
/** Candidates read per request batch: a page and some for those the other filters drop. */
const CHUNK = 64;

type ReadTx = IDBPTransaction<DalilDB, ('activityLog' | 'logWords')[], 'readonly'>;
type Key = [string, string];

const keyId = ([at, id]: Key) => `${at}\u0001${id}`;
const newestKeyFirst = (a: Key, b: Key) => (a[0] === b[0] ? (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0) : a[0] < b[0] ? 1 : -1);
const iso = (ms: number) => new Date(ms).toISOString();
/** Above every ISO instant. */
const END = '\uffff';

interface Search {
  tx: ReadTx;
  terms: WordTerm[];
  keep?: (entry: ActivityLogEntry) => boolean;
  /** Entries at or after this instant may be unindexed and are read instead; null: every entry is indexed. */
  scanFrom: string | null;
  /** The rows of each word that has fewer than the cap of them over all time. */
  complete: Key[][];
  /** Finished words with more rows than that: read a window's days at a time when no word is complete. */
  commonWords: WordTerm[];
  /** The word being typed has more rows than that: checked on the entries. */
  commonPrefix: boolean;
}

const rangeOf = (term: WordTerm, form: string) =>
  term.prefix
    ? IDBKeyRange.bound(form, `${form}\uffff`)
    : IDBKeyRange.bound(`${form}${WORD_DAY_SEPARATOR}`, `${form}${WORD_DAY_SEPARATOR}\uffff`);

/**
 * Reads each word's rows over all time, up to the cap: a rare word (most searches have one) is then known
 * whole, and drives the search; the common ones are checked on its candidates.
 */
async function start(db: DalilDatabase, terms: WordTerm[], keep?: (e: ActivityLogEntry) => boolean): Promise<Search> {
  const tx = db.transaction(['activityLog', 'logWords']) as ReadTx;
  const words = tx.objectStore('logWords');
  const progress = await readProgress(words);
  const scanFrom = progress?.done ? null : (progress?.upTo?.[0] ?? '');
  const search: Search = { tx, terms, keep, scanFrom, complete: [], commonWords: [], commonPrefix: false };
  const index = words.index('by-word');
  const read = await Promise.all(
    terms.map((term) =>
      Promise.all(term.forms.map((form) => index.getAllKeys(rangeOf(term, form), LOG_TEXT_SEARCH_TUNING.termCap))),
    ),
  );
  terms.forEach((term, i) => {
    if (read[i].every((keys) => keys.length < LOG_TEXT_SEARCH_TUNING.termCap)) search.complete.push(read[i].flat() as Key[]);
    else if (term.prefix) search.commonPrefix = true;
    else search.commonWords.push(term);
  });
  return search;
}

const matches = (s: Search, entry: ActivityLogEntry | undefined): entry is ActivityLogEntry =>
  entry !== undefined && wordsMatch(entryWords(entry), s.terms) && (s.keep?.(entry) ?? true);

/**
 * The keys in [lo, hi) that the words known whole all hold (or, with none, that the common finished words
 * all hold, read for the window's days), newest first; undefined when no word constrains (a common prefix alone).
 */
async function indexedCandidates(s: Search, lo: string, hi: string): Promise<Key[] | undefined> {
  const inWindow = (k: Key) => k[0] >= lo && k[0] < hi;
  let sets: Key[][];
  if (s.complete.length > 0) sets = s.complete.map((keys) => keys.filter(inWindow));
  else if (s.commonWords.length > 0) {
    const index = s.tx.objectStore('logWords').index('by-word');
    const lastDay = hi === END ? END : dayOf(iso(Date.parse(hi) - 1));
    sets = await Promise.all(
      s.commonWords.map(async (term) => {
        const read = await Promise.all(
          term.forms.map((form) =>
            index.getAllKeys(
              IDBKeyRange.bound(
                `${form}${WORD_DAY_SEPARATOR}${lo === '' ? '' : dayOf(lo)}`,
                `${form}${WORD_DAY_SEPARATOR}${lastDay}\uffff`,
              ),
            ),
          ),
        );
        return (read.flat() as Key[]).filter(inWindow);
      }),
    );
  } else return undefined;
  sets.sort((a, b) => a.length - b.length);
  let kept = new Map(sets[0].map((k) => [keyId(k), k]));
  for (const other of sets.slice(1)) {
    const ids = new Set(other.map(keyId));
    kept = new Map([...kept].filter(([id]) => ids.has(id)));
  }
  return [...kept.values()].sort(newestKeyFirst);
}

/** The entries in [lo, hi) that match, newest first, stopping once `wanted` are found. */
async function windowMatches(s: Search, lo: string, hi: string, wanted: number): Promise<ActivityLogEntry[]> {
  const log = s.tx.objectStore('activityLog');
  const found: ActivityLogEntry[] = [];
  // The part not indexed yet (newest, as the backfill goes oldest first): every entry read and checked.
  let indexedHi = hi;
  if (s.scanFrom !== null && hi > s.scanFrom) {
    const scanLo = lo > s.scanFrom ? lo : s.scanFrom;
    const range = hi === END ? IDBKeyRange.lowerBound(scanLo) : IDBKeyRange.bound(scanLo, hi, false, true);
    const read = await log.index('by-at').getAll(range);
    for (let i = read.length - 1; i >= 0; i--) if (matches(s, read[i])) found.push(read[i]);
    indexedHi = scanLo;
  }
  if (lo >= indexedHi || found.length >= wanted) return found;
  const candidates = await indexedCandidates(s, lo, indexedHi);
  if (!candidates) {
    // Only a very common prefix: read the window's entries and check them.
    const range = IDBKeyRange.bound(lo, indexedHi, false, true);
    const read = await log.index('by-at').getAll(range);
    for (let i = read.length - 1; i >= 0 && found.length < wanted; i--) if (matches(s, read[i])) found.push(read[i]);
    return found;
  }
  const seen = new Set(found.map((e) => e.id));
  for (let i = 0; i < candidates.length && found.length < wanted; i += CHUNK) {
    const chunk = candidates.slice(i, i + CHUNK).filter(([, id]) => !seen.has(id));
    const entries = await Promise.all(chunk.map(([, id]) => log.get(id)));
    for (const entry of entries) if (matches(s, entry) && found.length < wanted) found.push(entry);
  }
  return found;
}

/**
 * The newest `limit` entries in [from, to) whose words match `terms` and that `keep` accepts, newest first;
 * `more` when at least one further entry matches.
 */
export async function newestTextMatches(
  db: DalilDatabase,
  terms: WordTerm[],
  { from, to, limit, keep }: { from?: string; to?: string; limit: number; keep?: (e: ActivityLogEntry) => boolean },
): Promise<{ entries: ActivityLogEntry[]; more: boolean }> {
  const s = await start(db, terms, keep);
  const byAt = s.tx.objectStore('activityLog').index('by-at');
  const all = IDBKeyRange.bound(from ?? '', to ?? END, false, true);
  const [oldest, newest] = await Promise.all([byAt.openKeyCursor(all), byAt.openKeyCursor(all, 'prev')]);
  if (!oldest || !newest) return { entries: [], more: false };
  const bottom = from ?? '';
  const lowMs = Date.parse(String(oldest.key));
  let hi = to ?? END;
  let hiMs = Date.parse(String(newest.key)) + 1;
  let width = FIRST_WINDOW_MS;
  const found: ActivityLogEntry[] = [];
  for (;;) {
    const loMs = hiMs - width;
    const lo = loMs <= lowMs ? bottom : iso(loMs);
    found.push(...(await windowMatches(s, lo, hi, limit + 1 - found.length)));
    if (found.length > limit || lo === bottom) break;
    hi = lo;
    hiMs = loMs;
    width *= GROWTH;
  }
  return { entries: found.slice(0, limit), more: found.length > limit };
}

/** Every match in [from, to), newest first, as keys (entries are read only where a check needs them). */
export async function allTextMatches(
  db: DalilDatabase,
  terms: WordTerm[],
  { from, to, keep }: { from?: string; to?: string; keep?: (e: ActivityLogEntry) => boolean },
): Promise<{ count: number; newest: (limit: number) => Promise<ActivityLogEntry[]> }> {
  const s = await start(db, terms, keep);
  const lo = from ?? '';
  const hi = to ?? END;
  // Counted from the keys alone when the index answers every word; otherwise the candidates are read and checked.
  const exact = s.commonPrefix === false && (s.complete.length === 0 || s.commonWords.length === 0);
  if (!exact || keep || (s.scanFrom !== null && hi > s.scanFrom)) {
    const entries = await windowMatches(s, lo, hi, Number.POSITIVE_INFINITY);
    return { count: entries.length, newest: async (limit) => entries.slice(0, limit) };
  }
  const keys = (await indexedCandidates(s, lo, hi)) ?? [];
  return {
    count: keys.length,
    newest: async (limit) => {
      const log = db.transaction('activityLog').store;
      return (await Promise.all(keys.slice(0, limit).map(([, id]) => log.get(id)))).filter(
        (e): e is ActivityLogEntry => e !== undefined,
      );
    },
  };
}
