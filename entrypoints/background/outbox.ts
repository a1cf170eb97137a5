/**
 * The team webhook's durable outbox. Log entries are queued in IndexedDB in the transaction that
 * logs them (see putLogEntries); this module sends them in batches and removes them once the
 * endpoint accepted them.
 *
 * Delivery is at least once, made exactly once by the receiver: every entry carries its id as
 * `idempotencyKey` (and the batch's keys are in the `Idempotency-Key` header), so a batch resent
 * after the worker stopped between the POST and the delete is recognised. Items being sent carry a
 * lease; a lease found at start-up belongs to a worker that was stopped, and is cleared.
 */
import type { DalilDatabase } from '@/utils/db/open';
import { deleteSyncState, getSyncState, putSyncState } from '@/utils/db/sync-state-repo';
import { nextAttemptDelay, parseRetryAfter } from '@/utils/sync/backoff';
import { isRedirect } from '@/utils/sync/fetch-pack';
import type { OutboxItem, OutboxStatus, WebhookState } from '@/utils/sync/types';

/** Past this many queued entries the panel warns; nothing is dropped. */
export const OUTBOX_WARN_CAP = 5_000;
const BATCH_SIZE = 50;
const REQUEST_TIMEOUT_MS = 15_000;
/** Longer than a request can take, so only a stopped worker's lease ever expires. */
const LEASE_MS = REQUEST_TIMEOUT_MS + 10_000;
/** Webhook retries: 2 s doubling, at most 10 minutes apart (plus whatever Retry-After asks). */
export const WEBHOOK_BACKOFF = { baseMs: 2_000, capMs: 10 * 60_000 };

export interface DeliveryDeps {
  db: DalilDatabase;
  fetch: typeof fetch;
  now: () => Date;
  random?: () => number;
}

export interface DeliveryRun {
  sent: number;
  failed: number;
  /** When the next item is due (none queued: undefined). */
  nextAttemptAt?: string;
}

export const readWebhook = (db: DalilDatabase) => getSyncState(db, 'webhook');

/** A worker that starts finds no delivery of its own in flight: any lease is a stopped worker's. */
export async function releaseStaleLeases(db: DalilDatabase): Promise<number> {
  const tx = db.transaction('outbox', 'readwrite');
  let released = 0;
  let cursor = await tx.store.openCursor();
  while (cursor) {
    if (cursor.value.leaseUntil) {
      const { leaseUntil: _, ...item } = cursor.value;
      await cursor.update(item);
      released++;
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return released;
}

/** Takes up to `limit` due items (any item when `all`) and leases them, in one transaction, so no other run sends them too. */
async function leaseDue(db: DalilDatabase, now: Date, limit: number, all = false): Promise<OutboxItem[]> {
  const tx = db.transaction('outbox', 'readwrite');
  const leased: OutboxItem[] = [];
  const nowIso = now.toISOString();
  let cursor = await tx.store.index('by-next').openCursor(all ? null : IDBKeyRange.upperBound(nowIso));
  while (cursor && leased.length < limit) {
    const item = cursor.value;
    if (!item.leaseUntil || item.leaseUntil < nowIso) {
      const next = { ...item, leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString() };
      await cursor.update(next);
      leased.push(next);
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return leased;
}

type PostOutcome = { ok: true } | { ok: false; message: string; status?: number; retryAfterMs?: number };

async function post(deps: DeliveryDeps, url: string, items: OutboxItem[]): Promise<PostOutcome> {
  const body = JSON.stringify({
    source: 'dalil',
    sentAt: deps.now().toISOString(),
    entries: items.map((i) => ({ idempotencyKey: i.id, ...i.entry })),
  });
  try {
    const response = await deps.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': items.map((i) => i.id).join(',') },
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      credentials: 'omit',
      cache: 'no-store',
      // Never re-sent elsewhere: a 307/308 would repeat the log's entries to wherever it points.
      redirect: 'manual',
    });
    if (isRedirect(response)) {
      return {
        ok: false,
        message: 'The endpoint answered with a redirect; Dalil does not follow redirects (entries stay queued)',
      };
    }
    // The body is not needed; reading it frees the connection.
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return { ok: true };
    return {
      ok: false,
      status: response.status,
      message: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), deps.now()),
    };
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    return { ok: false, message: timedOut ? 'No answer within 15 s' : `Network error: ${(error as Error).message}` };
  }
}

/**
 * Sends every due item, batch by batch, until none is due or a batch fails. While the endpoint is
 * paused after a failure nothing is sent. `now` (the person's "Retry now") sends everything queued at once.
 */
