/**
 * The team's pack, followed by URL: fetch (conditional, limited, timed out), check (JSON, schema,
 * signature when a key is pinned, version), diff against the pack in use, then apply atomically
 * or keep it pending for confirmation. Whatever fails, the pack in use stays, and the reason and
 * the next try are recorded for the panel.
 */
import { newActivityEntry } from '@/utils/activity/new-entry';
import { applyGuidanceUpdate } from '@/utils/db/guidance-repo';
import type { DalilDatabase } from '@/utils/db/open';
import { deleteSyncState, getSyncState, putSyncState } from '@/utils/db/sync-state-repo';
import { validateGuidancePack } from '@/utils/guidance/parse-pack';
import type { ActivityLogEntry } from '@/utils/schemas/activity-log';
import type { GuidancePack } from '@/utils/schemas/guidance-pack';
import type { PackHeader } from '@/utils/schemas/stored-records';
import { nextAttemptDelay } from '@/utils/sync/backoff';
import { canonicalJson } from '@/utils/sync/canonical-json';
import { fetchPackText } from '@/utils/sync/fetch-pack';
import { checkPackClaims, type PackClaims, readPackClaims } from '@/utils/sync/pack-claims';
import { diffPacks, summarizeDiff } from '@/utils/sync/pack-diff';
import { sealOf, verifyPack } from '@/utils/sync/signing';
import type {
  PackDiff,
  PackSeal,
  PendingUpdate,
  PinnedKeyRecord,
  SubscriptionState,
  SyncFailure,
  SyncFailureCode,
  SyncFailureParams,
} from '@/utils/sync/types';
import { judgeByMark, raisePackMark, readPackMark } from './pack-marks';
import { Refusal } from './refusals';

export interface SubscriptionDeps {
  db: DalilDatabase;
  now: () => Date;
  actorName: () => Promise<string>;
  /** The pack in use (the default pack is installed first if there is none). */
  currentPack: () => Promise<GuidancePack>;
  /** Standalone log entries (failures): batched by the background. */
  log: (entry: ActivityLogEntry) => Promise<void>;
  fetch?: typeof fetch;
  hasAccess?: (url: string) => Promise<boolean>;
  random?: () => number;
  timeoutMs?: number;
}

export type RefreshOutcome = NonNullable<SubscriptionState['lastOutcome']>;

/** First retry after a minute, doubling, never later than the regular refresh. */
const retryOptions = (sub: SubscriptionState, random?: () => number) => ({
  baseMs: 60_000,
  capMs: sub.refreshMinutes * 60_000,
  random,
});

export const readSubscription = (db: DalilDatabase) => getSyncState(db, 'subscription');

export const readPending = (db: DalilDatabase) => getSyncState(db, 'pending');

export const readPinnedKey = (db: DalilDatabase) => getSyncState(db, 'pinnedKey');

type PackRefusal = { ok: false; code: SyncFailureCode; message: string; params?: SyncFailureParams };

/**
 * The signed envelope of a pack file parsed from JSON: the pinned key's signature on the raw object
 * (parsing drops the `signature` field), then its claims: not expired, and published for the address
 * followed here (when there is one).
 */
export async function checkEnvelope(
  raw: unknown,
  pinned: PinnedKeyRecord | undefined,
  context: { now: Date; followedUrl?: string },
): Promise<{ ok: true; claims: PackClaims } | PackRefusal> {
  if (pinned) {
    const verified = await verifyPack(raw, pinned);
    if (!verified.ok) return { ok: false, code: verified.code, message: verified.message };
  }
  const read = readPackClaims(raw);
  if (!read.ok) return read;
  const refused = checkPackClaims(read.claims, context);
  return refused ? { ok: false, ...refused } : { ok: true, claims: read.claims };
}

/**
 * Checks a pack file's text the way every pack from outside is checked: JSON, then its signed
 * envelope (checkEnvelope), then the schema.
 */
