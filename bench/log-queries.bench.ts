/**
 * The Log tab's queries over 100,000 activity-log entries spread over 120 days: Dalil's key-range
 * reads on the v6 indexes (utils/db/log-query) against the naive way, reading the whole log
 * with one getAll and filtering in JS, on the same database. IndexedDB is fake-indexeddb in Node:
 * its absolute times are not Chromium's, but both sides pay the same per-record cost, so the ratio
 * says how much of the log each one touches. The timing row is the tab's default view (a week,
 * the newest 50); the rows under it are the other queries, each timed on its own.
 */
import 'fake-indexeddb/auto';
import { seededRandom } from '../tests/seeded-random';
import type { LogPage, LogQuery, LogStats } from '../utils/activity/log-types';
import { appendActivity } from '../utils/db/activity-log-repo';
import { logStats, queryLog } from '../utils/db/log-query';
import { type DalilDatabase, openDalilDatabase } from '../utils/db/open';
import type { ActivityKind, ActivityLogEntry } from '../utils/schemas/activity-log';
import type { Platform } from '../utils/schemas/common';
import type { Benchmark, ExtraRow } from './run';

const COUNT = 100_000;
const DAYS = 120;
const DAY = 86_400_000;
const END = Date.parse('2026-05-01T00:00:00.000Z');
const START = END - DAYS * DAY;
const TEMPLATES = Array.from({ length: 20 }, (_, i) => `template-${i}`);
const PLATFORMS: Platform[] = ['facebook', 'instagram', 'x', 'linkedin', 'youtube', 'tiktok'];
const KINDS: ActivityKind[] = [
  ...Array<ActivityKind>(12).fill('template.inserted'),
  'ad.saved',
  'ad.saved',
  'ad.saved',
  'palette.checked',
  'palette.checked',
  'testimonial.saved',
  'template.saved',
  'pack.updated',
];

function entries(): ActivityLogEntry[] {
  const random = seededRandom(100_000);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  return Array.from({ length: COUNT }, (_, i) => {
    const kind = pick(KINDS);
    const platform = pick(PLATFORMS);
    const details: ActivityLogEntry['details'] =
      kind === 'template.inserted'
        ? { templateId: pick(TEMPLATES), technique: 'lexical', landed: random() < 0.9, via: pick(['shortcut', 'picker']) }
        : kind === 'ad.saved'
          ? {
              count: 1 + Math.floor(random() * 3),
              bulk: false,
              library: 'meta',
              advertiser: `Advertiser ${Math.floor(random() * 40)}`,
            }
          : kind === 'palette.checked'
            ? { verdict: pick(['pass', 'warn', 'fail', 'error']), onPaletteShare: random(), image: 'صورة الحملة.png' }
            : { note: 'شكرا على التواصل' };
    return {
      id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      at: new Date(START + Math.floor(random() * DAYS * DAY)).toISOString(),
      kind,
      actor: pick(['أحمد', 'Sara', 'Omar']),
      platform,
      pageUrl: `https://www.${platform}.com/post/${i}`,
      details,
    };
  });
}

let ready: Promise<DalilDatabase> | undefined;
function database(): Promise<DalilDatabase> {
  ready ??= (async () => {
    const db = await openDalilDatabase(`bench-log-${Date.now()}`);
    const all = entries();
    for (let i = 0; i < all.length; i += 10_000) await appendActivity(db, all.slice(i, i + 10_000));
    return db;
  })();
  return ready;
}

const iso = (ms: number) => new Date(ms).toISOString();
const DAY_QUERY: LogQuery = { from: iso(END - DAY), to: iso(END), limit: 50 };
const WEEK_QUERY: LogQuery = { from: iso(END - 7 * DAY), to: iso(END), limit: 50 };
const TEMPLATE_QUERY: LogQuery = { templateId: 'template-7', limit: 50 };
const WEEK_PLATFORM_QUERY: LogQuery = { ...WEEK_QUERY, platform: 'instagram' };
const WHOLE_LOG_TEXT_QUERY: LogQuery = { text: 'post/4242', limit: 50 };
const WEEK = { from: iso(END - 7 * DAY), to: iso(END) };

// ——— The naive peer: the whole log in one getAll, then filtered, sorted and counted in JS. ———

async function naiveQuery(db: DalilDatabase, q: LogQuery): Promise<LogPage> {
  const all = await db.getAll('activityLog');
  const text = q.text?.toLowerCase();
  const matching = all.filter(
    (e) =>
      (q.from === undefined || e.at >= q.from) &&
      (q.to === undefined || e.at < q.to) &&
      (!q.kinds || q.kinds.includes(e.kind)) &&
      (!q.platform || e.platform === q.platform) &&
      (!q.templateId || e.details.templateId === q.templateId) &&
      (!text || `${e.pageUrl} ${Object.values(e.details).join(' ')}`.toLowerCase().includes(text)),
  );
  matching.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return { entries: matching.slice(0, q.limit), total: matching.length, more: matching.length > q.limit };
}

