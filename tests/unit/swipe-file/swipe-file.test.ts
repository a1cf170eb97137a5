import { describe, expect, it } from 'vitest';
import { queryAds } from '../../../utils/db/ads-query';
import {
  listAds,
  recordPageVisit,
  saveAds,
  setDeleted,
  setFollowed,
  setMediaResult,
  UNDO_WINDOW_MS,
  updateAdNotes,
} from '../../../utils/db/ads-repo';
import { openDalilDatabase } from '../../../utils/db/open';
import type { StoredAd } from '../../../utils/db/schema';
import type { AdCapture } from '../../../utils/schemas/ad-capture';
import { advertiserKey, daysRunning } from '../../../utils/swipe-file/days-running';
import { readSwipeExport, swipeCsv, swipeJson, swipeZip } from '../../../utils/swipe-file/swipe-export';
import { EMPTY_FILTER } from '../../../utils/swipe-file/swipe-filter';

const ad = (n: number, extra: Partial<AdCapture> = {}): AdCapture => ({
  id: `meta:${1000 + n}`,
  library: 'meta',
  libraryAdId: String(1000 + n),
  advertiserName: n % 2 ? 'Texas Veteran Center' : 'مقهى دليل',
  advertiserId: n % 2 ? '352724287928081' : '111',
  startedAt: '2026-11-01',
  active: true,
  text: n % 2 ? 'Check if you qualify' : 'قهوة الهيل وصلت',
  media: [{ kind: 'image', url: `https://scontent.xx.fbcdn.net/${n}.jpg` }],
  pageUrl: 'https://www.facebook.com/ads/library/',
  capturedAt: `2026-11-2${n % 10}T10:00:00.000Z`,
  tags: [],
  boards: [],
  ...extra,
});

const freshDb = () => openDalilDatabase(`ads-${Math.random()}`);

describe('days running', () => {
  it('counts both ends, up to today for running ads', () => {
    expect(daysRunning({ startedAt: '2026-11-01', endedAt: '2026-11-01' })).toBe(1);
    expect(daysRunning({ startedAt: '2026-11-01', endedAt: '2026-11-30' })).toBe(30);
    expect(daysRunning({ startedAt: '2025-05-16' }, new Date('2026-11-26T12:00:00Z'))).toBe(560);
    expect(daysRunning({})).toBeUndefined();
  });
  it('keys advertisers by id, else by name', () => {
    expect(advertiserKey({ library: 'meta', advertiserId: '42', advertiserName: 'X' })).toBe('meta:42');
    expect(advertiserKey({ library: 'google', advertiserName: ' Acme ' })).toBe('google:acme');
    expect(advertiserKey({ library: 'google' })).toBeUndefined();
  });
});

describe('the swipe file in IndexedDB', () => {
  it('saves a batch in one go and keeps the marketer’s tags, boards, note and media when saved again', async () => {
    const db = await freshDb();
    await saveAds(db, [ad(1), ad(2)]);
    await updateAdNotes(db, 'meta:1001', { tags: ['winner'], boards: ['Q4'], note: 'long runner' });
    await setMediaResult(db, 'meta:1001', 0, { blobId: 'blob-1' });
    await saveAds(db, [ad(1, { text: 'Updated copy', capturedAt: '2026-11-29T10:00:00.000Z' })]);
    const [saved] = (await listAds(db)).filter((a) => a.id === 'meta:1001');
    expect(saved).toMatchObject({
      text: 'Updated copy',
      tags: ['winner'],
      boards: ['Q4'],
      note: 'long runner',
      capturedAt: '2026-11-21T10:00:00.000Z',
    });
    expect(saved.media[0].blobId).toBe('blob-1');
    expect(saved.advertiserKey).toBe('meta:352724287928081');
  });

  it('records a failed media download without losing the ad', async () => {
    const db = await freshDb();
    await saveAds(db, [ad(3)]);
    await setMediaResult(db, 'meta:1003', 0, { error: 'http-error: HTTP 403' });
    const [saved] = await listAds(db);
    expect(saved.mediaErrors).toEqual(['http-error: HTTP 403']);
    expect(saved.text).toBe('Check if you qualify');
  });

  it('deletes with an undo window, then purges', async () => {
    const db = await freshDb();
    await saveAds(db, [ad(1), ad(2)]);
    const deletedAt = new Date('2026-11-26T10:00:00Z');
    await setDeleted(db, ['meta:1001'], deletedAt.toISOString());
    expect((await listAds(db, deletedAt.getTime())).map((a) => a.id)).toEqual(['meta:1002']);
    await setDeleted(db, ['meta:1001'], undefined);
    expect(await listAds(db, deletedAt.getTime())).toHaveLength(2);
    await setDeleted(db, ['meta:1001'], deletedAt.toISOString());
    await listAds(db, deletedAt.getTime() + UNDO_WINDOW_MS + 1);
    expect(await db.get('adCaptures', 'meta:1001')).toBeUndefined();
  });

  it('refreshes saved ads from a revisited page and finds ads new since the last visit of a followed advertiser', async () => {
    const db = await freshDb();
    await saveAds(db, [ad(1)]);
    await setFollowed(
      db,
      { key: 'meta:352724287928081', library: 'meta', name: 'Texas Veteran Center' },
      true,
      '2026-11-20T00:00:00Z',
    );
    const first = await recordPageVisit(db, [ad(1, { active: false, endedAt: '2026-11-25' }), ad(3)], '2026-11-26T00:00:00Z');
    expect(first).toEqual({ saved: ['meta:1001'], newSince: [], followed: ['meta:352724287928081'] });
    expect(await db.get('adCaptures', 'meta:1001')).toMatchObject({ active: false, endedAt: '2026-11-25' });
    const second = await recordPageVisit(db, [ad(1), ad(3), ad(5)], '2026-11-27T00:00:00Z');
    expect(second.newSince).toEqual(['meta:1005']);
  });
});

