/**
 * The background holds the swipe file's search rows in memory (utils/db/ad-search-cache.ts), wired to its
 * connection as index.ts wires it: every change made through the background shows in the next page at once,
 * and ads written around it (a page writing the database itself) show after the counts check's broadcast.
 */
import { describe, expect, it } from 'vitest';
import { createBackground } from '../../../entrypoints/background/handlers';
import { adSearchCache } from '../../../utils/db/ad-search-cache';
import { databaseConnection } from '../../../utils/db/connection';
import { openDalilDatabase } from '../../../utils/db/open';
import type { AdCapture } from '../../../utils/schemas/ad-capture';
import { EMPTY_FILTER, type SwipeFilter } from '../../../utils/swipe-file/swipe-filter';
import { backgroundTestDeps } from './test-deps';

const panel = { id: 'x', url: 'chrome-extension://x/sidepanel.html' };
const library = { id: 'x', url: 'https://www.facebook.com/ads/library/', tab: { id: 1 } };

const ad = (n: number, extra: Partial<AdCapture> = {}): AdCapture => ({
  id: `meta:${1000 + n}`,
  library: 'meta',
  libraryAdId: String(1000 + n),
  advertiserName: n % 2 ? 'Acme' : 'مقهى دليل',
  active: true,
  text: n % 2 ? 'Free shipping today' : 'قهوة الهيل وصلت',
  media: [],
  pageUrl: 'https://www.facebook.com/ads/library/',
  capturedAt: `2026-11-${String(10 + n).padStart(2, '0')}T10:00:00.000Z`,
  tags: [],
  boards: [],
  ...extra,
});

function background() {
  const name = `cache-${Math.random()}`;
  const cache = adSearchCache();
  const connection = databaseConnection(
    (onClosed) => openDalilDatabase(name, undefined, { onClosed }),
    undefined,
    cache.noteWrite,
  );
  const broadcasts: string[][] = [];
  const { handlers } = createBackground(
    backgroundTestDeps(connection.db(), {
      db: connection.db,
      adSearch: cache,
      broadcast: (topics) => broadcasts.push(topics),
    }),
  );
  const ids = async (filter: Partial<SwipeFilter>) => {
    const page = await handlers['panel.queryAds']({ filter: { ...EMPTY_FILTER, ...filter }, offset: 0, limit: 48 }, panel);
    return { ids: page.ads.map((a) => a.id), total: page.total, all: page.all };
  };
  return { handlers, ids, cache, connection, broadcasts, name };
}

