import { afterEach, describe, expect, it } from 'vitest';
import { addToPosting, assignSlots, emptyBlock, MIDDLE_SLOT } from '../../../utils/activity/log-postings';
import { entryWords, queryWordTerms, wordsMatch } from '../../../utils/activity/log-words';
import { appendActivity } from '../../../utils/db/activity-log-repo';
import { countLog, queryLog } from '../../../utils/db/log-query';
import { LOG_TEXT_SEARCH_TUNING } from '../../../utils/db/log-text-search';
import { backfillLogWords, LOG_SEARCH_STORES } from '../../../utils/db/log-words-repo';
import { type DalilDatabase, openDalilDatabase } from '../../../utils/db/open';
import type { ActivityLogEntry } from '../../../utils/schemas/activity-log';

/*
 * The log's postings (version 13): a search of several words answered from each month's sets, whatever order
 * the log was written in (newest last as it is logged, newest first as a bench or a restore writes it, or
 * shuffled), equal to reading every entry; and two words never logged together found absent from the
 * postings alone, no entry or slot read.
 */

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const START = Date.parse('2026-01-15T00:00:00.000Z');
const NOTES = ['شكراً على التواصل', 'سنرد عليك قريبا', 'Thanks for reaching out', 'refund sent', 'alpha', 'beta'];

/** 1,200 entries over about 3 months, a handful at one instant, with words common, rare and never together. */
const ENTRIES: ActivityLogEntry[] = Array.from({ length: 1_200 }, (_, i): ActivityLogEntry => {
  const r = (i * 2_654_435_761) % 4_294_967_296;
  const details: Record<string, string> =
    i % 3 === 0 ? { advertiser: `Advertiser ${r % 40}` } : { note: NOTES[r % NOTES.length] };
  return {
    id: uuid((r % 100_000) * 10_000 + i),
    at: i % 97 === 5 ? '2026-02-10T08:00:00.000Z' : new Date(START + ((i * 7_919) % 1_200) * 7_000_000).toISOString(),
    kind: i % 3 === 0 ? 'ad.saved' : 'testimonial.saved',
    actor: 'Sara',
    platform: 'facebook',
    pageUrl: `https://www.facebook.com/post/${i}`,
    details,
  };
});

const newestFirst = (a: ActivityLogEntry, b: ActivityLogEntry) => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.id < b.id ? 1 : -1);
const words = (e: ActivityLogEntry) => `${e.pageUrl} ${Object.values(e.details).join(' ')}`.toLowerCase();

/** Reads of each store, counted: single gets and each record getAll/getAllKeys/cursor steps hand back. */
const reads: Record<string, number> = {};
const originals: [object, string, PropertyDescriptor][] = [];
function countReads() {
  const owner = (source: IDBIndex | IDBObjectStore) => ('objectStore' in source ? source.objectStore : source).name;
  for (const proto of [IDBIndex.prototype, IDBObjectStore.prototype]) {
    for (const method of ['get', 'getAll', 'getAllKeys', 'openCursor', 'openKeyCursor'] as const) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, method) as PropertyDescriptor;
      originals.push([proto, method, descriptor]);
      Object.defineProperty(proto, method, {
        configurable: true,
        value(this: IDBIndex | IDBObjectStore, ...args: unknown[]) {
          const request = (descriptor.value as (...a: unknown[]) => IDBRequest).apply(this, args);
          request.addEventListener('success', () => {
            const n = Array.isArray(request.result) ? request.result.length : request.result ? 1 : 0;
            reads[owner(this)] = (reads[owner(this)] ?? 0) + n;
          });
          return request;
        },
      });
    }
  }
}
afterEach(() => {
  for (const [proto, method, descriptor] of originals.splice(0)) Object.defineProperty(proto, method, descriptor);
});

