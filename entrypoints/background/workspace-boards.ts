/**
 * Shared boards in the background: a board shared from here, the ads on it and their notes and tags
 * sent as they change, comments, and teammates' changes read from the bucket's change feed and
 * written into the swipe file. Every write goes through a durable outbox in the workspace database
 * (sent in order, kept until the bucket has it), so work done offline or in a worker that was stopped
 * goes out later, once. The secret stays here: only the bucket's objects' contents reach the panel.
 */

import type { DalilDatabase } from '@/utils/db/open';
import { adIdsOnBoard, hasMedia, mediaBlob, putSharedAdLocally, savedAd } from '@/utils/db/shared-board-ads';
import type { WorkspaceStore } from '@/utils/db/workspace-db';
import type { Handlers } from '@/utils/messaging/router';
import { type SharedAd, SharedAdSchema, SharedBoardSchema } from '@/utils/schemas/shared-board';
import type { MediaBlob } from '@/utils/schemas/stored-records';
import { fromSharedAd, type MediaHashes, sharedMediaBlobId, toSharedAd } from '@/utils/workspace/boards-apply';
import { boardAdKey, boardKey, mediaKey } from '@/utils/workspace/boards-layout';
import {
  type Counted,
  eachLimited,
  FEED_KEPT_MS,
  type FeedChange,
  listBoardIds,
  listBoardObjects,
  nextPollDelay,
  readComment,
  readFeed,
} from '@/utils/workspace/boards-poll';
import type {
  BoardFeedState,
  BoardOperation,
  BoardOutboxItem,
  LocalSharedAd,
  LocalSharedBoard,
  SharedBoardsStatus,
} from '@/utils/workspace/boards-types';
import {
  addComment,
  addSharedAd,
  type BoardWriter,
  editSharedAd,
  newComment,
  putMedia,
  type SharedAdEdit,
  sha256Hex,
  shareBoard,
} from '@/utils/workspace/boards-write';
import { type S3Client, type S3Failure, s3Client } from '@/utils/workspace/s3-client';
import type { WorkspaceConnection } from '@/utils/workspace/types';
import { Refusal } from './refusals';

type BoardMessages =
  | 'panel.sharedBoards'
  | 'panel.shareBoard'
  | 'panel.syncBoards'
  | 'panel.sharedAdDetails'
  | 'panel.addBoardComment'
  | 'panel.dismissNoteConflict';

export interface BoardsDeps {
  db: () => Promise<DalilDatabase>;
  store: WorkspaceStore;
  now?: () => Date;
  fetch?: typeof fetch;
  /** Ads written from the bucket (their ids), or the boards' status changed. */
  changed: (adIds?: string[]) => void;
}

/** A whole read fetches this many ads at once. */
const READ_WIDTH = 6;

/** Failures that end a run (the network, the clock): the rest of the outbox waits for the next. */
const stopsRun = (failure: S3Failure) => failure.kind === 'network' || failure.kind === 'clock-skew';
const describe = (failure: S3Failure) => ('detail' in failure ? `${failure.kind}: ${failure.detail}` : failure.kind);

