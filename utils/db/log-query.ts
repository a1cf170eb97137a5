import type { IDBPIndex } from 'idb';
import { adsPerAdvertiser, hourOf, type LogCount } from '../activity/log-counts';
import { daysBetween, localDay } from '../activity/log-days';
import type { LogPage, LogQuery, LogStats } from '../activity/log-types';
import { queryWordTerms, type WordTerm } from '../activity/log-words';
import type { ActivityKind, ActivityLogEntry } from '../schemas/activity-log';
import { ActivityKindSchema } from '../schemas/activity-log';
import { normalizeForSearch } from '../search/normalize';
import { allTextMatches, newestTextMatches } from './log-text-search';
import type { DalilDatabase } from './open';
import type { DalilDB } from './schema';

/*
 * The Log tab's reads. Every query walks one index over a key range, never the whole log:
 * - a template      → `by-template-at` ([details.templateId, at]);
 * - one or a few kinds → `by-kind-at` ([kind, at]), one range per kind, merged newest first;
 * - a platform      → `by-platform-at` ([platform, at]);
 * - otherwise       → `by-at`.
 * Free text goes through the word index instead (utils/db/log-text-search.ts).
 * Without filters the index cannot answer (actor, kinds beside a template, a platform beside either), the total
 * is `count()` on the range and the page is a `prev` cursor stopped at `limit`. With them, the range is
 * read in one `getAll` (one request, not one per entry) and filtered here.
 *
 * Times are compared as ISO strings, as the index stores them: entries are written with
 * `Date.toISOString()` (UTC, `Z`), and the query's bounds are turned into the same form first.
 */

type Index = 'by-at' | 'by-kind-at' | 'by-template-at' | 'by-platform-at';
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

function plan(q: LogQuery): Plan {
  const from = instant(q.from);
  const to = instant(q.to);
  const checks: ((entry: ActivityLogEntry) => boolean)[] = [];
  const kinds = q.kinds ? [...new Set(q.kinds)] : undefined;
  const everyKind = !kinds || ALL_KINDS.every((k) => kinds.includes(k));
  // A platform alone is a key range of its own index; beside a template or kinds it is checked per entry.
  const platformIndex = Boolean(q.platform) && !q.templateId && everyKind;
  if (q.platform && !platformIndex) {
    const platform = q.platform;
    checks.push((e) => e.platform === platform);
  }
  const actor = q.actor ? normalizeForSearch(q.actor) : '';
  if (actor) checks.push((e) => foldForMatch(e.actor).includes(actor));

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
  } else if (platformIndex) {
    index = 'by-platform-at';
    spans = [{ from, to, prefix: q.platform }];
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
async function newestOfSpan(
  index: LogIndex,
  span: Span,
  limit: number,
  total?: number,
  keep: (entry: ActivityLogEntry) => boolean = () => true,
): Promise<ActivityLogEntry[]> {
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
    if (highMs - width <= lowMs) return (await index.getAll(full)).filter(keep).reverse().slice(0, limit);
    const window = (await index.getAll(range(lower, span.to, span.prefix))).filter(keep);
    if (window.length >= limit) return window.reverse().slice(0, limit);
    // Widen by what this window's density says is missing (a margin of half again), at least doubling.
    width *= window.length > 0 ? Math.min(64, Math.max(2, (limit * 1.5) / window.length)) : 16;
  }
}

/** Newest first; entries at the same instant by id, descending, as a `prev` cursor on the index gives them. */
const newestFirst = (a: ActivityLogEntry, b: ActivityLogEntry) =>
  a.at === b.at ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.at < b.at ? 1 : -1;

/** Every filter but the time range and the text, as one check on an entry; undefined when there is none. */
export function entryFilter(q: Omit<LogQuery, 'limit'>): ((entry: ActivityLogEntry) => boolean) | undefined {
  const checks: ((entry: ActivityLogEntry) => boolean)[] = [];
  if (q.kinds) {
    const wanted = new Set<ActivityKind>(q.kinds);
    checks.push((e) => wanted.has(e.kind));
  }
  if (q.platform) checks.push((e) => e.platform === q.platform);
  if (q.templateId) checks.push((e) => e.details.templateId === q.templateId);
  const actor = q.actor ? normalizeForSearch(q.actor) : '';
  if (actor) checks.push((e) => foldForMatch(e.actor).includes(actor));
  return checks.length === 0 ? undefined : (e) => checks.every((check) => check(e));
}

