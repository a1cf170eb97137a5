import { beforeEach, describe, expect, it } from 'vitest';
import {
  deliverDue,
  OUTBOX_WARN_CAP,
  outboxStatus,
  releaseStaleLeases,
  setWebhook,
} from '../../../entrypoints/background/outbox';
import { createLogBatcher } from '../../../utils/activity/log-batcher';
import { newActivityEntry } from '../../../utils/activity/new-entry';
import { appendActivity, ensureLogCounts } from '../../../utils/db/activity-log-repo';
import { type DalilDatabase, openDalilDatabase } from '../../../utils/db/open';
import type { ActivityLogEntry } from '../../../utils/schemas/activity-log';
import { seededRandom } from '../../seeded-random';

const HOOK = 'https://hooks.example.com/dalil';
let db: DalilDatabase;
let clock: number;
const now = () => new Date(clock);

/** A collector that answers by script and keeps what it accepted by idempotency key. */
function collector(script: Array<{ status: number; retryAfter?: string } | 'network-error'>) {
  const accepted = new Map<string, number>();
  const posts: string[][] = [];
  const fetch: typeof globalThis.fetch = async (_url, init) => {
    const body = JSON.parse(String(init?.body)) as { entries: Array<{ idempotencyKey: string }> };
    const keys = body.entries.map((e) => e.idempotencyKey);
    posts.push(keys);
    const answer = script.shift() ?? { status: 200 };
    if (answer === 'network-error') throw new TypeError('Failed to fetch');
    if (answer.status < 300) for (const k of keys) accepted.set(k, (accepted.get(k) ?? 0) + 1);
    return new Response(null, { status: answer.status, headers: answer.retryAfter ? { 'retry-after': answer.retryAfter } : {} });
  };
  return { fetch, accepted, posts };
}

const entries = (n: number): ActivityLogEntry[] =>
  Array.from({ length: n }, (_, i) => ({
    ...newActivityEntry('palette.checked', 'Lina', { verdict: 'pass', swatches: i }),
    at: new Date(clock - n + i).toISOString(),
  }));

beforeEach(async () => {
  db = await openDalilDatabase(`outbox-${Math.random()}`);
  clock = Date.parse('2026-11-26T10:00:00Z');
});

