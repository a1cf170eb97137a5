import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { toVersion1 } from './v1-guidance';
import { toVersion2 } from './v2-templates-store';
import { toVersion3 } from './v3-log-and-ads';
import { toVersion4 } from './v4-usage-and-testimonials';
import { toVersion5 } from './v5-swipe-file';
import { toVersion6 } from './v6-team-sync';
import { toVersion7 } from './v7-log-counts';
import { toVersion8 } from './v8-log-platform-index';
import { toVersion9 } from './v9-pending-media';
import { toVersion10 } from './v10-ad-search';
import { toVersion11 } from './v11-log-words';
import { toVersion12 } from './v12-list-search';
import { toVersion13 } from './v13-log-postings';

export type MigrationStep = (
  db: IDBPDatabase<unknown>,
  tx: IDBPTransaction<unknown, string[], 'versionchange'>,
) => void | Promise<void>;

/** MIGRATIONS[n] takes a database from version n to n + 1. Append; never edit a shipped step. */
export const MIGRATIONS: readonly MigrationStep[] = [
  toVersion1,
  toVersion2,
  toVersion3,
  toVersion4,
  toVersion5,
  toVersion6,
  toVersion7,
  toVersion8,
  toVersion9,
  toVersion10,
  toVersion11,
  toVersion12,
  toVersion13,
];
export const DB_VERSION = MIGRATIONS.length;

/** Runs every step from `oldVersion` up to `newVersion`, in order, inside the upgrade transaction. */
export async function upgradeDatabase(
  db: IDBPDatabase<unknown>,
  oldVersion: number,
  newVersion: number,
  tx: IDBPTransaction<unknown, string[], 'versionchange'>,
): Promise<void> {
  for (let version = oldVersion; version < newVersion; version++) {
    await MIGRATIONS[version](db, tx);
  }
}
