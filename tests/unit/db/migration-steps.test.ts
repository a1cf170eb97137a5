/**
 * Each migration step on its own: the frozen example of version N − 1 (tests/fixtures/db), upgraded to
 * version N and no further, holds what version N expects — its new stores and indexes, the records the
 * step derives, and every record the older version wrote, unchanged. (migrations.test.ts upgrades the
 * same examples to the latest version in one go.)
 */
import { describe, expect, it } from 'vitest';
import { readActiveGuidance } from '../../../utils/db/guidance-repo';
import { queryFollowed, queryTestimonials } from '../../../utils/db/list-query';
import { queryLog } from '../../../utils/db/log-query';
import { backfillLogWordsBatch } from '../../../utils/db/log-words-repo';
import { DB_VERSION } from '../../../utils/db/migrations';
import { type DalilDatabase, openDalilDatabase } from '../../../utils/db/open';
import { createDatabaseAt, readFrozen } from './frozen-database';

let counter = 0;

type Frozen = ReturnType<typeof readFrozen>;

/** The example of version `from`, written as that version did, then opened at `from + 1`. */
async function stepFrom(from: number, frozen: Frozen = readFrozen(`v${from}-example.json`)): Promise<DalilDatabase> {
  expect(frozen.version).toBe(from);
  const name = `dalil-step-${from}-${++counter}-${Math.random()}`;
  if (from > 0) await createDatabaseAt(name, frozen);
  const db = await openDalilDatabase(name, from + 1);
  expect(db.version).toBe(from + 1);
  return db;
}

const storesOf = (db: DalilDatabase) => [...db.objectStoreNames].sort();
const indexesOf = (db: DalilDatabase, store: string) => [...db.transaction(store as 'templates').store.indexNames].sort();

/** Every record of the example's stores (but `except`) is still there, equal to what was written. */
async function expectKept(db: DalilDatabase, frozen: Frozen, except: string[] = []): Promise<void> {
  for (const [store, records] of Object.entries(frozen.stores)) {
    if (except.includes(store)) continue;
    const tx = db.transaction(store as 'templates');
    expect(await tx.store.count(), store).toBe(records.length);
    for (const { key, value } of records) {
      const id = key ?? (await tx.store.getKey(primaryKeyOf(tx.store.keyPath, value) as string));
      const stored = await tx.store.get(id as string);
      if (store === 'media') {
        const { blob, ...rest } = value as { blob: Blob };
        const { blob: storedBlob, ...storedRest } = stored as unknown as { blob: Blob };
        expect(storedRest).toEqual(rest);
        expect(storedBlob.type).toBe(blob.type);
        expect(new Uint8Array(await storedBlob.arrayBuffer())).toEqual(new Uint8Array(await blob.arrayBuffer()));
      } else {
        expect(stored, `${store} ${String(id)}`).toEqual(value);
      }
    }
  }
}

function primaryKeyOf(keyPath: string | string[] | null, value: unknown): unknown {
  if (keyPath === null) throw new Error('every out-of-line store gives its keys in the example');
  // A compound key ([adId, index] since version 9) is the array of its parts.
  if (Array.isArray(keyPath)) return keyPath.map((path) => primaryKeyOf(path, value));
  return keyPath.split('.').reduce<unknown>((v, part) => (v as Record<string, unknown>)?.[part], value);
}

