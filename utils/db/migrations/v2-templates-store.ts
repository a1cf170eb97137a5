import type { IDBPDatabase, IDBPTransaction } from 'idb';

/**
 * Version 2: templates move out of the pack record into their own store, so editing one template
 * writes one record (not the whole pack) and content scripts can be answered by shortcut index.
 * Each template keeps its position in the pack so an export gives the same order back.
 */
export async function toVersion2(
  db: IDBPDatabase<unknown>,
  tx: IDBPTransaction<unknown, string[], 'versionchange'>,
): Promise<void> {
  const templates = db.createObjectStore('templates', { keyPath: 'id' });
  templates.createIndex('by-shortcut', 'shortcut');
  templates.createIndex('by-status', 'status');

  const guidance = tx.objectStore('guidance');
  const active = (await guidance.get('active')) as { templates?: unknown[] } | undefined;
  if (!active) return;
  const { templates: list = [], ...header } = active;
  for (const [position, template] of list.entries()) {
    await templates.put({ ...(template as object), position });
  }
  await guidance.put(header, 'active');
}
