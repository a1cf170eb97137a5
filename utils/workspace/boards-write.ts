/**
 * Writing to shared boards. Every write is safe to repeat (the background's outbox repeats one a worker
 * was stopped in): a create-only write that finds its object already there is done, a note edit whose
 * text is already the object's is done. A note edit is merged against the text it started from, not
 * the ETag alone: a teammate's tag change moves the ETag but is not a conflict; a teammate's different
 * note is, and then both texts stay, theirs as "kept beside yours".
 */
import {
  type BoardChange,
  type NoteConflict,
  type SharedAd,
  SharedAdSchema,
  type SharedBoard,
  SharedBoardSchema,
  type SharedComment,
} from '../schemas/shared-board';
import { boardAdKey, boardKey, changeKey, commentKey, mediaKey, randomPart } from './boards-layout';
import type { S3Client, S3Failure } from './s3-client';

export interface BoardWriter {
  client: S3Client;
  person: string;
  now?: () => Date;
}

export type WriteResult<T> = ({ ok: true } & T) | { ok: false; failure: S3Failure };

/** The bucket's time: keys in the change feed are ordered by it, not by a laptop's clock. */
const serverNow = (w: BoardWriter) => new Date((w.now?.() ?? new Date()).getTime() + (w.client.skewMs() ?? 0));

const json = (value: unknown) => JSON.stringify(value);
const failed = (failure: S3Failure) => ({ ok: false as const, failure });

async function readJson<T>(
  w: BoardWriter,
  key: string,
  parse: (value: unknown) => T,
): Promise<WriteResult<{ value: T; etag: string }>> {
  const got = await w.client.get(key);
  if (!got.ok) return failed(got);
  try {
    return { ok: true, value: parse(JSON.parse((await got.body?.text()) ?? '')), etag: got.etag };
  } catch (error) {
    return failed({ kind: 'http', status: 200, code: 'InvalidObject', detail: `${key}: ${String(error)}` });
  }
}

export const readSharedAd = (w: BoardWriter, key: string) => readJson(w, key, (v) => SharedAdSchema.parse(v));
export const readSharedBoard = (w: BoardWriter, key: string) => readJson(w, key, (v) => SharedBoardSchema.parse(v));

/** Adds the change feed's entry for a write that landed. A repeat adds a second entry: readers dedupe. */
export async function writeChange(w: BoardWriter, change: Omit<BoardChange, 'format' | 'by'>): Promise<WriteResult<object>> {
  const body: BoardChange = { format: 1, by: w.person, ...change };
  const put = await w.client.put(changeKey(serverNow(w), randomPart()), json(body), {
    contentType: 'application/json',
    createOnly: true,
  });
  return put.ok ? { ok: true } : failed(put);
}

/** Shares a board: its metadata create-only (a repeat finds it there), then the feed's entry. */
export async function shareBoard(w: BoardWriter, id: string, name: string): Promise<WriteResult<{ board: SharedBoard }>> {
  const at = serverNow(w).toISOString();
  const board: SharedBoard = { format: 1, id, name, sharedBy: w.person, sharedAt: at, updatedBy: w.person, updatedAt: at };
  const put = await w.client.put(boardKey(id), json(board), { contentType: 'application/json', createOnly: true });
  let shared = board;
  if (!put.ok) {
    if (put.kind !== 'conflict') return failed(put);
    const existing = await readSharedBoard(w, boardKey(id));
    if (!existing.ok) return existing;
    shared = existing.value;
  }
  const change = await writeChange(w, { kind: 'board', boardId: id, key: boardKey(id) });
  return change.ok ? { ok: true, board: shared } : change;
}

/** Media bytes at `media/<sha256>`, create-only: the same bytes from anyone are one object. */
export async function putMedia(w: BoardWriter, sha256: string, blob: Blob, contentType: string): Promise<WriteResult<object>> {
  const put = await w.client.put(mediaKey(sha256), blob, { contentType, createOnly: true });
  return put.ok || put.kind === 'conflict' ? { ok: true } : failed(put);
}

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Puts an ad on a shared board, create-only. Already there (a teammate added the same ad, or this is a
 * repeat): that object stands and is returned, so the caller keeps what the board holds.
 */
export async function addSharedAd(
  w: BoardWriter,
  ad: SharedAd,
): Promise<WriteResult<{ ad: SharedAd; etag: string; created: boolean }>> {
  const key = boardAdKey(ad.boardId, ad.ad.id);
  const put = await w.client.put(key, json(ad), { contentType: 'application/json', createOnly: true });
  let result = { ad, etag: put.ok ? put.etag : '', created: put.ok };
  if (!put.ok) {
    if (put.kind !== 'conflict') return failed(put);
    const existing = await readSharedAd(w, key);
    if (!existing.ok) return existing;
    result = { ad: existing.value, etag: existing.etag, created: false };
  }
  const change = await writeChange(w, { kind: 'ad', boardId: ad.boardId, key });
  return change.ok ? { ok: true, ...result } : change;
}

