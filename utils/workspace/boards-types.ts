/** Shared boards as this browser keeps track of them (utils/db/workspace-db.ts), and what the panel is told. */
import type { NoteConflict, SharedComment } from '../schemas/shared-board';
import type { FeedMark } from './boards-poll';
import type { SharedAdEdit } from './boards-write';

export interface LocalSharedBoard {
  id: string;
  /** The board's name in the bucket. */
  name: string;
  /** The board's name in this swipe file (the bucket's, unless a board of that name was already here and not shared). */
  localName: string;
  sharedBy: string;
  sharedAt: string;
}

/** An ad as the board held it when last read or written here: the base an edit made here is merged against. */
export interface LocalSharedAd {
  boardId: string;
  adId: string;
  etag: string;
  note?: string;
  tags: string[];
  noteConflicts: NoteConflict[];
  /** The last note edit sent from here met a teammate's: whose, to say so. */
  metConflict?: NoteConflict;
}

export interface LocalBoardComment extends SharedComment {
  key: string;
  /** Written here, not in the bucket yet. */
  pending?: boolean;
}

export type BoardOperation =
  | { kind: 'share'; boardId: string; name: string }
  | { kind: 'add-ad'; boardId: string; adId: string }
  | { kind: 'edit-ad'; boardId: string; adId: string; edit: SharedAdEdit }
  | { kind: 'comment'; key: string; comment: SharedComment };

export interface BoardOutboxItem {
  /** Sortable: enqueue time, then a random part (sent in this order). */
  id: string;
  op: BoardOperation;
  enqueuedAt: string;
  attempts: number;
  lastError?: string;
}

export interface BoardFeedState {
  /** Unset until this person has read the boards whole once. */
  mark?: FeedMark;
  pollDelayMs?: number;
  nextPollAt?: string;
  failures: number;
  lastPollAt?: string;
  lastError?: { kind: string; detail?: string; at: string };
  /** Requests made by polls (not by writes), and since when: requests per minute per person. */
  pollRequests: number;
  countingSince?: string;
}

/** What the panel shows of an ad's shared boards. */
export interface SharedAdDetails {
  boards: { id: string; name: string }[];
  comments: LocalBoardComment[];
  noteConflicts: NoteConflict[];
  metConflict?: NoteConflict;
}

export interface SharedBoardsStatus {
  boards: LocalSharedBoard[];
  queued: number;
  lastPollAt?: string;
  nextPollAt?: string;
  lastError?: BoardFeedState['lastError'];
  pollRequests: number;
  countingSince?: string;
}
