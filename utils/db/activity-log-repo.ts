import type { IDBPTransaction, StoreNames } from 'idb';
import { tally } from '../activity/log-counts';
import type { ActivityLogEntry } from '../schemas/activity-log';
import type { OutboxItem, WebhookState } from '../sync/types';
import { committed } from './commit';
import { LOG_SEARCH_STORES, putLogWords } from './log-words-repo';
import type { DalilDatabase } from './open';
import type { DalilDB } from './schema';

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

/**
 * The stores a transaction that writes log entries must include: the entry, its webhook delivery,
 * the webhook setting, and the per-hour counts, word index and postings the Log tab reads.
 */
export const LOG_STORES = ['activityLog', 'outbox', 'syncState', 'logCounts', ...LOG_SEARCH_STORES] as const;

type AnyWriteTx = IDBPTransaction<DalilDB, ArrayLike<StoreNames<DalilDB>>, 'readwrite'>;

const outboxItemFor = (entry: ActivityLogEntry): OutboxItem => ({
  id: entry.id,
  entry,
  enqueuedAt: entry.at,
  attempts: 0,
  nextAttemptAt: entry.at,
});

/**
 * Writes entries inside the caller's transaction (which must include LOG_STORES). When the team
 * webhook is on, each entry is queued for delivery in the same transaction: an entry is never
 * logged without being queued, or queued without being logged.
 */
export async function putLogEntries<S extends ArrayLike<StoreNames<DalilDB>>>(
  transaction: IDBPTransaction<DalilDB, S, 'readwrite'>,
  entries: ActivityLogEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const tx = transaction as unknown as AnyWriteTx;
  const webhook = (await tx.objectStore('syncState').get('webhook')) as WebhookState | undefined;
  const log = tx.objectStore('activityLog');
  const outbox = tx.objectStore('outbox');
  const counts = tx.objectStore('logCounts');
  await Promise.all([
    ...entries.flatMap((e) => [log.put(e), ...(webhook ? [outbox.put(outboxItemFor(e))] : [])]),
    ...putLogWords(tx, entries),
    ...[...tally(entries).values()].map(async (add) => {
      const current = await counts.get(add.key);
      await counts.put(current ? { ...add, count: current.count + add.count } : add);
    }),
  ]);
}

/** Rebuilds the per-hour counts when the log has entries and the counts have none (derived data gone missing). */
export async function ensureLogCounts(db: DalilDatabase): Promise<boolean> {
  const [counts, firstEntry] = await Promise.all([db.count('logCounts'), db.getAllKeys('activityLog', null, 1)]);
  if (counts > 0 || firstEntry.length === 0) return false;
  await rebuildLogCounts(db);
  return true;
}

/** Recomputes the per-hour counts from the whole log (after a restore, or when they are missing). */
async function rebuildLogCounts(db: DalilDatabase): Promise<void> {
  const tx = db.transaction(['activityLog', 'logCounts'], 'readwrite');
  const entries = await tx.objectStore('activityLog').getAll();
  const counts = tx.objectStore('logCounts');
  await counts.clear();
  await Promise.all([...tally(entries).values()].map((c) => counts.put(c)));
  await tx.done;
}

/**
 * Writes many entries in one transaction (a transaction costs ~2 ms; one per entry adds up), and
 * counts template insertions for the Templates tab in the same transaction.
 */
export async function appendActivity(db: DalilDatabase, entries: ActivityLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const tx = db.transaction([...LOG_STORES, 'templateUsage'], 'readwrite');
  const insertions = new Map<string, { count: number; lastUsedAt: string }>();
  for (const e of entries) {
    const templateId = e.details.templateId;
    if (e.kind !== 'template.inserted' || typeof templateId !== 'string') continue;
    const seen = insertions.get(templateId);
    insertions.set(templateId, { count: (seen?.count ?? 0) + 1, lastUsedAt: e.at });
  }
  const usage = tx.objectStore('templateUsage');
  await committed(
    tx,
    Promise.all([
      putLogEntries(tx, entries),
      ...[...insertions].map(async ([templateId, added]) => {
        const current = await usage.get(templateId);
        await usage.put({ templateId, count: (current?.count ?? 0) + added.count, lastUsedAt: added.lastUsedAt });
      }),
    ]),
  );
}
