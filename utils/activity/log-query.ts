import type { IDBPIndex } from 'idb';
import type { DalilDatabase } from '../db/open';
import type { DalilDB } from '../db/schema';
import type { ActivityKind, ActivityLogEntry } from '../schemas/activity-log';
import { ActivityKindSchema } from '../schemas/activity-log';
import { normalizeForSearch } from '../search/normalize';
import type { LogPage, LogQuery, LogStats } from './log-types';

/*
 * The Log tab's reads. Every query walks one index over a key range, never the whole log:
 * - a template      → `by-template-at` ([details.templateId, at]);
 * - one or a few kinds → `by-kind-at` ([kind, at]), one range per kind, merged newest first;
 * - otherwise       → `by-at`.
 * Without filters the index cannot answer (platform, actor, text, or kinds beside a template), the total
 * is `count()` on the range and the page is a `prev` cursor stopped at `limit`. With them, the range is
 * read in one `getAll` (one request, not one per entry) and filtered here.
 *
 * Times are compared as ISO strings, as the index stores them: entries are written with
 * `Date.toISOString()` (UTC, `Z`), and the query's bounds are turned into the same form first.
 */

type Index = 'by-at' | 'by-kind-at' | 'by-template-at';
type Key = string | [string, string];

/** One key range of a plan: `[from, to)` on `at`, under `prefix` for the compound indexes. */
interface Span {
  from?: string;
  to?: string;
  prefix?: string;
}

interface Plan {
  index: Index;
  ranges: (IDBKeyRange | null)[];
  spans: Span[];
  /** What the index range does not already guarantee; undefined when every entry in the ranges matches. */
  keep?: (entry: ActivityLogEntry) => boolean;
}

const ALL_KINDS = ActivityKindSchema.options;

/** An instant as the log stores it; undefined stays undefined. Throws on a date that is not one. */
function instant(iso: string | undefined): string | undefined {
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`Not a date-time: ${iso}`);
  return new Date(ms).toISOString();
}

/**
 * `[lower, upper)` on `at`, or on `[prefix, at]` for the compound indexes. An array sorts after every
 * string in IndexedDB, so `[prefix, []]` is above every `[prefix, at]` when there is no upper bound.
 */
function range(from: string | undefined, to: string | undefined, prefix?: string): IDBKeyRange | null {
  if (prefix === undefined) {
    if (from !== undefined && to !== undefined) return IDBKeyRange.bound(from, to, false, true);
    if (from !== undefined) return IDBKeyRange.lowerBound(from);
    if (to !== undefined) return IDBKeyRange.upperBound(to, true);
    return null;
  }
  const lower: Key = [prefix, from ?? ''];
  const upper = to === undefined ? [prefix, []] : [prefix, to];
  return IDBKeyRange.bound(lower, upper, false, to !== undefined);
}

/** Anything but printable ASCII and ordinary whitespace. */
const NOT_PLAIN_ASCII = /[^\t\n\r\x20-\x7e]/;
const WHITESPACE = /\s+/g;

/**
 * {@link normalizeForSearch}, with a shortcut for ASCII text (URLs, ids, Latin names: most of the log),
 * where its Unicode steps change nothing and only lowercasing and whitespace remain. A free-text query
 * over a whole log folds every entry, so this is most of its time.
 */
export function foldForMatch(text: string): string {
  return !NOT_PLAIN_ASCII.test(text) ? text.toLowerCase().replace(WHITESPACE, ' ').trim() : normalizeForSearch(text);
}

/** The text an entry is searched by: its detail values and page URL, folded like template search. */
function searchText(entry: ActivityLogEntry): string {
  let text = entry.pageUrl ?? '';
  for (const value of Object.values(entry.details)) if (value !== null) text += ` ${String(value)}`;
  return foldForMatch(text);
}

function plan(q: LogQuery): Plan {
  const from = instant(q.from);
  const to = instant(q.to);
  const checks: ((entry: ActivityLogEntry) => boolean)[] = [];
  if (q.platform) {
    const platform = q.platform;
    checks.push((e) => e.platform === platform);
  }
  const actor = q.actor ? normalizeForSearch(q.actor) : '';
  if (actor) checks.push((e) => foldForMatch(e.actor).includes(actor));
  const terms = q.text ? normalizeForSearch(q.text).split(' ').filter(Boolean) : [];
  if (terms.length > 0)
    checks.push((e) => {
      const text = searchText(e);
      return terms.every((term) => text.includes(term));
    });

  const kinds = q.kinds ? [...new Set(q.kinds)] : undefined;
  const everyKind = !kinds || ALL_KINDS.every((k) => kinds.includes(k));

  let index: Index;
  let spans: Span[];
  if (q.templateId) {
    index = 'by-template-at';
    spans = [{ from, to, prefix: q.templateId }];
    if (!everyKind) {
      const wanted = new Set<ActivityKind>(kinds);
      checks.push((e) => wanted.has(e.kind));
    }
  } else if (!everyKind) {
    index = 'by-kind-at';
    spans = (kinds ?? []).map((kind) => ({ from, to, prefix: kind }));
  } else {
    index = 'by-at';
    spans = [{ from, to }];
  }
  const keep = checks.length === 0 ? undefined : (e: ActivityLogEntry) => checks.every((check) => check(e));
  return { index, spans, ranges: spans.map((x) => range(x.from, x.to, x.prefix)), keep };
}

