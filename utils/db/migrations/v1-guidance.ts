import type { IDBPDatabase } from 'idb';

/** Version 1: one `guidance` store holding the whole pack in use under the key `active`. */
export function toVersion1(db: IDBPDatabase<unknown>): void {
  db.createObjectStore('guidance');
}
