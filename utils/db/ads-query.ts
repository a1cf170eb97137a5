/**
 * The swipe file's queries: a page of ads for the panel's filters and sort, the ids of every ad that
 * matches (for "select all matching" and bulk actions), and the values the filters offer. Each filter is
 * one key range over an index of `adSearch`; their ids are intersected in memory. Index reads answer
 * keys only ([id, startedAt, endedAt]), so no ad is read but the page's own.
 */
import { type AdSearchKey, daysOfKey, queryTerms } from '../swipe-file/ad-search-row';
import type { AdPage, SwipeFacets, SwipeFilter } from '../swipe-file/swipe-filter';
import type { DalilDatabase } from './open';
import type { StoredAd } from './schema';

type SearchIndex = 'by-library' | 'by-advertiser' | 'by-status' | 'by-tag' | 'by-board' | 'by-word';

/** The ids of every live ad matching `filter`, in its sort order. */
export async function matchingAdKeys(db: DalilDatabase, filter: SwipeFilter, today = new Date()): Promise<AdSearchKey[]> {
  const tx = db.transaction('adSearch');
  const search = tx.store;
  const idsOf = async (index: SearchIndex, query: IDBKeyRange | string) =>
    new Set((await search.index(index).getAllKeys(query)).map((key) => key[0]));
  const constraints: Promise<Set<string>>[] = [];
  if (filter.library !== 'all') constraints.push(idsOf('by-library', filter.library));
  if (filter.advertiser) constraints.push(idsOf('by-advertiser', filter.advertiser));
  if (filter.active !== 'all') constraints.push(idsOf('by-status', filter.active));
  if (filter.tag) constraints.push(idsOf('by-tag', filter.tag));
  if (filter.board) constraints.push(idsOf('by-board', filter.board));
  for (const forms of queryTerms(filter.query)) {
    // A word matches when some word of the ad begins with any of its forms.
    constraints.push(
      Promise.all(forms.map((form) => idsOf('by-word', IDBKeyRange.bound(form, `${form}\uffff`)))).then((sets) =>
        sets.length === 1 ? sets[0] : new Set(sets.flatMap((set) => [...set])),
      ),
    );
  }
  const captured =
    filter.from || filter.to ? IDBKeyRange.bound(filter.from || '', `${filter.to || '9999-12-31'}\uffff`) : undefined;
  const [ordered, ...sets] = await Promise.all([search.index('by-captured').getAllKeys(captured), ...constraints]);
  // The smallest set first: most ads fail there.
  sets.sort((a, b) => a.size - b.size);
  let keys = ordered.reverse().filter((key) => sets.every((set) => set.has(key[0])));
  if (filter.minDays > 0) keys = keys.filter((key) => (daysOfKey(key, today) ?? 0) >= filter.minDays);
  if (filter.sort === 'days') {
    // Stable: ads running as long keep the newest capture first.
    const days = new Map(keys.map((key) => [key[0], daysOfKey(key, today) ?? -1]));
    keys.sort((a, b) => (days.get(b[0]) ?? -1) - (days.get(a[0]) ?? -1));
  }
  return keys;
}

/** One page of the ads matching `filter`, in its order, with the counts. */
export async function queryAds(
  db: DalilDatabase,
  filter: SwipeFilter,
  page: { offset: number; limit: number },
  today = new Date(),
): Promise<AdPage> {
  const [keys, all] = await Promise.all([matchingAdKeys(db, filter, today), db.count('adSearch')]);
  return adPage(db, keys, all, page);
}

/**
 * A page as the panel gets it, its ads read: from `keys` (every match, in order), or given as the page's `ids`
 * when they match every ad (the total is then `all`).
 */
export async function adPage(
  db: DalilDatabase,
  keys: readonly AdSearchKey[] | { ids: string[] },
  all: number,
  page: { offset: number; limit: number },
): Promise<AdPage> {
  if ('ids' in keys) return { total: all, all, offset: page.offset, ads: await readAds(db, keys.ids) };
  const ids = keys.slice(page.offset, page.offset + page.limit).map((key) => key[0]);
  return { total: keys.length, all, offset: page.offset, ads: await readAds(db, ids) };
}

async function readAds(db: DalilDatabase, ids: string[]): Promise<StoredAd[]> {
  const tx = db.transaction('adCaptures');
  return (await Promise.all(ids.map((id) => tx.store.get(id)))).filter((ad): ad is StoredAd => Boolean(ad));
}

/** Whether `filter` keeps every ad in capture order: what the Swipe tab opens on. */
export const isWholeFile = (filter: SwipeFilter): boolean =>
  filter.library === 'all' &&
  !filter.advertiser &&
  filter.active === 'all' &&
  !filter.tag &&
  !filter.board &&
  !filter.from &&
  !filter.to &&
  filter.minDays <= 0 &&
  queryTerms(filter.query).length === 0 &&
  filter.sort === 'captured';

/**
 * The ids of a page of the whole swipe file, newest capture first, walked on by-captured from the end: the rows
 * before the page are skipped by the cursor, not read, so opening the tab reads 48 keys whatever the file's size.
 */
export async function newestAdIds(db: DalilDatabase, page: { offset: number; limit: number }): Promise<string[]> {
  const ids: string[] = [];
  let cursor = await db.transaction('adSearch').store.index('by-captured').openKeyCursor(null, 'prev');
  if (cursor && page.offset > 0) cursor = await cursor.advance(page.offset);
  while (cursor && ids.length < page.limit) {
    ids.push(cursor.primaryKey[0]);
    cursor = await cursor.continue();
  }
  return ids;
}

/** Saved ads by id (the panel's cards after a change); deleted and unknown ids are left out. */
export async function adsByIds(db: DalilDatabase, ids: string[]): Promise<StoredAd[]> {
  const tx = db.transaction('adCaptures');
  const ads = await Promise.all(ids.map((id) => tx.store.get(id)));
  return ads.filter((ad): ad is StoredAd => Boolean(ad) && !ad?.deletedAt);
}

/**
 * The distinct values of one index, one seek per value: from each value the cursor jumps to the least string
 * after it (the value and U+0000). Chromium walks 'nextunique' entry by entry: 170 ms over 10,000 ads' advertisers.
 */
async function distinct(db: DalilDatabase, index: 'by-advertiser' | 'by-tag' | 'by-board'): Promise<string[]> {
  const values: string[] = [];
  let cursor = await db.transaction('adSearch').store.index(index).openKeyCursor();
  while (cursor) {
    values.push(cursor.key);
    cursor = await cursor.continue(`${cursor.key}\u0000`);
  }
  return values.sort();
}

/** What the filters offer: the advertisers, tags and boards of live ads. */
export async function swipeFacets(db: DalilDatabase): Promise<SwipeFacets> {
  const [advertisers, tags, boards] = await Promise.all([
    distinct(db, 'by-advertiser'),
    distinct(db, 'by-tag'),
    distinct(db, 'by-board'),
  ]);
  return { advertisers, tags, boards };
}
