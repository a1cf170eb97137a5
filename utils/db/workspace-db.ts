/**
 * The team workspace's connection and the log archive's progress, in a small database of their own
 * (`dalil-workspace`), owned by the background like Dalil's main one. Kept apart on purpose: a backup
 * neither carries the workspace secret to another computer nor replaces this browser's connection on
 * restore, and the main database's migrations never touch it. Version 2 adds the shared boards'
 * bookkeeping (what each board holds as last read, comments, the boards' outbox, the change feed's
 * mark): all of it about this bucket, so all of it goes when the connection does.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type {
  BoardFeedState,
  BoardOutboxItem,
  LocalBoardComment,
  LocalSharedAd,
  LocalSharedBoard,
} from '../workspace/boards-types';
import type { LogArchiveMark, ProposalExchangeMark, WorkspaceConnection } from '../workspace/types';

export type { LogArchiveMark, ProposalExchangeMark, WorkspaceConnection } from '../workspace/types';

export const WORKSPACE_DB_NAME = 'dalil-workspace';

interface WorkspaceDB extends DBSchema {
  state: {
    key: 'connection' | 'logArchive' | 'proposals' | 'boardFeed';
    value: WorkspaceConnection | LogArchiveMark | ProposalExchangeMark | BoardFeedState;
  };
  sharedBoards: { key: string; value: LocalSharedBoard };
  /** Keyed [board id, ad id]: the ad as the board held it when last read (the base of edits made here). */
  sharedAds: { key: [string, string]; value: LocalSharedAd; indexes: { 'by-ad': string } };
  boardComments: { key: string; value: LocalBoardComment; indexes: { 'by-ad': string } };
  /** Writes to the boards not yet in the bucket, in the order they were made (key: time, then a random part). */
  boardOutbox: { key: string; value: BoardOutboxItem };
}

const BOARD_STORES = ['sharedBoards', 'sharedAds', 'boardComments', 'boardOutbox'] as const;

export interface BoardStore {
  boards(): Promise<LocalSharedBoard[]>;
  putBoard(board: LocalSharedBoard): Promise<void>;
  sharedAd(boardId: string, adId: string): Promise<LocalSharedAd | undefined>;
  sharedAdsOf(adId: string): Promise<LocalSharedAd[]>;
  sharedAdIds(boardId: string): Promise<string[]>;
  putSharedAd(record: LocalSharedAd): Promise<void>;
  comments(adId: string): Promise<LocalBoardComment[]>;
  hasComment(key: string): Promise<boolean>;
  putComment(comment: LocalBoardComment): Promise<void>;
  outbox(): Promise<BoardOutboxItem[]>;
  enqueue(item: BoardOutboxItem): Promise<void>;
  putOutboxItem(item: BoardOutboxItem): Promise<void>;
  removeOutboxItem(id: string): Promise<void>;
  feed(): Promise<BoardFeedState | undefined>;
  setFeed(state: BoardFeedState): Promise<void>;
}

export interface WorkspaceStore {
  connection(): Promise<WorkspaceConnection | undefined>;
  setConnection(connection: WorkspaceConnection | undefined): Promise<void>;
  archiveMark(): Promise<LogArchiveMark>;
  setArchiveMark(mark: LogArchiveMark): Promise<void>;
  proposalsMark(): Promise<ProposalExchangeMark>;
  setProposalsMark(mark: ProposalExchangeMark): Promise<void>;
  boards: BoardStore;
}

export function workspaceStore(name = WORKSPACE_DB_NAME): WorkspaceStore {
  let opening: Promise<IDBPDatabase<WorkspaceDB>> | undefined;
  const db = () => {
    opening ??= openDB<WorkspaceDB>(name, 2, {
      upgrade(database, oldVersion) {
        if (oldVersion < 1) database.createObjectStore('state');
        if (oldVersion < 2) {
          database.createObjectStore('sharedBoards', { keyPath: 'id' });
          database.createObjectStore('sharedAds', { keyPath: ['boardId', 'adId'] }).createIndex('by-ad', 'adId');
          database.createObjectStore('boardComments', { keyPath: 'key' }).createIndex('by-ad', 'adId');
          database.createObjectStore('boardOutbox', { keyPath: 'id' });
        }
      },
      // Closed under us (site data cleared, a disk error): the next use opens it again.
      terminated: () => {
        opening = undefined;
      },
    }).catch((error) => {
      opening = undefined;
      throw error;
    });
    return opening;
  };
  const boards: BoardStore = {
    boards: async () => (await db()).getAll('sharedBoards'),
    putBoard: async (board) => void (await (await db()).put('sharedBoards', board)),
    sharedAd: async (boardId, adId) => (await db()).get('sharedAds', [boardId, adId]),
    sharedAdsOf: async (adId) => (await db()).getAllFromIndex('sharedAds', 'by-ad', adId),
    sharedAdIds: async (boardId) =>
      (await (await db()).getAllKeys('sharedAds', IDBKeyRange.bound([boardId, ''], [boardId, '\uffff']))).map(([, adId]) => adId),
    putSharedAd: async (record) => void (await (await db()).put('sharedAds', record)),
    comments: async (adId) =>
      (await (await db()).getAllFromIndex('boardComments', 'by-ad', adId)).sort((a, b) => a.at.localeCompare(b.at)),
    hasComment: async (key) => (await (await db()).getKey('boardComments', key)) !== undefined,
    putComment: async (comment) => void (await (await db()).put('boardComments', comment)),
    outbox: async () => (await db()).getAll('boardOutbox'),
    enqueue: async (item) => void (await (await db()).put('boardOutbox', item)),
    putOutboxItem: async (item) => void (await (await db()).put('boardOutbox', item)),
    removeOutboxItem: async (id) => void (await (await db()).delete('boardOutbox', id)),
    feed: async () => (await (await db()).get('state', 'boardFeed')) as BoardFeedState | undefined,
    setFeed: async (state) => void (await (await db()).put('state', state, 'boardFeed')),
  };
  return {
    connection: async () => (await (await db()).get('state', 'connection')) as WorkspaceConnection | undefined,
    async setConnection(connection) {
      const database = await db();
      if (connection) await database.put('state', connection, 'connection');
      else {
        // A new connection may be another bucket or person: the archive, the proposals exchange and the boards start over there.
        const tx = database.transaction(['state', ...BOARD_STORES], 'readwrite');
        await Promise.all([
          tx.objectStore('state').delete('connection'),
          tx.objectStore('state').delete('logArchive'),
          tx.objectStore('state').delete('proposals'),
          tx.objectStore('state').delete('boardFeed'),
          ...BOARD_STORES.map((store) => tx.objectStore(store).clear()),
          tx.done,
        ]);
      }
    },
    archiveMark: async () =>
      ((await (await db()).get('state', 'logArchive')) as LogArchiveMark | undefined) ?? { objects: 0, entries: 0 },
    setArchiveMark: async (mark) => void (await (await db()).put('state', mark, 'logArchive')),
    proposalsMark: async () =>
      ((await (await db()).get('state', 'proposals')) as ProposalExchangeMark | undefined) ?? {
        uploaded: [],
        seenKeys: [],
        decisionsOut: {},
        received: [],
      },
    setProposalsMark: async (mark) => void (await (await db()).put('state', mark, 'proposals')),
    boards,
  };
}
