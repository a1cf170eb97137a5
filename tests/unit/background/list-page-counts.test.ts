/**
 * The followed advertisers' and testimonials' pages take their totals from the check that runs before each
 * (two counts), not from two more counts: each count walks every row in Chromium (20–40 ms at 10,000).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackground } from '../../../entrypoints/background/handlers';
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
});