async function logWritten(name: string, order: ActivityLogEntry[][]): Promise<DalilDatabase> {
  const db = await openDalilDatabase(`log-postings-${name}-${Date.now()}-${Math.random()}`);
  for (const batch of order) await appendActivity(db, batch);
  await backfillLogWords(db);
  return db;
}

const shuffled = ENTRIES.map((e, i) => ({ e, k: (i * 7_001) % 1_201 }))
  .sort((a, b) => a.k - b.k)
  .map(({ e }) => e);
const oldestFirst = [...ENTRIES].sort((a, b) => -newestFirst(a, b));
const chunks = (list: ActivityLogEntry[], size: number) =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

const ORDERS: [string, ActivityLogEntry[][]][] = [
  ['newest last, one at a time', oldestFirst.map((e) => [e])],
  ['newest first, in batches', chunks([...oldestFirst].reverse(), 100)],
  ['shuffled, in batches', chunks(shuffled, 150)],
];

/** Several words: common, rare, a prefix being typed (short, long, beginning many words), Arabic. */
const QUERIES = [
  'advertiser 1',
  'advertiser 12 ',
  'facebook refund',
  'alpha beta',
  'post 11',
  'شكرا التواصل',
  'سنرد facebook قر',
  'facebook 1111',
  'www advertis',
];
/** What reading every entry finds (the search before the index): each entry's words checked. */
const holding = (text: string) => (e: ActivityLogEntry) => wordsMatch(entryWords(e), queryWordTerms(text));

/** The search's newest 50 and total are those of reading every entry; returns every match, newest first. */
async function expectAsScanned(db: DalilDatabase, text: string): Promise<ActivityLogEntry[]> {
  const all = ENTRIES.filter(holding(text)).sort(newestFirst);
  if (text !== 'alpha beta') expect(all.length, text).toBeGreaterThan(0);
  const page = await queryLog(db, { text, limit: 50 });
  expect(
    page.entries.map((e) => e.id),
    text,
  ).toEqual(all.slice(0, 50).map((e) => e.id));
  expect(page.total, text).toBe(all.length);
  return all;
}

describe('several words through the postings', () => {
  for (const [order, batches] of ORDERS) {
    it(`gives what reading every entry gives, newest first, written ${order}`, async () => {
      const db = await logWritten(order, batches);
      for (const text of QUERIES) {
        const all = await expectAsScanned(db, text);
        // Bounded in time (across a month's edge) and by kind: the same as filtering every entry.
        const from = '2026-02-03T00:00:00.000Z';
        const to = '2026-03-20T00:00:00.000Z';
        const bounded = all.filter((e) => e.at >= from && e.at < to && e.kind === 'ad.saved');
        const inRange = await queryLog(db, { text, limit: 30, from, to, kinds: ['ad.saved'] });
        expect(
          inRange.entries.map((e) => e.id),
          `${text} in range`,
        ).toEqual(bounded.slice(0, 30).map((e) => e.id));
        expect(await countLog(db, { text, from, to, kinds: ['ad.saved'] }), `${text} counted`).toBe(bounded.length);
      }
      // A long prefix beginning more words than are read one by one: its first characters' posting, each
      // match checked on its entry.
      const tuning = { ...LOG_TEXT_SEARCH_TUNING };
      Object.assign(LOG_TEXT_SEARCH_TUNING, { prefixWords: 0 });
      try {
        for (const text of ['facebook 1111', 'www advertis', 'سنرد facebook قريب']) {
          expect((await expectAsScanned(db, text)).length, text).toBeGreaterThan(0);
        }
      } finally {
        Object.assign(LOG_TEXT_SEARCH_TUNING, tuning);
      }
      db.close();
    });
  }

  it('finds two common words never logged together absent from their postings alone, and reads only the matches', async () => {
    const db = await logWritten('reads', chunks(oldestFirst, 200));
    countReads();
    for (const key of Object.keys(reads)) delete reads[key];
    expect(await queryLog(db, { text: 'alpha beta', limit: 50 })).toMatchObject({ entries: [], total: 0 });
    expect(reads.activityLog ?? 0).toBe(0);
    expect(reads.logSlots ?? 0).toBe(0);
    // Each word's posting in each month the log spans (four), and the months.
    expect(reads.logPostings).toBeLessThanOrEqual(2 * 4);
    expect(reads.logWords ?? 0).toBe(1);

    for (const key of Object.keys(reads)) delete reads[key];
    const refunds = ENTRIES.filter((e) => words(e).includes('refund')).sort(newestFirst);
    const page = await queryLog(db, { text: 'refund facebook', limit: 10, count: false });
    expect(page.entries.map((e) => e.id)).toEqual(refunds.slice(0, 10).map((e) => e.id));
    // The newest month's matches' slots and entries: not every "facebook" entry, nor every "refund" one.
    // (One more than the page: whether there are more.)
    expect(reads.activityLog).toBe(11);
    expect(reads.logSlots).toBeLessThan(refunds.length);
    db.close();
  });

  it('posts an entry logged while the backfill runs once, so it is counted once', async () => {
    const db = await openDalilDatabase(`log-postings-backfill-${Date.now()}`);
    await appendActivity(db, ENTRIES.slice(0, 600));
    // As after the upgrade to version 13: the word index and postings start over, the entries are kept.
    const tx = db.transaction([...LOG_SEARCH_STORES], 'readwrite');
    await Promise.all([...tx.objectStoreNames].map((name) => tx.objectStore(name).clear()));
    await tx.done;
    // Logged before the backfill reaches it, with its row and postings.
    await appendActivity(db, ENTRIES.slice(600));
    await backfillLogWords(db);
    expect(await db.count('logSlots')).toBe(ENTRIES.length);
    const holds = (e: ActivityLogEntry) => words(e).includes('refund');
    expect(await countLog(db, { text: 'refund facebook' })).toBe(ENTRIES.filter(holds).length);
    db.close();
  });
});