describe('the swipe file answered from rows the background holds', () => {
  it('follows every change made through the background: saves, notes, bulk tags, deletion and its undo', async () => {
    const { handlers, ids, cache } = background();
    await handlers['content.saveAds']({ ads: [ad(1), ad(2), ad(3)], bulk: true }, library);
    // The opening page: newest capture first, from the index alone; the rows are read after it.
    expect(await ids({})).toEqual({ ids: ['meta:1003', 'meta:1002', 'meta:1001'], total: 3, all: 3 });
    expect((await ids({ query: 'قهوه' })).ids).toEqual(['meta:1002']);
    expect(cache.held()).toBe(true);

    await handlers['content.saveAds']({ ads: [ad(4, { text: 'قهوة مختصة' })], bulk: false }, library);
    expect((await ids({ query: 'قهوه' })).ids).toEqual(['meta:1004', 'meta:1002']);

    await handlers['panel.updateAd']({ id: 'meta:1001', tags: ['winner'], boards: [], note: '' }, panel);
    expect((await ids({ tag: 'winner' })).ids).toEqual(['meta:1001']);

    const target = { filter: { ...EMPTY_FILTER, advertiser: 'Acme' }, except: [] };
    await handlers['panel.bulkAds']({ operationId: 'op', target, action: { kind: 'addTag', value: 'رمضان' } }, panel);
    expect((await ids({ tag: 'رمضان' })).ids).toEqual(['meta:1003', 'meta:1001']);

    const deleted = await handlers['panel.bulkAds'](
      { operationId: 'op2', target: { ids: ['meta:1003'] }, action: { kind: 'delete' } },
      panel,
    );
    expect(await ids({ tag: 'رمضان' })).toMatchObject({ ids: ['meta:1001'], all: 3 });
    await handlers['panel.undoDeleteAds']({ ids: deleted.ids }, panel);
    expect(await ids({ tag: 'رمضان' })).toMatchObject({ ids: ['meta:1003', 'meta:1001'], all: 4 });
  });

  it('finds ads written around the background when the tab opens again, and tells the panel to ask again', async () => {
    const { handlers, ids, broadcasts, name } = background();
    await handlers['content.saveAds']({ ads: [ad(1)], bulk: false }, library);
    expect((await ids({ library: 'meta' })).ids).toEqual(['meta:1001']);
    // Another connection (a page of the extension) writes an ad straight into the store.
    const other = await openDalilDatabase(name);
    await other.put('adCaptures', { ...ad(2), advertiserKey: 'meta:مقهى دليل' } as never);
    other.close();
    broadcasts.length = 0;
    await ids({});
    await expect.poll(() => broadcasts.some((topics) => topics.includes('ads'))).toBe(true);
    expect(await ids({ library: 'meta' })).toEqual({ ids: ['meta:1002', 'meta:1001'], total: 2, all: 2 });
  });

  it('opens the tab on a count the check or the rows gave, dropped by each write, so the total follows saves, deletes, tags and undo', async () => {
    const { handlers, ids, cache, connection } = background();
    await handlers['content.saveAds']({ ads: [ad(1), ad(2)], bulk: true }, library);
    expect(cache.count()).toBeUndefined();
    // The worker's start check: its count is kept until the background writes the rows again.
    await cache.check(await connection.db());
    expect(cache.count()).toBe(2);
    expect(await ids({})).toEqual({ ids: ['meta:1002', 'meta:1001'], total: 2, all: 2 });

    await handlers['content.saveAds']({ ads: [ad(3)], bulk: false }, library);
    expect(cache.count()).toBeUndefined();
    expect(await ids({})).toMatchObject({ total: 3, all: 3 });
    await expect.poll(() => cache.count()).toBe(3);

    const deleted = await handlers['panel.bulkAds'](
      { operationId: 'op', target: { ids: ['meta:1002'] }, action: { kind: 'delete' } },
      panel,
    );
    expect(cache.count()).toBeUndefined();
    expect(await ids({})).toEqual({ ids: ['meta:1003', 'meta:1001'], total: 2, all: 2 });
    await expect.poll(() => cache.count()).toBe(2);
    await handlers['panel.updateAd']({ id: 'meta:1001', tags: ['winner'], boards: [], note: '' }, panel);
    expect(await ids({})).toMatchObject({ total: 2, all: 2 });
    await handlers['panel.undoDeleteAds']({ ids: deleted.ids }, panel);
    await cache.check(await connection.db());
    expect(await ids({})).toEqual({ ids: ['meta:1003', 'meta:1002', 'meta:1001'], total: 3, all: 3 });
  });

  it('keeps no count taken while the background wrote the rows', async () => {
    const { handlers, cache, connection } = background();
    await handlers['content.saveAds']({ ads: [ad(1)], bulk: false }, library);
    const db = await connection.db();
    const checked = cache.check(db);
    await handlers['content.saveAds']({ ads: [ad(2)], bulk: false }, library);
    await checked;
    expect(cache.count()).toBeUndefined();
    await cache.check(db);
    expect(cache.count()).toBe(2);
  });

  it('counts the rows a rebuild wrote, so the opening after it needs no counts', async () => {
    const { handlers, cache, connection, name } = background();
    await handlers['content.saveAds']({ ads: [ad(1)], bulk: false }, library);
    const other = await openDalilDatabase(name);
    await other.put('adCaptures', { ...ad(2), advertiserKey: 'meta:مقهى دليل' } as never);
    other.close();
    expect(await cache.check(await connection.db())).toEqual({ rebuilt: true, rows: 2 });
    expect(cache.held()).toBe(false);
    expect(cache.count()).toBe(2);
  });
});