describe('each migration step, from its own predecessor', () => {
  it('has a frozen example for every version the database has had', () => {
    for (let version = 1; version <= DB_VERSION; version++) {
      expect(readFrozen(`v${version}-example.json`).version).toBe(version);
    }
  });

  it('gives each example a record or more in every store its version had', async () => {
    for (let version = 1; version <= DB_VERSION; version++) {
      const frozen = readFrozen(`v${version}-example.json`);
      const name = `dalil-stores-${version}-${++counter}`;
      await createDatabaseAt(name, { version, stores: {} });
      const db = await openDalilDatabase(name, version);
      expect(Object.keys(frozen.stores).sort(), `v${version}-example.json`).toEqual(storesOf(db));
      for (const [store, records] of Object.entries(frozen.stores)) {
        expect(records.length, `v${version}-example.json: ${store}`).toBeGreaterThan(0);
      }
      db.close();
    }
  });

  it('0 → 1: a fresh profile gets the one guidance store', async () => {
    const db = await stepFrom(0, { version: 0, stores: {} });
    expect(storesOf(db)).toEqual(['guidance']);
    db.close();
  });

  it('1 → 2: the pack record loses its templates to their own store, in order, with every field', async () => {
    const frozen = readFrozen('v1-example.json');
    const db = await stepFrom(1, frozen);
    expect(storesOf(db)).toEqual(['guidance', 'templates']);
    expect(indexesOf(db, 'templates')).toEqual(['by-shortcut', 'by-status']);
    const { templates, ...header } = frozen.stores.guidance[0].value as { templates: object[] };
    expect(await db.get('guidance', 'active')).toEqual(header);
    const stored = await db.getAll('templates');
    expect(stored.sort((a, b) => a.position - b.position)).toEqual(templates.map((t, position) => ({ ...t, position })));
    db.close();
  });

  it('2 → 3: adds the log, the swipe file and its media, empty; guidance and templates unchanged', async () => {
    const frozen = readFrozen('v2-example.json');
    const db = await stepFrom(2, frozen);
    expect(storesOf(db)).toEqual(['activityLog', 'adCaptures', 'guidance', 'media', 'templates']);
    expect(indexesOf(db, 'activityLog')).toEqual(['by-at']);
    expect(indexesOf(db, 'adCaptures')).toEqual(['by-advertiser', 'by-captured-at', 'by-library-ad']);
    for (const store of ['activityLog', 'adCaptures', 'media'] as const) expect(await db.count(store)).toBe(0);
    await expectKept(db, frozen);
    expect((await readActiveGuidance(db))?.problems).toEqual([]);
    db.close();
  });

  it('3 → 4: counts the insertions already logged per template; testimonials start empty', async () => {
    const frozen = readFrozen('v3-example.json');
    const db = await stepFrom(3, frozen);
    expect(storesOf(db)).toContain('templateUsage');
    expect(indexesOf(db, 'testimonials')).toEqual(['by-saved-at']);
    expect(await db.getAll('templateUsage')).toEqual([
      { templateId: 'thanks-en', count: 2, lastUsedAt: '2026-11-21T09:00:00.000Z' },
    ]);
    expect(await db.count('testimonials')).toBe(0);
    await expectKept(db, frozen);
    db.close();
  });

  it('4 → 5: finds saved ads by advertiser key; followed advertisers start empty', async () => {
    const frozen = readFrozen('v4-example.json');
    const db = await stepFrom(4, frozen);
    expect(storesOf(db)).toContain('followedAdvertisers');
    expect(indexesOf(db, 'adCaptures')).toContain('by-advertiser-key');
    expect(await db.getAllKeysFromIndex('adCaptures', 'by-advertiser-key', 'meta:352724287928081')).toEqual([
      'meta:1413703450080269',
    ]);
    expect(await db.count('followedAdvertisers')).toBe(0);
    await expectKept(db, frozen);
    db.close();
  });

  it('5 → 6: adds team sync (outbox, pack history, personal templates, sync state) and indexes the log by kind and template', async () => {
    const frozen = readFrozen('v5-example.json');
    const db = await stepFrom(5, frozen);
    for (const store of ['outbox', 'packHistory', 'personalTemplates', 'syncState'] as const) {
      expect(storesOf(db)).toContain(store);
      expect(await db.count(store)).toBe(0);
    }
    expect(indexesOf(db, 'outbox')).toEqual(['by-next']);
    expect(indexesOf(db, 'packHistory')).toEqual(['by-archived-at']);
    expect(indexesOf(db, 'activityLog')).toEqual(['by-at', 'by-kind-at', 'by-template-at']);
    expect(
      await db.getAllKeysFromIndex(
        'activityLog',
        'by-kind-at',
        IDBKeyRange.bound(['template.inserted', ''], ['template.inserted', '\uffff']),
      ),
    ).toEqual([
      '0b0c2f7e-7f5c-4a53-9d55-0d9f5b0f0001',
      '0b0c2f7e-7f5c-4a53-9d55-0d9f5b0f0002',
      '0b0c2f7e-7f5c-4a53-9d55-0d9f5b0f0004',
    ]);
    expect(
      await db.getAllKeysFromIndex('activityLog', 'by-template-at', IDBKeyRange.bound(['price-ar', ''], ['price-ar', '\uffff'])),
    ).toEqual(['0b0c2f7e-7f5c-4a53-9d55-0d9f5b0f0004']);
    await expectKept(db, frozen);
    db.close();
  });

  it('6 → 7: counts the entries already logged per hour, kind, platform, template, verdict and advertiser', async () => {
    const frozen = readFrozen('v6-example.json');
    const db = await stepFrom(6, frozen);
    expect(storesOf(db)).toContain('logCounts');
    expect(indexesOf(db, 'logCounts')).toEqual(['by-kind-dim-hour', 'by-kind-hour']);
    const count = async (key: string) => (await db.get('logCounts', key))?.count;
    // Two insertions in the 09:00 hour of the 20th, on Facebook and X, both landed.
    expect(await count('2026-11-20T09|*|')).toBe(2);
    expect(await count('2026-11-20T09|template.inserted|t:thanks-en')).toBe(2);
    expect(await count('2026-11-20T09|template.inserted|landed')).toBe(2);
    expect(await count('2026-11-20T09|*|p:facebook')).toBe(1);
    // The Instagram insertion that did not land counts as an insertion, not as landed.
    expect(await count('2026-11-23T10|template.inserted|')).toBe(1);
    expect(await count('2026-11-23T10|template.inserted|landed')).toBeUndefined();
    expect(await count('2026-11-23T11|palette.checked|v:pass')).toBe(1);
    expect(await count('2026-11-23T11|ad.saved|a:Texas Veteran Center')).toBe(1);
    const all = await db.getAllFromIndex('logCounts', 'by-kind-hour', IDBKeyRange.bound(['*', ''], ['*', '\uffff']));
    expect(all.filter((c) => c.dim === '').reduce((sum, c) => sum + c.count, 0)).toBe(frozen.stores.activityLog.length);
    await expectKept(db, frozen);
    db.close();
  });

  it('6 → 7 derives the counts version 7 itself kept beside each entry (the v7 example)', async () => {
    const v7 = readFrozen('v7-example.json');
    // Version 7's log, as version 6 would have held it: the step must derive version 7's counts.
    const db = await stepFrom(6, { version: 6, stores: { activityLog: v7.stores.activityLog } });
    const byKey = (records: Array<{ key: string }>) => [...records].sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(byKey(await db.getAll('logCounts'))).toEqual(byKey(v7.stores.logCounts.map((r) => r.value as { key: string })));
    db.close();
  });

  it('7 → 8: finds the entries by platform and time, leaving out those without a platform', async () => {
    const frozen = readFrozen('v7-example.json');
    const db = await stepFrom(7, frozen);
    expect(indexesOf(db, 'activityLog')).toEqual(['by-at', 'by-kind-at', 'by-platform-at', 'by-template-at']);
    const facebook = await db.getAllKeysFromIndex(
      'activityLog',
      'by-platform-at',
      IDBKeyRange.bound(['facebook', ''], ['facebook', '\uffff']),
    );
    expect(facebook).toEqual(['0b0c2f7e-7f5c-4a53-9d55-0d9f5b0f0001', '0b0c2f7e-7f5c-4a53-9d55-0d9f5b0f0009']);
    const logged = frozen.stores.activityLog.map((r) => r.value as { platform?: string });
    expect(await db.countFromIndex('activityLog', 'by-platform-at')).toBe(logged.filter((e) => e.platform).length);
    expect(logged.some((e) => !e.platform)).toBe(true);
    await expectKept(db, frozen);
    db.close();
  });

  it('8 → 9: adds the queue of media owed, empty, found by due time; every saved ad and media record unchanged', async () => {
    const frozen = readFrozen('v8-example.json');
    const db = await stepFrom(8, frozen);
    expect(storesOf(db)).toContain('pendingMedia');
    expect(indexesOf(db, 'pendingMedia')).toEqual(['by-next']);
    expect(await db.count('pendingMedia')).toBe(0);
    await expectKept(db, frozen);
    db.close();
  });

  it('9 → 10: derives a search row per live saved ad, found by word, tag and capture time; every record unchanged', async () => {
    const frozen = readFrozen('v9-example.json');
    const db = await stepFrom(9, frozen);
    expect(storesOf(db)).toContain('adSearch');
    expect(indexesOf(db, 'adSearch')).toEqual([
      'by-advertiser',
      'by-advertiser-key',
      'by-board',
      'by-captured',
      'by-id',
      'by-library',
      'by-status',
      'by-tag',
      'by-word',
    ]);
    expect(indexesOf(db, 'adCaptures')).toContain('by-deleted-at');
    // The deleted TikTok ad has no row: two of the three saved ads are live.
    expect(await db.getAllKeysFromIndex('adSearch', 'by-captured')).toEqual([
      ['meta:1413703450080269', '2025-05-16', ''],
      ['meta:1502233445566778', '', ''],
    ]);
    expect(await db.getAllKeysFromIndex('adSearch', 'by-word', 'مقهي')).toEqual([['meta:1502233445566778', '', '']]);
    expect(await db.getAllKeysFromIndex('adSearch', 'by-tag', 'veterans')).toEqual([['meta:1413703450080269', '2025-05-16', '']]);
    expect(await db.getAllKeysFromIndex('adCaptures', 'by-deleted-at')).toEqual(['tiktok:7301234567890123456']);
    await expectKept(db, frozen);
    db.close();
  });

  it('10 → 11: adds the log’s empty word index; the backfill then indexes every entry in batches; every record unchanged', async () => {
    const frozen = readFrozen('v10-example.json');
    let db = await stepFrom(10, frozen);
    expect(storesOf(db)).toContain('logWords');
    expect(indexesOf(db, 'logWords')).toEqual(['by-word']);
    // Nothing indexed inside the upgrade: a million entries would hold the database closed for minutes.
    expect(await db.count('logWords')).toBe(0);
    await expectKept(db, frozen);
    // The backfill is today's, run where it runs: at today's version (which writes the postings beside the rows).
    db.close();
    const name = db.name;
    db = await openDalilDatabase(name);
    // Batches of 4 over 10 entries, each a transaction that moves the mark (a batch starts at the last one's
    // instant, for entries sharing it); the last one says done.
    expect(await backfillLogWordsBatch(db, 4)).toBe(false);
    expect(await db.count('logWords')).toBe(1 + 4);
    let batches = 1;
    while (!(await backfillLogWordsBatch(db, 4))) batches++;
    expect(batches).toBe(3);
    const entries = frozen.stores.activityLog.length;
    expect(await db.count('logWords')).toBe(1 + entries);
    // "veteran" (an advertiser's word) on the two ad saves that name it, by word and day.
    expect(await db.getAllKeysFromIndex('logWords', 'by-word', IDBKeyRange.bound('veteran', 'veteran\uffff'))).toEqual([
      ['2026-11-23T11:30:00.000Z', expect.any(String)],
      ['2026-11-25T09:40:00.000Z', expect.any(String)],
    ]);
    await expectKept(db, frozen);
    db.close();
  });

  it('11 → 12: derives a search row per followed advertiser and testimonial, found by word and newest first; every record unchanged', async () => {
    const frozen = readFrozen('v11-example.json');
    const db = await stepFrom(11, frozen);
    expect(indexesOf(db, 'followedSearch')).toEqual(['by-at', 'by-word']);
    expect(indexesOf(db, 'testimonialSearch')).toEqual(['by-at', 'by-word']);
    expect(await db.getAllKeysFromIndex('followedSearch', 'by-word', IDBKeyRange.bound('veteran', 'veteran\uffff'))).toEqual([
      'meta:352724287928081',
    ]);
    expect(await queryTestimonials(db, 'flat', { offset: 0, limit: 10 })).toMatchObject({
      matching: 1,
      total: 1,
      items: [{ author: 'Sara Ahmed' }],
    });
    expect(await queryFollowed(db, 'texas', { offset: 0, limit: 10 })).toEqual({
      matching: 1,
      total: 1,
      items: [
        {
          key: 'meta:352724287928081',
          library: 'meta',
          name: 'Texas Veteran Center',
          followedAt: '2026-11-23T11:31:00.000Z',
          savedAds: 1,
        },
      ],
    });
    await expectKept(db, frozen);
    db.close();
  });

  it('12 → 13: adds the log’s postings, empty, and starts the word index over; the backfill then writes both; every entry unchanged', async () => {
    const frozen = readFrozen('v12-example.json');
    const db = await stepFrom(12, frozen);
    // The backfill writes the postings with the word index's rows, so both start over together.
    expect(await db.count('logWords')).toBe(0);
    for (const store of ['logBlocks', 'logSlots', 'logPostings'] as const) expect(await db.count(store)).toBe(0);
    await expectKept(db, frozen, ['logWords']);
    // Unindexed, a search of two words reads the entries one by one and still finds them.
    expect((await queryLog(db, { text: 'veteran cen', limit: 10 })).total).toBe(2);
    while (!(await backfillLogWordsBatch(db, 4))) {}
    const entries = frozen.stores.activityLog.length;
    expect(await db.count('logWords')).toBe(1 + entries);
    expect(await db.count('logSlots')).toBe(entries);
    // "veteran" (an advertiser's word) on the two ad saves that name it, and "vet" typed, by prefix posting.
    expect(await db.get('logPostings', ['veteran', '2026-11'])).toEqual({ slots: [expect.any(Number), expect.any(Number)] });
    expect(await db.get('logPostings', ['\u0001vete', '2026-11'])).toEqual(await db.get('logPostings', ['veteran', '2026-11']));
    expect((await queryLog(db, { text: 'veteran cen', limit: 10 })).total).toBe(2);
    await expectKept(db, frozen);
    db.close();
  });

  it('13: the current version opens its own example as it was written (the next step starts from here)', async () => {
    const frozen = readFrozen('v13-example.json');
    expect(frozen.version).toBe(DB_VERSION);
    const name = `dalil-step-13-${++counter}`;
    await createDatabaseAt(name, frozen);
    const db = await openDalilDatabase(name);
    await expectKept(db, frozen);
    const stored = await readActiveGuidance(db);
    expect(stored?.problems).toEqual([]);
    expect(stored?.pack.templates.map((t) => t.id)).toEqual(['thanks-en', 'thanks-ar', 'price-ar']);
    expect(await db.getAllKeysFromIndex('pendingMedia', 'by-next')).toEqual([['meta:1502233445566778', 0]]);
    expect(await db.count('adSearch')).toBe(2);
    expect(await queryLog(db, { text: 'veteran', limit: 10 })).toMatchObject({ total: 2 });
    // Two words through the example's postings, the second still being typed.
    expect(await queryLog(db, { text: 'veteran cen', limit: 10 })).toMatchObject({ total: 2 });
    // Arabic found without its article and with its hamza folded, newest first.
    expect((await queryFollowed(db, 'هيل', { offset: 0, limit: 10 })).items.map((f) => f.key)).toEqual([
      'tiktok:7000000000000000001',
    ]);
    expect((await queryTestimonials(db, 'قهوة', { offset: 0, limit: 10 })).items.map((x) => x.author)).toEqual(['أحمد']);
    expect((await queryTestimonials(db, '', { offset: 0, limit: 10 })).items.map((x) => x.author)).toEqual([
      'أحمد',
      'Sara Ahmed',
    ]);
    db.close();
  });
});