describe('the webhook outbox', () => {
  it('queues entries only while the webhook is on, in the transaction that logs them', async () => {
    await appendActivity(db, entries(3));
    expect(await db.count('outbox')).toBe(0);
    await setWebhook(db, HOOK, now());
    await appendActivity(db, entries(4));
    expect(await db.count('outbox')).toBe(4);
    expect(await db.count('activityLog')).toBe(7);
  });

  it('delivers in batches of 50 and empties the queue', async () => {
    await setWebhook(db, HOOK, now());
    const logged = entries(120);
    await appendActivity(db, logged);
    const hook = collector([]);
    const run = await deliverDue({ db, fetch: hook.fetch, now });
    expect(run).toMatchObject({ sent: 120, failed: 0 });
    expect(hook.posts.map((p) => p.length)).toEqual([50, 50, 20]);
    expect([...hook.accepted.keys()].sort()).toEqual(logged.map((e) => e.id).sort());
    expect(await outboxStatus(db)).toMatchObject({ queued: 0, overCap: false });
    expect(await db.get('syncState', 'webhook')).toMatchObject({ delivered: 120 });
  });

  it('splits a batch the endpoint refuses as too large (413) and sends every entry once', async () => {
    await setWebhook(db, HOOK, now());
    const logged = entries(60);
    await appendActivity(db, logged);
    const posts: number[] = [];
    const accepted = new Map<string, number>();
    // A chat webhook that takes at most 12 entries a message.
    const fetch: typeof globalThis.fetch = async (_url, init) => {
      const keys = (JSON.parse(String(init?.body)) as { entries: Array<{ idempotencyKey: string }> }).entries.map(
        (e) => e.idempotencyKey,
      );
      posts.push(keys.length);
      if (keys.length > 12) return new Response(null, { status: 413 });
      for (const k of keys) accepted.set(k, (accepted.get(k) ?? 0) + 1);
      return new Response(null, { status: 200 });
    };
    expect(await deliverDue({ db, fetch, now })).toMatchObject({ sent: 60, failed: 0 });
    expect([...accepted.keys()].sort()).toEqual(logged.map((e) => e.id).sort());
    expect([...accepted.values()].every((n) => n === 1)).toBe(true);
    expect(posts.slice(0, 3)).toEqual([50, 25, 13]);
    expect(await outboxStatus(db)).toMatchObject({ queued: 0 });
    expect(await db.get('syncState', 'webhook')).not.toHaveProperty('lastFailure');
  });

  it('keeps one entry too large on its own for a later try, and delivers the others without waiting for it', async () => {
    await setWebhook(db, HOOK, now());
    const logged = entries(8);
    logged[3] = { ...logged[3], details: { ...logged[3].details, note: 'x'.repeat(5000) } };
    await appendActivity(db, logged);
    const accepted: string[] = [];
    const fetch: typeof globalThis.fetch = async (_url, init) => {
      const text = String(init?.body);
      if (text.length > 4000) return new Response(null, { status: 413 });
      accepted.push(...(JSON.parse(text) as { entries: Array<{ idempotencyKey: string }> }).entries.map((e) => e.idempotencyKey));
      return new Response(null, { status: 200 });
    };
    expect(await deliverDue({ db, fetch, now })).toMatchObject({ sent: 7, failed: 1 });
    expect(accepted.sort()).toEqual(
      logged
        .filter((_, i) => i !== 3)
        .map((e) => e.id)
        .sort(),
    );
    const status = await outboxStatus(db);
    expect(status.queued).toBe(1);
    expect(Date.parse(status.nextAttemptAt ?? '')).toBeGreaterThan(clock);
    expect(await db.get('syncState', 'webhook')).not.toHaveProperty('pausedUntil');
    expect(await db.getAll('outbox')).toMatchObject([{ id: logged[3].id, attempts: 1, lastError: 'HTTP 413' }]);
  });

  it('keeps failed entries, retries them after the backoff, and respects Retry-After', async () => {
    await setWebhook(db, HOOK, now());
    await appendActivity(db, entries(5));
    const hook = collector([{ status: 503, retryAfter: '120' }, 'network-error']);
    const random = seededRandom(3);

    expect(await deliverDue({ db, fetch: hook.fetch, now, random })).toMatchObject({ sent: 0, failed: 5 });
    const afterFirst = await outboxStatus(db);
    // Retry-After: 120 outweighs the first backoff (at most 2 s).
    expect(Date.parse(afterFirst.nextAttemptAt ?? '') - clock).toBe(120_000);
    expect(await db.get('syncState', 'webhook')).toMatchObject({ lastFailure: { status: 503 } });

    // Not due yet: nothing is sent.
    expect(await deliverDue({ db, fetch: hook.fetch, now, random })).toMatchObject({ sent: 0, failed: 0 });
    clock += 120_000;
    expect(await deliverDue({ db, fetch: hook.fetch, now, random })).toMatchObject({ failed: 5 });
    const second = Date.parse((await outboxStatus(db)).nextAttemptAt ?? '') - clock;
    expect(second).toBeGreaterThanOrEqual(1_000); // attempt 2: jitter in [base/2, 2·base]
    expect(second).toBeLessThanOrEqual(4_000);
    clock += second;
    expect(await deliverDue({ db, fetch: hook.fetch, now, random })).toMatchObject({ sent: 5 });
    expect([...hook.accepted.values()]).toEqual([1, 1, 1, 1, 1]);
  });

  it('pauses the endpoint after a failure: entries logged meanwhile wait too, and "Retry now" sends everything', async () => {
    await setWebhook(db, HOOK, now());
    await appendActivity(db, entries(2));
    const hook = collector([{ status: 503, retryAfter: '60' }]);
    await deliverDue({ db, fetch: hook.fetch, now });
    clock += 1_000;
    await appendActivity(db, entries(3));
    // Paused for the minute Retry-After asked: the three new entries do not go either.
    expect(await deliverDue({ db, fetch: hook.fetch, now })).toMatchObject({ sent: 0, failed: 0 });
    expect(hook.posts).toHaveLength(1);
    expect(await deliverDue({ db, fetch: hook.fetch, now }, { now: true })).toMatchObject({ sent: 5 });
    expect(await db.get('syncState', 'webhook')).not.toHaveProperty('pausedUntil');
    expect(await db.get('syncState', 'webhook')).not.toHaveProperty('lastFailure');
  });

  it('a batch leased by a worker that stopped mid-delivery is sent again at start-up, with the same keys', async () => {
    await setWebhook(db, HOOK, now());
    const logged = entries(10);
    await appendActivity(db, logged);
    // The worker POSTs, the collector stores the batch, and the worker stops before it hears back.
    const hook = collector([]);
    const stalled: typeof fetch = async (url, init) => {
      await hook.fetch(url, init);
      return new Promise<Response>(() => undefined);
    };
    void deliverDue({ db, fetch: stalled, now });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await db.count('outbox')).toBe(10); // nothing removed: the worker never heard back

    // The next worker: its leases are gone at start, so the batch goes out again straight away.
    expect(await releaseStaleLeases(db)).toBe(10);
    expect(await deliverDue({ db, fetch: hook.fetch, now })).toMatchObject({ sent: 10 });
    expect(hook.posts).toHaveLength(2);
    expect(hook.posts[1]).toEqual(hook.posts[0]);
    // The collector stored each entry once and saw each twice: same idempotency keys.
    expect(hook.accepted.size).toBe(10);
    expect(await db.count('outbox')).toBe(0);
  });

  it('warns past the cap and drops nothing', async () => {
    await setWebhook(db, HOOK, now());
    await appendActivity(db, entries(OUTBOX_WARN_CAP + 1));
    expect(await outboxStatus(db)).toMatchObject({ queued: OUTBOX_WARN_CAP + 1, overCap: true });
  });

  it('turning the webhook off keeps the queue for later', async () => {
    await setWebhook(db, HOOK, now());
    await appendActivity(db, entries(2));
    await setWebhook(db, null, now());
    const hook = collector([]);
    expect(await deliverDue({ db, fetch: hook.fetch, now })).toMatchObject({ sent: 0 });
    expect(await db.count('outbox')).toBe(2);
  });
});

