import { type IDBPDatabase, openDB } from 'idb';
import { DB_VERSION, upgradeDatabase } from './migrations';
import { type DalilDB, DB_NAME } from './schema';

export type DalilDatabase = IDBPDatabase<DalilDB>;

/**
 * Opens (and upgrades) Dalil's database. Only the background calls this (through connection.ts).
 * `onClosed`: the browser closed the connection under us (the 'close' event, idb's `terminated`).
 */
export function openDalilDatabase(
  name = DB_NAME,
  version = DB_VERSION,
  { onClosed }: { onClosed?: () => void } = {},
): Promise<DalilDatabase> {
  return openDB<DalilDB>(name, version, {
    terminated: onClosed,
    upgrade(db, oldVersion, newVersion, tx) {
      // idb types the upgrade with the latest schema; the steps work on the untyped shape of each version.
      const untypedTx = tx as unknown as Parameters<typeof upgradeDatabase>[3];
      upgradeDatabase(db as unknown as IDBPDatabase<unknown>, oldVersion, newVersion ?? version, untypedTx).catch(
        // A failed step must not leave a half-upgraded database: abort, and the open fails whole.
        () => untypedTx.abort(),
      );
    },
  });
}