/** A query with words: answered from the word index (utils/db/log-text-search.ts), other filters checked per candidate. */
async function queryLogText(db: DalilDatabase, q: LogQuery, terms: WordTerm[]): Promise<LogPage> {
  const limit = Math.max(0, Math.floor(q.limit));
  const bounds = { from: instant(q.from), to: instant(q.to), keep: entryFilter(q) };
  if (q.count === false) return newestTextMatches(db, terms, { ...bounds, limit });
  const all = await allTextMatches(db, terms, bounds);
  return { entries: await all.newest(limit), total: all.count, more: all.count > limit };
}

/**
 * One page of the log: newest first, at most `limit`, and (unless `count` is false) the number of all
 * matching entries in the range.
 */
export async function queryLog(db: DalilDatabase, q: LogQuery): Promise<LogPage> {
  const terms = q.text ? queryWordTerms(q.text) : [];
  if (terms.length > 0) return queryLogText(db, q, terms);
  const { index: name, ranges, spans, keep } = plan(q);
  const limit = Math.max(0, Math.floor(q.limit));
  if (ranges.length === 0) return { entries: [], total: 0, more: false };
  const index = db.transaction('activityLog').store.index(name);

  if (keep && q.count === false) {
    // Filtered, uncounted (the Log tab's list): widening windows from the newest end until enough match.
    const pages = await Promise.all(spans.map((span) => newestOfSpan(index, span, limit + 1, undefined, keep)));
    const merged = pages.length === 1 ? pages[0] : pages.flat().sort(newestFirst);
    return { entries: merged.slice(0, limit), more: merged.length > limit };
  }
  if (keep) {
    // Every entry in the range must be looked at for the total (one request per range).
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

/** How many entries match the query, whatever its limit: whole hours from the per-hour counts, the ends of the range counted exactly. */
export async function countLog(db: DalilDatabase, q: Omit<LogQuery, 'limit' | 'count'> & { upTo?: number }): Promise<number> {
  const terms = q.text ? queryWordTerms(q.text) : [];
  // A text count walks every match (a common word: most of a million-entry log), so a caller may stop
  // it one past `upTo`: an answer above `upTo` then means "more than upTo".
  const countUpTo = q.upTo === undefined ? Number.POSITIVE_INFINITY : q.upTo + 1;
  if (terms.length > 0)
    return (await allTextMatches(db, terms, { from: instant(q.from), to: instant(q.to), keep: entryFilter(q) }, countUpTo)).count;
  const { index: name, ranges, spans, keep } = plan({ ...q, limit: 0 });
  const tx = db.transaction(['activityLog', 'logCounts']);
  const index = tx.objectStore('activityLog').index(name);
  // Other filters (agent, kinds beside a template, a platform beside either) read the range.
  if (keep) return (await readMatching(index, ranges, keep)).length;
  const counted = await Promise.all(
    spans.map(async (span) => {
      // Which per-hour counter stands for this span: a kind's, a template's (any kind), a platform's, or every entry's.
      const [kind, dim] =
        name === 'by-kind-at'
          ? [span.prefix ?? '', '']
          : name === 'by-template-at'
            ? ['*', `t:${span.prefix}`]
            : ['*', name === 'by-platform-at' ? `p:${span.prefix}` : ''];
      const { fullFrom, fullTo, edges } = splitByHour(span.from, span.to);
      const edgeCounts = await Promise.all(edges.map(async ([a, b]) => index.count(range(a, b, span.prefix))));
      let total = edgeCounts.reduce((sum, n) => sum + n, 0);
      if (fullFrom !== undefined) {
        const hours = IDBKeyRange.bound([kind, dim, fullFrom], [kind, dim, fullTo ?? '\uffff'], false, fullTo !== undefined);
        for (const c of await tx.objectStore('logCounts').index('by-kind-dim-hour').getAll(hours)) total += c.count;
      }
      return total;
    }),
  );
  return counted.reduce((sum, n) => sum + n, 0);
}

/**
 * `[from, to)` as the whole UTC hours inside it (`fullFrom` inclusive, `fullTo` exclusive, as `YYYY-MM-DDTHH`;
 * open ends stay open) and the pieces of hours at its ends (`edges`, instants), which are read entry by entry.
 * `fullFrom` is undefined when the range holds no whole hour (then `edges` is the whole range).
 */
function splitByHour(
  from: string | undefined,
  to: string | undefined,
): { fullFrom?: string; fullTo?: string; edges: Array<[string | undefined, string | undefined]> } {
  const HOUR = 3_600_000;
  const start = from === undefined ? undefined : Math.ceil(Date.parse(from) / HOUR) * HOUR;
  const end = to === undefined ? undefined : Math.floor(Date.parse(to) / HOUR) * HOUR;
  if (start !== undefined && end !== undefined && start >= end) return { edges: [[from, to]] };
  const iso = (ms: number) => new Date(ms).toISOString();
  const edges: Array<[string | undefined, string | undefined]> = [];
  if (from !== undefined && start !== undefined && iso(start) > from) edges.push([from, iso(start)]);
  if (to !== undefined && end !== undefined && iso(end) < to) edges.push([iso(end), to]);
  return {
    fullFrom: start === undefined ? '' : hourOf(iso(start)),
    fullTo: end === undefined ? undefined : hourOf(iso(end)),
    edges,
  };
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
  const tx = db.transaction(['activityLog', 'logCounts']);
  const byKindAt = tx.objectStore('activityLog').index('by-kind-at');
  const countsByHour = tx.objectStore('logCounts').index('by-kind-hour');
  const KINDS = ['template.inserted', 'ad.saved', 'palette.checked'] as const;

  // Whole hours come from the per-hour counts, except an hour that crosses local midnight (a time zone
  // off the hour): it is read entry by entry with the range's ends, so each entry lands on its own day.
  const { fullFrom, fullTo, edges } = splitByHour(lower, upper);
  const exact = [...edges];
  const crossing = new Set<string>();
  if (fullFrom !== undefined && fullTo !== undefined) {
    for (let ms = Date.parse(`${fullFrom}:00:00.000Z`); ms < Date.parse(`${fullTo}:00:00.000Z`); ms += 3_600_000) {
      if (localDay(new Date(ms)) !== localDay(new Date(ms + 3_599_999))) {
        crossing.add(hourOf(new Date(ms).toISOString()));
        exact.push([new Date(ms).toISOString(), new Date(ms + 3_600_000).toISOString()]);
      }
    }
  }
  const [hourly, entries] = await Promise.all([
    fullFrom === undefined
      ? Promise.resolve([] as LogCount[][])
      : Promise.all(
          KINDS.map((kind) => countsByHour.getAll(IDBKeyRange.bound([kind, fullFrom], [kind, fullTo ?? '\uffff'], false, true))),
        ),
    Promise.all(KINDS.flatMap((kind) => exact.map(([a, b]) => byKindAt.getAll(range(a, b, kind))))),
  ]);

  const perDay = new Map<string, number>();
  const perTemplate = new Map<string, number>();
  const perAdvertiser = new Map<string, number>();
  const palette = { pass: 0, warn: 0, fail: 0, error: 0 };
  const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);

  for (const c of hourly.flat()) {
    if (crossing.has(c.hour)) continue;
    if (c.kind === 'template.inserted') {
      if (c.dim === 'landed') add(perDay, localDay(new Date(`${c.hour}:00:00.000Z`)), c.count);
      else if (c.dim.startsWith('t:')) add(perTemplate, c.dim.slice(2), c.count);
    } else if (c.kind === 'ad.saved' && c.dim.startsWith('a:')) add(perAdvertiser, c.dim.slice(2), c.count);
    else if (c.kind === 'palette.checked' && c.dim.startsWith('v:')) palette[c.dim.slice(2) as keyof typeof palette] += c.count;
  }
  for (const entry of entries.flat()) {
    if (entry.kind === 'template.inserted') {
      const templateId = entry.details.templateId;
      if (typeof templateId === 'string') add(perTemplate, templateId, 1);
      if (entry.details.landed !== false) add(perDay, localDay(entry.at), 1);
    } else if (entry.kind === 'ad.saved') for (const [name, n] of adsPerAdvertiser(entry)) add(perAdvertiser, name, n);
    else if (entry.kind === 'palette.checked') {
      const verdict = entry.details.verdict;
      if (verdict === 'pass' || verdict === 'warn' || verdict === 'fail') palette[verdict]++;
      else palette.error++;
    }
  }

  const days = daysBetween(lower, upper);
  const repliesPerDay =
    days.length < 400
      ? days.map((day) => ({ day, count: perDay.get(day) ?? 0 }))
      : [...perDay].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([day, count]) => ({ day, count }));
  return {
    from: lower,
    to: upper,
    repliesPerDay,
    topTemplates: top(perTemplate, 'templateId'),
    adsPerAdvertiser: top(perAdvertiser, 'advertiser'),
    palette,
  };
}
