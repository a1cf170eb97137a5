/**
 * The high-water marks kept in `syncState` (key `packMarks`): judged before a pack is accepted
 * under a pinned key, raised once it is (applied, or kept waiting). Without a pinned key there is
 * no mark: nothing signed was accepted, so nothing can be replayed against it.
 */
import type { DalilDatabase } from '@/utils/db/open';
import { getSyncState } from '@/utils/db/sync-state-repo';
import type { GuidancePack } from '@/utils/schemas/guidance-pack';
import { judgeAgainstMark, type MarkRefusal, packDigest, raisedMark } from '@/utils/sync/high-water';
import type { PackMark, PackMarks, PinnedKeyRecord } from '@/utils/sync/types';

export async function readPackMark(
  db: DalilDatabase,
  pinned: PinnedKeyRecord | undefined,
  packId: string,
): Promise<PackMark | undefined> {
  if (!pinned) return undefined;
  return (await getSyncState(db, 'packMarks'))?.[pinned.fingerprint]?.[packId];
}

/**
 * Refuses a pack below its mark under the pinned key; `sameVersion: 'content'` also refuses another
 * pack under the marked version (fetched and imported packs), `'version-only'` judges the version
 * alone (a history entry as stored).
 */
export async function judgeByMark(
  db: DalilDatabase,
  pinned: PinnedKeyRecord | undefined,
  pack: GuidancePack,
  sameVersion: 'content' | 'version-only' = 'content',
): Promise<MarkRefusal | undefined> {
  if (!pinned) return undefined;
  const mark = await readPackMark(db, pinned, pack.id);
  const digest = sameVersion === 'content' && mark?.version === pack.version ? await packDigest(pack) : undefined;
  return judgeAgainstMark(mark, pack, digest, pinned.fingerprint);
}

/** Records that `pack` was accepted under the pinned key; one transaction, so two raises never lose one. */
export async function raisePackMark(
  db: DalilDatabase,
  pinned: PinnedKeyRecord | undefined,
  pack: GuidancePack,
  at: string,
  expires?: string,
): Promise<void> {
  if (!pinned) return;
  const digest = await packDigest(pack);
  const tx = db.transaction('syncState', 'readwrite');
  const marks = ((await tx.store.get('packMarks')) as PackMarks | undefined) ?? {};
  const byPack = marks[pinned.fingerprint] ?? {};
  const next = raisedMark(byPack[pack.id], pack, digest, at, expires);
  await tx.store.put({ ...marks, [pinned.fingerprint]: { ...byPack, [pack.id]: next } }, 'packMarks');
  await tx.done;
}
