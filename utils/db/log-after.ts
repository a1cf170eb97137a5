import type { ActivityLogEntry } from '../schemas/activity-log';
import type { DalilDatabase } from './open';

/**
 * Up to `limit` log entries after (afterAt, afterId) and before `before`, oldest first: the log
 * archive's next batch. The 'by-at' index orders entries of the same time by id, so (at, id) is a
 * position that never skips or repeats one.
 */
export async function logEntriesAfter(
  db: DalilDatabase,
  { afterAt, afterId }: { afterAt?: string; afterId?: string },
  { before, limit }: { before: string; limit: number },
): Promise<ActivityLogEntry[]> {
  if (afterAt !== undefined && afterAt >= before) return [];
  const range = afterAt === undefined ? IDBKeyRange.upperBound(before, true) : IDBKeyRange.bound(afterAt, before, false, true);
  const out: ActivityLogEntry[] = [];
  let cursor = await db.transaction('activityLog').store.index('by-at').openCursor(range);
  while (cursor && out.length < limit) {
    const entry = cursor.value;
    if (!(entry.at === afterAt && afterId !== undefined && entry.id <= afterId)) out.push(entry);
    cursor = await cursor.continue();
  }
  return out;
}
