/**
 * Where shared boards live in the workspace's bucket. Nothing here needs a lock: an ad, a comment and
 * a media item are each their own object (media named by its bytes' hash, so two people saving the
 * same image write the same key once), a board's metadata and an ad's note change by compare-and-swap,
 * and every write adds a small object to one team-wide change feed, ordered by time, that each person
 * lists from where they last were.
 */
import { BOARDS_PREFIX, segment } from './layout';

export const MEDIA_PREFIX = 'media/';
/** The change feed: `boards/_changes/<time>-<rand>.json` (a board id is a UUID, never `_changes`). */
export const CHANGES_PREFIX = `${BOARDS_PREFIX}_changes/`;

export const boardPrefix = (boardId: string) => `${BOARDS_PREFIX}${segment(boardId)}/`;
export const boardKey = (boardId: string) => `${boardPrefix(boardId)}board.json`;
export const boardAdsPrefix = (boardId: string) => `${boardPrefix(boardId)}ads/`;
export const boardAdKey = (boardId: string, adId: string) => `${boardAdsPrefix(boardId)}${segment(adId)}.json`;
export const boardCommentsPrefix = (boardId: string) => `${boardPrefix(boardId)}comments/`;
export const mediaKey = (sha256: string) => `${MEDIA_PREFIX}${sha256}`;

/** An instant as a fixed-width key part that sorts as time does: 20261206T181500123Z. */
export const stamp = (at: Date) => at.toISOString().replace(/[-:.]/g, '');

/** The instant a stamp (or a key starting with one) names; NaN when it is not one. */
export function stampTime(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(text);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], +m[7]) : Number.NaN;
}

export const commentKey = (boardId: string, adId: string, at: Date, person: string, rand: string) =>
  `${boardCommentsPrefix(boardId)}${segment(adId)}/${stamp(at)}-${segment(person)}-${rand}.json`;

export const changeKey = (at: Date, rand: string) => `${CHANGES_PREFIX}${stamp(at)}-${rand}.json`;

/** The board id a `boards/<id>/` listing prefix names (undefined for the change feed). */
export function boardIdOfPrefix(prefix: string): string | undefined {
  const id = prefix.slice(BOARDS_PREFIX.length).replace(/\/$/, '');
  return id && `${BOARDS_PREFIX}${id}/` !== CHANGES_PREFIX ? id : undefined;
}

/** A short random part that keeps two writes in the same millisecond apart. */
export const randomPart = () => crypto.randomUUID().slice(0, 8);
