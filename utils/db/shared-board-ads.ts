/**
 * The swipe file's side of shared boards: which live ads are on a board here, and a teammate's ad
 * (with its media, fetched by hash) written into the swipe file like any saved ad, its search row in
 * step, so the board is browsed from IndexedDB at local speed. An ad deleted here stays deleted.
 */
import type { AdCapture } from '../schemas/ad-capture';
import { advertiserKey } from '../swipe-file/days-running';
import { writeSearchRow } from './ads-repo';
import type { DalilDatabase } from './open';
import type { MediaBlob, StoredAd } from './schema';

/** The live ads on the board named `name` here. */
export async function adIdsOnBoard(db: DalilDatabase, name: string): Promise<string[]> {
  const keys = await db.getAllKeysFromIndex('adSearch', 'by-board', name);
  return [...new Set(keys.map((key) => key[0]))];
}

export const savedAd = (db: DalilDatabase, id: string) => db.get('adCaptures', id);

export const hasMedia = async (db: DalilDatabase, id: string) => (await db.getKey('media', id)) !== undefined;

export const mediaBlob = (db: DalilDatabase, id: string) => db.get('media', id);

/** A shared ad and the media it brought, in one transaction (an ad never points at bytes not stored). */
export async function putSharedAdLocally(db: DalilDatabase, ad: AdCapture, media: MediaBlob[]): Promise<StoredAd> {
  const tx = db.transaction(['adCaptures', 'adSearch', 'media'], 'readwrite');
  const store = tx.objectStore('adCaptures');
  const existing = await store.get(ad.id);
  const record: StoredAd = { ...existing, ...ad, advertiserKey: advertiserKey(ad) };
  if (!ad.note) delete record.note;
  await Promise.all([
    ...media.map((m) => tx.objectStore('media').put(m)),
    store.put(record),
    writeSearchRow(tx.objectStore('adSearch'), record),
    tx.done,
  ]);
  return record;
}
