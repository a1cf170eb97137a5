/**
 * The followed advertisers' and testimonials' pages take their totals from the check that runs before each
 * (two counts), not from two more counts: each count walks every row in Chromium (20–40 ms at 10,000).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackground } from '../../../entrypoints/background/handlers';
import { databaseConnection } from '../../../utils/db/connection';
import { knownCounts } from '../../../utils/db/known-counts';
import { openDalilDatabase } from '../../../utils/db/open';
import { backgroundTestDeps } from './test-deps';

const panel = { id: 'x', url: 'chrome-extension://x/sidepanel.html' };
const page = 'https://www.facebook.com/somepage/posts/1';

async function background() {
  const db = await openDalilDatabase(`list-counts-${Math.random()}`);
  return { db, ...createBackground(backgroundTestDeps(db)) };
}

/** Store counts (not index counts: a followed advertiser's saved ads are counted per row shown) made by `run`. */
async function storeCounts<T>(run: () => T | Promise<T>): Promise<{ result: T; counts: number }> {
  const spy = vi.spyOn(IDBObjectStore.prototype, 'count');
  try {
    const result = await run();
    return { result, counts: spy.mock.calls.length };
  } finally {
    spy.mockRestore();
  }
}

describe('list pages count their rows once', () => {
  afterEach(() => vi.restoreAllMocks());

  it('followed advertisers: the page after a follow and an unfollow has the right totals from the check alone', async () => {
    const { handlers, db } = await background();
    for (const n of [1, 2, 3])
      await handlers['panel.followAdvertiser'](
        { key: `meta:acme ${n}`, library: 'meta', name: `Acme ${n}`, follow: true },
        panel,
      );
    const first = await storeCounts(() => handlers['panel.listFollowed']({ offset: 0, limit: 2 }, panel));
    expect(first.result).toMatchObject({ total: 3, matching: 3 });
    expect(first.result.items).toHaveLength(2);
    expect(first.counts).toBe(2);
    await handlers['panel.followAdvertiser']({ key: 'meta:acme 2', library: 'meta', name: 'Acme 2', follow: false }, panel);
    const after = await storeCounts(() => handlers['panel.listFollowed']({ offset: 0, limit: 50 }, panel));
    expect(after.result).toMatchObject({ total: 2, matching: 2 });
    expect(after.result.items.map((f) => f.key)).toEqual(['meta:acme 3', 'meta:acme 1']);
    expect(after.counts).toBe(2);
    // A search still counts what it matched, out of every one.
    expect(await handlers['panel.listFollowed']({ query: 'acme 3', offset: 0, limit: 50 }, panel)).toMatchObject({
      total: 2,
      matching: 1,
    });
    db.close();
  });

  it('testimonials: the page after saving and deleting has the right totals from the check alone', async () => {
    const { handlers, db } = await background();
    const saved = [];
    for (const text of ['Great coffee', 'قهوة رائعة'])
      saved.push(
        await handlers['content.saveTestimonial'](
          { author: 'Lina', text, permalink: page, platform: 'facebook', pageUrl: page },
          { id: 'x', url: page, tab: { id: 1 } },
        ),
      );
    const first = await storeCounts(() => handlers['panel.listTestimonials']({ offset: 0, limit: 50 }, panel));
    expect(first.result).toMatchObject({ total: 2, matching: 2 });
    expect(first.counts).toBe(2);
    await handlers['panel.deleteTestimonial']({ id: saved[0].id }, panel);
    const after = await storeCounts(() => handlers['panel.listTestimonials']({ offset: 0, limit: 50 }, panel));
    expect(after.result).toMatchObject({ total: 1, matching: 1 });
    expect(after.result.items.map((x) => x.text)).toEqual(['قهوة رائعة']);
    expect(after.counts).toBe(2);
    db.close();
  });

  it('with the counts the last check took, an opening page counts nothing until the background writes the list again', async () => {
    // Wired as index.ts wires them: the connection tells the counts of each write.
    const name = `list-known-${Math.random()}`;
    const counts = knownCounts();
    const connection = databaseConnection(
      (onClosed) => openDalilDatabase(name, undefined, { onClosed }),
      undefined,
      counts.noteWrite,
    );
    const broadcasts: string[][] = [];
    const { handlers } = createBackground(
      backgroundTestDeps(connection.db(), {
        db: connection.db,
        listCounts: counts,
        broadcast: (topics) => broadcasts.push(topics),
      }),
    );
    for (const n of [1, 2])
      await handlers['panel.followAdvertiser'](
        { key: `meta:acme ${n}`, library: 'meta', name: `Acme ${n}`, follow: true },
        panel,
      );
    const first = await storeCounts(() => handlers['panel.listFollowed']({ offset: 0, limit: 50 }, panel));
    expect(first).toMatchObject({ result: { total: 2, matching: 2 }, counts: 2 });
    expect(counts.get('followedSearch')).toBe(2);
    const again = await storeCounts(() => handlers['panel.listFollowed']({ offset: 0, limit: 50 }, panel));
    expect(again).toMatchObject({ result: { total: 2, matching: 2 }, counts: 0 });
    expect(again.result.items.map((f) => f.key)).toEqual(['meta:acme 2', 'meta:acme 1']);

    // A follow through the background: the count is dropped and taken again before the next page.
    await handlers['panel.followAdvertiser']({ key: 'meta:acme 3', library: 'meta', name: 'Acme 3', follow: true }, panel);
    expect(counts.get('followedSearch')).toBeUndefined();
    expect(await storeCounts(() => handlers['panel.listFollowed']({ offset: 0, limit: 50 }, panel))).toMatchObject({
      result: { total: 3, matching: 3 },
      counts: 2,
    });

    // One written around the background (a page writing the store itself): the check after the opening page
    // finds it, indexes it and tells the panel, whose next page has it.
    const other = await openDalilDatabase(name);
    await other.put('followedAdvertisers', {
      key: 'meta:acme 4',
      library: 'meta',
      name: 'Acme 4',
      followedAt: '2026-12-01T00:00:00.000Z',
    } as never);
    other.close();
    broadcasts.length = 0;
    expect((await handlers['panel.listFollowed']({ offset: 0, limit: 50 }, panel)).total).toBe(3);
    await expect.poll(() => broadcasts.some((topics) => topics.includes('ads'))).toBe(true);
    const found = await handlers['panel.listFollowed']({ offset: 0, limit: 50 }, panel);
    expect(found).toMatchObject({ total: 4, matching: 4 });
    expect(found.items.map((f) => f.key)).toContain('meta:acme 4');
  });

  it('keeps no count taken while the background wrote the list', async () => {
    const counts = knownCounts();
    let finish: (value: { records: number }) => void = () => undefined;
    const taking = counts.take(
      'testimonialSearch',
      ['testimonialSearch', 'testimonials'],
      () => new Promise<{ records: number }>((ok) => (finish = ok)),
    );
    counts.noteWrite(['testimonials', 'activityLog']);
    finish({ records: 5 });
    await taking;
    expect(counts.get('testimonialSearch')).toBeUndefined();
    await counts.take('testimonialSearch', ['testimonialSearch', 'testimonials'], async () => ({ records: 5 }));
    expect(counts.get('testimonialSearch')).toBe(5);
    // Another store's write leaves it; a new connection drops it.
    counts.noteWrite(['adSearch']);
    expect(counts.get('testimonialSearch')).toBe(5);
    counts.noteWrite('all');
    expect(counts.get('testimonialSearch')).toBeUndefined();
  });
});
