/**
 * The background's one connection to the database, opened on first use. The browser may close a
 * connection under us — site data cleared, a disk error, storage eviction — and then every
 * transaction on it throws InvalidStateError: without this, nothing would be saved or read until the
 * worker restarted. A closed connection is dropped, so the next use opens a new one, and work that
 * failed because the connection closed under it runs once more on the new one.
 */
import { unwrap } from 'idb';
import { type DalilDatabase, openDalilDatabase } from './open';
import { guardWrites, type RoomCheck } from './room';

export interface DatabaseConnection {
  /** The open connection; a new one when there is none or the last one was closed. */
  db(): Promise<DalilDatabase>;
  /** Runs `work`; if it failed because the connection was closed under it, once more on a new connection. */
  retrying<T>(work: () => Promise<T>): Promise<T>;
  /** Throws storageFullError unless the disk has room for a write of `bytes` (and the reserve): see room.ts. */
  ensureRoom(bytes?: number): Promise<void>;
}

/** Whether a connection can still start a transaction (a closing or closed one throws InvalidStateError). */
function isOpen(db: DalilDatabase): boolean {
  const raw = unwrap(db) as IDBDatabase;
  const store = raw.objectStoreNames[0];
  if (store === undefined) return true;
  try {
    raw.transaction(store).abort();
    return true;
  } catch (error) {
    return !(error instanceof DOMException && error.name === 'InvalidStateError');
  }
}

/** What a transaction throws or rejects with when its connection closes: starting on it, or cut short by it. */
const mayBeClosedConnection = (error: unknown) =>
  error instanceof DOMException && (error.name === 'InvalidStateError' || error.name === 'AbortError');

/** A view of `db` that tells `onWrite` the stores of each readwrite transaction and write shortcut as it starts. */
function noteWrites(db: DalilDatabase, onWrite: (stores: readonly string[]) => void): DalilDatabase {
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (prop === 'transaction')
        return (stores: string | string[], mode?: string, ...rest: unknown[]) => {
          if (mode === 'readwrite') onWrite(typeof stores === 'string' ? [stores] : stores);
          return value.call(target, stores, mode, ...rest);
        };
      if (prop === 'put' || prop === 'add' || prop === 'delete' || prop === 'clear')
        return (store: string, ...rest: unknown[]) => {
          onWrite([store]);
          return value.call(target, store, ...rest);
        };
      return value.bind(target);
    },
  });
}

/**
 * `room`: when given, db() asks how much room the disk has before handing the connection out, and the
 * connection refuses writes while it is nearly full (room.ts says why). Without it, writes are not checked.
 */
export function databaseConnection(
  open: (onClosed: () => void) => Promise<DalilDatabase> = (onClosed) => openDalilDatabase(undefined, undefined, { onClosed }),
  room?: RoomCheck,
  /** Told the stores each write starts on, and 'all' when a new connection opens (held copies of data go stale). */
  onWrite?: (stores: readonly string[] | 'all') => void,
): DatabaseConnection {
  let current: Promise<DalilDatabase> | undefined;
  let opened: DalilDatabase | undefined;
  /** Connections the browser closed under us so far: work that saw this change failed because of it. */
  let closes = 0;

  const drop = (which: Promise<DalilDatabase> | undefined, closed: boolean) => {
    if (!which || current !== which) return; // a newer connection is already in place
    current = undefined;
    opened = undefined;
    if (closed) closes++;
  };

  const connect = (): Promise<DalilDatabase> => {
    if (!current) {
      const opening: Promise<DalilDatabase> = open(() => drop(opening, true)).then(
        (connection) => {
          if (current === opening) opened = connection;
          onWrite?.('all');
          // One guarded view per connection: the same object for every user of it.
          const guarded = room ? guardWrites(connection, room) : connection;
          return onWrite ? noteWrites(guarded, onWrite) : guarded;
        },
        (error) => {
          drop(opening, false); // try again on the next use rather than stay broken
          throw error;
        },
      );
      current = opening;
    }
    return current;
  };
  // The room check runs beside the open; both are needed before anyone may write.
  const db = room ? async (): Promise<DalilDatabase> => (await Promise.all([connect(), room.refresh()]))[0] : connect;

  return {
    db,
    ensureRoom: (bytes) => room?.ensure(bytes) ?? Promise.resolve(),
    async retrying<T>(work: () => Promise<T>): Promise<T> {
      const closesBefore = closes;
      try {
        return await work();
      } catch (error) {
        if (!mayBeClosedConnection(error)) throw error;
        // Closed before its 'close' event arrived (or with none): found out here.
        if (opened && !isOpen(opened)) drop(current, true);
        if (closes === closesBefore) throw error; // the connection is fine: the work's own failure
        return work();
      }
    },
  };
}
