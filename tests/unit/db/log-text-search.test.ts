import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendActivity } from '../../../utils/db/activity-log-repo';
import { queryLog } from '../../../utils/db/log-query';
import { LOG_TEXT_SEARCH_TUNING } from '../../../utils/db/log-text-search';
import { backfillLogWords } from '../../../utils/db/log-words-repo';
import { type DalilDatabase, openDalilDatabase } from '../../../utils/db/open';
import type { ActivityLogEntry } from '../../../utils/schemas/activity-log';

/*
 * The log's text search at a size where reading a word's every row shows: 3,000 entries over 30 days, every
 * one on facebook.com, half of them "alpha" and the other half "beta" (never together), 40 "refund", and 300
 * "burst" at one instant. The newest page must come from the newest rows of the rarest word, not from every
 * row of a common one.
 */

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const START = Date.parse('2026-03-01T00:00:00.000Z');
const BURST_AT = '2026-03-20T12:00:00.000Z';

const ENTRIES: ActivityLogEntry[] = Array.from({ length: 3_000 }, (_, i) => {
  const burst = i % 10 === 3;
  const note = [i % 2 === 0 ? 'alpha' : 'beta', i % 75 === 0 ? 'refund' : '', burst ? 'burst' : ''].join(' ');
  return {
    id: uuid(i + 1),
    // Spread over 30 days in an order unlike the ids', so time and key order differ.
    at: burst ? BURST_AT : new Date(START + ((i * 7_919) % 3_000) * 864_000).toISOString(),
    kind: 'testimonial.saved',
    actor: 'Sara',
    platform: 'facebook',
    pageUrl: `https://www.facebook.com/post/${i}`,
    details: { note },
  };
});

const newestFirst = (a: ActivityLogEntry, b: ActivityLogEntry) => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.id < b.id ? 1 : -1);
const expected = (keep: (e: ActivityLogEntry) => boolean, limit: number) =>
  ENTRIES.filter(keep)
    .sort(newestFirst)
    .slice(0, limit)
    .map((e) => e.id);

/**
 * Index rows and keys the engine hands back from `logWords`, counted: getAll and getAllKeys results, and each
 * step of a cursor (its request succeeds once per step; idb's own cursor methods are left as they are).
 */
const touched = { rows: 0 };
function countWordIndexReads() {
  const owner = (source: IDBIndex | IDBObjectStore) => ('objectStore' in source ? source.objectStore : source).name;
  for (const proto of [IDBIndex.prototype, IDBObjectStore.prototype] as (IDBIndex | IDBObjectStore)[]) {
    for (const method of ['getAll', 'getAllKeys', 'openCursor', 'openKeyCursor'] as const) {
      const original = proto[method] as (...args: unknown[]) => IDBRequest;
      Object.defineProperty(proto, method, {
        configurable: true,
        value(this: IDBIndex | IDBObjectStore, ...args: unknown[]) {
          const request = original.apply(this, args);
          if (owner(this) === 'logWords')
            request.addEventListener('success', () => {
              const result = request.result;
              if (Array.isArray(result)) touched.rows += result.length;
              else if (result) touched.rows += 1;
            });
          return request;
        },
      });
    }
  }
}

async function search(text: string, limit = 50) {
  touched.rows = 0;
  const page = await queryLog(db, { text, limit, count: false });
  return { ids: page.entries.map((e) => e.id), more: page.more, rows: touched.rows };
}

let db: DalilDatabase;
beforeAll(async () => {
  db = await openDalilDatabase(`log-text-search-${Date.now()}`);
  await appendActivity(db, ENTRIES);
  // Marks every entry indexed (each was written with its row): no part of the log is read unindexed.
  await backfillLogWords(db);
  countWordIndexReads();
});
afterAll(() => db.close());