type LogIndex = IDBPIndex<DalilDB, ['activityLog'], 'activityLog', Index, 'readonly'>;
const atOf = (key: IDBValidKey): string => (Array.isArray(key) ? String(key[1]) : String(key));

/**
 * The newest `limit` entries of a span that holds `total` (> limit) of them, in a few requests rather
 * than one cursor step per entry (each step is a round trip to the browser's IndexedDB process: 50
 * steps cost ~100 ms in Chromium). Reads a time window sized from the span's density, newest end
 * first, and widens it until it holds `limit` entries.
 */
async function newestOfSpan(index: LogIndex, span: Span, limit: number, total?: number): Promise<ActivityLogEntry[]> {
  const full = range(span.from, span.to, span.prefix);
  const [oldest, newest] = await Promise.all([index.openKeyCursor(full), index.openKeyCursor(full, 'prev')]);
  if (!oldest || !newest) return [];
  const lowMs = Date.parse(atOf(oldest.key));
  const highMs = Date.parse(atOf(newest.key));
  // The window that should hold 1.5 × limit entries if they were spread evenly (an hour when the total
  // is not known), and at least a second.
  let width = total ? Math.max(1000, ((highMs - lowMs) * (limit * 1.5)) / total) : 3_600_000;
  for (;;) {
    const lower = new Date(highMs - width).toISOString();
    if (highMs - width <= lowMs) return (await index.getAll(full)).reverse().slice(0, limit);
    const window = await index.getAll(range(lower, span.to, span.prefix));
    if (window.length >= limit) return window.reverse().slice(0, limit);
    width *= 4;
  }
}

/** Newest first; entries at the same instant by id, descending, as a `prev` cursor on the index gives them. */
const newestFirst = (a: ActivityLogEntry, b: ActivityLogEntry) =>
  a.at === b.at ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.at < b.at ? 1 : -1;

/**
 * One page of the log: newest first, at most `limit`, and (unless `count` is false) the number of all
 * matching entries in the range.
 */
export async function queryLog(db: DalilDatabase, q: LogQuery): Promise<LogPage> {
  const { index: name, ranges, spans, keep } = plan(q);
  const limit = Math.max(0, Math.floor(q.limit));
  if (ranges.length === 0) return { entries: [], total: 0, more: false };
  const index = db.transaction('activityLog').store.index(name);

  if (keep) {
    // Every entry in the range must be looked at anyway (one request per range), so the total is free.
    const matching = await readMatching(index, ranges, keep);
    return { entries: matching.slice(0, limit), total: matching.length, more: matching.length > limit };
  }

  if (q.count === false) {
    // limit + 1 tells whether there is more without counting.
    const pages = await Promise.all(spans.map((span) => newestOfSpan(index, span, limit + 1)));
    const merged = pages.length === 1 ? pages[0] : pages.flat().sort(newestFirst);
    return { entries: merged.slice(0, limit), more: merged.length > limit };
  }

  const pages = await Promise.all(
    ranges.map(async (r, i) => {
      const total = await index.count(r);
      if (total <= limit) return { total, entries: (await index.getAll(r)).reverse() };
      return { total, entries: await newestOfSpan(index, spans[i], limit, total) };
    }),
  );
  const total = pages.reduce((sum, p) => sum + p.total, 0);
  const entries =
    pages.length === 1
      ? pages[0].entries
      : pages
          .flatMap((p) => p.entries)
          .sort(newestFirst)
          .slice(0, limit);
  return { total, entries, more: total > entries.length };
}

/** Every entry of the ranges that `keep` accepts, newest first. */
async function readMatching(
  index: LogIndex,
  ranges: (IDBKeyRange | null)[],
  keep: (entry: ActivityLogEntry) => boolean,
): Promise<ActivityLogEntry[]> {
  const read = await Promise.all(ranges.map((r) => index.getAll(r)));
  const matching: ActivityLogEntry[] = [];
  for (const batch of read) for (const entry of batch) if (keep(entry)) matching.push(entry);
  if (ranges.length === 1) matching.reverse();
  else matching.sort(newestFirst);
  return matching;
}

