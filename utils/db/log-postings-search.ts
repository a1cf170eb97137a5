import type { IDBPTransaction } from 'idb';
import {
  andInto,
  blockOf,
  emptySet,
  type LogBlock,
  orInto,
  PREFIX_POSTED,
  prefixKey,
  type SlotSet,
  slotsDescending,
} from '../activity/log-postings';
import { entryWords, type WordTerm, wordsMatch } from '../activity/log-words';
import type { ActivityLogEntry } from '../schemas/activity-log';
import { newerFirst, type WordIndex, wordsBeginning } from './log-word-rows';
import type { LOG_SEARCH_STORES } from './log-words-repo';
import type { DalilDB } from './schema';

/*
 * A search of several words through the log's postings (utils/activity/log-postings.ts), newest first: month
 * by month from the newest, each term's posting read once (a typed prefix: its prefix posting, or the few
 * words it begins), intersected in memory, and only the matching slots' entries read. Two words never logged
 * together cost a posting read per word per month, however common they are.
 */

export type PostingsTx = IDBPTransaction<DalilDB, ('activityLog' | (typeof LOG_SEARCH_STORES)[number])[], 'readonly'>;

/** Above every ISO instant. */
const END = '\uffff';

/** A term's posting keys (any of them matches) and whether its matches are only candidates to check. */
interface TermKeys {
  keys: string[];
  check: boolean;
}

async function termKeys(index: WordIndex, term: WordTerm, prefixWords: number): Promise<TermKeys> {
  // A finished word with the article ([الحمله, حمله]): its stem's posting holds every entry holding it.
  if (!term.prefix) return { keys: term.forms.slice(-1), check: false };
  const keys: string[] = [];
  let check = false;
  for (const form of term.forms) {
    const chars = [...form];
    if (chars.length <= PREFIX_POSTED) {
      keys.push(prefixKey(form));
      continue;
    }
    const begun = await wordsBeginning(index, form, prefixWords);
    if (begun) keys.push(...begun);
    else {
      // Many words begin it ("424242…"): its first characters' posting, each match checked on its entry.
      keys.push(prefixKey(chars.slice(0, PREFIX_POSTED).join('')));
      check = true;
    }
  }
  return { keys, check };
}

/** The slots of `meta`'s block holding every term. */
async function matchingSlots(tx: PostingsTx, meta: LogBlock, terms: TermKeys[]): Promise<SlotSet> {
  const store = tx.objectStore('logPostings');
  const sets = await Promise.all(
    terms.map(async ({ keys }) => {
      const set = emptySet(meta);
      for (const posting of await Promise.all(keys.map((key) => store.get([key, meta.block])))) orInto(set, meta, posting);
      return set;
    }),
  );
  for (let i = 1; i < sets.length; i++) andInto(sets[0], sets[i]);
  return sets[0];
}

type Key = [string, string];
const asRow = ([at, id]: Key) => ({ at, id });

/**
 * The matches' keys in one block, newest first, in chunks of about `size` (a late slot's key is read first,
 * then merged where its time puts it).
 */
async function* keysNewestFirst(tx: PostingsTx, meta: LogBlock, slots: number[], size: () => number): AsyncGenerator<Key[]> {
  const store = tx.objectStore('logSlots');
  const lateSlots = new Set(meta.late);
  const late = (await Promise.all(slots.filter((s) => lateSlots.has(s)).map((s) => store.get([meta.block, s]))))
    .filter((key) => key !== undefined)
    .sort((a, b) => newerFirst(asRow(a), asRow(b)));
  const inOrder = lateSlots.size === 0 ? slots : slots.filter((s) => !lateSlots.has(s));
  let l = 0;
  for (let i = 0; i < inOrder.length; ) {
    const chunk = inOrder.slice(i, i + size());
    i += chunk.length;
    const keys = (await Promise.all(chunk.map((s) => store.get([meta.block, s])))).filter((key) => key !== undefined);
    const merged: Key[] = [];
    for (const key of keys) {
      while (l < late.length && newerFirst(asRow(late[l]), asRow(key)) < 0) merged.push(late[l++]);
      merged.push(key);
    }
    yield merged;
  }
  if (l < late.length) yield late.slice(l);
}

/**
 * The newest `wanted` entries in [lo, hi) holding every term and accepted by `keep`, and how many were found
 * (at most `wanted`). A typed prefix longer than the posted ones is read as its words when it begins at most
 * `prefixWords` of them. A count (`readEntries` false) reads no entry unless a check needs it, and counts a
 * month wholly inside the range without reading its slots.
 */
export async function postingsMatches(
  tx: PostingsTx,
  terms: WordTerm[],
  lo: string,
  hi: string,
  wanted: number,
  keep: ((e: ActivityLogEntry) => boolean) | undefined,
  readEntries: boolean,
  prefixWords: number,
): Promise<{ entries: ActivityLogEntry[]; count: number }> {
  const index = tx.objectStore('logWords').index('by-word');
  const plans = await Promise.all(terms.map((term) => termKeys(index, term, prefixWords)));
  const toCheck = terms.filter((_, i) => plans[i].check);
  const entriesNeeded = readEntries || keep !== undefined || toCheck.length > 0;
  const blocks = await tx
    .objectStore('logBlocks')
    .getAll(IDBKeyRange.bound(lo === '' ? '' : blockOf(lo), hi === END ? END : blockOf(hi)));
  const log = tx.objectStore('activityLog');
  const entries: ActivityLogEntry[] = [];
  const seen = new Set<string>();
  let count = 0;
  for (let b = blocks.length - 1; b >= 0 && count < wanted; b--) {
    const meta = blocks[b];
    if (meta.hi === meta.lo) continue;
    const slots = slotsDescending(await matchingSlots(tx, meta, plans), meta);
    if (slots.length === 0) continue;
    const whole = meta.oldest[0] >= lo && meta.newest[0] < hi;
    if (!entriesNeeded && whole) {
      count += Math.min(slots.length, wanted - count);
      continue;
    }
    // Without other filters, about as many as are still wanted; with them, in steps.
    const size = () => (keep || toCheck.length > 0 ? 64 : Math.max(wanted - count, 1));
    for await (const keys of keysNewestFirst(tx, meta, slots, size)) {
      const inRange = keys.filter(([at, id]) => at >= lo && at < hi && !seen.has(id));
      for (const [, id] of inRange) seen.add(id);
      if (!entriesNeeded) {
        count += Math.min(inRange.length, wanted - count);
      } else {
        for (const entry of await Promise.all(inRange.map(([, id]) => log.get(id)))) {
          if (count === wanted) break;
          if (!entry || !(keep?.(entry) ?? true)) continue;
          if (toCheck.length > 0 && !wordsMatch(entryWords(entry), toCheck)) continue;
          count++;
          entries.push(entry);
        }
      }
      if (count >= wanted) break;
    }
  }
  return { entries, count };
}