describe('text search over the word index', () => {
  it("gives a common word's newest 50 from about 50 of its rows, not all 3,000", async () => {
    const found = await search('facebook ');
    expect(found.ids).toEqual(expected(() => true, 50));
    expect(found.more).toBe(true);
    expect(found.rows).toBeLessThan(200);
  });

  it('answers two words from their postings, whichever order they are typed in, reading no word index row', async () => {
    const refund = (e: ActivityLogEntry) => String(e.details.note).includes('refund');
    for (const text of ['facebook refund ', 'refund facebook ', 'refund faceb']) {
      const found = await search(text);
      expect(found.ids, text).toEqual(expected(refund, 50));
      expect(found.more).toBe(false);
      // At most the words a typed prefix begins (log-postings.test.ts counts the postings' own reads).
      expect(found.rows, text).toBeLessThan(10);
    }
  });

  it('finds a typed prefix beginning many words beside a word through its prefix posting', async () => {
    const found = await search('refund 12');
    const keep = (e: ActivityLogEntry) => String(e.details.note).includes('refund') && /\/post\/12/.test(e.pageUrl ?? '');
    expect(found.ids).toEqual(expected(keep, 50));
    expect(found.ids.length).toBeGreaterThan(0);
    expect(found.rows).toBeLessThan(10);
    const both = await search('alpha 12');
    const alpha12 = (e: ActivityLogEntry) => String(e.details.note).includes('alpha') && /\/post\/12/.test(e.pageUrl ?? '');
    expect(both.ids).toEqual(expected(alpha12, 50));
  });

  it('stops at the limit inside an instant holding more entries than a step, newest id first', async () => {
    const burst = (e: ActivityLogEntry) => String(e.details.note).includes('burst');
    const tuning = { ...LOG_TEXT_SEARCH_TUNING };
    Object.assign(LOG_TEXT_SEARCH_TUNING, { firstStep: 7, largestStep: 20 });
    try {
      for (const text of ['burst', 'burst alpha', 'beta burst ']) {
        const alsoWord = text.replace('burst', '').trim();
        const keep = (e: ActivityLogEntry) => burst(e) && String(e.details.note).includes(alsoWord);
        const found = await search(text, 120);
        expect(found.ids, text).toEqual(expected(keep, 120));
        expect(found.more, text).toBe(ENTRIES.filter(keep).length > 120);
      }
    } finally {
      Object.assign(LOG_TEXT_SEARCH_TUNING, tuning);
    }
  });

  it('finds nothing for two common words never logged together, and counts the matches of those that are', async () => {
    const none = await search('alpha beta');
    expect(none).toMatchObject({ ids: [], more: false });
    const page = await queryLog(db, { text: 'alpha facebook', limit: 50 });
    expect(page.total).toBe(1_500);
    expect(page.entries.map((e) => e.id)).toEqual(expected((e) => String(e.details.note).includes('alpha'), 50));
  });

  it('reads a typed prefix that begins many words whole when it has few rows, and walks the log when it has many', async () => {
    // Each number after /post/ is a word of its own: "12" begins 111 of them, "1" begins 1,111.
    const postStarting = (digits: string) => (e: ActivityLogEntry) => (e.pageUrl ?? '').includes(`/post/${digits}`);
    const few = await search('12');
    expect(few.ids).toEqual(expected(postStarting('12'), 50));
    expect(few.rows).toBeLessThan(111 + 20);
    const tuning = { ...LOG_TEXT_SEARCH_TUNING };
    Object.assign(LOG_TEXT_SEARCH_TUNING, { prefixKeys: 500 });
    try {
      const many = await search('1');
      expect(many.ids).toEqual(expected(postStarting('1'), 50));
      // The first 500 of the prefix's keys, then the log's newest rows until 50 match (about 3 in 8 do).
      expect(many.rows).toBeLessThan(500 + 20 + 400);
    } finally {
      Object.assign(LOG_TEXT_SEARCH_TUNING, tuning);
    }
  });
});
