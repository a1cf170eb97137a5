import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogQuery } from '../../../utils/activity/log-types';
import { appendActivity } from '../../../utils/db/activity-log-repo';
import { countLog, logStats, queryLog } from '../../../utils/db/log-query';
import { LOG_TEXT_SEARCH_TUNING } from '../../../utils/db/log-text-search';
import { backfillLogWords, backfillLogWordsBatch } from '../../../utils/db/log-words-repo';
import { type DalilDatabase, openDalilDatabase } from '../../../utils/db/open';
import { type ActivityKind, ActivityKindSchema, type ActivityLogEntry } from '../../../utils/schemas/activity-log';
import type { Platform } from '../../../utils/schemas/common';
import { seededRandom } from '../../seeded-random';

const random = seededRandom(6_004);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const START = Date.parse('2026-03-01T00:00:00.000Z');
const DAY = 86_400_000;
const TEMPLATES = ['thanks-en', 'thanks-ar', 'refund-ar', 'refund-en', 'delay-ar'];
const ACTORS = ['أحمد', 'Sara', 'Ḥasan', ''];
const PLATFORMS: (Platform | undefined)[] = ['facebook', 'instagram', 'x', 'linkedin', undefined];
const ADVERTISERS = ['مكتبة جرير', 'Noon', 'Careem', null];

/** A few hundred entries over 20 days, with repeated instants (ties) and every detail shape the code logs. */
function seed(count: number): ActivityLogEntry[] {
  const entries: ActivityLogEntry[] = [];
  let previousAt = START;
  for (let i = 0; i < count; i++) {
    // One in ten shares the previous entry's instant, so ordering ties are exercised.
    const atMs = i > 0 && random() < 0.1 ? previousAt : START + Math.floor(random() * 20 * DAY);
    previousAt = atMs;
    const kind = pick<ActivityKind>([
      'template.inserted',
      'template.inserted',
      'template.inserted',
      'ad.saved',
      'palette.checked',
      'template.saved',
      'pack.imported',
      'testimonial.saved',
    ]);
    const platform = pick(PLATFORMS);
    const base = { id: uuid(i + 1), at: new Date(atMs).toISOString(), kind, actor: pick(ACTORS) };
    let details: ActivityLogEntry['details'];
    switch (kind) {
      case 'template.inserted':
        details = {
          templateId: pick(TEMPLATES),
          technique: pick(['lexical', 'textarea']),
          landed: random() < 0.85 ? true : random() < 0.5 ? false : null,
          via: pick(['shortcut', 'picker']),
        };
        break;
      case 'ad.saved': {
        const bulk = random() < 0.3;
        details = {
          count: bulk ? 1 + Math.floor(random() * 12) : 1,
          bulk,
          library: pick(['meta', 'tiktok']),
          advertiser: pick(ADVERTISERS),
          adId: bulk ? null : String(1000 + i),
        };
        break;
      }
      case 'palette.checked':
        details = {
          origin: 'menu',
          image: pick(['صورة المنتج.png', 'banner-summer.jpg']),
          verdict: pick(['pass', 'pass', 'warn', 'fail', 'error']),
          onPaletteShare: Math.round(random() * 1000) / 1000,
        };
        break;
      case 'template.saved':
        details = { templateId: pick(TEMPLATES), status: 'approved' };
        break;
      default:
        details = { note: pick(['إعلان جديد', 'حزمة الفريق', 'Team pack']) };
    }
    const entry: ActivityLogEntry = { ...base, details };
    if (platform && kind !== 'pack.imported') {
      entry.platform = platform;
      entry.pageUrl = `https://www.${platform}.com/post/${i}`;
    }
    entries.push(entry);
  }
  return entries;
}

const ENTRIES = seed(600);

// ——— An independent reference: everything in memory, filtered and sorted in the plainest way. ———

