import type { LogExportCursor, LogExportPage, LogQuery } from '../activity/log-types';
import { entryWords, queryWordTerms, wordsMatch } from '../activity/log-words';
import type { ActivityLogEntry } from '../schemas/activity-log';
import { entryFilter } from './log-query';
import type { DalilDatabase } from './open';

const WHOLE_INSTANT = '\uffff';

/**
 * One page of an export, oldest first: the next `size` entries of the range after `after` on `by-at`,
 * those the filters keep. A page is one `getAll` on a key range, so a million entries are 50 requests of
 * 20,000 and the worker holds one page at a time. Entries sharing an instant across a page boundary are
 * neither skipped nor doubled.
 */
export async function logExportPage(
  db: DalilDatabase,
  q: Omit<LogQuery, 'limit' | 'count'>,
  after: LogExportCursor | undefined,
  size: number,
): Promise<LogExportPage> {
  const terms = q.text ? queryWordTerms(q.text) : [];
  const filter = entryFilter(q);
  const keep = (e: ActivityLogEntry) => (filter?.(e) ?? true) && (terms.length === 0 || wordsMatch(entryWords(e), terms));
  const from = q.from === undefined ? undefined : new Date(q.from).toISOString();
  const to = q.to === undefined ? undefined : new Date(q.to).toISOString();
  const lower = after?.at ?? from;
  const openLower = after?.id === WHOLE_INSTANT;
  const range =
    lower === undefined
      ? to === undefined
        ? null
        : IDBKeyRange.upperBound(to, true)
      : to === undefined
        ? IDBKeyRange.lowerBound(lower, openLower)
        : lower >= to
          ? undefined
          : IDBKeyRange.bound(lower, to, openLower, true);
  if (range === undefined) return { entries: [], read: 0 };
  const byAt = db.transaction('activityLog').store.index('by-at');
  const batch = await byAt.getAll(range, size);
  const isAfter = (e: ActivityLogEntry) => !after || e.at > after.at || (e.at === after.at && e.id > after.id);
  let fresh = batch.filter(isAfter);
  let next: LogExportCursor | undefined;
  if (batch.length < size) next = undefined;
  else if (fresh.length === 0 && after) {
    // More entries at one instant than a page: that instant whole, then past it.
    fresh = (await byAt.getAll(IDBKeyRange.only(after.at))).filter(isAfter);
    next = { at: after.at, id: WHOLE_INSTANT };
  } else {
    const last = batch[batch.length - 1];
    next = { at: last.at, id: last.id };
  }
  return { entries: fresh.filter(keep), next, read: fresh.length };
}
