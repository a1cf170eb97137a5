import { Blob as NodeBlob } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type IDBPDatabase, openDB } from 'idb';
import { MIGRATIONS } from '../../../utils/db/migrations';

interface FrozenDatabase {
  version: number;
  stores: Record<string, Array<{ key?: IDBValidKey; value: unknown }>>;
}

/**
 * Reads tests/fixtures/db/<name>. A `{"$blob": {type, base64}}` value becomes a Blob (JSON has none):
 * Node's, since happy-dom's does not survive fake-indexeddb's structured clone.
 */
export function readFrozen(name: string): FrozenDatabase {
  return JSON.parse(readFileSync(resolve(import.meta.dirname, '../../fixtures/db', name), 'utf8'), (_key, value) => {
    const blob = (value as { $blob?: { type: string; base64: string } } | null)?.$blob;
    return blob ? new NodeBlob([Buffer.from(blob.base64, 'base64')], { type: blob.type }) : value;
  });
}

/**
 * Builds a database exactly as an older Dalil left it: only the migration steps that existed up to
 * that version run, then the frozen records are written as that version stored them.
 */
export async function createDatabaseAt(name: string, frozen: FrozenDatabase): Promise<void> {
  const db: IDBPDatabase<unknown> = await openDB(name, frozen.version, {
    async upgrade(database, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? frozen.version); v++) await MIGRATIONS[v](database, tx);
    },
  });
  for (const [store, records] of Object.entries(frozen.stores)) {
    const tx = db.transaction(store, 'readwrite');
    for (const { key, value } of records) await (key === undefined ? tx.store.put(value) : tx.store.put(value, key));
    await tx.done;
  }
  db.close();
}
