import { strToU8 } from 'fflate';
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
import { createZipWriter } from '../../zip/zip-writer';
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

/** How far a backup being written has got: media bytes written of all media bytes. */
export interface BackupProgress {
  done: number;
  total: number;
}

/**
 * Everything Dalil keeps, as one zip: every store read in ONE read transaction (a consistent
 * snapshot even while the log is written), the settings, and each media Blob as its own file.
 * Whole, in memory: for tests and small profiles; the panel streams with writeBackup.
 */
export async function createBackup(db: DalilDatabase, storage: BackupStorage, options: CreateBackupOptions): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? MAX_BACKUP_BYTES;
  const chunks: Uint8Array[] = [];
  let size = 0;
  await writeBackup(db, storage, { ...options, maxBytes }, async (chunk) => {
    size += chunk.length;
    if (size > maxBytes) throw new BackupTooLargeError(size, maxBytes);
    chunks.push(chunk);
  });
  const zip = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    zip.set(chunk, at);
    at += chunk.length;
  }
  return zip;
}

/**
 * The backup zip written a piece at a time to `write` (awaited before the next): the media first,
 * each read from its Blob only when its turn comes and let go after, then the manifest, whose
 * checksums cover them. What is held at once is one media file, never the whole backup.
 */
export async function writeBackup(
  db: DalilDatabase,
  storage: BackupStorage,
  options: CreateBackupOptions,
  write: (chunk: Uint8Array) => Promise<void>,
  onProgress?: (progress: BackupProgress) => void,
): Promise<{ bytes: number }> {
  const unknown = [...db.objectStoreNames].filter(
    (name) => !(name in STORE_KEYS) && !(DERIVED_STORES as readonly string[]).includes(name),
  );
  if (unknown.length > 0) throw new Error(`Backup does not know the store(s) ${unknown.join(', ')}: update utils/backup`);

  const tx = db.transaction(STORE_NAMES, 'readonly');
  const reads = STORE_NAMES.map(async (name) => {
    const store = tx.objectStore(name);
    const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
    return { name, keys: keys as IDBValidKey[], values: values as unknown[] };
  });
  const [snapshot] = await Promise.all([Promise.all(reads), tx.done]);

  // Blob bytes are read after the transaction: awaiting them inside would let it commit early.
  const mediaValues = (snapshot.find((s) => s.name === 'media')?.values ?? []) as MediaBlob[];
  const total = mediaValues.reduce((sum, m) => sum + (m.blob?.size ?? 0), 0);
  if (options.maxBytes !== undefined && total > options.maxBytes) throw new BackupTooLargeError(total, options.maxBytes);
  let done = 0;
  onProgress?.({ done, total });

  const zip = createZipWriter(write);
  const stores = {} as Record<BackupStoreName, BackupRecord[]>;
  const media: Record<string, BackupMediaFile> = {};
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
        await zip.addStored(file, bytes); // images and videos are compressed already
        done += bytes.length;
        onProgress?.({ done, total });
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
  await zip.addDeflated(MANIFEST_FILE, strToU8(JSON.stringify(manifest)), 6);
  await zip.end();
  return { bytes: zip.bytes };
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
