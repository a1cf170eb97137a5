/**
 * The media queue with the browser's clocks: a failed download sets the `dalil-media` alarm for when
 * it is due again, and that alarm (which wakes a stopped worker) downloads it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundMediaQueue } from '../../../entrypoints/background/media-alarm';
import { saveAds } from '../../../utils/db/ads-repo';
import { openDalilDatabase } from '../../../utils/db/open';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('the media alarm', () => {
  it('is set for the next attempt after a failure, and downloads the item when it fires', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-12-01T10:00:00.000Z') });
    const db = await openDalilDatabase(`media-alarm-${Math.random()}`);
    const ad = {
      id: 'meta:4001',
      library: 'meta' as const,
      libraryAdId: '4001',
      media: [{ kind: 'image' as const, url: 'https://scontent.xx.fbcdn.net/e.jpg' }],
      pageUrl: 'https://www.facebook.com/ads/library/',
      capturedAt: '2026-12-01T10:00:00.000Z',
      tags: [],
      boards: [],
    };
    await saveAds(db, [ad], undefined, { saveId: 'save-a', now: new Date().toISOString() });
    let online = false;
    vi.stubGlobal('fetch', async () => {
      if (!online) throw new TypeError('Failed to fetch');
      return new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': 'image/png' } });
    });

    const queue = createBackgroundMediaQueue(
      async () => db,
      () => undefined,
    );
    await queue.start();
    const alarm = await fakeBrowser.alarms.get('dalil-media');
    const due = Date.parse((await db.get('pendingMedia', ['meta:4001', 0]))?.nextAttemptAt ?? '');
    expect(alarm?.scheduledTime).toBe(Math.max(due, Date.now() + 30_000));

    // The worker stopped meanwhile; the alarm wakes it when the item is due.
    online = true;
    vi.setSystemTime(alarm?.scheduledTime ?? 0);
    await fakeBrowser.alarms.onAlarm.trigger(alarm as NonNullable<typeof alarm>);
    await vi.waitUntil(async () => (await db.get('adCaptures', 'meta:4001'))?.media[0].blobId !== undefined);
    expect(await db.count('pendingMedia')).toBe(0);
    await vi.waitUntil(async () => (await fakeBrowser.alarms.get('dalil-media')) === undefined);
  });
});
