/**
 * Bulk actions over the swipe file (thousands of ads): the ids of a target, and one chunk of an action
 * in one transaction. The caller walks the chunks, so a long action reports progress and can stop
 * between them; a chunk is all or nothing.
 */
import { type AdSearchKey, adSearchRow } from '../swipe-file/ad-search-row';
import type { AdTarget, BulkAdAction, SwipeFilter } from '../swipe-file/swipe-filter';
import { matchingAdKeys } from './ads-query';
import { writeSearchRow } from './ads-repo';
import type { DalilDatabase } from './open';
import type { StoredAd } from './schema';

/** Ads per transaction: ~500 writes stay one short transaction (docs/budgets-and-security.md §1). */
export const BULK_CHUNK = 500;

/**
 * The live ads a target names, in the swipe file's order for a filter, as given for ids. `match`: how a
 * filter's keys are found (the background's rows in memory; adSearch's indexes by default).
 */
export async function targetAdIds(
  db: DalilDatabase,
  target: AdTarget,
  today = new Date(),
  match: (filter: SwipeFilter, today: Date) => Promise<AdSearchKey[]> = (filter) => matchingAdKeys(db, filter, today),
): Promise<string[]> {
  if ('ids' in target) return target.ids;
  const except = new Set(target.except);
  return (await match(target.filter, today)).map((key) => key[0]).filter((id) => !except.has(id));
}

function changedBy(ad: StoredAd, action: BulkAdAction, now: string): boolean {
  switch (action.kind) {
    case 'delete':
      if (ad.deletedAt) return false;
      ad.deletedAt = now;
      return true;
    case 'addTag':
    case 'addBoard': {
      const list = action.kind === 'addTag' ? ad.tags : ad.boards;
      if (list.includes(action.value)) return false;
      list.push(action.value);
      return true;
    }
    case 'removeTag':
    case 'removeBoard': {
      const field = action.kind === 'removeTag' ? 'tags' : 'boards';
      if (!ad[field].includes(action.value)) return false;
      ad[field] = ad[field].filter((x) => x !== action.value);
      return true;
    }
  }
}

/** One chunk of a bulk action in one transaction; the ids of the ads it changed. */
export async function applyBulkChunk(db: DalilDatabase, ids: string[], action: BulkAdAction, now: string): Promise<string[]> {
  const tx = db.transaction(['adCaptures', 'adSearch'], 'readwrite');
  const ads = tx.objectStore('adCaptures');
  const search = tx.objectStore('adSearch');
  const changed = await Promise.all(
    ids.map(async (id) => {
      const ad = await ads.get(id);
      if (!ad || (ad.deletedAt && action.kind !== 'delete') || !changedBy(ad, action, now)) return undefined;
      await Promise.all([ads.put(ad), writeSearchRow(search, ad)]);
      return id;
    }),
  );
  await tx.done;
  return changed.filter((id): id is string => id !== undefined);
}

/**
 * Called when a worker starts: the search rows are derived, so rows missing or left over (a write that
 * bypassed the repository, data copied in by hand) are rebuilt from the ads. Three counts when all is well.
 * Answers whether it rebuilt them, and how many rows there are now (the live ads).
 */
export async function ensureAdSearch(db: DalilDatabase): Promise<{ rebuilt: boolean; rows: number }> {
  const [rows, ads, deleted] = await Promise.all([
    db.count('adSearch'),
    db.count('adCaptures'),
    db.countFromIndex('adCaptures', 'by-deleted-at'),
  ]);
  if (rows === ads - deleted) return { rebuilt: false, rows };
  await db.clear('adSearch');
  let after: string | undefined;
  let written = 0;
  for (;;) {
    const tx = db.transaction(['adCaptures', 'adSearch'], 'readwrite');
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const chunk = await tx.objectStore('adCaptures').getAll(range, BULK_CHUNK);
    await Promise.all(
      chunk.map((ad) => {
        const row = adSearchRow(ad);
        if (!row) return undefined;
        written++;
        return tx.objectStore('adSearch').put(row);
      }),
    );
    await tx.done;
    if (chunk.length < BULK_CHUNK) return { rebuilt: true, rows: written };
    after = chunk[chunk.length - 1].id;
  }
}
