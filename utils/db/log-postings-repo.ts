import type { IDBPTransaction, StoreNames } from 'idb';
import { addToPosting, assignSlots, blockOf, emptyBlock, postingKeysOf } from '../activity/log-postings';
import type { ActivityLogEntry } from '../schemas/activity-log';
import type { DalilDB } from './schema';

/*
 * The log's postings (version 13), their writing half: each entry's slot in its month, the slot's entry, and
 * the slot added to the posting of each of the entry's words and prefixes, in the caller's transaction. A
 * batch reads and writes each month and each posting once, whatever the number of entries it holds.
 */

type AnyWriteTx = IDBPTransaction<DalilDB, ArrayLike<StoreNames<DalilDB>>, 'readwrite'>;

/** Queues the postings of `entries` in the caller's transaction (which includes the three postings stores). */
export async function putLogPostings(tx: AnyWriteTx, entries: ActivityLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const blocks = tx.objectStore('logBlocks');
  const slotStore = tx.objectStore('logSlots');
  const postings = tx.objectStore('logPostings');
  const byBlock = new Map<string, ActivityLogEntry[]>();
  for (const e of entries) {
    const block = blockOf(e.at);
    const list = byBlock.get(block);
    if (list) list.push(e);
    else byBlock.set(block, [e]);
  }
  await Promise.all(
    [...byBlock].map(async ([block, inBlock]) => {
      const meta = (await blocks.get(block)) ?? emptyBlock(block);
      const slots = assignSlots(
        meta,
        inBlock.map((e) => [e.at, e.id]),
      );
      const added = new Map<string, number[]>();
      inBlock.forEach((e, i) => {
        for (const key of postingKeysOf(e)) {
          const list = added.get(key);
          if (list) list.push(slots[i]);
          else added.set(key, [slots[i]]);
        }
      });
      await Promise.all([
        blocks.put(meta),
        ...inBlock.map((e, i) => slotStore.put([e.at, e.id], [block, slots[i]])),
        ...[...added].map(async ([key, list]) => {
          const current = await postings.get([key, block]);
          await postings.put(addToPosting(current, list), [key, block]);
        }),
      ]);
    }),
  );
}