/** An edit of a shared ad, as its author made it: the note with the text it started from, tags as a difference. */
export interface SharedAdEdit {
  note?: { text: string; base: string };
  addTags?: string[];
  removeTags?: string[];
  /** Conflict copies the author has read and set aside. */
  dismiss?: Pick<NoteConflict, 'by' | 'at'>[];
}

/** The ad after an edit, and the teammate's note the edit met, if it met one. */
export function mergeEdit(
  current: SharedAd,
  edit: SharedAdEdit,
  person: string,
  at: string,
): { next: SharedAd; conflict?: NoteConflict } {
  const tags = [...new Set([...current.ad.tags, ...(edit.addTags ?? [])])].filter((t) => !edit.removeTags?.includes(t));
  const dismissed = (c: NoteConflict) => edit.dismiss?.some((d) => d.by === c.by && d.at === c.at);
  const next: SharedAd = {
    ...current,
    ad: { ...current.ad, tags },
    noteConflicts: current.noteConflicts.filter((c) => !dismissed(c)),
    updatedBy: person,
    updatedAt: at,
  };
  let conflict: NoteConflict | undefined;
  if (edit.note && (current.note ?? '') !== edit.note.text) {
    if ((current.note ?? '') !== edit.note.base && current.note) {
      // A teammate changed the note since this edit began: theirs is kept beside this one.
      conflict = { by: current.noteBy ?? current.updatedBy, at: current.noteAt ?? current.updatedAt, text: current.note };
      next.noteConflicts = [...next.noteConflicts, conflict];
    }
    if (edit.note.text) next.note = edit.note.text;
    else delete next.note;
    next.noteBy = person;
    next.noteAt = at;
  }
  return { next, conflict };
}

const MAX_CAS_TRIES = 12;
/** After a lost race, a random short wait: teammates who collided do not collide again in step. */
const raceWait = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * 40 * (attempt + 1)));

/**
 * An edit as a compare-and-swap on the ad's object: read it, merge, write with `If-Match` its ETag; when
 * someone wrote in between, read again and merge again. Repeating an edit that landed changes nothing.
 */
export async function editSharedAd(
  w: BoardWriter,
  boardId: string,
  adId: string,
  edit: SharedAdEdit,
): Promise<WriteResult<{ ad: SharedAd; etag: string; conflict?: NoteConflict }>> {
  const key = boardAdKey(boardId, adId);
  // A write told "lost" may have landed (Firefox repeats a PUT whose connection dropped; the repeat
  // gets 412): the conflict that write met is still the one to report when the next read finds it done.
  let met: NoteConflict | undefined;
  for (let attempt = 0; attempt < MAX_CAS_TRIES; attempt++) {
    const current = await readSharedAd(w, key);
    if (!current.ok) return current;
    const { next, conflict } = mergeEdit(current.value, edit, w.person, serverNow(w).toISOString());
    if (
      json(next.ad.tags) === json(current.value.ad.tags) &&
      next.note === current.value.note &&
      next.noteConflicts.length === current.value.noteConflicts.length
    ) {
      // Already so: a repeat, or the same edit by someone else.
      const kept = met && current.value.noteConflicts.some((c) => c.by === met?.by && c.at === met?.at);
      return { ok: true, ad: current.value, etag: current.etag, ...(kept ? { conflict: met } : {}) };
    }
    met = conflict;
    const put = await w.client.put(key, json(next), { contentType: 'application/json', ifMatch: current.etag });
    if (put.ok) {
      const change = await writeChange(w, { kind: 'ad', boardId, key });
      return change.ok ? { ok: true, ad: next, etag: put.etag, conflict } : change;
    }
    if (put.kind !== 'conflict') return failed(put);
    await raceWait(attempt);
  }
  return failed({ kind: 'conflict', status: 412 });
}

/** A comment, create-only under a name fixed when it was written (a repeat finds it there). */
export async function addComment(w: BoardWriter, comment: SharedComment, key: string): Promise<WriteResult<object>> {
  const put = await w.client.put(key, json(comment), { contentType: 'application/json', createOnly: true });
  if (!put.ok && put.kind !== 'conflict') return failed(put);
  return writeChange(w, { kind: 'comment', boardId: comment.boardId, key });
}

/** A new comment's key and record (the outbox keeps both, so a repeat writes the same object). */
export function newComment(
  boardId: string,
  adId: string,
  person: string,
  text: string,
  at: Date,
): { key: string; comment: SharedComment } {
  const rand = randomPart();
  const key = commentKey(boardId, adId, at, person, rand);
  return {
    key,
    comment: {
      format: 1,
      id:
        key
          .split('/')
          .pop()
          ?.replace(/\.json$/, '') ?? rand,
      boardId,
      adId,
      by: person,
      at: at.toISOString(),
      text,
    },
  };
}