const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/[أإآ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

function matches(e: ActivityLogEntry, q: LogQuery): boolean {
  const at = Date.parse(e.at);
  if (q.from !== undefined && at < Date.parse(q.from)) return false;
  if (q.to !== undefined && at >= Date.parse(q.to)) return false;
  if (q.kinds && !q.kinds.includes(e.kind)) return false;
  if (q.platform && e.platform !== q.platform) return false;
  if (q.actor && !fold(e.actor).includes(fold(q.actor))) return false;
  if (q.templateId && e.details.templateId !== q.templateId) return false;
  if (q.text) {
    // Words, not substrings: every finished word is a word of the entry (or one with the Arabic article
    // taken off), the last one typed begins one.
    const words = (text: string) =>
      fold(text)
        .split(/[^\p{L}\p{M}\p{N}]+/u)
        .filter(Boolean);
    const forms = (word: string) => [word, word.replace(/^(وال|بال|فال|كال|لل|ال)(?=..)/u, '')];
    const hay = new Set(words([e.pageUrl ?? '', ...Object.values(e.details).filter((v) => v !== null)].join(' ')).flatMap(forms));
    const terms = [...new Set(words(q.text))];
    const ok = terms.every((term, i) =>
      forms(term).some((form) =>
        i === terms.length - 1 && !/\s$/.test(q.text ?? '') ? [...hay].some((w) => w.startsWith(form)) : hay.has(form),
      ),
    );
    if (!ok) return false;
  }
  return true;
}

function expected(q: LogQuery) {
  const all = ENTRIES.filter((e) => matches(e, q)).sort((a, b) =>
    a.at !== b.at ? Date.parse(b.at) - Date.parse(a.at) : b.id.localeCompare(a.id),
  );
  return { entries: all.slice(0, q.limit).map((e) => e.id), total: all.length };
}

async function check(q: LogQuery) {
  const page = await queryLog(db, q);
  const want = expected(q);
  expect({ entries: page.entries.map((e) => e.id), total: page.total }, JSON.stringify(q)).toEqual(want);
  expect(page.more).toBe(want.total > q.limit);
  // The Log tab's own path: the page without counting (windowed reads), and the count asked apart.
  const uncounted = await queryLog(db, { ...q, count: false });
  expect(
    uncounted.entries.map((e) => e.id),
    `uncounted ${JSON.stringify(q)}`,
  ).toEqual(want.entries);
  expect(uncounted.more).toBe(want.total > q.limit);
  const { limit: _, ...filters } = q;
  expect(await countLog(db, filters)).toBe(want.total);
  // The tab stops a text count one past its cap: the exact total up to the cap, cap + 1 ("more") past it.
  if (q.text)
    for (const upTo of [1, 3, 40]) expect(await countLog(db, { ...filters, upTo })).toBe(Math.min(want.total, upTo + 1));
  return page;
}

let db: DalilDatabase;
beforeAll(async () => {
  db = await openDalilDatabase(`log-query-${Date.now()}`);
  await appendActivity(db, ENTRIES);
});
afterAll(() => db.close());

const iso = (ms: number) => new Date(ms).toISOString();
const byTime = [...ENTRIES].sort((a, b) => a.at.localeCompare(b.at));

describe('queryLog', () => {
  it('returns the newest entries first, at most limit, with the total of the whole log', async () => {
    const page = await check({ limit: 25 });
    expect(page.total).toBe(600);
    expect(page.entries).toHaveLength(25);
    for (let i = 1; i < page.entries.length; i++) expect(page.entries[i - 1].at >= page.entries[i].at).toBe(true);
    await check({ limit: 1 });
    await check({ limit: 10_000 });
  });

  it('includes from and excludes to, for each index', async () => {
    const from = byTime[100].at;
    const to = byTime[400].at;
    for (const extra of [
      {},
      { kinds: ['template.inserted' as const] },
      { templateId: 'thanks-ar' },
      { platform: 'x' as const },
    ]) {
      const page = await check({ from, to, limit: 1000, ...extra });
      expect(page.entries.some((e) => e.at === to)).toBe(false);
    }
    // The entry exactly at `from` is in; one at `to` is out.
    const exact = byTime[250];
    const only = await check({ from: exact.at, to: iso(Date.parse(exact.at) + 1), limit: 100 });
    expect(only.entries.map((e) => e.id)).toContain(exact.id);
    expect(
      (await check({ from: iso(Date.parse(exact.at) - 1), to: exact.at, limit: 100 })).entries.map((e) => e.id),
    ).not.toContain(exact.id);
  });

  it('accepts an open range on either side, and bounds written with an offset', async () => {
    const mid = byTime[300].at;
    await check({ from: mid, limit: 50 });
    await check({ to: mid, limit: 50 });
    await check({ from: mid, limit: 50, kinds: ['ad.saved'] });
    await check({ to: mid, limit: 50, templateId: 'refund-ar' });
    // 03:00 at +03:00 is midnight UTC.
    const page = await queryLog(db, { from: '2026-03-05T03:00:00+03:00', to: '2026-03-06T03:00:00+03:00', limit: 500 });
    expect(page).toEqual(await queryLog(db, { from: '2026-03-05T00:00:00.000Z', to: '2026-03-06T00:00:00.000Z', limit: 500 }));
    expect(page.total).toBeGreaterThan(0);
  });

  it('filters by each kind, by several kinds, and treats every kind as no filter', async () => {
    for (const kind of ActivityKindSchema.options) await check({ kinds: [kind], limit: 30 });
    await check({ kinds: ['ad.saved', 'palette.checked'], limit: 40 });
    await check({ kinds: ['ad.saved', 'palette.checked', 'template.saved'], limit: 500 });
    await check({ kinds: [...ActivityKindSchema.options], limit: 30 });
    expect(await queryLog(db, { kinds: [], limit: 10 })).toEqual({ entries: [], total: 0, more: false });
  });

  it('filters by template, alone and with kinds, in a range', async () => {
    for (const templateId of TEMPLATES) await check({ templateId, limit: 20 });
    await check({ templateId: 'thanks-ar', kinds: ['template.inserted'], limit: 20 });
    await check({ templateId: 'thanks-ar', kinds: ['template.saved'], limit: 20 });
    await check({ templateId: 'refund-en', from: byTime[50].at, to: byTime[500].at, limit: 5 });
    expect((await queryLog(db, { templateId: 'unknown', limit: 5 })).total).toBe(0);
  });

  it('filters by platform and by actor, Arabic-aware', async () => {
    for (const platform of ['facebook', 'instagram', 'x', 'linkedin', 'tiktok'] as const) await check({ platform, limit: 15 });
    const hamza = await check({ actor: 'أحمد', limit: 500 });
    const bare = await queryLog(db, { actor: 'احمد', limit: 500 });
    expect(bare).toEqual(hamza);
    expect(bare.total).toBeGreaterThan(0);
    // Latin accents are folded too.
    expect((await queryLog(db, { actor: 'hasan', limit: 1 })).total).toBe(ENTRIES.filter((e) => e.actor === 'Ḥasan').length);
  });

  it('matches free text in details and page URL, with Arabic spelling variants', async () => {
    await check({ text: 'جرير', limit: 50 });
    await check({ text: 'instagram.com', limit: 50 });
    await check({ text: 'refund-ar', limit: 50, kinds: ['template.inserted'] });
    // مكتبة written with heh, and a hamza-less alef: the same entries as the spelling stored.
    expect(await queryLog(db, { text: 'مكتبه', limit: 500 })).toEqual(await queryLog(db, { text: 'مكتبة', limit: 500 }));
    expect(await queryLog(db, { text: 'اعلان', limit: 500 })).toEqual(await queryLog(db, { text: 'إعلان', limit: 500 }));
    expect((await queryLog(db, { text: 'اعلان', limit: 500 })).total).toBeGreaterThan(0);
    await check({ text: 'صورة المنتج', limit: 500 });
  });

  it('agrees with a plain in-memory filter on 150 random combinations', async () => {
    const rnd = seededRandom(99);
    const choose = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    for (let i = 0; i < 150; i++) {
      const a = Math.floor(rnd() * 600);
      const b = Math.floor(rnd() * 600);
      const q: LogQuery = { limit: 1 + Math.floor(rnd() * 80) };
      if (rnd() < 0.7) q.from = byTime[Math.min(a, b)].at;
      if (rnd() < 0.7) q.to = byTime[Math.max(a, b)].at;
      if (rnd() < 0.4) q.kinds = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => choose(ActivityKindSchema.options));
      if (rnd() < 0.3) q.platform = choose(['facebook', 'instagram', 'x', 'linkedin'] as const);
      if (rnd() < 0.2) q.actor = choose(['sara', 'احمد']);
      if (rnd() < 0.3) q.templateId = choose(TEMPLATES);
      if (rnd() < 0.2) q.text = choose(['picker', 'noon', 'pass', 'post/1']);
      await check(q);
    }
  });
});

