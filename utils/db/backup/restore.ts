import { tally } from '../../activity/log-counts';
import {
  type BackupSigningKey,
  type BackupStoreName,
  backupProblem,
  DERIVED_STORES,
  STORAGE_KEYS,
  STORE_KEYS,
  STORE_NAMES,
} from '../../backup/format';
import type { Problem } from '../../guidance/problems';
import type { ActivityLogEntry } from '../../schemas/activity-log';
import type { FollowedAdvertiser, StoredAd } from '../../schemas/stored-records';
import type { Testimonial } from '../../schemas/testimonial';
import { adSearchRow } from '../../swipe-file/ad-search-row';
import { mergeMarks } from '../../sync/high-water';
import type { PackMarks, SigningKeyRecord } from '../../sync/types';
import { putLogEntries } from '../activity-log-repo';
import { followedSearchRow, testimonialSearchRow } from '../list-search-rows';
import { LOG_SEARCH_STORES } from '../log-words-repo';
import type { DalilDatabase } from '../open';
import type { BackupStorage } from './create';
import type { ParsedBackup } from './read';

export type RestoreOutcome =
  | { ok: true; counts: Record<string, number>; warnings?: Problem[] }
  | { ok: false; problems: Problem[] };

/**
 * Replaces everything with the backup: every store cleared and written in ONE readwrite
 * transaction (all or nothing), and only once it has committed, the settings. A failed database
 * write therefore changes nothing; settings that cannot be written after it are a warning (the
 * data is restored; the settings stay as they were).
 * The settings to write are noted in that same transaction (`restoreSettings`) and the note is
 * deleted once they are written: a worker stopped between the commit and the settings leaves the
 * note, and the next worker writes them (finishInterruptedRestore), so the data and the settings
 * are the backup's together.
 *
 * `keepSyncKeys`: this browser's syncState records that stay as they are (the pinned key, unless
 * the person took the backup's: utils/db/backup/plan.ts).
 *
 * The signing key comes back only when the backup holds its private part. A backup without it
 * leaves this profile's own key in place (a private key that was never exported cannot be had
 * again, and agents have pinned it); a fresh profile then has none and the manager makes one.
 */
export async function restoreBackup(
  db: DalilDatabase,
  storage: BackupStorage,
  backup: ParsedBackup,
  options: { logEntry?: ActivityLogEntry; keepSyncKeys?: string[] } = {},
): Promise<RestoreOutcome> {
  // Everything that is not an IndexedDB request is done first: awaiting it inside the
  // transaction would let the transaction commit half-written.
  const writes = {} as Record<BackupStoreName, Array<{ key?: string; value: unknown }>>;
  for (const name of STORE_NAMES) {
    writes[name] = [];
    for (const record of backup.stores[name]) {
      let value = record.value;
      if (name === 'media') {
        const id = (value as { id: string }).id;
        const blob = backup.media.get(id);
        if (!blob) return failed(backupProblem('missing-file', `The media file of ${id} is missing from the zip.`));
        value = { ...(value as object), blob };
      } else if (name === 'syncState' && record.key === RESTORE_SETTINGS_KEY) {
        continue; // an interrupted restore's own note, never data to bring back
      } else if (name === 'syncState' && record.key === 'signingKey') {
        const saved = value as BackupSigningKey;
        if (!saved.privateJwk) continue; // the private key was left out: no signing key
        try {
          value = await importSigningKey(saved);
        } catch (error) {
          return failed(
            backupProblem(
              'key-import',
              `The signing key in the backup could not be imported: ${error instanceof Error ? error.message : String(error)}`,
              'stores.syncState',
            ),
          );
        }
      }
      writes[name].push(STORE_KEYS[name] === null ? { key: record.key, value } : { value });
    }
  }

  // This profile's own signing key stays when the backup brings none to replace it.
  const kept = new Set(options.keepSyncKeys ?? []);
  if (!writes.syncState.some((r) => r.key === 'signingKey')) kept.add('signingKey');
  for (const key of kept) writes.syncState = writes.syncState.filter((r) => r.key !== key);
  // The high-water marks are merged, never replaced: an older backup must not lower them.
  const backupMarks = writes.syncState.find((r) => r.key === 'packMarks')?.value as PackMarks | undefined;
  writes.syncState = writes.syncState.filter((r) => r.key !== 'packMarks');
  await finishInterruptedRestore(db, storage);

  try {
    const tx = db.transaction([...STORE_NAMES, ...DERIVED_STORES], 'readwrite');
    // Read before any write is queued: a failing write must find every request's rejection handled.
    const syncKeysToDelete =
      kept.size === 0 ? undefined : (await tx.objectStore('syncState').getAllKeys()).filter((key) => !kept.has(String(key)));
    const marks = mergeMarks((await tx.objectStore('syncState').get('packMarks')) as PackMarks | undefined, backupMarks);
    const requests: Promise<unknown>[] = [];
    // The log's per-hour counts are rebuilt from the restored entries, in the same transaction.
    const logCounts = tx.objectStore('logCounts');
    requests.push(
      logCounts
        .clear()
        .then(() =>
          Promise.all(
            [...tally(writes.activityLog.map((r) => r.value as ActivityLogEntry)).values()].map((c) => logCounts.put(c)),
          ),
        ),
    );
    // The swipe file's search rows are rebuilt from the restored ads, in the same transaction.
    const adSearch = tx.objectStore('adSearch');
    requests.push(
      adSearch.clear().then(() =>
        Promise.all(
          writes.adCaptures.flatMap((r) => {
            const row = adSearchRow(r.value as StoredAd);
            return row ? [adSearch.put(row)] : [];
          }),
        ),
      ),
    );
    // The followed advertisers' and testimonials' search rows likewise.
    const followedSearch = tx.objectStore('followedSearch');
    requests.push(
      followedSearch
        .clear()
        .then(() =>
          Promise.all(
            writes.followedAdvertisers.map((r) => followedSearch.put(followedSearchRow(r.value as FollowedAdvertiser))),
          ),
        ),
    );
    const testimonialSearch = tx.objectStore('testimonialSearch');
    requests.push(
      testimonialSearch
        .clear()
        .then(() =>
          Promise.all(writes.testimonials.map((r) => testimonialSearch.put(testimonialSearchRow(r.value as Testimonial)))),
        ),
    );
    // The log's word index and postings go with the log they indexed; the background rebuilds them in batches.
    for (const derived of LOG_SEARCH_STORES) requests.push(tx.objectStore(derived).clear());
    // Downloads queued for the ads being replaced are owed to nobody any more.
    requests.push(tx.objectStore('pendingMedia').clear());
    for (const name of STORE_NAMES) {
      const store = tx.objectStore(name);
      // syncState with records kept (this profile's own key, the pin): everything else goes.
      if (name === 'syncState' && syncKeysToDelete) for (const key of syncKeysToDelete) requests.push(store.delete(key));
      else requests.push(store.clear());
      for (const { key, value } of writes[name]) {
        // biome-ignore lint/suspicious/noExplicitAny: values were checked against each store's schema by readBackup
        requests.push(key === undefined ? store.put(value as any) : store.put(value as any, key as any));
      }
    }
    if (Object.keys(marks).length > 0) requests.push(tx.objectStore('syncState').put(marks, 'packMarks'));
    // After the restored records: with the restored webhook on, the entry is queued for it too.
    if (options.logEntry) requests.push(putLogEntries(tx, [options.logEntry]));
    // The settings still to write, committed with the data they belong to.
    requests.push(tx.objectStore('syncState').put({ settings: backup.storage }, RESTORE_SETTINGS_KEY));
    await Promise.all([...requests, tx.done]);
  } catch (error) {
    return failed(backupProblem('write-failed', `Nothing was restored: the database refused the data (${message(error)}).`));
  }

  const counts: Record<string, number> = Object.fromEntries(STORE_NAMES.map((name) => [name, writes[name].length]));
  // The settings only after the database committed: a failed restore never leaves the backup's role or language behind.
  const previous = await storage.get([...STORAGE_KEYS]).catch(() => ({}));
  try {
    await writeSettings(storage, backup.storage);
    await db.delete('syncState', RESTORE_SETTINGS_KEY);
  } catch (error) {
    await putBack(storage, previous);
    await db.delete('syncState', RESTORE_SETTINGS_KEY).catch(() => undefined);
    return {
      ok: true,
      counts,
      warnings: [
        backupProblem('settings-failed', `The data was restored; the settings could not be written (${message(error)}).`),
      ],
    };
  }
  return { ok: true, counts };
}

