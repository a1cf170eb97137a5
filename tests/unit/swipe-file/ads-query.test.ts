import { describe, expect, it } from 'vitest';
import { adsByIds, matchingAdKeys, queryAds, swipeFacets } from '../../../utils/db/ads-query';
import {
  purgeDeletedAds,
  recordPageVisit,
  saveAds,
  setDeleted,
  setFollowed,
  UNDO_WINDOW_MS,
  updateAdNotes,
} from '../../../utils/db/ads-repo';
import { queryFollowed } from '../../../utils/db/list-query';
import { openDalilDatabase } from '../../../utils/db/open';
import type { StoredAd } from '../../../utils/db/schema';
import type { AdCapture } from '../../../utils/schemas/ad-capture';
import { daysRunning } from '../../../utils/swipe-file/days-running';
import { byNewestCapture, matchRows } from '../../../utils/swipe-file/match-rows';
import { EMPTY_FILTER, type SwipeFilter } from '../../../utils/swipe-file/swipe-filter';

const TODAY = new Date('2026-12-01T12:00:00Z');
const LIBRARIES = ['meta', 'tiktok', 'google', 'linkedin'] as const;
const ADVERTISERS = ['Texas Veteran Center', 'مقهى دليل', 'Acme'];
const TAGS = ['winner', 'hook', 'رمضان'];

/** A deterministic mixed swipe file: every filter has ads on both sides, days running spans ended and open ads. */
function ad(n: number): AdCapture {
  const day = (d: number) => `2026-${String(1 + (d % 11)).padStart(2, '0')}-${String(1 + (d % 27)).padStart(2, '0')}`;
  const started = n % 5 === 0 ? undefined : day(n * 7);
  const ended = started && n % 3 === 0 ? day(n * 7 + 40) : undefined;
  return {
    id: `${LIBRARIES[n % 4]}:${1000 + n}`,
    library: LIBRARIES[n % 4],
    libraryAdId: String(1000 + n),
    advertiserName: ADVERTISERS[n % 3],
    ...(started ? { startedAt: started } : {}),
    ...(ended && ended >= (started ?? '') ? { endedAt: ended } : {}),
    ...(n % 7 === 0 ? {} : { active: n % 2 === 0 }),
    text: n % 2 ? `Check if you qualify ${n}` : `قهوة الهيل وصلت ${n}`,
    media: [],
    pageUrl: 'https://www.facebook.com/ads/library/',
    capturedAt: `${day(n * 3)}T${String(n % 24).padStart(2, '0')}:00:00.000Z`,
    tags: n % 4 === 1 ? [TAGS[n % 3]] : [],
    boards: n % 6 === 2 ? ['Q4'] : [],
  };
}

/** What the panel did before (every ad in memory, filtered and sorted there): the oracle for every non-text filter. */
function reference(ads: StoredAd[], f: SwipeFilter): string[] {
  const shown = ads.filter((a) => {
    if (f.library !== 'all' && a.library !== f.library) return false;
    if (f.advertiser && a.advertiserName !== f.advertiser) return false;
    if (f.active === 'active' && a.active !== true) return false;
    if (f.active === 'inactive' && a.active !== false) return false;
    if (f.tag && !a.tags.includes(f.tag)) return false;
    if (f.board && !a.boards.includes(f.board)) return false;
    const captured = a.capturedAt.slice(0, 10);
    if (f.from && captured < f.from) return false;
    if (f.to && captured > f.to) return false;
    if (f.minDays > 0 && (daysRunning(a, TODAY) ?? 0) < f.minDays) return false;
    return true;
  });
  shown.sort((a, b) => b.capturedAt.localeCompare(a.capturedAt) || b.id.localeCompare(a.id));
  if (f.sort === 'days') shown.sort((a, b) => (daysRunning(b, TODAY) ?? -1) - (daysRunning(a, TODAY) ?? -1));
  return shown.map((a) => a.id);
}

const freshDb = () => openDalilDatabase(`ads-query-${Math.random()}`);
const ids = (page: { ads: StoredAd[] }) => page.ads.map((a) => a.id);