export function createWorkspaceBoards(deps: BoardsDeps) {
  const now = deps.now ?? (() => new Date());
  const boards = deps.store.boards;
  let running: Promise<void> | undefined;
  let again: { poll: boolean } | undefined;

  const outboxId = () => `${now().toISOString()}-${crypto.randomUUID().slice(0, 8)}`;
  const enqueue = (op: BoardOperation) => boards.enqueue({ id: outboxId(), op, enqueuedAt: now().toISOString(), attempts: 0 });

  async function feedState(): Promise<BoardFeedState> {
    return (await boards.feed()) ?? { failures: 0, pollRequests: 0 };
  }

  /** Local changes to ads on shared boards (a note, tags, an ad put on the board) become outbox items. */
  async function reconcile(db: DalilDatabase): Promise<number> {
    const queued = await boards.outbox();
    const busy = new Set(
      queued.flatMap(({ op }) => (op.kind === 'add-ad' || op.kind === 'edit-ad' ? [`${op.boardId}/${op.adId}`] : [])),
    );
    const sharing = new Set(queued.flatMap(({ op }) => (op.kind === 'share' ? [op.boardId] : [])));
    let added = 0;
    for (const board of await boards.boards()) {
      for (const adId of await adIdsOnBoard(db, board.localName)) {
        if (busy.has(`${board.id}/${adId}`)) continue;
        const base = await boards.sharedAd(board.id, adId);
        if (!base) {
          await enqueue({ kind: 'add-ad', boardId: board.id, adId });
          added++;
          continue;
        }
        if (sharing.has(board.id)) continue;
        const local = await savedAd(db, adId);
        if (!local) continue;
        const edit: SharedAdEdit = {};
        if ((local.note ?? '') !== (base.note ?? '')) edit.note = { text: local.note ?? '', base: base.note ?? '' };
        const addTags = local.tags.filter((t) => !base.tags.includes(t));
        const removeTags = base.tags.filter((t) => !local.tags.includes(t));
        if (addTags.length) edit.addTags = addTags;
        if (removeTags.length) edit.removeTags = removeTags;
        if (Object.keys(edit).length > 0) {
          await enqueue({ kind: 'edit-ad', boardId: board.id, adId, edit });
          added++;
        }
      }
    }
    return added;
  }

  /** The media of a local ad in the bucket by hash (create-only: bytes already there are not sent again). */
  async function uploadMedia(db: DalilDatabase, w: BoardWriter, adId: string): Promise<MediaHashes[] | S3Failure> {
    const ad = await savedAd(db, adId);
    const hashes: MediaHashes[] = [];
    for (const item of ad?.media ?? []) {
      const entry: MediaHashes = {};
      for (const [blobId, field] of [
        [item.blobId, 'sha256'],
        [item.posterBlobId, 'posterSha256'],
      ] as const) {
        const blob = blobId ? await mediaBlob(db, blobId) : undefined;
        if (!blob) continue;
        const sha = blobId?.startsWith('sha256-') ? blobId.slice(7) : await sha256Hex(blob.blob);
        const put = await putMedia(w, sha, blob.blob, blob.contentType);
        if (!put.ok) return put.failure;
        entry[field] = sha;
        entry[field === 'sha256' ? 'contentType' : 'posterContentType'] = blob.contentType;
      }
      hashes.push(entry);
    }
    return hashes;
  }

  const baseOf = (boardId: string, adId: string, ad: SharedAd, etag: string): LocalSharedAd => ({
    boardId,
    adId,
    etag,
    ...(ad.note ? { note: ad.note } : {}),
    tags: ad.ad.tags,
    noteConflicts: ad.noteConflicts,
  });

  /** Sends one outbox item. `undefined`: done (or nothing left to do); a failure: kept for later. */
  async function send(db: DalilDatabase, w: BoardWriter, op: BoardOperation): Promise<S3Failure | undefined> {
    switch (op.kind) {
      case 'share': {
        const shared = await shareBoard(w, op.boardId, op.name);
        return shared.ok ? undefined : shared.failure;
      }
      case 'add-ad': {
        const local = await savedAd(db, op.adId);
        if (!local || local.deletedAt) return undefined;
        const hashes = await uploadMedia(db, w, op.adId);
        if (!Array.isArray(hashes)) return hashes;
        const added = await addSharedAd(w, toSharedAd(local, op.boardId, w.person, now().toISOString(), hashes));
        if (!added.ok) return added.failure;
        // Already on the board (a teammate added it too): the board's note and tags are the base; what
        // differs here goes out as an edit on the next run, merged like any other.
        await boards.putSharedAd(baseOf(op.boardId, op.adId, added.ad, added.etag));
        return undefined;
      }
      case 'edit-ad': {
        const edited = await editSharedAd(w, op.boardId, op.adId, op.edit);
        if (!edited.ok) return edited.failure.kind === 'not-found' ? undefined : edited.failure;
        const previous = await boards.sharedAd(op.boardId, op.adId);
        await boards.putSharedAd({
          ...baseOf(op.boardId, op.adId, edited.ad, edited.etag),
          ...(edited.conflict
            ? { metConflict: edited.conflict }
            : previous?.metConflict && edited.ad.noteConflicts.length
              ? { metConflict: previous.metConflict }
              : {}),
        });
        return undefined;
      }
      case 'comment': {
        const added = await addComment(w, op.comment, op.key);
        if (!added.ok) return added.failure;
        await boards.putComment({ ...op.comment, key: op.key });
        return undefined;
      }
    }
  }

  async function drain(db: DalilDatabase, w: BoardWriter): Promise<{ sent: number; failure?: S3Failure }> {
    let sent = 0;
    for (const item of (await boards.outbox()).sort((a, b) => a.id.localeCompare(b.id))) {
      const failure = await send(db, w, item.op);
      if (!failure) {
        await boards.removeOutboxItem(item.id);
        sent++;
        continue;
      }
      const kept: BoardOutboxItem = { ...item, attempts: item.attempts + 1, lastError: describe(failure) };
      await boards.putOutboxItem(kept);
      if (stopsRun(failure)) return { sent, failure };
    }
    return { sent };
  }

  /** A board's ad from the bucket into the swipe file, unless this browser already has that version. */
  async function applyAd(db: DalilDatabase, client: S3Client, board: LocalSharedBoard, key: string, counter: Counted) {
    const adId =
      key
        .split('/')
        .pop()
        ?.replace(/\.json$/, '') ?? '';
    const known = await boards.sharedAd(board.id, adId);
    counter.requests++;
    const got = await client.get(key, { ifNoneMatch: known?.etag || undefined });
    if (!got.ok || got.notModified) return got.ok ? undefined : got;
    const parsed = SharedAdSchema.safeParse(await got.body?.json().catch(() => undefined));
    if (!parsed.success || parsed.data.ad.id !== adId) return undefined;
    const shared = parsed.data;
    const local = await savedAd(db, adId);
    // Edits made here and not yet out (the note or tags differ from the base) stay over the board's.
    const keepNote = Boolean(local && known && (local.note ?? '') !== (known.note ?? ''));
    const capture = fromSharedAd(shared, board.localName, local, keepNote);
    if (local && known) {
      const added = local.tags.filter((t) => !known.tags.includes(t));
      const removed = known.tags.filter((t) => !local.tags.includes(t));
      capture.tags = [...new Set([...shared.ad.tags, ...added])].filter((t) => !removed.includes(t));
    }
    const media: MediaBlob[] = [];
    for (const [index, item] of shared.media.entries()) {
      for (const [sha, type] of [
        [item.sha256, item.contentType],
        [item.posterSha256, item.posterContentType],
      ]) {
        if (!sha || (await hasMedia(db, sharedMediaBlobId(sha)))) continue;
        counter.requests++;
        const bytes = await client.get(mediaKey(sha));
        if (!bytes.ok || !bytes.body) continue; // the ad still shows; its media comes with a later change
        const blob = await bytes.body.blob();
        if ((await sha256Hex(blob)) !== sha) continue; // bytes that are not what the board names are not kept
        media.push({
          id: sharedMediaBlobId(sha),
          blob,
          contentType: type ?? blob.type,
          sourceUrl: shared.ad.media[index]?.url ?? '',
        });
      }
    }
    await putSharedAdLocally(db, capture, media);
    await boards.putSharedAd({
      ...baseOf(board.id, adId, shared, got.etag),
      ...(known?.metConflict && shared.noteConflicts.length ? { metConflict: known.metConflict } : {}),
    });
    return adId;
  }

  async function applyComment(client: S3Client, key: string, counter: Counted): Promise<string | undefined> {
    if (await boards.hasComment(key)) return undefined;
    counter.requests++;
    const comment = await readComment(client, key);
    if (!comment) return undefined;
    await boards.putComment({ ...comment, key });
    return comment.adId;
  }

  /** A board found in the bucket: its name here (another name when a board of that name is already here, unshared). */
  async function learnBoard(db: DalilDatabase, client: S3Client, boardId: string, counter: Counted) {
    const known = (await boards.boards()).find((b) => b.id === boardId);
    if (known) return known;
    counter.requests++;
    const got = await client.get(boardKey(boardId));
    if (!got.ok) return undefined;
    const parsed = SharedBoardSchema.safeParse(await got.body?.json().catch(() => undefined));
    if (!parsed.success) return undefined;
    const { name, sharedBy, sharedAt } = parsed.data;
    const taken = (await adIdsOnBoard(db, name)).length > 0;
    const board: LocalSharedBoard = {
      id: boardId,
      name,
      localName: taken ? `${name} · ${sharedBy}`.slice(0, 40) : name,
      sharedBy,
      sharedAt,
    };
    await boards.putBoard(board);
    return board;
  }

  /** Every board whole: someone new to the workspace, or back after the feed was expired. */
  async function readWhole(db: DalilDatabase, client: S3Client, counter: Counted, touched: Set<string>) {
    const ids = await listBoardIds(client, counter);
    if (!ids.ok) return ids.failure;
    for (const id of ids.ids) {
      const board = await learnBoard(db, client, id, counter);
      if (!board) continue;
      const objects = await listBoardObjects(client, id, counter);
      if (!objects.ok) return objects.failure;
      let failure: S3Failure | undefined;
      await eachLimited(objects.ads, READ_WIDTH, async (o) => {
        const applied = await applyAd(db, client, board, o.key, counter);
        if (typeof applied === 'string') touched.add(applied);
        else if (applied) failure = applied;
      });
      if (failure) return failure;
      await eachLimited(objects.comments, READ_WIDTH, async (o) => {
        const adId = await applyComment(client, o.key, counter);
        if (adId) touched.add(adId);
      });
    }
    return undefined;
  }

  async function applyChange(db: DalilDatabase, client: S3Client, change: FeedChange, counter: Counted, touched: Set<string>) {
    const board = await learnBoard(db, client, change.boardId, counter);
    if (!board) return undefined;
    if (change.kind === 'board') {
      // A board new here: read it whole (its ads may predate this change's window).
      const objects = await listBoardObjects(client, board.id, counter);
      if (!objects.ok) return objects.failure;
      for (const o of objects.ads) {
        const applied = await applyAd(db, client, board, o.key, counter);
        if (typeof applied === 'string') touched.add(applied);
      }
      for (const o of objects.comments) {
        const adId = await applyComment(client, o.key, counter);
        if (adId) touched.add(adId);
      }
      return undefined;
    }
    if (
      change.kind === 'ad' &&
      change.key ===
        boardAdKey(
          board.id,
          change.key
            .split('/')
            .pop()
            ?.replace(/\.json$/, '') ?? '',
        )
    ) {
      const applied = await applyAd(db, client, board, change.key, counter);
      if (typeof applied === 'string') touched.add(applied);
      return typeof applied === 'object' ? applied : undefined;
    }
    if (change.kind === 'comment' && change.key.startsWith(`boards/${board.id}/comments/`)) {
      const adId = await applyComment(client, change.key, counter);
      if (adId) touched.add(adId);
    }
    return undefined;
  }

  /** Teammates' changes since the last poll (or every board, the first time). */
  async function poll(db: DalilDatabase, client: S3Client, state: BoardFeedState) {
    const counter: Counted = { requests: 0 };
    const touched = new Set<string>();
    let failure: S3Failure | undefined;
    let mark = state.mark;
    const serverNow = now().getTime() + (client.skewMs() ?? 0);
    if (!mark || serverNow - mark.newest > FEED_KEPT_MS) {
      const startedAt = serverNow;
      failure = await readWhole(db, client, counter, touched);
      if (!failure) mark = { newest: startedAt, seen: [] };
    } else {
      const feed = await readFeed(client, mark, counter);
      if (!feed.ok) failure = feed.failure;
      else {
        for (const change of feed.changes) {
          failure = await applyChange(db, client, change, counter, touched);
          if (failure) break;
        }
        if (!failure) mark = feed.mark;
      }
    }
    return { counter, touched, failure, mark };
  }

  /** One run: local changes to the outbox, the outbox to the bucket, then (when asked) the feed read. */
  async function runOnce(withPoll: boolean) {
    const connection = await deps.store.connection();
    if (!connection) return;
    const db = await deps.db();
    const client = s3Client(connection, deps.fetch);
    const w: BoardWriter = { client, person: connection.person, now };
    await reconcile(db);
    const drained = await drain(db, w);
    let state = await feedState();
    if (!withPoll && !drained.failure) {
      if (drained.sent > 0) deps.changed();
      return;
    }
    const polled = drained.failure ? undefined : await poll(db, client, state);
    const failure = drained.failure ?? polled?.failure;
    const outcome = failure ? 'failed' : drained.sent > 0 || (polled?.touched.size ?? 0) > 0 ? 'changes' : 'quiet';
    const failures = failure ? state.failures + 1 : 0;
    const delay = nextPollDelay(state.pollDelayMs, outcome, failures);
    state = {
      ...state,
      ...(polled?.mark ? { mark: polled.mark } : {}),
      pollDelayMs: delay,
      nextPollAt: new Date(now().getTime() + delay).toISOString(),
      failures,
      lastPollAt: now().toISOString(),
      pollRequests: state.pollRequests + (polled?.counter.requests ?? 0),
      countingSince: state.countingSince ?? now().toISOString(),
    };
    if (failure)
      state.lastError = { kind: failure.kind, detail: 'detail' in failure ? failure.detail : undefined, at: now().toISOString() };
    else delete state.lastError;
    await boards.setFeed(state);
    // The panel hears only of something that happened: ads written here, changes sent, a failure.
    if (polled?.touched.size) deps.changed([...polled.touched]);
    else if (drained.sent > 0 || failure) deps.changed();
  }

  /** One run at a time; a call during a run makes one more after it. */
  function sync({ poll: withPoll }: { poll: boolean }): Promise<void> {
    if (running) {
      again = { poll: withPoll || (again?.poll ?? false) };
      return running;
    }
    running = (async () => {
      try {
        let next: { poll: boolean } | undefined = { poll: withPoll };
        while (next) {
          again = undefined;
          await runOnce(next.poll);
          next = again;
        }
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  /** From the alarm: the outbox whenever it holds something, the feed when its time has come. */
  async function syncIfDue(): Promise<void> {
    if (!(await deps.store.connection())) return;
    const state = await feedState();
    const due = !state.nextPollAt || state.nextPollAt <= now().toISOString();
    if (due || (await boards.outbox()).length > 0) await sync({ poll: due });
  }

  async function status(): Promise<SharedBoardsStatus> {
    const [list, queued, state] = await Promise.all([boards.boards(), boards.outbox(), feedState()]);
    return {
      boards: list,
      queued: queued.length,
      pollRequests: state.pollRequests,
      ...(state.countingSince ? { countingSince: state.countingSince } : {}),
      ...(state.lastPollAt ? { lastPollAt: state.lastPollAt } : {}),
      ...(state.nextPollAt ? { nextPollAt: state.nextPollAt } : {}),
      ...(state.lastError ? { lastError: state.lastError } : {}),
    };
  }

  async function requireConnection(): Promise<WorkspaceConnection> {
    const connection = await deps.store.connection();
    if (!connection) throw new Refusal('workspace-not-connected', 'No team workspace is connected.');
    return connection;
  }

  const handlers: Pick<Handlers, BoardMessages> = {
    'panel.sharedBoards': status,
    async 'panel.shareBoard'({ name }) {
      const connection = await requireConnection();
      const db = await deps.db();
      if ((await adIdsOnBoard(db, name)).length === 0)
        throw new Refusal('board-empty', `The board “${name}” has no ads here to share.`, { board: name });
      const already = (await boards.boards()).find((b) => b.localName === name);
      if (already) throw new Refusal('board-already-shared', `The board “${name}” is already shared.`, { board: name });
      const board: LocalSharedBoard = {
        id: crypto.randomUUID(),
        name,
        localName: name,
        sharedBy: connection.person,
        sharedAt: now().toISOString(),
      };
      await boards.putBoard(board);
      await enqueue({ kind: 'share', boardId: board.id, name });
      void sync({ poll: false }).catch(() => undefined);
      deps.changed();
      return { board };
    },
    async 'panel.syncBoards'() {
      await requireConnection();
      await sync({ poll: true });
      return status();
    },
    async 'panel.sharedAdDetails'({ adId }) {
      const [bases, list, comments] = await Promise.all([boards.sharedAdsOf(adId), boards.boards(), boards.comments(adId)]);
      const names = new Map(list.map((b) => [b.id, b.localName]));
      return {
        boards: bases.flatMap((b) => (names.has(b.boardId) ? [{ id: b.boardId, name: names.get(b.boardId) ?? '' }] : [])),
        comments,
        noteConflicts: bases.flatMap((b) => b.noteConflicts),
        ...(bases.find((b) => b.metConflict)?.metConflict ? { metConflict: bases.find((b) => b.metConflict)?.metConflict } : {}),
      };
    },
    async 'panel.addBoardComment'({ adId, text }) {
      const connection = await requireConnection();
      // The ad's shared board: as the bucket has it, or (its share still queued, offline) by its name here.
      const [base] = await boards.sharedAdsOf(adId);
      const local = await savedAd(await deps.db(), adId);
      const board = (await boards.boards()).find((b) => b.id === base?.boardId || local?.boards.includes(b.localName));
      if (!board) throw new Refusal('ad-not-shared', 'This ad is not on a shared board yet.');
      const { key, comment } = newComment(board.id, adId, connection.person, text, new Date(now().getTime()));
      await boards.putComment({ ...comment, key, pending: true });
      await enqueue({ kind: 'comment', key, comment });
      void sync({ poll: false }).catch(() => undefined);
      deps.changed([adId]);
      return { comment: { ...comment, key, pending: true } };
    },
    async 'panel.dismissNoteConflict'({ adId, by, at }) {
      await requireConnection();
      for (const base of await boards.sharedAdsOf(adId)) {
        if (!base.noteConflicts.some((c) => c.by === by && c.at === at)) continue;
        // Set aside here at once; the board hears of it with the next run.
        await boards.putSharedAd({
          ...base,
          noteConflicts: base.noteConflicts.filter((c) => !(c.by === by && c.at === at)),
          ...(base.metConflict?.by === by && base.metConflict.at === at ? { metConflict: undefined } : {}),
        });
        await enqueue({ kind: 'edit-ad', boardId: base.boardId, adId, edit: { dismiss: [{ by, at }] } });
      }
      void sync({ poll: false }).catch(() => undefined);
      deps.changed([adId]);
      return { ok: true };
    },
  };

  return { handlers, sync, syncIfDue, status };
}
