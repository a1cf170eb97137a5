/**
 * The `syncState` store: a handful of named records, each with its own type. The store itself is
 * typed `unknown` (one IndexedDB store, a shape per key); this repository is where a key meets its type,
 * so callers read and write typed records instead of casting. A key of SyncStateKey without a type
 * here fails to compile (SyncStateRecords[K] below).
 */

import type { QueuedProposal, SentProposal } from '../proposals/types';
import type {
  PackDiff,
  PackMarks,
  PendingUpdate,
  PinnedKeyRecord,
  PublishingChoices,
  SigningKeyRecord,
  SubscriptionState,
  WebhookState,
} from '../sync/types';
import type { DalilDatabase } from './open';
import type { SyncStateKey } from './schema';

export interface SyncStateRecords {
  /** The team's pack address and how it is followed. */
  subscription: SubscriptionState;
  /** An update fetched and waiting to be applied (auto-apply off). */
  pending: PendingUpdate;
  /** The last applied update's diff, for "what changed". */
  lastApplied: { diff: PackDiff; at: string };
  webhook: WebhookState;
  /** This profile's own signing key (a manager's). */
  signingKey: SigningKeyRecord;
  /** The manager's public key packs must be signed with. */
  pinnedKey: PinnedKeyRecord;
  /** The highest version of each pack accepted under each pinned key (see PackMark). */
  packMarks: PackMarks;
  /** The manager's last publish choices (audience, expiry). */
  publishing: PublishingChoices;
  /** A restore's settings, noted with its data and deleted once written (utils/db/backup/restore.ts). */
  restoreSettings: { settings: Record<string, unknown> };
  /** An agent's proposals, newest last (utils/proposals/). */
  proposalsSent: SentProposal[];
  /** A manager's review queue, newest last. */
  proposalsQueue: QueuedProposal[];
}

export async function getSyncState<K extends SyncStateKey>(db: DalilDatabase, key: K): Promise<SyncStateRecords[K] | undefined> {
  return (await db.get('syncState', key)) as SyncStateRecords[K] | undefined;
}

export async function putSyncState<K extends SyncStateKey>(db: DalilDatabase, key: K, value: SyncStateRecords[K]): Promise<void> {
  await db.put('syncState', value, key);
}

export async function deleteSyncState(db: DalilDatabase, ...keys: SyncStateKey[]): Promise<void> {
  await Promise.all(keys.map((key) => db.delete('syncState', key)));
}