export async function checkPackText(
  text: string,
  pinned: PinnedKeyRecord | undefined,
  context: { now: Date; followedUrl?: string },
): Promise<{ ok: true; pack: GuidancePack; claims: PackClaims; seal?: PackSeal } | PackRefusal> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, code: 'invalid-json', message: `Not valid JSON: ${(error as Error).message}` };
  }
  const envelope = await checkEnvelope(raw, pinned, context);
  if (!envelope.ok) return envelope;
  const parsed = validateGuidancePack(raw);
  if (!parsed.ok) {
    const shown = parsed.problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`);
    const more = parsed.problems.length > 3 ? ` (+${parsed.problems.length - 3} more)` : '';
    return { ok: false, code: 'invalid-pack', message: `Not a valid guidance pack: ${shown.join('; ')}${more}` };
  }
  const seal = sealOf(raw, parsed.pack);
  return { ok: true, pack: parsed.pack, claims: envelope.claims, ...(seal ? { seal } : {}) };
}

/** A stored pack (waiting, or in the history) that its kept signature does not tie to the pinned key. */
export class UnverifiedPackError extends Refusal {
  constructor(message: string) {
    super('unverified-pack', message);
  }
}

/**
 * A pack kept here (an update waiting, an earlier pack in the history) is checked against the key
 * pinned NOW before it is put in use again: it may have come from a backup, or been fetched before
 * this key was pinned. Throws UnverifiedPackError; with no key pinned any pack may be applied.
 */
export async function assertSignedByPin(db: DalilDatabase, pack: GuidancePack, seal: PackSeal | undefined): Promise<void> {
  const pinned = await readPinnedKey(db);
  if (!pinned) return;
  const signed = seal?.signedFile ?? (seal ? { ...pack, ...seal.claims, signature: seal.signature } : pack);
  const verified = await verifyPack(signed, pinned);
  if (!verified.ok) throw new UnverifiedPackError(verified.message);
  if (seal?.signedFile !== undefined) {
    // The signed file verifies: the pack kept beside it must be what that file reads as.
    const read = validateGuidancePack(seal.signedFile);
    if (!read.ok || canonicalJson(read.pack) !== canonicalJson(pack)) {
      throw new UnverifiedPackError('The pack kept here is not the one its signed file holds');
    }
  }
}

/** Auto-apply puts an update in use only with a pinned key, or when the person chose to trust the host without one. */
export const mayAutoApply = (sub: SubscriptionState, pinned: PinnedKeyRecord | undefined): boolean =>
  sub.autoApply && (pinned !== undefined || sub.trustHost === true);

/**
 * A refresh's result onto the subscription as it is now: the person may have changed its settings or
 * its address while the fetch ran. Settings they changed are kept; a result for an address no longer
 * followed (or after unsubscribing) is dropped. One transaction, so nothing slips in between.
 */
async function saveSubscription(db: DalilDatabase, sub: SubscriptionState): Promise<void> {
  const tx = db.transaction('syncState', 'readwrite');
  const now = (await tx.store.get('subscription')) as SubscriptionState | undefined;
  if (now?.url === sub.url) {
    const { autoApply, trustHost, refreshMinutes, subscribedAt } = now;
    await tx.store.put({ ...sub, autoApply, trustHost, refreshMinutes, subscribedAt }, 'subscription');
  }
  await tx.done;
}

/** The address is still the one followed: a refresh that outlived its address applies nothing. */
async function stillFollowing(db: DalilDatabase, url: string): Promise<boolean> {
  return (await readSubscription(db))?.url === url;
}

/** Puts a checked pack in use (keeping the old one in the history) and logs what changed. */
export async function applyPack(
  deps: Pick<SubscriptionDeps, 'db' | 'now' | 'actorName'>,
  pack: GuidancePack,
  diff: PackDiff,
  source: Omit<PackHeader['source'], 'appliedAt'>,
  kind: 'pack.updated' | 'pack.imported' | 'pack.restored' = 'pack.updated',
): Promise<void> {
  const at = deps.now().toISOString();
  const entry = newActivityEntry(kind, await deps.actorName(), {
    packId: pack.id,
    version: pack.version,
    previousPackId: diff.from.id,
    previousVersion: diff.from.version,
    source: source.url ?? source.fileName ?? null,
    ...summarizeDiff(diff),
  });
  await applyGuidanceUpdate(
    deps.db,
    pack,
    { ...source, appliedAt: at },
    { logEntry: entry, archivedAt: at, lastApplied: { diff, at } },
  );
}

/**
 * Puts an update that waited for the person in use, diffed against `current` (the pack in use may
 * have changed since the fetch), once its signature is checked against the key pinned now
 * (UnverifiedPackError). Applying clears the waiting update (applyGuidanceUpdate).
 */
export async function applyPendingUpdate(
  deps: Pick<SubscriptionDeps, 'db' | 'now' | 'actorName'>,
  pending: PendingUpdate,
  current: GuidancePack,
): Promise<void> {
  await assertSignedByPin(deps.db, pending.pack, pending.seal);
  const seal = pending.seal ? { seal: pending.seal } : {};
  await applyPack(deps, pending.pack, diffPacks(current, pending.pack), { kind: 'url', url: pending.url, ...seal });
}

interface Flight {
  running: Promise<RefreshOutcome | undefined>;
  /** One more run after the running one, shared by every call that arrives meanwhile. */
  next?: Promise<RefreshOutcome | undefined>;
  nextForce: boolean;
}
/** Refreshes per database: the startup refresh, an alarm, "Check now" and a new address can all arrive at once. */
const flights = new WeakMap<object, Flight>();

/**
 * Fetches the subscribed pack and applies (or keeps pending) a newer version; undefined when there
 * is no subscription. `force` ignores the validators: used when the address changes (the old ETag
 * belongs to another file). One run at a time per database, so two never apply the same version
 * twice (history would then hold the new version as the "previous" one); a call during a run gets
 * one more run after it, which sees the subscription as the caller left it.
 */
export function refreshSubscription(deps: SubscriptionDeps, force = false): Promise<RefreshOutcome | undefined> {
  const flight = flights.get(deps.db);
  if (!flight) {
    const started: Flight = { running: Promise.resolve(undefined), nextForce: false };
    flights.set(deps.db, started);
    started.running = runFlight(deps, started, force);
    return started.running;
  }
  flight.nextForce ||= force;
  flight.next ??= flight.running
    .catch(() => undefined)
    .then(() => {
      const again = flight.nextForce;
      flight.next = undefined;
      flight.nextForce = false;
      flight.running = runFlight(deps, flight, again);
      return flight.running;
    });
  return flight.next;
}

function runFlight(deps: SubscriptionDeps, flight: Flight, force: boolean): Promise<RefreshOutcome | undefined> {
  return refreshOnce(deps, force).finally(() => {
    if (!flight.next) flights.delete(deps.db);
  });
}

async function refreshOnce(deps: SubscriptionDeps, force: boolean): Promise<RefreshOutcome | undefined> {
  const sub = await readSubscription(deps.db);
  if (!sub) return undefined;
  const at = deps.now().toISOString();
  const fetched = await fetchPackText(sub.url, {
    etag: force ? undefined : sub.etag,
    lastModified: force ? undefined : sub.lastModified,
    fetch: deps.fetch,
    hasAccess: deps.hasAccess,
    timeoutMs: deps.timeoutMs,
  });

  const fail = async (failure: Omit<SyncFailure, 'at'> & { retryAfterMs?: number }): Promise<RefreshOutcome> => {
    const failures = sub.failures + 1;
    const delay = nextAttemptDelay(failures, failure.retryAfterMs, retryOptions(sub, deps.random));
    const { retryAfterMs: _, ...reason } = failure;
    const outcome: RefreshOutcome = { kind: 'failed', ...reason, at };
    await saveSubscription(deps.db, {
      ...sub,
      lastCheckedAt: at,
      lastOutcome: outcome,
      failures,
      nextRetryAt: new Date(deps.now().getTime() + delay).toISOString(),
    });
    await deps.log(
      newActivityEntry('sync.failed', await deps.actorName(), {
        url: sub.url,
        code: failure.code,
        message: failure.message.slice(0, 300),
        status: failure.status ?? null,
      }),
    );
    return outcome;
  };
  const succeed = async (
    outcome: Exclude<RefreshOutcome, { kind: 'failed' }>,
    validators: Pick<SubscriptionState, 'etag' | 'lastModified'> = {},
  ): Promise<RefreshOutcome> => {
    const { nextRetryAt: _, ...rest } = sub;
    await saveSubscription(deps.db, { ...rest, ...validators, lastCheckedAt: at, lastOutcome: outcome, failures: 0 });
    return outcome;
  };

  const current = await deps.currentPack();
  const pinned = await readPinnedKey(deps.db);
  if (fetched.kind === 'not-modified') {
    // A host answering 304 forever would freeze the pack in use: its signed expiry still ends it.
    const mark = await readPackMark(deps.db, pinned, current.id);
    if (mark?.version === current.version && mark.expires !== undefined && Date.parse(mark.expires) <= deps.now().getTime()) {
      return fail({
        code: 'expired',
        message: `The pack in use expired on ${mark.expires} and the server has no newer one`,
        params: { expires: mark.expires },
      });
    }
    // Auto-apply turned on while an update was waiting: the file has not changed, the waiting update applies now.
    const waiting = mayAutoApply(sub, pinned) ? await readPending(deps.db) : undefined;
    if (waiting && waiting.url === sub.url && waiting.pack.id === current.id && waiting.pack.version > current.version) {
      const refused = await judgeByMark(deps.db, pinned, waiting.pack, 'version-only');
      if (refused) {
        await deleteSyncState(deps.db, 'pending');
        return fail(refused);
      }
      // A waiting update the pinned key does not vouch for stays waiting (applying it by hand says why).
      try {
        await applyPendingUpdate(deps, waiting, current);
      } catch (error) {
        if (error instanceof UnverifiedPackError) return succeed({ kind: 'not-modified', at, version: current.version });
        throw error;
      }
      return succeed({ kind: 'applied', at, version: waiting.pack.version });
    }
    return succeed({ kind: 'not-modified', at, version: current.version });
  }
  if (fetched.kind === 'failed') {
    const { kind: _, ...failure } = fetched;
    return fail(failure);
  }

  const checked = await checkPackText(fetched.text, pinned, { now: deps.now(), followedUrl: sub.url });
  if (!checked.ok) return fail({ code: checked.code, message: checked.message, params: checked.params });
  const next = checked.pack;
  const validators = { etag: fetched.etag, lastModified: fetched.lastModified };

  // Under a pinned key, nothing lower than the highest version ever accepted, whatever pack is in use.
  const belowMark = await judgeByMark(deps.db, pinned, next);
  if (belowMark) return fail(belowMark);
  // The same pack is updated only by a higher version: a server still serving an old copy never rolls agents back.
  if (next.id === current.id && next.version < current.version) {
    return fail({
      code: 'older-version',
      message: `The server has version ${next.version}; version ${current.version} is already in use`,
      params: { offered: next.version, accepted: current.version },
    });
  }
  const diff = diffPacks(current, next);
  if (next.id === current.id && next.version === current.version) {
    await deleteSyncState(deps.db, 'pending');
    // The pack in use, checked under the key: its mark (and a renewed expiry) is recorded.
    if (diff.empty) await raisePackMark(deps.db, pinned, next, at, checked.claims.expires);
    // Edited without raising the version: nobody would get it, so the panel says so.
    const note = diff.empty ? undefined : ('same-version-changed' as const);
    return succeed({ kind: 'unchanged', at, version: next.version, ...(note ? { note } : {}) }, validators);
  }
  if (!(await stillFollowing(deps.db, sub.url))) return undefined; // unsubscribed or readdressed meanwhile
  const seal = checked.seal ? { seal: checked.seal } : {};
  // Accepted (in use or waiting): from now on nothing lower under this key is taken.
  await raisePackMark(deps.db, pinned, next, at, checked.claims.expires);
  if (mayAutoApply(sub, pinned)) {
    await applyPack(deps, next, diff, { kind: 'url', url: sub.url, ...seal });
    return succeed({ kind: 'applied', at, version: next.version }, validators);
  }
  const pending: PendingUpdate = { pack: next, diff, fetchedAt: at, url: sub.url, ...seal };
  await putSyncState(deps.db, 'pending', pending);
  const note = sub.autoApply ? { note: 'needs-key' as const } : {};
  return succeed({ kind: 'pending', at, version: next.version, ...note }, validators);
}
