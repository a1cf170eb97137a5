import type { IDBPDatabase } from 'idb';
import type { FollowedAdvertiser } from '../../schemas/stored-records';
import type { Testimonial } from '../../schemas/testimonial';
import { followedSearchRow, testimonialSearchRow } from '../list-search-rows';

/**
 * Version 12: the followed advertisers and the testimonials are answered a page at a time from indexes
 * instead of every record being sent to the panel (2,000 followed advertisers carry up to 5,000 seen ad ids
 * each). `followedSearch` and `testimonialSearch` hold one small derived row per record ({ id, at, words }:
 * see utils/db/list-search-rows.ts), found newest first by `by-at` and by normalised word prefix by `by-word`.
 * Every followed advertiser and testimonial is kept as it was; the rows are backfilled from them here.
 */
export async function toVersion12(
  db: IDBPDatabase<unknown>,
  tx: Parameters<typeof import('./index').upgradeDatabase>[3],
): Promise<void> {
  for (const name of ['followedSearch', 'testimonialSearch']) {
    const store = db.createObjectStore(name, { keyPath: 'id' });
    store.createIndex('by-at', 'at');
    store.createIndex('by-word', 'words', { multiEntry: true });
  }
  const [followed, testimonials] = await Promise.all([
    tx.objectStore('followedAdvertisers').getAll() as Promise<FollowedAdvertiser[]>,
    tx.objectStore('testimonials').getAll() as Promise<Testimonial[]>,
  ]);
  await Promise.all([
    ...followed.map((f) => tx.objectStore('followedSearch').put(followedSearchRow(f))),
    ...testimonials.map((x) => tx.objectStore('testimonialSearch').put(testimonialSearchRow(x))),
  ]);
}