describe("the log's per-hour counts", () => {
  it('are rebuilt when missing, and equal what the write path keeps', async () => {
    await appendActivity(db, entries(40));
    const kept = await db.getAll('logCounts');
    expect(await ensureLogCounts(db)).toBe(false); // present: nothing to do
    await db.clear('logCounts');
    expect(await ensureLogCounts(db)).toBe(true);
    expect(await db.getAll('logCounts')).toEqual(kept);
  });
});

describe('log batching', () => {
  it('writes a burst of entries in one transaction per flush and counts insertions', async () => {
    const writes: number[] = [];
    const batcher = createLogBatcher({
      write: async (batch) => {
        writes.push(batch.length);
        await appendActivity(db, batch);
      },
      delayMs: 5,
    });
    const burst = Array.from({ length: 30 }, () =>
      newActivityEntry('template.inserted', 'Lina', { templateId: 'thanks-en', technique: 'paste' }),
    );
    await Promise.all(burst.map((e) => batcher.add(e)));
    expect(writes).toEqual([30]);
    expect(await db.count('activityLog')).toBe(30);
    expect(await db.get('templateUsage', 'thanks-en')).toMatchObject({ count: 30 });
  });

  it('flushes at the batch cap without waiting, and reports a failed write to every waiting caller', async () => {
    const writes: number[] = [];
    let fail = false;
    const batcher = createLogBatcher({
      write: async (batch) => {
        writes.push(batch.length);
        if (fail) throw new Error('QuotaExceededError');
      },
      delayMs: 10_000,
      maxBatch: 4,
    });
    await Promise.all(entries(4).map((e) => batcher.add(e)));
    expect(writes).toEqual([4]);
    fail = true;
    const waiting = entries(2).map((e) => batcher.add(e));
    await batcher.flush();
    for (const w of waiting) await expect(w).rejects.toThrow('QuotaExceededError');
  });
});
