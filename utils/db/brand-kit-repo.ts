import type { ActivityLogEntry } from '../schemas/activity-log';
import type { BrandKit } from '../schemas/brand-kit';
import { LOG_STORES, putLogEntries } from './activity-log-repo';
import type { DalilDatabase } from './open';

/**
 * Replaces the brand kit of the pack in use and logs it, in one transaction: a stopped worker leaves
 * the old kit and no entry, or the new kit and its entry. False when no pack is installed yet.
 */
export async function replaceBrandKit(db: DalilDatabase, brandKit: BrandKit, entry: ActivityLogEntry): Promise<boolean> {
  const tx = db.transaction(['guidance', ...LOG_STORES], 'readwrite');
  const store = tx.objectStore('guidance');
  const header = await store.get('active');
  if (!header) {
    tx.abort();
    await tx.done.catch(() => undefined);
    return false;
  }
  await store.put({ ...header, brandKit }, 'active');
  await putLogEntries(tx, [entry]);
  await tx.done;
  return true;
}
