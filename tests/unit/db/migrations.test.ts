import { describe, expect, it } from 'vitest';
import { matchingAdKeys, queryAds } from '../../../utils/db/ads-query';
import { readActiveGuidance } from '../../../utils/db/guidance-repo';
import { DB_VERSION, MIGRATIONS } from '../../../utils/db/migrations';
import { openDalilDatabase } from '../../../utils/db/open';
import type { StoredAd } from '../../../utils/db/schema';
import { EMPTY_FILTER } from '../../../utils/swipe-file/swipe-filter';
import { createDatabaseAt, readFrozen } from './frozen-database';

let counter = 0;
const freshName = () => `dalil-test-${++counter}-${Math.random()}`;

describe('database upgrade path', () => {
  it('has one step per version, with no gap', () => {
    expect(DB_VERSION).toBe(MIGRATIONS.length);
    expect(MIGRATIONS.every((step) => typeof step === 'function')).toBe(true);
    expect(DB_VERSION).toBeGreaterThanOrEqual(5);
  });

  it('creates every store and index on a fresh profile', async () => {
    const db = await openDalilDatabase(freshName());
    expect([...db.objectStoreNames].sort()).toEqual([
      'activityLog',
      'adCaptures',
      'adSearch',
      'followedAdvertisers',
      'followedSearch',
      'guidance',
      'logBlocks',
      'logCounts',
      'logPostings',
      'logSlots',
      'logWords',
      'media',
      'outbox',
      'packHistory',
      'pendingMedia',
      'personalTemplates',
      'syncState',
      'templateUsage',
      'templates',
      'testimonialSearch',
      'testimonials',
    ]);
    const tx = db.transaction(['templates', 'activityLog', 'adCaptures']);
    expect([...tx.objectStore('templates').indexNames].sort()).toEqual(['by-shortcut', 'by-status']);
    expect([...tx.objectStore('activityLog').indexNames].sort()).toEqual([
      'by-at',
      'by-kind-at',
      'by-platform-at',
      'by-template-at',
    ]);
    expect([...tx.objectStore('adCaptures').indexNames].sort()).toEqual([
      'by-advertiser',
      'by-advertiser-key',
      'by-captured-at',
      'by-deleted-at',
      'by-library-ad',
    ]);
    db.close();
  });

  it('1 → latest: moves the templates out of the pack record, keeping their order and every field', async () => {
    const name = freshName();
    const frozen = readFrozen('v1-example.json');
    await createDatabaseAt(name, frozen);
    const db = await openDalilDatabase(name);
    expect(db.version).toBe(DB_VERSION);

    const frozenPack = frozen.stores.guidance[0].value as { templates: unknown[]; source: unknown };
    const header = await db.get('guidance', 'active');
    expect(header).not.toHaveProperty('templates');
    expect(header?.source).toEqual(frozenPack.source);

    const stored = await readActiveGuidance(db);
    expect(stored?.problems).toEqual([]);
    expect(stored?.pack.templates).toEqual(frozenPack.templates);
    expect(await db.getAllKeysFromIndex('templates', 'by-shortcut', ';thanks')).toEqual(['thanks-en']);
    db.close();
  });

  it('1 → latest on an empty version-1 database (installed, never used)', async () => {
    const name = freshName();
    await createDatabaseAt(name, { version: 1, stores: {} });
    const db = await openDalilDatabase(name);
    expect(await readActiveGuidance(db)).toBeUndefined();
    expect(await db.count('templates')).toBe(0);
    db.close();
  });

  it('2 → latest: keeps guidance and templates as they were and adds the log and swipe-file stores', async () => {
    const name = freshName();
    const frozen = readFrozen('v2-example.json');
    await createDatabaseAt(name, frozen);
    const db = await openDalilDatabase(name);
    const stored = await readActiveGuidance(db);
    expect(stored?.pack.version).toBe(8);
    // Read back in the stored position order, not key order.
    expect(stored?.pack.templates.map((t) => t.id)).toEqual(['thanks-ar', 'thanks-en']);
    expect(await db.count('activityLog')).toBe(0);
    await db.put('activityLog', {
      id: crypto.randomUUID(),
      at: '2026-11-26T10:00:00.000Z',
      kind: 'pack.imported',
      actor: '',
      details: {},
    });
    expect(await db.count('activityLog')).toBe(1);
    db.close();
  });

  it('reports stored data that fails the schema instead of dropping it', async () => {
    const name = freshName();
    const frozen = readFrozen('v2-example.json');
    const broken = structuredClone(frozen);
    (broken.stores.templates[0].value as { shortcut: string }).shortcut = 'no semicolon';
    await createDatabaseAt(name, broken);
    const db = await openDalilDatabase(name);
    const stored = await readActiveGuidance(db);
    expect(stored?.pack.templates).toHaveLength(2);
    expect(stored?.problems).toEqual([expect.objectContaining({ path: 'templates[1].shortcut' })]);
    db.close();
  });

  it('3 → latest: counts the insertions already in the log, and starts an empty testimonial list', async () => {
    const name = freshName();
    await createDatabaseAt(name, readFrozen('v3-example.json'));
    const db = await openDalilDatabase(name);
    expect(await db.get('templateUsage', 'thanks-en')).toEqual({
      templateId: 'thanks-en',
      count: 2,
      lastUsedAt: '2026-11-21T09:00:00.000Z',
    });
    expect(await db.count('templateUsage')).toBe(1);
    expect(await db.count('testimonials')).toBe(0);
    expect(await db.count('activityLog')).toBe(3);
    db.close();
  });

  it('4 → latest: keeps saved ads and finds them by advertiser key; starts with no followed advertisers', async () => {
    const name = freshName();
    await createDatabaseAt(name, readFrozen('v4-example.json'));
    const db = await openDalilDatabase(name);
    expect(await db.count('adCaptures')).toBe(1);
    expect(await db.getAllKeysFromIndex('adCaptures', 'by-advertiser-key', 'meta:352724287928081')).toEqual([
      'meta:1413703450080269',
    ]);
    expect(await db.count('followedAdvertisers')).toBe(0);
    expect(await db.get('templateUsage', 'thanks-en')).toMatchObject({ count: 3 });
    db.close();
  });

  it('5 → latest: finds logged entries by kind and time and by template, and starts with an empty outbox', async () => {
    const name = freshName();
    await createDatabaseAt(name, readFrozen('v5-example.json'));
    const db = await openDalilDatabase(name);
    expect(await db.count('activityLog')).toBe(5);
    const insertions = await db.getAllKeysFromIndex(
      'activityLog',
      'by-kind-at',
      IDBKeyRange.bound(['template.inserted', '2026-11-21'], ['template.inserted', '2026-11-24']),
    );
    expect(insertions).toEqual(['0b0c2f7e-7f5c-4a53-9d55-0d9f5b0f0002', '0b0c2f7e-7f5c-4a53-9d55-0d9f5b0f0004']);
    const thanks = await db.getAllKeysFromIndex(
      'activityLog',
      'by-template-at',
      IDBKeyRange.bound(['thanks-en', ''], ['thanks-en', '\uffff']),
    );
    expect(thanks).toHaveLength(2);
    expect(await db.count('outbox')).toBe(0);
    expect(await db.get('followedAdvertisers', 'meta:352724287928081')).toMatchObject({ name: 'Acme' });
    db.close();
  });

  it('6 → latest: counts the entries already logged, per hour, kind and template', async () => {
    const name = freshName();
    await createDatabaseAt(name, { ...readFrozen('v5-example.json'), version: 6 });
    const db = await openDalilDatabase(name);
    expect(await db.get('logCounts', '2026-11-20T09|*|')).toMatchObject({ count: 1 });
    const thanks = await db.getAllFromIndex(
      'logCounts',
      'by-kind-dim-hour',
      IDBKeyRange.bound(['template.inserted', 't:thanks-en', ''], ['template.inserted', 't:thanks-en', '\uffff']),
    );
    expect(thanks.reduce((sum, c) => sum + c.count, 0)).toBe(2);
    expect(await db.get('logCounts', '2026-11-23T11|palette.checked|v:pass')).toMatchObject({ count: 1 });
    db.close();
  });

  it('7 → latest: finds the entries already logged by platform and time, and leaves out those without a platform', async () => {
    const name = freshName();
    const frozen = readFrozen('v5-example.json');
    await createDatabaseAt(name, { ...frozen, version: 7 });
    const db = await openDalilDatabase(name);
    const logged = frozen.stores.activityLog.map((r) => r.value as { id: string; platform?: string; at: string });
    const platforms = [...new Set(logged.flatMap((e) => (e.platform ? [e.platform] : [])))];
    expect(platforms.length).toBeGreaterThan(0);
    for (const platform of platforms) {
      const keys = await db.getAllKeysFromIndex(
        'activityLog',
        'by-platform-at',
        IDBKeyRange.bound([platform, ''], [platform, '\uffff']),
      );
      expect(keys.sort()).toEqual(
        logged
          .filter((e) => e.platform === platform)
          .map((e) => e.id)
          .sort(),
      );
    }
    expect(await db.countFromIndex('activityLog', 'by-platform-at')).toBe(logged.filter((e) => e.platform).length);
    db.close();
  });

  it('9 → latest: keeps every saved ad as it was and finds the live ones through the swipe file’s indexes', async () => {
    const name = freshName();
    const frozen = readFrozen('v9-example.json');
    await createDatabaseAt(name, frozen);
    const db = await openDalilDatabase(name);
    const frozenAds = frozen.stores.adCaptures.map((r) => r.value as StoredAd);
    expect(frozenAds.some((ad) => ad.deletedAt)).toBe(true);
    for (const ad of frozenAds) expect(await db.get('adCaptures', ad.id)).toEqual(ad);
    expect(await db.count('media')).toBe(frozen.stores.media.length);
    const live = frozenAds.filter((ad) => !ad.deletedAt);
    const page = await queryAds(db, EMPTY_FILTER, { offset: 0, limit: 50 });
    expect(page.total).toBe(live.length);
    expect(page.ads.map((ad) => ad.id).sort()).toEqual(live.map((ad) => ad.id).sort());
    expect((await matchingAdKeys(db, { ...EMPTY_FILTER, query: 'veterans', tag: 'veterans' })).map((k) => k[0])).toEqual([
      'meta:1413703450080269',
    ]);
    const deleted = frozenAds.find((ad) => ad.deletedAt);
    expect(await db.getAllKeysFromIndex('adCaptures', 'by-deleted-at')).toEqual([deleted?.id]);
    db.close();
  });
});
