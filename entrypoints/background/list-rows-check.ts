/**
 * Before a page of the followed advertisers or testimonials, their search rows are checked (two counts: rows
 * written around the background, a seed or a copy, are found and indexed then), and the page's totals come from
 * that check. With a count the last check took and no write of the background since (KnownCounts), the page
 * counts nothing and the check runs after the opening page, as the swipe file's does; a rebuild it makes is
 * told (`onRebuilt`), so the panel asks again.
 */

import { AFTER_OPENING_MS, type KnownCounts } from '@/utils/db/known-counts';
import { ensureListSearch, LIST_SOURCE, type SearchStore } from '@/utils/db/list-query';
import type { DalilDatabase } from '@/utils/db/open';

export function listRowsCheck(
  store: SearchStore,
  counts: KnownCounts | undefined,
  onRebuilt: () => void,
): (db: DalilDatabase, opening: boolean) => Promise<{ records: number }> {
  let checking: Promise<{ rebuilt: boolean; records: number }> | undefined;
  const check = (db: DalilDatabase) => {
    const run = () => ensureListSearch(db, store);
    checking ??= (counts ? counts.take(store, [store, LIST_SOURCE[store]], run) : run()).finally(() => {
      checking = undefined;
    });
    return checking;
  };
  return async (db, opening) => {
    const known = counts?.get(store);
    if (known === undefined) return check(db);
    if (opening)
      setTimeout(
        () =>
          void check(db).then(
            ({ rebuilt }) => rebuilt && onRebuilt(),
            () => undefined,
          ),
        AFTER_OPENING_MS,
      );
    return { records: known };
  };
}