/** The syncState record holding the settings of a restore whose data committed before they were written. */
const RESTORE_SETTINGS_KEY = 'restoreSettings';

/** The backup's settings in place of the stored ones: those it does not hold are removed. */
async function writeSettings(storage: BackupStorage, settings: Record<string, unknown>): Promise<void> {
  const absent = STORAGE_KEYS.filter((key) => settings[key] === undefined);
  if (absent.length > 0) await storage.remove(absent);
  if (Object.keys(settings).length > 0) await storage.set(settings);
}

const finishing = new WeakMap<object, Promise<boolean>>();

/**
 * Writes the settings of a restore whose data committed but whose worker was stopped before the
 * settings were written; true when there was one. Once per worker and database: the start-up call
 * and a restore arriving meanwhile share the same run.
 */
export function finishInterruptedRestore(db: DalilDatabase, storage: BackupStorage): Promise<boolean> {
  let run = finishing.get(db);
  if (!run) {
    run = (async () => {
      const note = (await db.get('syncState', RESTORE_SETTINGS_KEY)) as { settings: Record<string, unknown> } | undefined;
      if (!note) return false;
      await writeSettings(storage, note.settings);
      await db.delete('syncState', RESTORE_SETTINGS_KEY);
      return true;
    })();
    finishing.set(db, run);
    // A failed run is tried again by the next caller rather than failing every restore after it.
    run.catch(() => finishing.delete(db));
  }
  return run;
}

const failed = (...problems: Problem[]): RestoreOutcome => ({ ok: false, problems });
const message = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

async function putBack(storage: BackupStorage, previous: Record<string, unknown>): Promise<void> {
  const absent = STORAGE_KEYS.filter((key) => previous[key] === undefined);
  await storage.remove(absent).catch(() => undefined);
  if (Object.keys(previous).length > 0) await storage.set(previous).catch(() => undefined);
}

/** The key pair again as CryptoKeys (extractable, as Dalil makes them, so it can be backed up again). */
async function importSigningKey(saved: BackupSigningKey): Promise<SigningKeyRecord> {
  const algorithm = saved.algorithm === 'Ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', namedCurve: 'P-256' };
  const { key_ops: _p, ...privateJwk } = saved.privateJwk ?? {};
  const { key_ops: _q, ...publicJwk } = saved.publicJwk;
  const [privateKey, publicKey] = await Promise.all([
    crypto.subtle.importKey('jwk', privateJwk, algorithm, true, ['sign']),
    crypto.subtle.importKey('jwk', publicJwk, algorithm, true, ['verify']),
  ]);
  return {
    algorithm: saved.algorithm,
    privateKey,
    publicKey,
    publicKeyText: saved.publicKeyText,
    fingerprint: saved.fingerprint,
    createdAt: saved.createdAt,
  };
}
