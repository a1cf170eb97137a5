import type { IDBPDatabase } from 'idb';

/**
 * Version 6: team sync.
 * - activityLog gets indexes for the Log tab's queries (by kind and time, by template and time),
 *   so a day, a week or one template's entries are read by key range, never by scanning the log;
 * - outbox: log entries waiting for the team webhook (durable across worker stops and restarts);
 * - packHistory: the packs that were in use before an update, so a previous version can be restored;
 * - personalTemplates: an agent's own drafts, kept apart from the team's pack;
 * - syncState: the subscription, webhook, signing key pair and pinned key, by name.
 */
export function toVersion6(db: IDBPDatabase<unknown>, tx: Parameters<typeof import('./index').upgradeDatabase>[3]): void {
  const log = tx.objectStore('activityLog');
  log.createIndex('by-kind-at', ['kind', 'at']);
  log.createIndex('by-template-at', ['details.templateId', 'at']);
  const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
  outbox.createIndex('by-next', 'nextAttemptAt');
  const history = db.createObjectStore('packHistory', { keyPath: 'id' });
  history.createIndex('by-archived-at', 'archivedAt');
  db.createObjectStore('personalTemplates', { keyPath: 'id' });
  db.createObjectStore('syncState');
}