describe('the swipe file answered a page at a time from indexes', () => {
  it('gives, for every filter and both sorts, the same ads in the same order as filtering them all in memory', async () => {
    const db = await freshDb();
    const saved = await saveAds(
      db,
      Array.from({ length: 120 }, (_, n) => ad(n)),
    );
    const rows = (await db.getAll('adSearch')).sort(byNewestCapture);
    const filters: Array<Partial<SwipeFilter>> = [
      {},
      { library: 'tiktok' },
      { advertiser: 'مقهى دليل' },
      { active: 'active' },
      { active: 'inactive' },
      { tag: 'رمضان' },
      { board: 'Q4' },
      { from: '2026-03-01', to: '2026-06-30' },
      { to: '2026-02-15' },
      { minDays: 60 },
      { library: 'meta', active: 'active', minDays: 10 },
      { advertiser: 'Acme', from: '2026-05-01' },
    ];
    for (const patch of filters) {
      for (const sort of ['captured', 'days'] as const) {
        const filter = { ...EMPTY_FILTER, ...patch, sort };
        const expected = reference(saved, filter);
        expect(
          (await matchingAdKeys(db, filter, TODAY)).map((k) => k[0]),
          JSON.stringify(filter),
        ).toEqual(expected);
        // The background's rows in memory give the same keys.
        expect(matchRows(rows, filter, TODAY), JSON.stringify(filter)).toEqual(await matchingAdKeys(db, filter, TODAY));
        const page = await queryAds(db, filter, { offset: 3, limit: 10 }, TODAY);
        expect(page.total).toBe(expected.length);
        expect(page.all).toBe(120);
        expect(ids(page)).toEqual(expected.slice(3, 13));
      }
    }
  });

  it('finds words by their beginning, Arabic folded as template search folds it, every word of the query required', async () => {
    const db = await freshDb();
    await saveAds(db, [
      { ...ad(1), id: 'meta:1', text: 'Free counselling for veterans', note: 'Strong CTA' },
      { ...ad(2), id: 'meta:2', text: 'قهوة الهيل وصلت إلى فروعنا' },
      { ...ad(3), id: 'meta:3', text: 'بالشحن المجاني', landingUrl: 'https://shop.example.com/offer' },
    ]);
    const rows = (await db.getAll('adSearch')).sort(byNewestCapture);
    const find = async (query: string) => {
      const found = (await matchingAdKeys(db, { ...EMPTY_FILTER, query })).map((k) => k[0]).sort();
      expect(
        matchRows(rows, { ...EMPTY_FILTER, query })
          .map((k) => k[0])
          .sort(),
        query,
      ).toEqual(found);
      return found;
    };
    expect(await find('counsel')).toEqual(['meta:1']);
    expect(await find('VETERANS strong')).toEqual(['meta:1']);
    expect(await find('veterans coffee')).toEqual([]);
    expect(await find('قهوه الهيل')).toEqual(['meta:2']); // ة/ه folded
    expect(await find('الى')).toEqual(['meta:2']); // إلى typed without hamza
    expect(await find('شحن')).toEqual(['meta:3']); // بالشحن without its article
    expect(await find('الشحن')).toEqual(['meta:3']);
    expect(await find('example')).toEqual(['meta:3']); // the landing page's host
    expect(await find('')).toEqual(['meta:1', 'meta:2', 'meta:3']);
  });

  it('follows every change: notes and tags, a revisited page, deletion and its undo, purging', async () => {
    const db = await freshDb();
    await saveAds(db, [ad(1), ad(2)]);
    const [first] = await adsByIds(db, ['tiktok:1001']);
    expect(first.libraryAdId).toBe('1001');
    const count = async (patch: Partial<SwipeFilter>) => (await matchingAdKeys(db, { ...EMPTY_FILTER, ...patch })).length;

    await updateAdNotes(db, 'tiktok:1001', { tags: ['keeper'], boards: ['Launch'], note: 'مذهل' });
    expect(await count({ tag: 'keeper' })).toBe(1);
    expect(await count({ board: 'Launch' })).toBe(1);
    expect(await count({ query: 'مذهل' })).toBe(1);
    expect(await swipeFacets(db)).toMatchObject({ tags: ['keeper'], boards: ['Launch', 'Q4'] });

    // The library now shows it ended: its status and days running change with it.
    await recordPageVisit(db, [{ ...ad(1), active: false, endedAt: '2026-11-30' }], '2026-12-01T00:00:00Z');
    expect(await count({ active: 'inactive' })).toBe(1);
    const [key] = await matchingAdKeys(db, { ...EMPTY_FILTER, library: 'tiktok' });
    expect(key).toEqual(['tiktok:1001', ad(1).startedAt, '2026-11-30']);

    const deletedAt = '2026-12-01T10:00:00.000Z';
    await setDeleted(db, ['tiktok:1001'], deletedAt);
    expect(await count({})).toBe(1);
    expect(await adsByIds(db, ['tiktok:1001'])).toEqual([]);
    await setDeleted(db, ['tiktok:1001'], undefined);
    expect(await count({ tag: 'keeper' })).toBe(1);
    await setDeleted(db, ['tiktok:1001'], deletedAt);
    expect(await purgeDeletedAds(db, Date.parse(deletedAt) + 1000)).toBe(0);
    expect(await purgeDeletedAds(db, Date.parse(deletedAt) + UNDO_WINDOW_MS + 1)).toBe(1);
    expect(await db.get('adCaptures', 'tiktok:1001')).toBeUndefined();
    expect(await db.count('adSearch')).toBe(1);
  });

  it('offers the advertisers, tags and boards of live ads; the followed advertisers’ page counts each one’s ads', async () => {
    const db = await freshDb();
    await saveAds(
      db,
      Array.from({ length: 12 }, (_, n) => ad(n)),
    );
    const facets = await swipeFacets(db);
    expect(facets.advertisers).toEqual([...ADVERTISERS].sort());
    expect(facets.tags).toEqual(['hook', 'winner', 'رمضان']);
    expect(facets.boards).toEqual(['Q4']);
    // With no advertiser id on the card the key is the library and the name: of Acme's ads (2, 5, 8, 11) only 8 is on Meta.
    await setFollowed(db, { key: 'meta:acme', library: 'meta', name: 'Acme' }, true, '2026-12-01T10:00:00.000Z');
    await setFollowed(db, { key: 'meta:nobody', library: 'meta', name: 'Nobody' }, true, '2026-12-01T11:00:00.000Z');
    const followed = await queryFollowed(db, '', { offset: 0, limit: 10 });
    expect(followed.items.map((f) => [f.key, f.savedAds])).toEqual([
      ['meta:nobody', 0],
      ['meta:acme', 1],
    ]);
  });
});