describe('free text through the word index', () => {
  const TEXT_CASES: LogQuery[] = [
    { text: 'جرير', limit: 50 },
    { text: 'مكتبه جر', limit: 50 },
    { text: 'اعلان', limit: 500 },
    { text: 'صورة المنتج', limit: 500 },
    { text: 'منتج', limit: 500 },
    { text: 'post 1', limit: 30 },
    { text: 'post 1 ', limit: 30 },
    { text: 'p', limit: 7 },
    { text: 'refund-ar', limit: 50, kinds: ['template.inserted'] },
    { text: 'picker', limit: 20, platform: 'x' },
    { text: 'pass', limit: 5, from: byTime[100].at, to: byTime[450].at },
    { text: 'noon', limit: 3, actor: 'sara' },
  ];

  async function randomTextQueries() {
    const rnd = seededRandom(7);
    const choose = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    for (let i = 0; i < 60; i++) {
      const a = Math.floor(rnd() * 600);
      const b = Math.floor(rnd() * 600);
      const q: LogQuery = {
        limit: 1 + Math.floor(rnd() * 60),
        text: choose(['picker', 'noo', 'pass ', 'post 4', 'جري', 'banner', 'لا']),
      };
      if (rnd() < 0.6) q.from = byTime[Math.min(a, b)].at;
      if (rnd() < 0.6) q.to = byTime[Math.max(a, b)].at;
      if (rnd() < 0.3) q.kinds = [choose(ActivityKindSchema.options)];
      if (rnd() < 0.3) q.platform = choose(['facebook', 'instagram', 'x', 'linkedin'] as const);
      await check(q);
    }
  }

  it('gives the same answers before the backfill, halfway through it, and once it is done', async () => {
    // Before: nothing older is marked indexed, so every entry is read and checked.
    for (const q of TEXT_CASES) await check(q);
    // Halfway: the oldest 250 indexed by one batch, the newest read.
    expect(await backfillLogWordsBatch(db, 250)).toBe(false);
    for (const q of TEXT_CASES) await check(q);
    await randomTextQueries();
    await backfillLogWords(db);
    expect(await backfillLogWordsBatch(db)).toBe(true);
    for (const q of TEXT_CASES) await check(q);
    await randomTextQueries();
    // Reads as a large log makes them: one row per step, a prefix beginning more than one word walks the
    // log or another word's rows, the rarity probe on 3 rows, and cursors where getAll takes no direction.
    const tuning = { ...LOG_TEXT_SEARCH_TUNING };
    Object.assign(LOG_TEXT_SEARCH_TUNING, {
      probe: 3,
      prefixWords: 1,
      prefixRows: 5,
      firstStep: 1,
      largestStep: 4,
      cursorReads: true,
    });
    try {
      for (const q of TEXT_CASES) await check(q);
      await randomTextQueries();
    } finally {
      Object.assign(LOG_TEXT_SEARCH_TUNING, tuning);
    }
  });

  it('once indexed, reads the matching entries, not the whole log', async () => {
    await backfillLogWords(db);
    const reads = { entries: 0 };
    const counted = new WeakSet<object>();
    const spy = new Proxy(db, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop !== 'transaction') return typeof value === 'function' ? value.bind(target) : value;
        return (...args: Parameters<DalilDatabase['transaction']>) => {
          const tx = target.transaction(...args);
          const objectStore = tx.objectStore.bind(tx);
          return Object.assign(tx, {
            objectStore: (name: string) => {
              const store = objectStore(name as 'activityLog');
              // idb hands back the same wrapper each time: count through it once.
              if (name !== 'activityLog' || counted.has(store)) return store;
              counted.add(store);
              const get = store.get.bind(store);
              const index = store.index.bind(store);
              return Object.assign(store, {
                get: (key: string) => {
                  reads.entries++;
                  return get(key);
                },
                index: (n: 'by-at') => {
                  const idx = index(n);
                  const getAll = idx.getAll.bind(idx);
                  return Object.assign(idx, {
                    getAll: async (...a: Parameters<typeof getAll>) => {
                      const got = await getAll(...a);
                      reads.entries += got.length;
                      return got;
                    },
                  });
                },
              });
            },
          });
        };
      },
    });
    const page = await queryLog(spy, { text: 'جرير', limit: 5, count: false });
    expect(page.entries).toHaveLength(5);
    const holding = ENTRIES.filter((e) => e.details.advertiser === 'مكتبة جرير').length;
    expect(reads.entries).toBeLessThanOrEqual(holding);
    expect(reads.entries).toBeLessThan(ENTRIES.length / 4);
  });
});

