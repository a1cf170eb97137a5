/**
 * Reading teammates' changes to shared boards. An idle person costs one listing per poll: the change
 * feed from a little before where they last were (`start-after`), which returns only the last few
 * minutes' keys. A change's own object says which board object it touched; the caller fetches that
 * (an ad with a conditional GET: a change it already has costs a 304). Someone new to the workspace, or
 * back after longer than the feed is kept, reads the boards whole instead (`readWholeBoards`).
 */
import { type BoardChange, BoardChangeSchema, type SharedComment, SharedCommentSchema } from '../schemas/shared-board';
import {
  boardAdsPrefix,
  boardCommentsPrefix,
  boardIdOfPrefix,
  boardKey,
  CHANGES_PREFIX,
  stamp,
  stampTime,
} from './boards-layout';
import { BOARDS_PREFIX } from './layout';
import type { ObjectInfo, S3Client, S3Failure } from './s3-client';

/**
 * How far before the newest change seen the next listing starts. A write stamped earlier but listed
 * later (a slow upload, clocks within the minute the client tolerates) lands in this overlap; keys in
 * it already read are remembered and skipped.
 */
export const FEED_OVERLAP_MS = 5 * 60_000;
/** Teams are told to expire `boards/_changes/` after 7 days; a person away longer reads the boards whole. */
export const FEED_KEPT_MS = 6 * 24 * 3_600_000;

export interface FeedMark {
  /** The newest change's instant (ms) seen so far. */
  newest: number;
  /** Change keys at or after `newest - FEED_OVERLAP_MS` already read. */
  seen: string[];
}

export interface FeedChange extends BoardChange {
  changeKey: string;
}

export interface Counted {
  requests: number;
}

/** Every page of a listing, counting requests. */
export async function listAll(
  client: S3Client,
  prefix: string,
  counter: Counted,
  options: { startAfter?: string } = {},
): Promise<{ ok: true; objects: ObjectInfo[] } | { ok: false; failure: S3Failure }> {
  const objects: ObjectInfo[] = [];
  let after: string | undefined;
  do {
    counter.requests++;
    const page = await client.list(prefix, { after, startAfter: after ? undefined : options.startAfter });
    if (!page.ok) return { ok: false, failure: page };
    objects.push(...page.objects);
    after = page.next;
  } while (after);
  return { ok: true, objects };
}

/** The change feed since the mark: the changes not read yet, oldest first, and the mark after them. */
export async function readFeed(
  client: S3Client,
  mark: FeedMark,
  counter: Counted = { requests: 0 },
): Promise<{ ok: true; changes: FeedChange[]; mark: FeedMark } | { ok: false; failure: S3Failure }> {
  const from = mark.newest - FEED_OVERLAP_MS;
  const listed = await listAll(client, CHANGES_PREFIX, counter, { startAfter: `${CHANGES_PREFIX}${stamp(new Date(from))}` });
  if (!listed.ok) return listed;
  const seen = new Set(mark.seen);
  const changes: FeedChange[] = [];
  for (const object of listed.objects) {
    if (seen.has(object.key)) continue;
    counter.requests++;
    const got = await client.get(object.key);
    if (!got.ok) {
      if (got.kind === 'not-found') continue; // expired between the listing and the read
      return { ok: false, failure: got };
    }
    const parsed = BoardChangeSchema.safeParse(await got.body?.json().catch(() => undefined));
    // A change Dalil cannot read is passed over (and remembered), never retried forever.
    if (parsed.success) changes.push({ ...parsed.data, changeKey: object.key });
    seen.add(object.key);
  }
  const times = listed.objects.map((o) => stampTime(o.key.slice(CHANGES_PREFIX.length))).filter(Number.isFinite);
  const newest = Math.max(mark.newest, ...times);
  const keep = [...seen].filter((key) => stampTime(key.slice(CHANGES_PREFIX.length)) >= newest - FEED_OVERLAP_MS);
  return { ok: true, changes, mark: { newest, seen: keep } };
}

/** The shared boards in the bucket, by the `boards/<id>/` folders a delimited listing shows. */
export async function listBoardIds(
  client: S3Client,
  counter: Counted = { requests: 0 },
): Promise<{ ok: true; ids: string[] } | { ok: false; failure: S3Failure }> {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    counter.requests++;
    const page = await client.list(BOARDS_PREFIX, { after, delimiter: '/' });
    if (!page.ok) return { ok: false, failure: page };
    for (const prefix of page.prefixes ?? []) {
      const id = boardIdOfPrefix(prefix);
      if (id) ids.push(id);
    }
    after = page.next;
  } while (after);
  return { ok: true, ids };
}

/** A board's objects by kind: the listing a whole read starts from. */
export async function listBoardObjects(client: S3Client, boardId: string, counter: Counted = { requests: 0 }) {
  const [ads, comments] = [
    await listAll(client, boardAdsPrefix(boardId), counter),
    await listAll(client, boardCommentsPrefix(boardId), counter),
  ];
  if (!ads.ok) return ads;
  if (!comments.ok) return comments;
  return { ok: true as const, board: boardKey(boardId), ads: ads.objects, comments: comments.objects };
}

export async function readComment(client: S3Client, key: string): Promise<SharedComment | undefined> {
  const got = await client.get(key);
  if (!got.ok) return undefined;
  const parsed = SharedCommentSchema.safeParse(await got.body?.json().catch(() => undefined));
  return parsed.success ? parsed.data : undefined;
}

/** Runs `work` over `items`, `width` at a time (a whole read of 10,000 ads is not 10,000 requests at once). */
export async function eachLimited<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/**
 * When to poll next. Changes seen, or made here: soon. Each quiet poll doubles the wait up to the idle
 * cap, so 50 idle people cost 50 listings every two minutes. A failed poll backs off further, with
 * jitter so a team that lost the network together does not come back in step.
 */
export const POLL = { activeMs: 30_000, idleCapMs: 2 * 60_000, failureCapMs: 15 * 60_000 };

export function nextPollDelay(
  previousMs: number | undefined,
  outcome: 'changes' | 'quiet' | 'failed',
  failures: number,
  random: () => number = Math.random,
): number {
  const jitter = 0.9 + random() * 0.2;
  if (outcome === 'changes') return Math.round(POLL.activeMs * jitter);
  if (outcome === 'failed') return Math.round(Math.min(POLL.failureCapMs, POLL.activeMs * 2 ** failures) * jitter);
  return Math.round(Math.min(POLL.idleCapMs, Math.max(POLL.activeMs, (previousMs ?? POLL.activeMs) * 2)) * jitter);
}
