import { strToU8, type Zippable, zipSync } from 'fflate';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupManifest,
  type BackupMediaFile,
  type BackupRecord,
  type BackupSigningKey,
  type BackupStoreName,
  checkedPart,
  DERIVED_STORES,
  encodeValue,
  MANIFEST_FILE,
  MAX_BACKUP_BYTES,
  mediaFileName,
  megabytes,
  STORAGE_KEYS,
  STORE_KEYS,
  STORE_NAMES,
  sha256Hex,
} from '../../backup/format';
import type { MediaBlob } from '../../schemas/stored-records';
import type { SigningKeyRecord } from '../../sync/types';
import type { DalilDatabase } from '../open';

/** The part of browser.storage.local a backup reads and writes (browser.storage.local fits). */
export interface BackupStorage {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface CreateBackupOptions {
  /** Write the signing private key (as a JWK). Off unless the person asked, with a warning. */
  includePrivateKey: boolean;
  appVersion: string;
  createdAt?: string;
  /** Sites beyond the six platforms where Dalil is turned on. */
  enabledSites?: string[];
  /** Refuse (BackupTooLargeError) rather than build a file bigger than this. */
  maxBytes?: number;
}

export class BackupTooLargeError extends Error {
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(
      `The backup would be about ${megabytes(bytes)} MB; Dalil can pass at most ${megabytes(limit)} MB between its parts ` +
        '(the browser limits a message to 64 MB). Delete some saved ads with large videos from the swipe file, or export the ' +
        'swipe file as a ZIP on its own, and back up again.',
    );
  }
}

/**
 * Everything Dalil keeps, as one zip: every store read in ONE read transaction (a consistent
 * snapshot even while the log is written), the settings, and each media Blob as its own file.
 */
export async function createBackup(db: DalilDatabase, storage: BackupStorage, options: CreateBackupOptions): Promise<Uint8Array> {
  const unknown = [...db.objectStoreNames].filter(
    (name) => !(name in STORE_KEYS) && !(DERIVED_STORES as readonly string[]).includes(name),
  );
  if (unknown.length > 0) throw new Error(`Backup does not know the store(s) ${unknown.join(', ')}: update utils/backup`);
  const maxBytes = options.maxBytes ?? MAX_BACKUP_BYTES;

  const tx = db.transaction(STORE_NAMES, 'readonly');
  const reads = STORE_NAMES.map(async (name) => {
    const store = tx.objectStore(name);
    const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
    return { name, keys: keys as IDBValidKey[], values: values as unknown[] };
  });
  const [snapshot] = await Promise.all([Promise.all(reads), tx.done]);

  // Blob bytes are read after the transaction: awaiting them inside would let it commit early.
  const mediaValues = (snapshot.find((s) => s.name === 'media')?.values ?? []) as MediaBlob[];
  const mediaSize = mediaValues.reduce((sum, m) => sum + (m.blob?.size ?? 0), 0);
  if (mediaSize > maxBytes) throw new BackupTooLargeError(mediaSize, maxBytes);

  const stores = {} as Record<BackupStoreName, BackupRecord[]>;
  const media: Record<string, BackupMediaFile> = {};
  const files: Zippable = {};
  for (const { name, keys, values } of snapshot) {
    const records: BackupRecord[] = [];
    for (let i = 0; i < values.length; i++) {
      const key = String(keys[i]);
      let value = values[i];
      if (name === 'media') {
        const { blob, ...rest } = value as MediaBlob;
        const bytes = new Uint8Array(await blob.arrayBuffer());
        const file = mediaFileName(rest.id);
        media[rest.id] = { file, type: blob.type, bytes: bytes.length, sha256: await sha256Hex(bytes) };
        files[file] = [bytes, { level: 0 }]; // images and videos are compressed already
        value = rest;
      } else if (name === 'syncState' && key === 'signingKey') {
        value = await signingKeyForBackup(value as SigningKeyRecord, options.includePrivateKey);
      }
      records.push(STORE_KEYS[name] === null ? { key, value: encodeValue(value) } : { value: encodeValue(value) });
    }
    stores[name] = records;
  }

  const stored = await storage.get([...STORAGE_KEYS]);
  const storageValues = Object.fromEntries(
    STORAGE_KEYS.filter((key) => stored[key] !== undefined).map((key) => [key, encodeValue(stored[key])]),
  );
  const checked = { stores, storage: storageValues, enabledSites: options.enabledSites ?? [], media };
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    dbVersion: db.version,
    createdAt: options.createdAt ?? new Date().toISOString(),
    app: { name: 'Dalil', version: options.appVersion },
    includesPrivateKey: options.includePrivateKey && stores.syncState.some((r) => r.key === 'signingKey'),
    counts: Object.fromEntries(STORE_NAMES.map((name) => [name, stores[name].length])),
    ...checked,
    sha256: await sha256Hex(checkedPart(checked)),
  };
  files[MANIFEST_FILE] = [strToU8(JSON.stringify(manifest)), { level: 6 }];
  const zip = zipSync(files);
  if (zip.length > maxBytes) throw new BackupTooLargeError(zip.length, maxBytes);
  return zip;
}

async function signingKeyForBackup(record: SigningKeyRecord, includePrivateKey: boolean): Promise<BackupSigningKey> {
  const { algorithm, publicKeyText, fingerprint, createdAt } = record;
  const out: BackupSigningKey = {
    algorithm,
    publicKeyText,
    fingerprint,
    createdAt,
    publicJwk: await crypto.subtle.exportKey('jwk', record.publicKey),
  };
  if (includePrivateKey) {
    try {
      out.privateJwk = await crypto.subtle.exportKey('jwk', record.privateKey);
    } catch {
      throw new Error('The signing private key cannot be exported from this browser; back up without it.');
    }
  }
  return out;
}
