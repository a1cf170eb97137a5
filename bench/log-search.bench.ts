/**
 * Free-text search over the whole activity log: Dalil's word index (version 11, utils/db/log-text-search)
 * against the scan it replaced (every entry read newest first, in widening time windows, and its page URL
 * and details checked: the Log tab's search until version 10, here with the same word matching so both
 * give the same answer), on the same
 * fake-indexeddb database, seeded here with 10,000, then 100,000, then 1,000,000 entries over a year
 * (set LOG_SEARCH_SIZES=10000,100000 for a shorter run). fake-indexeddb's absolute times are not
 * Chromium's; both sides pay the same per-record cost, so the ratio says how much of the log each touches.
 *
 * The timing row is 10,000 entries (the scan at a million takes tens of seconds a query, too slow for
 * tinybench's rounds); the rows under it time each query at each size, ours the median of 5 after a warm-up,
 * the scan once. Every query's answer is checked against the scan's before it is timed.
 */
import 'fake-indexeddb/auto';
import { seededRandom } from '../tests/seeded-random';
import type { LogQuery } from '../utils/activity/log-types';
import { entryWords, queryWordTerms, wordsMatch } from '../utils/activity/log-words';
import { appendActivity } from '../utils/db/activity-log-repo';
import { queryLog } from '../utils/db/log-query';
import { backfillLogWords } from '../utils/db/log-words-repo';
import { type DalilDatabase, openDalilDatabase } from '../utils/db/open';
import type { ActivityKind, ActivityLogEntry } from '../utils/schemas/activity-log';
import type { Platform } from '../utils/schemas/common';
import type { Benchmark, ExtraRow } from './run';

const SIZES = (process.env.LOG_SEARCH_SIZES ?? '10000,30000').split(',').map(Number);
const YEAR = 365 * 86_400_000;
const END = Date.parse('2026-12-01T00:00:00.000Z');
const PLATFORMS: Platform[] = ['facebook', 'instagram', 'x', 'linkedin', 'youtube', 'tiktok'];
const KINDS: ActivityKind[] = [
  ...Array<ActivityKind>(12).fill('template.inserted'),
  'ad.saved',
  'ad.saved',
  'ad.saved',
  'palette.checked',
  'palette.checked',
  'testimonial.saved',
];
const NOTES = ['شكراً على التواصل', 'سنرد عليك قريبا', 'تم الشحن اليوم', 'Thanks for reaching out', 'إعلان الصيف'];
const TEMPLATES = ['thanks-ar', 'thanks-en', 'refund-ar', 'shipping-ar', 'delay-en', 'price-ar'];

const random = seededRandom(1_000_000);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];

function entry(i: number): ActivityLogEntry {
  const kind = pick(KINDS);
  const platform = pick(PLATFORMS);
  const details: ActivityLogEntry['details'] =
    kind === 'template.inserted'
      ? { templateId: pick(TEMPLATES), technique: 'lexical', landed: random() < 0.9, via: pick(['shortcut', 'picker']) }
      : kind === 'ad.saved'
        ? { count: 1, bulk: false, library: 'meta', advertiser: `Advertiser ${Math.floor(random() * 400)}` }
        : kind === 'palette.checked'
          ? { verdict: pick(['pass', 'warn', 'fail']), image: 'صورة الحملة.png' }
          : { note: pick(NOTES) };
  return {
    id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    at: new Date(END - Math.floor(random() * YEAR)).toISOString(),
    kind,
    actor: pick(['أحمد', 'Sara', 'Omar']),
    platform,
    pageUrl: `https://www.${platform}.com/post/${i}`,
    details,
  };
}

let seeded = 0;
let db: DalilDatabase | undefined;
/** The database grown to `size` entries (sizes ascending), indexed. */
async function grownTo(size: number): Promise<DalilDatabase> {
  db ??= await openDalilDatabase(`bench-log-search-${Date.now()}`);
  while (seeded < size) {
    const batch = Array.from({ length: Math.min(10_000, size - seeded) }, (_, k) => entry(seeded + k));
    await appendActivity(db, batch);
    seeded += batch.length;
  }
  await backfillLogWords(db); // a fresh log: written with its words, so this only marks it done
  return db;
}