export async function deliverDue(deps: DeliveryDeps, options: { now?: boolean } = {}): Promise<DeliveryRun> {
  const run: DeliveryRun = { sent: 0, failed: 0 };
  const webhook = await readWebhook(deps.db);
  const paused = webhook?.pausedUntil && webhook.pausedUntil > deps.now().toISOString() && !options.now;
  if (webhook && paused) {
    run.nextAttemptAt = webhook.pausedUntil;
    return run;
  }
  if (webhook) {
    let batchSize = BATCH_SIZE;
    for (;;) {
      const items = await leaseDue(deps.db, deps.now(), batchSize, options.now === true);
      if (items.length === 0) break;
      const outcome = await post(deps, webhook.url, items);
      if (outcome.ok) {
        await settleDelivered(deps, items);
        run.sent += items.length;
      } else if (outcome.status === 413 && items.length > 1) {
        // Too large for this endpoint (a chat webhook's body limit): the same entries at once, in halves.
        await releaseLeases(deps.db, items);
        batchSize = Math.ceil(items.length / 2);
      } else if (outcome.status === 413) {
        // One entry too large on its own: it waits for its own retry (kept, never dropped), the rest go on.
        await settleFailed(deps, items, outcome, { pause: false });
        run.failed += 1;
      } else {
        await settleFailed(deps, items, outcome);
        run.failed += items.length;
        break;
      }
    }
  }
  // Only the next due time: this runs after every log write while the webhook is on, so no scan of the queue.
  const next = await nextAttemptAt(deps.db);
  const pausedUntil = (await readWebhook(deps.db))?.pausedUntil;
  run.nextAttemptAt = next && pausedUntil && pausedUntil > next ? pausedUntil : next;
  return run;
}

/** Items back in the queue as they were, not tried: the run sends them again in smaller batches. */
async function releaseLeases(db: DalilDatabase, items: OutboxItem[]): Promise<void> {
  const tx = db.transaction('outbox', 'readwrite');
  const release = async (id: string) => {
    const stored = await tx.store.get(id);
    if (!stored) return;
    const { leaseUntil: _, ...rest } = stored;
    await tx.store.put(rest);
  };
  await Promise.all([...items.map((item) => release(item.id)), tx.done]);
}

async function settleDelivered(deps: DeliveryDeps, items: OutboxItem[]): Promise<void> {
  const tx = deps.db.transaction(['outbox', 'syncState'], 'readwrite');
  const state = tx.objectStore('syncState');
  const webhook = (await state.get('webhook')) as WebhookState | undefined;
  await Promise.all(items.map((i) => tx.objectStore('outbox').delete(i.id)));
  if (webhook) {
    // A delivery that works again clears the last failure and the pause: the panel shows a problem only while there is one.
    const { lastFailure: _, pausedUntil: __, ...rest } = webhook;
    await state.put(
      { ...rest, delivered: webhook.delivered + items.length, lastDeliveryAt: deps.now().toISOString() },
      'webhook',
    );
  }
  await tx.done;
}

async function settleFailed(
  deps: DeliveryDeps,
  items: OutboxItem[],
  outcome: Extract<PostOutcome, { ok: false }>,
  options: { pause: boolean } = { pause: true },
): Promise<void> {
  const now = deps.now();
  const tx = deps.db.transaction(['outbox', 'syncState'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  const state = tx.objectStore('syncState');
  const webhook = (await state.get('webhook')) as WebhookState | undefined;
  // One delay for the whole batch, from its most-tried item: the batch stays together for the retry.
  const attempts = Math.max(...items.map((i) => i.attempts)) + 1;
  const delay = nextAttemptDelay(attempts, outcome.retryAfterMs, { ...WEBHOOK_BACKOFF, random: deps.random });
  const nextAttemptAt = new Date(now.getTime() + delay).toISOString();
  await Promise.all(
    items.map((item) => {
      const { leaseUntil: _, ...rest } = item;
      return outbox.put({ ...rest, attempts: item.attempts + 1, nextAttemptAt, lastError: outcome.message });
    }),
  );
  if (webhook) {
    await state.put(
      {
        ...webhook,
        lastFailure: { message: outcome.message, status: outcome.status, at: now.toISOString() },
        ...(options.pause ? { pausedUntil: nextAttemptAt } : {}),
      },
      'webhook',
    );
  }
  await tx.done;
}

/** When the first queued item is due, from the `by-next` index (its first key). */
async function nextAttemptAt(db: DalilDatabase): Promise<string | undefined> {
  return (await db.transaction('outbox').store.index('by-next').openKeyCursor())?.key;
}

/** What the Settings tab shows of the queue. */
export async function outboxStatus(db: DalilDatabase): Promise<OutboxStatus> {
  const tx = db.transaction('outbox');
  const queued = await tx.store.count();
  const first = await tx.store.index('by-next').openKeyCursor();
  let oldestAt: string | undefined;
  if (queued > 0) {
    // Oldest by enqueue time; the queue is small enough in practice (warned past the cap) to scan.
    for (const item of await tx.store.getAll()) if (!oldestAt || item.enqueuedAt < oldestAt) oldestAt = item.enqueuedAt;
  }
  await tx.done;
  return { queued, oldestAt, nextAttemptAt: first?.key, overCap: queued > OUTBOX_WARN_CAP, cap: OUTBOX_WARN_CAP };
}

/** Turns the webhook on (entries logged from now on are delivered) or off (the queue is kept). */
export async function setWebhook(db: DalilDatabase, url: string | null, now: Date): Promise<void> {
  if (url === null) {
    await deleteSyncState(db, 'webhook');
    return;
  }
  const current = await readWebhook(db);
  const next: WebhookState =
    current?.url === url ? current : { url, enabledAt: now.toISOString(), delivered: current?.delivered ?? 0 };
  await putSyncState(db, 'webhook', next);
}
