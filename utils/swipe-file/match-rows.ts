/**
 * The swipe file's filters and sort over search rows held in memory (the background's AdSearchCache): the
 * same ads in the same order as matchingAdKeys reads from adSearch's indexes, without reading 10,000 keys
 * from the database for every change of a filter (~150 ms in Chromium; this is a few ms).
 */
import { type AdSearchKey, type AdSearchRow, queryTerms } from './ad-search-row';
import type { SwipeFilter } from './swipe-filter';

/** by-captured read backwards: newest capture first, then the larger key (ids are unique), compared as IndexedDB compares strings. */
export function byNewestCapture(a: AdSearchRow, b: AdSearchRow): number {
  if (a.capturedAt !== b.capturedAt) return a.capturedAt < b.capturedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** What a row's checks need, worked out once per row held: its words on one line each, its run dates as times. */
interface Prepared {
  /** "\nword\nword…": a word begins with `form` when this holds "\n" + form (words hold no line breaks). */
  lines: string;
  start: number;
  /** NaN: still running (today ends it). */
  end: number;
}
const prepared = new WeakMap<AdSearchRow, Prepared>();
const DAY_MS = 86_400_000;
const dayTime = (day: string) => (day ? Date.parse(`${day}T00:00:00Z`) : Number.NaN);

function prepare(row: AdSearchRow): Prepared {
  let p = prepared.get(row);
  if (!p) {
    p = { lines: `\n${row.words.join('\n')}`, start: dayTime(row.start), end: row.end ? dayTime(row.end) : Number.NaN };
    // An end that is not a date leaves no days, as daysRunning says.
    if (row.end && Number.isNaN(p.end)) p.start = Number.NaN;
    prepared.set(row, p);
  }
  return p;
}

/** daysRunning of the row's dates (undefined: none), from its prepared times. */
function days(p: Prepared, todayMs: number): number | undefined {
  if (Number.isNaN(p.start)) return undefined;
  const end = Number.isNaN(p.end) ? todayMs : p.end;
  return Math.max(1, Math.floor((end - p.start) / DAY_MS) + 1);
}

/** The keys of the rows (already newest capture first) that match `filter`, in its sort order. */
export function matchRows(rows: readonly AdSearchRow[], filter: SwipeFilter, today = new Date()): AdSearchKey[] {
  const terms = queryTerms(filter.query).map((forms) => forms.map((form) => `\n${form}`));
  const from = filter.from || '';
  const to = `${filter.to || '9999-12-31'}\uffff`;
  const dated = Boolean(filter.from || filter.to);
  const todayMs = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const byDays = filter.sort === 'days';
  const keys: AdSearchKey[] = [];
  const daysOf: number[] = [];
  for (const row of rows) {
    if (filter.library !== 'all' && row.library !== filter.library) continue;
    if (filter.advertiser && row.advertiser !== filter.advertiser) continue;
    if (filter.active !== 'all' && row.status !== filter.active) continue;
    if (filter.tag && !row.tags.includes(filter.tag)) continue;
    if (filter.board && !row.boards.includes(filter.board)) continue;
    if (dated && (row.capturedAt < from || row.capturedAt > to)) continue;
    const p = terms.length > 0 || filter.minDays > 0 || byDays ? prepare(row) : undefined;
    // Every word of the query begins some word of the ad, under one of its forms (as the by-word ranges do).
    if (p && !terms.every((forms) => forms.some((form) => p.lines.includes(form)))) continue;
    const d = p && (filter.minDays > 0 || byDays) ? days(p, todayMs) : undefined;
    if (filter.minDays > 0 && (d ?? 0) < filter.minDays) continue;
    keys.push([row.id, row.start, row.end]);
    if (byDays) daysOf.push(d ?? -1);
  }
  if (!byDays) return keys;
  // Stable: ads running as long keep the newest capture first.
  const order = keys.map((_, i) => i).sort((a, b) => daysOf[b] - daysOf[a]);
  return order.map((i) => keys[i]);
}
