/**
 * The media a saved ad is owed: queued with the ad in one transaction, downloaded only from the
 * library's hosts, resumed by the next worker when one stops mid-download, retried with a limit, and
 * queued again by Retry media. Real IndexedDB (fake-indexeddb) and the real downloader over a fetch
 * that records every request.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMediaQueue, MAX_MEDIA_ATTEMPTS, type MediaQueueDeps } from '../../../entrypoints/background/media-queue';
import { swipeFileHandlers } from '../../../entrypoints/background/swipe-file-handlers';
import { listAds, saveAds } from '../../../utils/db/ads-repo';
import { type DalilDatabase, openDalilDatabase } from '../../../utils/db/open';
import type { AdCapture } from '../../../utils/schemas/ad-capture';

const capture = (n: number, media: AdCapture['media']): AdCapture => ({
  id: `meta:${3000 + n}`,
  library: 'meta',
  libraryAdId: String(3000 + n),
  advertiserName: 'مقهى دليل',
  media,
  pageUrl: 'https://www.facebook.com/ads/library/',
  capturedAt: '2026-12-01T10:00:00.000Z',
  tags: [],
  boards: [],
});
const image = (url: string) => ({ kind: 'image' as const, url });
const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);

/** Every URL fetch was asked for, answered by `answer` (a PNG by default). */
function recordFetches(answer: (url: string) => Response | Promise<Response> = () => png()) {
  const requested: Array<{ url: string; redirect?: RequestRedirect }> = [];
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    requested.push({ url, redirect: init?.redirect });
    return answer(url);
  });
  return requested;
}
const png = (size = PNG.length) =>
  new Response(size === PNG.length ? PNG : new Uint8Array(size), { headers: { 'content-type': 'image/png' } });

let clock = Date.parse('2026-12-01T10:00:00.000Z');
const now = () => clock;

async function setUp(options: { maxSaveBytes?: number; progress?: MediaQueueDeps['progress'] } = {}) {
  const db = await openDalilDatabase(`media-queue-${Math.random()}`);
  const media = createMediaQueue({ db: async () => db, changed: () => undefined, now, ...options });
  const work: Promise<void>[] = [];
  const handlers = swipeFileHandlers({
    db: async () => db,
    actorName: async () => 'Lina',
    broadcast: () => undefined,
    now: () => new Date(clock).toISOString(),
    track: (w) => work.push(w),
    media,
  });
  const save = async (ads: AdCapture[]) => {
    await handlers['content.saveAds']({ ads, bulk: ads.length > 1 }, { url: 'https://www.facebook.com/ads/library/' });
    await Promise.all(work);
  };
  return { db, media, handlers, save, settle: () => Promise.all(work) };
}

afterEach(() => vi.unstubAllGlobals());

describe('a hostile card', () => {
  it('is saved without the media it points elsewhere, with the reason, and nothing but library media is requested', async () => {
    const requested = recordFetches();
    const { db, save } = await setUp();
    await save([
      capture(1, [
        image('https://scontent.xx.fbcdn.net/ok.jpg'),
        image('https://10.0.0.8/intranet.png'),
        image('http://scontent.xx.fbcdn.net/plain.jpg'),
        image('https://fbcdn.net.evil.com/x.jpg'),
        { kind: 'video', url: 'https://video.xx.fbcdn.net/v.mp4', posterUrl: 'https://[::1]/poster.jpg' },
      ]),
    ]);
    expect(requested.map((r) => r.url)).toEqual(['https://scontent.xx.fbcdn.net/ok.jpg']);
    const [ad] = await listAds(db);
    expect(ad.text ?? ad.advertiserName).toBe('مقهى دليل');
    expect(ad.media[0].blobId).toBeTruthy();
    expect(ad.media.slice(1).every((m) => !m.blobId)).toBe(true);
    expect(ad.mediaErrors).toEqual(['', 'not-library-host', 'not-https', 'not-library-host', 'not-library-host']);
    expect(await db.count('pendingMedia')).toBe(0);
  });

  it('follows no redirect: a library host answering 302 to the intranet leaves the item failed, the intranet never asked', async () => {
    const requested = recordFetches(
      (url) => new Response(null, { status: 302, headers: { location: `http://10.0.0.8/from?${url}` } }),
    );
    const { db, save } = await setUp();
    await save([capture(2, [image('https://scontent.xx.fbcdn.net/moved.jpg')])]);
    expect(requested).toEqual([{ url: 'https://scontent.xx.fbcdn.net/moved.jpg', redirect: 'manual' }]);
    const [ad] = await listAds(db);
    expect(ad.mediaErrors?.[0]).toMatch(/^redirected/);
  });

  it('keeps to the items per ad and the bytes per save', async () => {
    const requested = recordFetches(() => png(300));
    const { db, save } = await setUp({ maxSaveBytes: 1000 });
    const twelve = Array.from({ length: 12 }, (_, i) => image(`https://scontent.xx.fbcdn.net/${i}.jpg`));
    await save([capture(3, twelve)]);
    // 300 + 300 + 300 bytes; the fourth is read up to the 100 left and refused, and the Save is spent: no more requests.
    expect(requested).toHaveLength(4);
    const [ad] = await listAds(db);
    expect(ad.media.filter((m) => m.blobId)).toHaveLength(3);
    expect(ad.mediaErrors?.slice(3, 10).every((e) => e.startsWith('save-too-large'))).toBe(true);
    expect(ad.mediaErrors?.slice(10)).toEqual(['too-many', 'too-many']);
  });
});

