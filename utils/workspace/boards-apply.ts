/**
 * A saved ad as a shared board holds it, and back. What is this person's own stays here: which other
 * boards the ad is on, the ids of the media blobs in this browser. What the board holds comes in: the
 * ad's library facts, its tags and note (unless an edit of the note here is still on its way out: the
 * outbox merges that one), and which media bytes to fetch by hash.
 */
import type { AdCapture } from '../schemas/ad-capture';
import type { SharedAd } from '../schemas/shared-board';
import type { StoredAd } from '../schemas/stored-records';

export interface MediaHashes {
  sha256?: string;
  contentType?: string;
  posterSha256?: string;
  posterContentType?: string;
}

/** The local blob id of media fetched from the workspace: named by its hash, so it is stored once. */
export const sharedMediaBlobId = (sha256: string) => `sha256-${sha256}`;

export function toSharedAd(ad: StoredAd, boardId: string, person: string, at: string, media: MediaHashes[]): SharedAd {
  const {
    boards: _boards,
    note,
    deletedAt: _deleted,
    mediaErrors: _errors,
    lastSeenAt: _seen,
    advertiserKey: _key,
    ...capture
  } = ad;
  return {
    format: 1,
    boardId,
    ad: { ...capture, media: ad.media.map(({ blobId: _b, posterBlobId: _p, ...m }) => m) },
    media: ad.media.map((_, i) => media[i] ?? {}),
    ...(note ? { note, noteBy: person, noteAt: at } : {}),
    noteConflicts: [],
    addedBy: person,
    addedAt: at,
    updatedBy: person,
    updatedAt: at,
  };
}

/**
 * The local ad a shared one becomes on the board `boardName`. `existing`: the ad already here (kept:
 * its other boards, its blobs); `keepNote`: an edit of the note made here has not gone out yet.
 */
export function fromSharedAd(shared: SharedAd, boardName: string, existing: StoredAd | undefined, keepNote: boolean): AdCapture {
  const media = shared.ad.media.map((m, i) => {
    const hashes = shared.media[i] ?? {};
    const kept = existing?.media.find((old) => old.url === m.url);
    return {
      ...m,
      ...(hashes.sha256 ? { blobId: sharedMediaBlobId(hashes.sha256) } : kept?.blobId ? { blobId: kept.blobId } : {}),
      ...(hashes.posterSha256
        ? { posterBlobId: sharedMediaBlobId(hashes.posterSha256) }
        : kept?.posterBlobId
          ? { posterBlobId: kept.posterBlobId }
          : {}),
    };
  });
  const boards = [...new Set([...(existing?.boards ?? []), boardName])];
  const note = keepNote ? existing?.note : shared.note;
  return {
    ...shared.ad,
    media,
    boards,
    ...(note ? { note } : {}),
  };
}