async function naiveStats(db: DalilDatabase, { from, to }: { from: string; to: string }): Promise<LogStats> {
  const all = (await db.getAll('activityLog')).filter((e) => e.at >= from && e.at < to);
  const days = new Map<string, number>();
  const templates = new Map<string, number>();
  const advertisers = new Map<string, number>();
  const palette = { pass: 0, warn: 0, fail: 0, error: 0 };
  for (const e of all) {
    if (e.kind === 'template.inserted') {
      const id = String(e.details.templateId);
      templates.set(id, (templates.get(id) ?? 0) + 1);
      if (e.details.landed !== false) {
        const d = new Date(e.at);
        const day = `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
        days.set(day, (days.get(day) ?? 0) + 1);
      }
    } else if (e.kind === 'ad.saved') {
      const name = String(e.details.advertiser ?? '');
      advertisers.set(name, (advertisers.get(name) ?? 0) + Number(e.details.count ?? 1));
    } else if (e.kind === 'palette.checked') {
      const v = e.details.verdict as keyof typeof palette;
      palette[v in palette ? v : 'error']++;
    }
  }
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 10);
  return {
    from,
    to,
    repliesPerDay: [...days].map(([day, count]) => ({ day, count })),
    topTemplates: top(templates).map(([templateId, count]) => ({ templateId, count })),
    adsPerAdvertiser: top(advertisers).map(([advertiser, count]) => ({ advertiser, count })),
    palette,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time(run: () => Promise<unknown>, times: number, warm = true): Promise<number> {
  if (warm) await run();
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await run();
    ms.push(performance.now() - start);
  }
  return median(ms);
}

/**
 * Ours `times` times after a warm-up, the peer 3 times without one (the timing row above has already
 * warmed the same whole-log read): the median of each. Keeps the whole file near a minute.
 */
async function row(label: string, ours: () => Promise<unknown>, peer: () => Promise<unknown>, times = 9): Promise<ExtraRow> {
  const [a, b] = [await time(ours, times), await time(peer, 3, false)];
  return { label: `${label} (ms, median)`, ours: a.toFixed(1), peer: b.toFixed(1), note: `${(b / a).toFixed(1)}×` };
}

export const benchmark: Benchmark = {
  name: 'Log tab queries, 100,000 entries over 120 days',
  unit: 'ms per query: a week, newest 50 and the total',
  ours: { label: 'key ranges on v6 indexes (Dalil)', run: async () => void (await queryLog(await database(), WEEK_QUERY)) },
  peer: { label: 'getAll + filter in JS', run: async () => void (await naiveQuery(await database(), WEEK_QUERY)) },
  extraRows: async () => {
    const db = await database();
    // The two sides must agree before their times mean anything.
    for (const q of [DAY_QUERY, WEEK_QUERY, TEMPLATE_QUERY, WEEK_PLATFORM_QUERY, WHOLE_LOG_TEXT_QUERY]) {
      const [a, b] = [await queryLog(db, q), await naiveQuery(db, q)];
      if (a.total !== b.total || a.entries.length !== b.entries.length)
        throw new Error(`queryLog and the naive peer disagree on ${JSON.stringify(q)}: ${a.total} vs ${b.total}`);
    }
    const [stats, naive] = [await logStats(db, WEEK), await naiveStats(db, WEEK)];
    if (JSON.stringify(stats.palette) !== JSON.stringify(naive.palette)) throw new Error('logStats and the naive peer disagree');
    return [
      await row(
        'one day',
        () => queryLog(db, DAY_QUERY),
        () => naiveQuery(db, DAY_QUERY),
      ),
      await row(
        'one template, whole log',
        () => queryLog(db, TEMPLATE_QUERY),
        () => naiveQuery(db, TEMPLATE_QUERY),
      ),
      await row(
        'a week, one platform',
        () => queryLog(db, WEEK_PLATFORM_QUERY),
        () => naiveQuery(db, WEEK_PLATFORM_QUERY),
      ),
      await row(
        'logStats, a week',
        () => logStats(db, WEEK),
        () => naiveStats(db, WEEK),
      ),
      await row(
        'free text, whole log (reads it all)',
        () => queryLog(db, WHOLE_LOG_TEXT_QUERY),
        () => naiveQuery(db, WHOLE_LOG_TEXT_QUERY),
        2,
      ),
    ];
  },
};