describe('media owed across workers', () => {
  it('is queued in the same transaction as the ad, and a new worker resumes a download the old one was stopped in', async () => {
    const db: DalilDatabase = await openDalilDatabase(`media-resume-${Math.random()}`);
    await saveAds(
      db,
      [capture(4, [image('https://scontent.xx.fbcdn.net/a.jpg'), image('https://scontent.xx.fbcdn.net/b.jpg')])],
      undefined,
      {
        saveId: 'save-1',
        now: new Date(clock).toISOString(),
      },
    );
    expect((await db.getAll('pendingMedia')).map((p) => [p.adId, p.index])).toEqual([
      ['meta:3004', 0],
      ['meta:3004', 1],
    ]);
    // The first worker starts the first download and is stopped before it answers.
    let stop!: () => void;
    const requested = recordFetches(
      () => new Promise<Response>((_, reject) => (stop = () => reject(new Error('worker stopped')))),
    );
    const first = createMediaQueue({ db: async () => db, changed: () => undefined, now });
    void first.run();
    await vi.waitUntil(() => requested.length === 1);
    const leased = await db.get('pendingMedia', ['meta:3004', 0]);
    expect(leased?.attempts).toBe(1);
    expect(leased?.leaseUntil).toBeTruthy();

    // A new worker (the old one's run never finishes): it finds the lease, and downloads both items once each.
    const after = recordFetches();
    const second = createMediaQueue({ db: async () => db, changed: () => undefined, now });
    await second.start();
    expect(after.map((r) => r.url)).toEqual(['https://scontent.xx.fbcdn.net/a.jpg', 'https://scontent.xx.fbcdn.net/b.jpg']);
    const ad = await db.get('adCaptures', 'meta:3004');
    expect(ad?.media.every((m) => m.blobId)).toBe(true);
    expect(await db.count('pendingMedia')).toBe(0);
    // Once saved, never fetched again: another start downloads nothing.
    await createMediaQueue({ db: async () => db, changed: () => undefined, now }).start();
    expect(after).toHaveLength(2);
    stop();
  });

  it('backs off after a failure, stops after its attempts, and Retry media queues it again (refused items stay refused)', async () => {
    let online = false;
    const requested = recordFetches(() => (online ? png() : Promise.reject(new TypeError('Failed to fetch'))));
    const { db, media, handlers, save, settle } = await setUp();
    await save([capture(5, [image('https://scontent.xx.fbcdn.net/c.jpg'), image('https://intranet.corp/d.png')])]);
    expect(requested).toHaveLength(1);
    const waiting = await db.get('pendingMedia', ['meta:3005', 0]);
    expect(waiting?.attempts).toBe(1);
    expect(Date.parse(waiting?.nextAttemptAt ?? '')).toBeGreaterThan(clock);
    expect((await db.get('adCaptures', 'meta:3005'))?.mediaErrors?.[0]).toMatch(/^network/);
    // Not before its time…
    await media.run();
    expect(requested).toHaveLength(1);
    // …then each time it is due, up to the attempt limit.
    for (let attempt = 2; attempt <= MAX_MEDIA_ATTEMPTS + 1; attempt++) {
      clock += 2 * 60 * 60_000;
      await media.run();
    }
    expect(requested).toHaveLength(MAX_MEDIA_ATTEMPTS);
    expect(await db.count('pendingMedia')).toBe(0);

    online = true;
    expect(await handlers['panel.retryMedia']({ ids: ['meta:3005'] }, {})).toEqual({ queued: 1 });
    await settle();
    expect(requested.map((r) => r.url).at(-1)).toBe('https://scontent.xx.fbcdn.net/c.jpg');
    expect(requested.some((r) => r.url.includes('intranet'))).toBe(false);
    const ad = await db.get('adCaptures', 'meta:3005');
    expect(ad?.media[0].blobId).toBeTruthy();
    expect(ad?.mediaErrors).toEqual(['', 'not-library-host']);
    // Nothing left to retry: the refused item is not queued.
    expect(await handlers['panel.retryMedia']({ ids: ['meta:3005'] }, {})).toEqual({ queued: 0 });
  });
});

describe('progress while downloading', () => {
  it('tells each ad its items stored of all it has and the bytes received, and drops the ad when its downloads end', async () => {
    // The second image arrives in two pieces, 600 then 400 bytes: the progress is told between them.
    let sendRest: (() => void) | undefined;
    recordFetches((url) => {
      if (!url.endsWith('slow.jpg')) return png(1000);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array(600));
          sendRest = () => {
            controller.enqueue(new Uint8Array(400));
            controller.close();
          };
        },
      });
      return new Response(body, { headers: { 'content-type': 'image/png' } });
    });
    const told: Array<Record<string, { done: number; total: number; bytes: number }>> = [];
    const { save } = await setUp({ progress: (ads) => told.push(ads) });
    const saving = save([
      capture(40, [
        image('https://scontent.xx.fbcdn.net/a.jpg'),
        image('https://scontent.xx.fbcdn.net/slow.jpg'),
        image('https://10.0.0.8/refused.png'),
      ]),
    ]);
    await vi.waitFor(() => expect(sendRest).toBeDefined());
    // Told at once when each item starts; mid-download, at most every 250 ms.
    await vi.waitFor(() => expect(told.at(-1)?.['meta:3040']?.bytes).toBe(1600), { timeout: 2000 });
    expect(told.at(-1)?.['meta:3040']).toEqual({ done: 1, total: 3, bytes: 1600 });
    sendRest?.();
    await saving;
    expect(told.at(-1)).toEqual({});
    expect(told.some((ads) => ads['meta:3040']?.done === 0)).toBe(true);
  });
});
