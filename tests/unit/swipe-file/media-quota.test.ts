import { afterEach, describe, expect, it, vi } from 'vitest';
import { swipeFileHandlers } from '../../../entrypoints/background/swipe-file-handlers';
import { listAds } from '../../../utils/db/ads-repo';
import { openDalilDatabase } from '../../../utils/db/open';
import type { AdCapture } from '../../../utils/schemas/ad-capture';

const capture = (n: number): AdCapture => ({
  id: `meta:${2000 + n}`,
  library: 'meta',
  libraryAdId: String(2000 + n),
  advertiserName: 'مقهى دليل',
  startedAt: '2026-11-01',
  active: true,
  text: 'قهوة الهيل وصلت',
  media: [{ kind: 'image', url: `https://scontent.xx.fbcdn.net/${n}.jpg` }],
  pageUrl: 'https://www.facebook.com/ads/library/',
  capturedAt: '2026-11-26T10:00:00.000Z',
  tags: [],
  boards: [],
});

afterEach(() => vi.unstubAllGlobals());

describe('saving media when the browser has no room left', () => {
  it('keeps every ad and says per item that storage is full', async () => {
    const db = await openDalilDatabase(`quota-${Math.random()}`);
    vi.stubGlobal(
      'fetch',
      async () => new Response(new Uint8Array([137, 80, 78, 71]), { headers: { 'content-type': 'image/png' } }),
    );
    // The media store refuses writes as IndexedDB does when the origin's quota is used up.
    const full = new Proxy(db, {
      get(target, property, receiver) {
        if (property === 'put')
          return (store: string, ...rest: unknown[]) =>
            store === 'media'
              ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
              : (target.put as (...a: unknown[]) => Promise<unknown>).call(target, store, ...rest);
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const downloads: Promise<void>[] = [];
    const handlers = swipeFileHandlers({
      db: async () => full,
      actorName: async () => 'Lina',
      broadcast: () => undefined,
      now: () => '2026-11-26T10:00:00.000Z',
      track: (work) => downloads.push(work),
    });
    const result = await handlers['content.saveAds'](
      { ads: [capture(1), capture(2)], bulk: true },
      { url: 'https://www.facebook.com/ads/library/' },
    );
    await Promise.all(downloads);
    expect(result.saved).toEqual(['meta:2001', 'meta:2002']);
    const ads = await listAds(db);
    expect(ads.map((a) => a.text)).toEqual(['قهوة الهيل وصلت', 'قهوة الهيل وصلت']);
    for (const ad of ads) {
      expect(ad.media[0].blobId).toBeUndefined();
      expect(ad.mediaErrors?.[0]).toMatch(/^storage-full/);
    }
  });
});
