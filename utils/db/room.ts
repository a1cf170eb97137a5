/**
 * Dalil stops writing to its database while the disk is nearly full, instead of writing until a write
 * fails. Measured in Chromium 156: a write that fails for want of room (LevelDB's write-ahead log cut
 * short) makes the browser close the database and, once there is room again, delete and recreate it on
 * the next open — every store empty. Refusing the write first keeps what is stored.
 *
 * The browser's storage estimate says how much room is left: for an extension with `unlimitedStorage`
 * its quota is its usage plus the free space of the profile's disk (measured: it follows the disk at
 * once, ~0.3–1 ms a call). A disk that fills in the moment between the check and the write can still
 * lose data; the reserve makes that moment need a large, sudden fill by another program.
 */

/** Room left free under any write: LevelDB's write-ahead log and the table it flushes to (4 MB each). */
export const RESERVE_BYTES = 16 * 1024 * 1024;

export interface RoomEstimate {
  quota?: number;
  usage?: number;
}

/** A write refused before it was tried: the disk is nearly full. Named as the browser names a full quota. */
export function storageFullError(free: number, needed: number): DOMException {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return new DOMException(
    `No room: the disk has ${mb(free)} free and Dalil keeps ${mb(needed)} free before it writes (a write that fails for want of room can make the browser delete Dalil's database)`,
    'QuotaExceededError',
  );
}

export interface RoomCheck {
  /** Asks the browser how much room is left; concurrent calls share one question. */
  refresh(): Promise<void>;
  /** Whether the last answer left less than the reserve (no answer yet, or no estimate: not low). */
  low(): boolean;
  /** Throws storageFullError unless the last answer left the reserve plus `bytes`. */
  assertRoom(bytes?: number): void;
  /** refresh() then assertRoom(bytes): before a write of a known size (media) made long after db(). */
  ensure(bytes?: number): Promise<void>;
}

export function roomCheck(
  estimate: () => Promise<RoomEstimate> = () => navigator.storage.estimate(),
  reserve = RESERVE_BYTES,
): RoomCheck {
  /** Free bytes at the last answer; undefined when the browser gave none (then nothing is refused). */
  let free: number | undefined;
  let asking: Promise<void> | undefined;

  const refresh = (): Promise<void> => {
    asking ??= estimate()
      .then(
        ({ quota, usage }) => {
          free = typeof quota === 'number' && typeof usage === 'number' ? Math.max(0, quota - usage) : undefined;
        },
        () => {
          free = undefined; // no estimate: writes go ahead as before, and the write's own error says why
        },
      )
      .finally(() => {
        asking = undefined;
      });
    return asking;
  };
  const assertRoom = (bytes = 0) => {
    // Twice a write's size: its write-ahead log record, then the table it is flushed to.
    const needed = reserve + 2 * bytes;
    if (free !== undefined && free < needed) throw storageFullError(free, needed);
  };
  return {
    refresh,
    low: () => free !== undefined && free < reserve,
    assertRoom,
    async ensure(bytes = 0) {
      await refresh();
      assertRoom(bytes);
    },
  };
}

/** idb's shortcut methods that write (each opens its own readwrite transaction). */
const WRITE_SHORTCUTS: ReadonlySet<PropertyKey> = new Set(['put', 'add', 'delete', 'clear']);

/**
 * The connection as its users see it: reads as before; a readwrite transaction (or a write shortcut)
 * throws storageFullError while the room check says the disk is nearly full. Transactions are opened
 * synchronously, so the check reads the last answer: the connection's db() refreshes it before handing
 * the connection out.
 */
export function guardWrites<T extends object>(db: T, room: Pick<RoomCheck, 'assertRoom'>): T {
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (prop === 'transaction') {
        return (stores: unknown, mode?: string, ...rest: unknown[]) => {
          if (mode === 'readwrite') room.assertRoom();
          return value.call(target, stores, mode, ...rest);
        };
      }
      if (WRITE_SHORTCUTS.has(prop)) {
        return (...args: unknown[]) => {
          try {
            room.assertRoom();
          } catch (error) {
            return Promise.reject(error); // as idb's own shortcuts fail: a rejected promise
          }
          return value.apply(target, args);
        };
      }
      return value.bind(target);
    },
  });
}
