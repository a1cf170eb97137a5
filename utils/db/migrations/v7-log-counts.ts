import type { IDBPDatabase } from 'idb';
import { type LogCount, tally } from '../../activity/log-counts';
import type { ActivityLogEntry } from '../../schemas/activity-log';

/**
 * Version 7: per-hour counts of the activity log (see utils/activity/log-counts.ts), filled from the
 * entries already logged. Indexed by [kind, dim, hour] (one template over any time) and by [kind, hour]
 * (every dimension of one kind over a time range: the charts).
 */
export async function toVersion7(
  db: IDBPDatabase<unknown>,
  tx: Parameters<typeof import('./index').upgradeDatabase>[3],
): Promise<void> {
  const store = db.createObjectStore('logCounts', { keyPath: 'key' });
  store.createIndex('by-kind-dim-hour', ['kind', 'dim', 'hour']);
  store.createIndex('by-kind-hour', ['kind', 'hour']);
  const entries = (await tx.objectStore('activityLog').getAll()) as ActivityLogEntry[];
  const counts = tx.objectStore('logCounts');
  await Promise.all([...tally(entries).values()].map((c: LogCount) => counts.put(c)));
}