describe('filters, sorting and exports', () => {
  const ads: StoredAd[] = [
    { ...ad(1), tags: ['winner'], startedAt: '2026-01-01' },
    { ...ad(2), active: false, boards: ['Q4'] },
    { ...ad(4), library: 'tiktok', id: 'tiktok:1004' },
  ];

  it('filters by library, status, tag, board, days running and Arabic-aware text', async () => {
    const db = await freshDb();
    await saveAds(db, ads);
    const ids = async (patch: Partial<typeof EMPTY_FILTER>) =>
      (await queryAds(db, { ...EMPTY_FILTER, ...patch }, { offset: 0, limit: 50 }, new Date('2026-11-26'))).ads.map((a) => a.id);
    expect(await ids({ library: 'tiktok' })).toEqual(['tiktok:1004']);
    expect(await ids({ active: 'inactive' })).toEqual(['meta:1002']);
    expect(await ids({ tag: 'winner' })).toEqual(['meta:1001']);
    expect(await ids({ board: 'Q4' })).toEqual(['meta:1002']);
    expect(await ids({ minDays: 100 })).toEqual(['meta:1001']);
    expect(await ids({ query: 'قهوه الهيل' })).toEqual(['tiktok:1004', 'meta:1002']);
    expect((await ids({ sort: 'days' }))[0]).toBe('meta:1001');
  });

  it('round-trips through the ZIP export with media, and through JSON', () => {
    const media = { 'blob-1': `data:image/png;base64,${btoa('PNGDATA')}` };
    const withMedia = ads.map((a, i) => (i === 0 ? { ...a, media: [{ ...a.media[0], blobId: 'blob-1' }] } : a));
    const back = readSwipeExport('x.zip', swipeZip(withMedia, media));
    expect(back.media).toEqual(media);
    expect(back.ads).toEqual(JSON.parse(swipeJson(withMedia)).ads);
    expect(readSwipeExport('x.json', new TextEncoder().encode(swipeJson(ads))).ads).toHaveLength(3);
  });

  it('refuses files that are not swipe-file exports, with a readable reason', () => {
    expect(() => readSwipeExport('notes.json', new TextEncoder().encode('{"hello":1}'))).toThrow(/not a Dalil swipe-file export/);
    expect(() => readSwipeExport('bad.json', new TextEncoder().encode('{'))).toThrow(/not valid JSON/);
    expect(() => readSwipeExport('bad.zip', new Uint8Array([0x50, 0x4b, 1, 2]))).toThrow(/zip/);
  });

  it('writes a CSV row per ad with days running', () => {
    const csv = swipeCsv(ads, new Date('2026-11-26'));
    expect(csv.split('\r\n')).toHaveLength(5);
    expect(csv).toContain('meta,1001,Texas Veteran Center');
    expect(csv).toContain(',330,');
  });
});
