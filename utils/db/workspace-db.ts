/**
 * The team workspace's connection and the log archive's progress, in a small database of their own
 * (`dalil-workspace`), owned by the background like Dalil's main one. Kept apart on purpose: a backup
 * neither carries the workspace secret to another computer nor replaces this browser's connection on
 * restore, and the main database's migrations never touch it.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { LogArchiveMark, ProposalExchangeMark, WorkspaceConnection } from '../workspace/types';

export type { LogArchiveMark, ProposalExchangeMark, WorkspaceConnection } from '../workspace/types';

export const WORKSPACE_DB_NAME = 'dalil-workspace';

interface WorkspaceDB extends DBSchema {
  state: {
    key: 'connection' | 'logArchive' | 'proposals';
    value: WorkspaceConnection | LogArchiveMark | ProposalExchangeMark;
  };
}

export interface WorkspaceStore {
  connection(): Promise<WorkspaceConnection | undefined>;
  setConnection(connection: WorkspaceConnection | undefined): Promise<void>;
  archiveMark(): Promise<LogArchiveMark>;
  setArchiveMark(mark: LogArchiveMark): Promise<void>;
  proposalsMark(): Promise<ProposalExchangeMark>;
  setProposalsMark(mark: ProposalExchangeMark): Promise<void>;
}

export function workspaceStore(name = WORKSPACE_DB_NAME): WorkspaceStore {
  let opening: Promise<IDBPDatabase<WorkspaceDB>> | undefined;
  const db = () => {
    opening ??= openDB<WorkspaceDB>(name, 1, {
      upgrade: (database) => void database.createObjectStore('state'),
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
  return {
    connection: async () => (await (await db()).get('state', 'connection')) as WorkspaceConnection | undefined,
    async setConnection(connection) {
      const database = await db();
      if (connection) await database.put('state', connection, 'connection');
      else {
        // A new connection may be another bucket or person: the archive and the proposals exchange start over there.
        const tx = database.transaction('state', 'readwrite');
        await Promise.all([tx.store.delete('connection'), tx.store.delete('logArchive'), tx.store.delete('proposals'), tx.done]);
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
  };
}
