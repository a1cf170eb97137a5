/**
 * The log's postings, their pure half (version 13): for each month of the log ("block"), each word's entries
 * as a set of small integers ("slots"), so a search of several words intersects sets in memory, a month at a
 * time, instead of walking one word's index keys and checking the others on each (~40 µs a key in Chromium:
 * 700 ms at a million entries for two words never logged together).
 *
 * A block gives its entries slots in time order, growing out from the middle: an entry newer than every other
 * in its block takes the next slot above, one older than every other the next below, so slot order is time
 * order whichever end the log is written from. An entry that falls between (rare: a restore merged into a
 * live log) takes a slot above and is listed as late; a search reads the late ones' times.
 *
 * Besides its words, an entry is posted under each word's first one to four characters (`PREFIX_MARK` before
 * them): the word still being typed ("37", "شك") is one set however many words it begins.
 */
import { entryWords } from './log-words';

/** Before a prefix's characters in a posting key; sorts below every character a word can hold. */
export const PREFIX_MARK = '\u0001';
/** The longest prefix posted: longer ones are read as their words, or as this prefix and checked. */
export const PREFIX_POSTED = 4;
/** The first slot of an empty block: room for 2^24 entries each way. */
export const MIDDLE_SLOT = 2 ** 24;

/** The month an instant's entry is posted in. */
export const blockOf = (at: string): string => at.slice(0, 7);

/** The posting key of a prefix. */
export const prefixKey = (prefix: string): string => `${PREFIX_MARK}${prefix}`;

/** The keys an entry is posted under: its words and their prefixes. */
export function entryPostingKeys(words: Set<string>): string[] {
  const keys = new Set(words);
  for (const word of words) {
    const chars = [...word];
    for (let n = 1; n <= Math.min(PREFIX_POSTED, chars.length); n++) keys.add(prefixKey(chars.slice(0, n).join('')));
  }
  return [...keys];
}

export const postingKeysOf = (entry: Parameters<typeof entryWords>[0]) => entryPostingKeys(entryWords(entry));

/** A block's slots: [lo, hi) used; the oldest and newest entries' keys; slots out of time order. */
export interface LogBlock {
  block: string;
  lo: number;
  hi: number;
  oldest: [string, string];
  newest: [string, string];
  late: number[];
}

/**
 * One key's slots in one block: a sorted list while few, a bitmap once that is smaller (bit i of `bits` is
 * slot `from + i`, `from` a multiple of 32).
 */
export type Posting = { slots: number[] } | { from: number; bits: Uint32Array };

const before = (a: [string, string], b: [string, string]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

export const emptyBlock = (block: string): LogBlock => ({
  block,
  lo: MIDDLE_SLOT,
  hi: MIDDLE_SLOT,
  oldest: ['', ''],
  newest: ['', ''],
  late: [],
});

/**
 * Gives slots to entries of one block (changing `meta`): the newer than all ascending above, the older than
 * all descending below, the rest above as late. Returns each entry's slot, in the entries' order.
 */
export function assignSlots(meta: LogBlock, keys: [string, string][]): number[] {
  const slots = new Array<number>(keys.length);
  const order = keys.map((_, i) => i).sort((a, b) => (before(keys[a], keys[b]) ? -1 : before(keys[b], keys[a]) ? 1 : 0));
  if (meta.hi === meta.lo && order.length > 0) {
    // An empty block: the first entry (the oldest of these) sets both ends.
    const first = order[0];
    slots[first] = meta.hi++;
    meta.oldest = keys[first];
    meta.newest = keys[first];
    order.shift();
  }
  const older: number[] = [];
  for (const i of order) {
    if (!before(keys[i], meta.newest)) {
      slots[i] = meta.hi++;
      meta.newest = keys[i];
    } else if (before(keys[i], meta.oldest)) older.push(i);
    else {
      slots[i] = meta.hi++;
      meta.late.push(slots[i]);
    }
  }
  for (let k = older.length - 1; k >= 0; k--) {
    slots[older[k]] = --meta.lo;
    meta.oldest = keys[older[k]];
  }
  return slots;
}

/** The posting with `added` (slots of new entries) put in. */
export function addToPosting(posting: Posting | undefined, added: number[]): Posting {
  if (!posting || 'slots' in posting) {
    const slots = [...(posting?.slots ?? []), ...added].sort((a, b) => a - b);
    // A bitmap costs a bit per slot of the span, a list 32 bits (as an engine stores a number, more) a slot.
    const span = slots[slots.length - 1] - slots[0] + 1;
    if (slots.length < 64 || slots.length * 32 < span) return { slots };
    return addToPosting({ from: slots[0] - (slots[0] % 32), bits: new Uint32Array(0) }, slots);
  }
  let { from, bits } = posting;
  const min = Math.min(...added);
  const max = Math.max(...added);
  const end = from + bits.length * 32;
  if (min < from || max >= end || bits.length === 0) {
    // Grown with room for as many again each way it grows, so a block written one entry at a time copies rarely.
    const newFrom = min < from ? Math.max(0, min - (min % 32) - bits.length * 32) : from;
    const newEnd = max >= end ? max + 1 + bits.length * 32 : end;
    const grown = new Uint32Array(Math.ceil((newEnd - newFrom) / 32));
    grown.set(bits, (from - newFrom) / 32);
    from = newFrom;
    bits = grown;
  }
  for (const slot of added) bits[(slot - from) >>> 5] |= 1 << ((slot - from) & 31);
  return { from, bits };
}

/** A set of one block's slots in memory: bit i is slot `lo + i`. */
export type SlotSet = Uint32Array;

export const emptySet = (meta: LogBlock): SlotSet => new Uint32Array(Math.ceil((meta.hi - meta.lo) / 32));

/** ORs a stored posting into `set` (of the block `meta`). */
export function orInto(set: SlotSet, meta: LogBlock, posting: Posting | undefined): void {
  if (!posting) return;
  if ('slots' in posting) {
    for (const slot of posting.slots) {
      const i = slot - meta.lo;
      if (i >= 0 && slot < meta.hi) set[i >>> 5] |= 1 << (i & 31);
    }
    return;
  }
  const { from, bits } = posting;
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w];
    while (word !== 0) {
      const bit = 31 - Math.clz32(word);
      word &= ~(1 << bit);
      const i = from + w * 32 + bit - meta.lo;
      if (i >= 0 && i < meta.hi - meta.lo) set[i >>> 5] |= 1 << (i & 31);
    }
  }
}

/** `into` ∧= `other`, word by word. */
export function andInto(into: SlotSet, other: SlotSet): void {
  for (let w = 0; w < into.length; w++) into[w] &= other[w];
}

/** The slots in `set`, highest (newest) first. */
export function slotsDescending(set: SlotSet, meta: LogBlock): number[] {
  const slots: number[] = [];
  for (let w = set.length - 1; w >= 0; w--) {
    let word = set[w];
    while (word !== 0) {
      const bit = 31 - Math.clz32(word);
      word &= ~(1 << bit);
      slots.push(meta.lo + w * 32 + bit);
    }
  }
  return slots;
}