describe('slots and postings', () => {
  it('gives slots in time order, whichever end the entries come from, and lists those between as late', () => {
    const meta = emptyBlock('2026-03');
    const key = (day: number): [string, string] => [`2026-03-${String(day).padStart(2, '0')}T00:00:00.000Z`, `id${day}`];
    expect(assignSlots(meta, [key(10), key(12)])).toEqual([MIDDLE_SLOT, MIDDLE_SLOT + 1]);
    // Older than all, newest first (as a log written back in time): below, still in time order.
    expect(assignSlots(meta, [key(9), key(8), key(5)])).toEqual([MIDDLE_SLOT - 1, MIDDLE_SLOT - 2, MIDDLE_SLOT - 3]);
    expect(assignSlots(meta, [key(20)])).toEqual([MIDDLE_SLOT + 2]);
    // Between the ends: above, and late.
    expect(assignSlots(meta, [key(11)])).toEqual([MIDDLE_SLOT + 3]);
    expect(meta).toMatchObject({ lo: MIDDLE_SLOT - 3, hi: MIDDLE_SLOT + 4, late: [MIDDLE_SLOT + 3] });
  });

  it('keeps a posting as a list while few, as a bitmap once dense, growing either way', () => {
    let posting = addToPosting(undefined, [100, 5, 40]);
    expect(posting).toEqual({ slots: [5, 40, 100] });
    posting = addToPosting(
      undefined,
      Array.from({ length: 100 }, (_, i) => 1_000 + i),
    );
    expect('bits' in posting).toBe(true);
    posting = addToPosting(posting, [900, 1_300]);
    const has = (slot: number) =>
      'bits' in posting &&
      slot >= posting.from &&
      ((posting.bits[(slot - posting.from) >>> 5] >>> ((slot - posting.from) & 31)) & 1) === 1;
    expect([900, 1_000, 1_050, 1_099, 1_300].every(has)).toBe(true);
    expect([899, 901, 999, 1_100, 1_299].some(has)).toBe(false);
  });
});
