import type { IDBPDatabase, IDBPTransaction } from 'idb';

/**
 * Version 4: how often each template was inserted (the picker's "most used first" and the
 * Templates tab's counts), and testimonials saved from comments. Usage is counted from the
 * activity log already written, so counts do not start from zero after the upgrade.
 */
export async function toVersion4(
  db: IDBPDatabase<unknown>,
  tx: IDBPTransaction<unknown, string[], 'versionchange'>,
): Promise<void> {
  const usage = db.createObjectStore('templateUsage', { keyPath: 'templateId' });
  const testimonials = db.createObjectStore('testimonials', { keyPath: 'id' });
  testimonials.createIndex('by-saved-at', 'savedAt');

  const counts = new Map<string, { templateId: string; count: number; lastUsedAt: string }>();
  let cursor = await tx.objectStore('activityLog').openCursor();
  while (cursor) {
    const entry = cursor.value as { kind?: string; at?: string; details?: { templateId?: unknown } };
    const id = entry.details?.templateId;
    if (entry.kind === 'template.inserted' && typeof id === 'string') {
      const current = counts.get(id) ?? { templateId: id, count: 0, lastUsedAt: '' };
      current.count++;
      if ((entry.at ?? '') > current.lastUsedAt) current.lastUsedAt = entry.at ?? '';
      counts.set(id, current);
    }
    cursor = await cursor.continue();
  }
  for (const record of counts.values()) await usage.put(record);
}
