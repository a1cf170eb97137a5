import type { ActivityLogEntry } from '../schemas/activity-log';
import type { DalilDatabase } from './open';

/** Newest first. */
export async function listActivity(db: DalilDatabase, limit = 200): Promise<ActivityLogEntry[]> {
  const entries: ActivityLogEntry[] = [];
  let cursor = await db.transaction('activityLog').store.index('by-at').openCursor(null, 'prev');
  while (cursor && entries.length < limit) {
    entries.push(cursor.value);
    cursor = await cursor.continue();
  }
  return entries;
}

/** Writes many entries in one transaction (a transaction costs ~2 ms; one per entry adds up). */
export async function appendActivity(db: DalilDatabase, entries: ActivityLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const tx = db.transaction('activityLog', 'readwrite');
  await Promise.all(entries.map((e) => tx.store.put(e)));
  await tx.done;
}