describe('logStats', () => {
  /** Local calendar day through Intl, independently of the code under test. */
  const dayOf = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });
  const localDay = (at: string) => dayOf.format(new Date(at));

  function expectedStats(from: string, to: string) {
    const inRange = ENTRIES.filter((e) => e.at >= from && e.at < to);
    const perDay = new Map<string, number>();
    const perTemplate = new Map<string, number>();
    const perAdvertiser = new Map<string, number>();
    const palette = { pass: 0, warn: 0, fail: 0, error: 0 };
    for (const e of inRange) {
      if (e.kind === 'template.inserted') {
        const id = e.details.templateId as string;
        perTemplate.set(id, (perTemplate.get(id) ?? 0) + 1);
        if (e.details.landed !== false) perDay.set(localDay(e.at), (perDay.get(localDay(e.at)) ?? 0) + 1);
      } else if (e.kind === 'ad.saved') {
        const name = (e.details.advertiser as string | null) ?? '';
        perAdvertiser.set(name, (perAdvertiser.get(name) ?? 0) + (e.details.count as number));
      } else if (e.kind === 'palette.checked') {
        palette[e.details.verdict as keyof typeof palette]++;
      }
    }
    const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return { perDay, templates: sorted(perTemplate).slice(0, 10), advertisers: sorted(perAdvertiser).slice(0, 10), palette };
  }

  it('counts replies per local day, templates, ads per advertiser and palette verdicts in [from, to)', async () => {
    for (const [from, to] of [
      [iso(START), iso(START + 20 * DAY)],
      [byTime[120].at, byTime[480].at],
      [iso(START + 3 * DAY), iso(START + 10 * DAY)],
    ]) {
      const stats = await logStats(db, { from, to });
      const want = expectedStats(from, to);
      expect(stats.from).toBe(from);
      expect(stats.to).toBe(to);
      // Every local day of the range is listed once, in order, zeros included.
      const days = stats.repliesPerDay.map((d) => d.day);
      expect(days).toEqual([...days].sort());
      expect(new Set(days).size).toBe(days.length);
      expect(days[0]).toBe(localDay(from));
      expect(days.at(-1)).toBe(localDay(iso(Date.parse(to) - 1)));
      for (const { day, count } of stats.repliesPerDay) expect(count, day).toBe(want.perDay.get(day) ?? 0);
      expect(stats.repliesPerDay.reduce((s, d) => s + d.count, 0)).toBe([...want.perDay.values()].reduce((s, n) => s + n, 0));
      expect(stats.topTemplates.map((t) => [t.templateId, t.count])).toEqual(want.templates);
      expect(stats.adsPerAdvertiser.map((a) => [a.advertiser, a.count])).toEqual(want.advertisers);
      expect(stats.palette).toEqual(want.palette);
    }
  });

  it('gives zeros and empty lists for a range with nothing in it', async () => {
    const stats = await logStats(db, { from: '2025-01-01T00:00:00.000Z', to: '2025-01-03T00:00:00.000Z' });
    expect(stats.topTemplates).toEqual([]);
    expect(stats.adsPerAdvertiser).toEqual([]);
    expect(stats.palette).toEqual({ pass: 0, warn: 0, fail: 0, error: 0 });
    expect(stats.repliesPerDay.every((d) => d.count === 0)).toBe(true);
    expect(stats.repliesPerDay.length).toBeGreaterThanOrEqual(2);
  });

  it('counts a bulk save under each of its advertisers', async () => {
    const bulkDb = await openDalilDatabase(`bulk-${Math.random()}`);
    const at = '2025-06-01T10:00:00.000Z';
    await appendActivity(bulkDb, [
      {
        id: uuid(90_001),
        at,
        kind: 'ad.saved',
        actor: '',
        details: { count: 5, bulk: true, advertiser: 'Noon', advertiserCounts: JSON.stringify({ Noon: 2, 'مكتبة جرير': 3 }) },
      },
      { id: uuid(90_002), at, kind: 'ad.saved', actor: '', details: { count: 1, advertiser: 'Noon' } },
    ]);
    const stats = await logStats(bulkDb, { from: '2025-06-01T00:00:00.000Z', to: '2025-06-02T00:00:00.000Z' });
    expect(Object.fromEntries(stats.adsPerAdvertiser.map((a) => [a.advertiser, a.count]))).toEqual({ Noon: 3, 'مكتبة جرير': 3 });
    bulkDb.close();
  });
});
