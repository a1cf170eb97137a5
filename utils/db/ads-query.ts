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
  const ids = keys.slice(page.offset, page.offset + page.limit).map((key) => key[0]);
  const tx = db.transaction('adCaptures');
  const ads = (await Promise.all(ids.map((id) => tx.store.get(id)))).filter((ad): ad is StoredAd => Boolean(ad));
  return { total: keys.length, all, offset: page.offset, ads };
}

/** Saved ads by id (the panel's cards after a change); deleted and unknown ids are left out. */
export async function adsByIds(db: DalilDatabase, ids: string[]): Promise<StoredAd[]> {
  const tx = db.transaction('adCaptures');
  const ads = await Promise.all(ids.map((id) => tx.store.get(id)));
  return ads.filter((ad): ad is StoredAd => Boolean(ad) && !ad?.deletedAt);
}

/** The distinct values of one index, walking one entry per value. */
async function distinct(db: DalilDatabase, index: 'by-advertiser' | 'by-tag' | 'by-board'): Promise<string[]> {
  const values: string[] = [];
  let cursor = await db.transaction('adSearch').store.index(index).openKeyCursor(null, 'nextunique');
  while (cursor) {
    values.push(cursor.key);
    cursor = await cursor.continue();
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