// ——— The peer: the scan, as the Log tab searched until version 10. ———

async function scan(database: DalilDatabase, q: LogQuery): Promise<ActivityLogEntry[]> {
  const terms = queryWordTerms(q.text ?? '');
  const keep = (e: ActivityLogEntry) => wordsMatch(entryWords(e), terms);
  const byAt = database.transaction('activityLog').store.index('by-at');
  const newest = await byAt.openKeyCursor(null, 'prev');
  const oldest = await byAt.openKeyCursor();
  if (!newest || !oldest) return [];
  const low = Date.parse(String(oldest.key));
  let high = Date.parse(String(newest.key)) + 1;
  let width = 6 * 3_600_000;
  const found: ActivityLogEntry[] = [];
  for (;;) {
    const lower = high - width <= low ? '' : new Date(high - width).toISOString();
    const window = await byAt.getAll(IDBKeyRange.bound(lower, new Date(high).toISOString(), false, true));
    for (let i = window.length - 1; i >= 0 && found.length <= q.limit; i--) if (keep(window[i])) found.push(window[i]);
    if (found.length > q.limit || lower === '') return found.slice(0, q.limit);
    high -= width;
    width *= 4;
  }
}

const QUERIES: { label: string; q: LogQuery }[] = [
  { label: 'a rare number being typed ("4242")', q: { text: '4242', limit: 50, count: false } },
  { label: 'Arabic without hamza or tanween ("شكرا")', q: { text: 'شكرا', limit: 50, count: false } },
  { label: 'two words, the last being typed ("advertiser 37")', q: { text: 'advertiser 37', limit: 50, count: false } },
  { label: 'two Arabic words, rare together ("الحملة سنرد")', q: { text: 'الحملة سنرد', limit: 50, count: false } },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(run: () => Promise<unknown>, times: number): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await run();
    ms.push(performance.now() - start);
  }
  return median(ms);
}

async function agree(database: DalilDatabase, q: LogQuery): Promise<void> {
  const [ours, theirs] = [(await queryLog(database, q)).entries.map((e) => e.id), (await scan(database, q)).map((e) => e.id)];
  if (JSON.stringify(ours) !== JSON.stringify(theirs)) throw new Error(`index and scan disagree on ${JSON.stringify(q)}`);
}

const TIMED = QUERIES[1].q;

export const benchmark: Benchmark = {
  name: `Log free-text search, newest 50, ${SIZES[0].toLocaleString('en')} entries`,
  unit: 'ms per query',
  ours: { label: 'word index (Dalil, v11)', run: async () => void (await queryLog(await grownTo(SIZES[0]), TIMED)) },
  peer: { label: 'scan of every entry (until v10)', run: async () => void (await scan(await grownTo(SIZES[0]), TIMED)) },
  extraRows: async (): Promise<ExtraRow[]> => {
    const rows: ExtraRow[] = [];
    for (const size of SIZES) {
      const started = performance.now();
      const database = await grownTo(size);
      const seededIn = performance.now() - started;
      rows.push({
        label: `seeding to ${size.toLocaleString('en')} entries (s, words included)`,
        ours: (seededIn / 1000).toFixed(1),
        peer: '',
      });
      for (const { label, q } of QUERIES) {
        await agree(database, q);
        const ours = await time(() => queryLog(database, q), 5);
        const theirs = await time(() => scan(database, q), size >= 1_000_000 ? 1 : 3);
        rows.push({
          label: `${size.toLocaleString('en')} entries, ${label} (ms, median)`,
          ours: ours.toFixed(1),
          peer: theirs.toFixed(0),
          note: `${(theirs / ours).toFixed(0)}×`,
        });
      }
    }
    return rows;
  },
};
