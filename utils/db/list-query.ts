/**
 * Pages of the followed advertisers and of the testimonials, newest first, for a free-text search: the
 * order from `by-at`, each query word a key range over `by-word` (a word matches when some word of the
 * record begins with one of its forms), intersected in memory. Index reads answer keys only, so no record
 * is read but the page's own. The rows are derived: written around the repositories (a restore, a seed
 * copied in) they are found missing by two counts before a page and rebuilt then.
 */
import type { FollowedAdvertiser, FollowedSummary, ListPage } from '../schemas/stored-records';
import type { Testimonial } from '../schemas/testimonial';
import { queryTerms } from '../swipe-file/ad-search-row';
import { followedSearchRow, type ListSearchRow, testimonialSearchRow } from './list-search-rows';
import type { DalilDatabase } from './open';

export type SearchStore = 'followedSearch' | 'testimonialSearch';
/** The records each store of search rows is derived from. */
export const LIST_SOURCE = { followedSearch: 'followedAdvertisers', testimonialSearch: 'testimonials' } as const;
const REBUILD_CHUNK = 500;

/** Ids of the records matching `query`, newest first (the same time: the greater id first). */
export async function matchingListIds(db: DalilDatabase, store: SearchStore, query: string): Promise<string[]> {
  const tx = db.transaction(store);
  const byWord = tx.store.index('by-word');
  const termSets = queryTerms(query).map(async (forms) => {
    const found = await Promise.all(forms.map((form) => byWord.getAllKeys(IDBKeyRange.bound(form, `${form}\uffff`))));
    return new Set(found.flat());
  });
  const [ordered, ...sets] = await Promise.all([tx.store.index('by-at').getAllKeys(), ...termSets]);
  if (sets.length === 0) return ordered.reverse();
  // The smallest set first: most records fail there.
  sets.sort((a, b) => a.size - b.size);
  return ordered.reverse().filter((id) => sets.every((set) => set.has(id)));
}

/**
 * The ids of one page of the records matching `query`, and how many match. Without a search the page is
 * walked on `by-at` alone (10,000 keys are not read for 50); with one, every match is found first.
 */
async function pageIds(
  db: DalilDatabase,
  store: SearchStore,
  query: string,
  page: { offset: number; limit: number },
  records?: number,
): Promise<{ ids: string[]; matching: number }> {
  if (queryTerms(query).length > 0) {
    const ids = await matchingListIds(db, store, query);
    return { ids: ids.slice(page.offset, page.offset + page.limit), matching: ids.length };
  }
  const tx = db.transaction(store);
  const ids: string[] = [];
  const [matching] = await Promise.all([
    records ?? tx.store.count(),
    (async () => {
      let cursor = await tx.store.index('by-at').openKeyCursor(null, 'prev');
      if (cursor && page.offset > 0) cursor = await cursor.advance(page.offset);
      while (cursor && ids.length < page.limit) {
        ids.push(cursor.primaryKey);
        cursor = await cursor.continue();
      }
    })(),
  ]);
  return { ids, matching };
}

/**
 * The search rows of `store` are one per record; rebuilt from the records when they are not. Two counts when all
 * is well. Answers whether it rebuilt them, and how many records there are: the page that follows takes its
 * totals from it instead of counting 10,000 rows twice more (each count is linear in Chromium, 20–40 ms).
 */
export async function ensureListSearch(db: DalilDatabase, store: SearchStore): Promise<{ rebuilt: boolean; records: number }> {
  const [rows, records] = await Promise.all([db.count(store), db.count(LIST_SOURCE[store])]);
  if (rows === records) return { rebuilt: false, records };
  await db.clear(store);
  let written = 0;
  let after: string | undefined;
  for (;;) {
    const tx = db.transaction([LIST_SOURCE[store], store], 'readwrite');
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const chunk = await tx.objectStore(LIST_SOURCE[store]).getAll(range, REBUILD_CHUNK);
    const rowOf = (record: FollowedAdvertiser | Testimonial): ListSearchRow =>
      'key' in record ? followedSearchRow(record) : testimonialSearchRow(record);
    await Promise.all(chunk.map((record) => tx.objectStore(store).put(rowOf(record))));
    await tx.done;
    written += chunk.length;
    if (chunk.length < REBUILD_CHUNK) return { rebuilt: true, records: written };
    const last = chunk[chunk.length - 1];
    after = 'key' in last ? last.key : last.id;
  }
}

/**
 * A page of the followed advertisers matching `query`, newest followed first, each with its saved ads counted.
 * `records`: how many there are, when the check before the page has just counted them.
 */
export async function queryFollowed(
  db: DalilDatabase,
  query: string,
  page: { offset: number; limit: number },
  records?: number,
): Promise<ListPage<FollowedSummary>> {
  const [{ ids, matching }, total] = await Promise.all([
    pageIds(db, 'followedSearch', query, page, records),
    records ?? db.count('followedAdvertisers'),
  ]);
  const tx = db.transaction(['followedAdvertisers', 'adSearch']);
  const items = await Promise.all(
    ids.map(async (key) => {
      const [followed, savedAds] = await Promise.all([
        tx.objectStore('followedAdvertisers').get(key),
        tx.objectStore('adSearch').index('by-advertiser-key').count(key),
      ]);
      return followed && { key, library: followed.library, name: followed.name, followedAt: followed.followedAt, savedAds };
    }),
  );
  return { items: items.filter((f): f is FollowedSummary => Boolean(f)), matching, total };
}

/** A page of the testimonials matching `query`, newest saved first; `records` as for queryFollowed. */
export async function queryTestimonials(
  db: DalilDatabase,
  query: string,
  page: { offset: number; limit: number },
  records?: number,
): Promise<ListPage<Testimonial>> {
  const [{ ids, matching }, total] = await Promise.all([
    pageIds(db, 'testimonialSearch', query, page, records),
    records ?? db.count('testimonials'),
  ]);
  const tx = db.transaction('testimonials');
  const items = await Promise.all(ids.map((id) => tx.store.get(id)));
  return { items: items.filter((x): x is Testimonial => Boolean(x)), matching, total };
}