/** How many entries match the query, whatever its limit. */
export async function countLog(db: DalilDatabase, q: Omit<LogQuery, 'limit' | 'count'>): Promise<number> {
  const { index: name, ranges, keep } = plan({ ...q, limit: 0 });
  const index = db.transaction('activityLog').store.index(name);
  if (keep) return (await readMatching(index, ranges, keep)).length;
  const counts = await Promise.all(ranges.map((r) => index.count(r)));
  return counts.reduce((sum, n) => sum + n, 0);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day `YYYY-MM-DD` of an instant, in the runtime's time zone. */
export function localDay(at: string | Date): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Every local day from the one holding `from` to the one holding the last instant before `to`. */
export function daysBetween(from: string, to: string, max = 400): string[] {
  const start = new Date(from);
  const last = new Date(Date.parse(to) - 1);
  if (Number.isNaN(start.getTime()) || Number.isNaN(last.getTime()) || last < start) return [];
  const days: string[] = [];
  // Calendar arithmetic on local dates, so a DST change (a 23- or 25-hour day) never skips or repeats a day.
  const day = new Date(start.getFullYear(), start.getMonth(), start.getDate());
  const end = localDay(last);
  while (days.length < max) {
    const key = localDay(day);
    days.push(key);
    if (key >= end) break;
    day.setDate(day.getDate() + 1);
  }
  return days;
}

const TOP = 10;

function top<K extends string>(counts: Map<string, number>, key: K): ({ count: number } & Record<K, string>)[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, TOP)
    .map(([name, count]) => ({ [key]: name, count }) as { count: number } & Record<K, string>);
}

/**
 * The charts of one range `[from, to)`:
 * - replies per local day: `template.inserted` whose text landed in the composer (`landed !== false`),
 *   with a zero for each day without one (up to 400 days; longer ranges list only the days with replies);
 * - the 10 most used templates: every `template.inserted`, landed or copied for pasting, as the use counts do;
 * - ads saved per advertiser, top 10: a bulk save's entry carries `advertiserCounts` (JSON of name → ads);
 *   older entries count their `count` under their `advertiser`; entries without one (imports) under `''`;
 * - palette checks by verdict; a check without a known verdict counts as `error`.
 */
export async function logStats(db: DalilDatabase, { from, to }: { from: string; to: string }): Promise<LogStats> {
  const lower = instant(from) as string;
  const upper = instant(to) as string;
  const index = db.transaction('activityLog').store.index('by-kind-at');
  const [inserted, ads, checks] = await Promise.all(
    (['template.inserted', 'ad.saved', 'palette.checked'] as const).map((kind) => index.getAll(range(lower, upper, kind))),
  );

  const perDay = new Map<string, number>();
  const perTemplate = new Map<string, number>();
  for (const entry of inserted) {
    const templateId = entry.details.templateId;
    if (typeof templateId === 'string') perTemplate.set(templateId, (perTemplate.get(templateId) ?? 0) + 1);
    if (entry.details.landed === false) continue;
    const day = localDay(entry.at);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const days = daysBetween(lower, upper);
  const repliesPerDay =
    days.length < 400
      ? days.map((day) => ({ day, count: perDay.get(day) ?? 0 }))
      : [...perDay].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([day, count]) => ({ day, count }));

  const perAdvertiser = new Map<string, number>();
  const add = (advertiser: unknown, n: number) => {
    const name = typeof advertiser === 'string' ? advertiser.trim() : '';
    perAdvertiser.set(name, (perAdvertiser.get(name) ?? 0) + n);
  };
  for (const entry of ads) {
    const { advertiser, count, advertiserCounts } = entry.details;
    const perEntry = parseCounts(advertiserCounts);
    if (perEntry) {
      for (const [name, n] of perEntry) add(name, n);
      continue;
    }
    add(advertiser, typeof count === 'number' && Number.isFinite(count) && count > 0 ? count : 1);
  }

  const palette = { pass: 0, warn: 0, fail: 0, error: 0 };
  for (const entry of checks) {
    const verdict = entry.details.verdict;
    if (verdict === 'pass' || verdict === 'warn' || verdict === 'fail') palette[verdict]++;
    else palette.error++;
  }

  return {
    from: lower,
    to: upper,
    repliesPerDay,
    topTemplates: top(perTemplate, 'templateId'),
    adsPerAdvertiser: top(perAdvertiser, 'advertiser'),
    palette,
  };
}

/** A bulk save's `advertiserCounts` (a JSON object text, since log details are flat values), or undefined. */
function parseCounts(value: unknown): Array<[string, number]> | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    return Object.entries(parsed).filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0);
  } catch {
    return undefined;
  }
}
