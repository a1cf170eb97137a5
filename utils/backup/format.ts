/**
 * The backup file: a zip holding `dalil-backup.json` (this manifest: every IndexedDB store as
 * records, the settings from browser.storage.local, checksums) and each saved media file as
 * `media/<id>`. Restoring it gives back the same data, or changes nothing.
 */
import { z } from 'zod/mini';
import type { Problem } from '../guidance/problems';
import { IsoDateTimeSchema } from '../schemas/common';

export const BACKUP_FORMAT = 'dalil.backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'dalil-backup.json';
export const MEDIA_DIR = 'media/';

/**
 * Runtime messages carry JSON; Chrome refuses one over 64 MiB. The zip travels as base64 (4 bytes
 * per 3), inside a small envelope: a backup must stay under this many bytes to be sent at all.
 */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
export const MAX_BACKUP_BYTES = Math.floor(((MAX_MESSAGE_BYTES - 64 * 1024) * 3) / 4);
/** What a zip may expand to before Dalil stops reading it (a zip bomb is refused, not unpacked). */
export const MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024;

/**
 * Stores left out of a backup: the log's per-hour counts (added in version 7, derived from the log and
 * rebuilt on restore) and the media downloads still queued (version 9: work in progress, not data; a
 * restored ad's failed media is queued again with Retry media) and the swipe file's search rows (version 10,
 * rebuilt from the restored ads) and the log's word index (version 11, rebuilt from the restored log by the
 * background's backfill) and its postings (version 13, likewise). A backup of version 6 therefore holds the
 * same stores as one of 13.
 */
export const DERIVED_STORES = [
  'logCounts',
  'pendingMedia',
  'adSearch',
  'logWords',
  'followedSearch',
  'testimonialSearch',
  'logBlocks',
  'logSlots',
  'logPostings',
] as const;
/** The oldest database version whose backups hold exactly the stores below. */
export const OLDEST_RESTORABLE_DB_VERSION = 6;

/** Every backed-up store (database versions 6 and 7), in a fixed order, with how its records are keyed. */
export const STORE_KEYS = {
  guidance: null,
  templates: 'id',
  activityLog: 'id',
  adCaptures: 'id',
  followedAdvertisers: 'key',
  media: 'id',
  templateUsage: 'templateId',
  testimonials: 'id',
  outbox: 'id',
  packHistory: 'id',
  personalTemplates: 'id',
  syncState: null,
} as const satisfies Record<string, string | null>;
export type BackupStoreName = keyof typeof STORE_KEYS;
export const STORE_NAMES = Object.keys(STORE_KEYS) as BackupStoreName[];

/** browser.storage.local keys that belong in a backup: the settings and WXT's version mark for them. */
export const STORAGE_KEYS = ['settings', 'settings$'] as const;

/** One record: `key` only for stores whose keys are not part of the value (guidance, syncState). */
export interface BackupRecord {
  key?: string;
  value: unknown;
}

/** A pack as the restore preview names it. */
export interface PackLabel {
  name: string;
  version: number;
}

/** A team address before and after a restore; `refused` is the backup's address when it broke the rules for typed ones. */
export interface UrlChange {
  before?: string;
  after?: string;
  refused?: { url: string; reason: string };
}

/**
 * What restoring a backup would change, shown before anything is changed. The pinned key stays
 * this browser's unless the person takes the backup's (`pin.backup`), whose fingerprint is worked
 * out from its key text here, not read from the file.
 */
export interface RestorePreview {
  createdAt: string;
  appVersion: string;
  pack: { before?: PackLabel; after?: PackLabel };
  teamUrl: UrlChange;
  webhookUrl: UrlChange;
  pin: { before?: string; backup?: string; refused?: string };
  role: { before: 'manager' | 'agent'; after: 'manager' | 'agent' };
  /** Records per store in the backup. */
  counts: Record<string, number>;
  /** The backup brings a signing private key. */
  signingKey: boolean;
}

/** A media file kept beside the manifest. */
export interface BackupMediaFile {
  file: string;
  /** The Blob's own type (may differ from the record's `contentType`, e.g. empty). */
  type: string;
  bytes: number;
  sha256: string;
}

/**
 * The signing key as it travels: CryptoKeys cannot be written to JSON, so the key pair is written
 * as JWKs. The private JWK is there only when the person asked for it; without it the record is
 * informative (which key was in use) and restoring leaves no signing key.
 */
export interface BackupSigningKey {
  algorithm: 'Ed25519' | 'ECDSA-P256';
  publicKeyText: string;
  fingerprint: string;
  createdAt: string;
  publicJwk: JsonWebKey;
  privateJwk?: JsonWebKey;
}

const RecordSchema = z.object({ key: z.optional(z.string()), value: z.unknown() });

export const BackupManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  dbVersion: z.int().check(z.gte(1)),
  createdAt: IsoDateTimeSchema,
  app: z.object({ name: z.string(), version: z.string() }),
  includesPrivateKey: z.boolean(),
  counts: z.record(z.string(), z.int().check(z.gte(0))),
  stores: z.object(
    Object.fromEntries(STORE_NAMES.map((name) => [name, z.array(RecordSchema)])) as Record<
      BackupStoreName,
      z.ZodMiniArray<typeof RecordSchema>
    >,
  ),
  /** browser.storage.local values by key (only STORAGE_KEYS). */
  storage: z.record(z.string(), z.unknown()),
  /** Sites beyond the six platforms where Dalil was turned on (each needs its permission again). */
  enabledSites: z.array(z.string()),
  /** Media files by record id. */
  media: z.record(
    z.string(),
    z.object({
      file: z.string().check(z.startsWith(MEDIA_DIR)),
      type: z.string(),
      bytes: z.int().check(z.gte(0)),
      sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
    }),
  ),
  /** SHA-256 of `JSON.stringify([stores, storage, enabledSites, media])`: a changed record is found. */
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;

/** The part of the manifest its checksum covers, serialised the same way when written and read. */
export const checkedPart = (m: Pick<BackupManifest, 'stores' | 'storage' | 'enabledSites' | 'media'>): string =>
  JSON.stringify([m.stores, m.storage, m.enabledSites, m.media]);

export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A media id as a zip entry name: ids are ours, but a `/` or `..` must never become a path. */
export const mediaFileName = (id: string) => `${MEDIA_DIR}${encodeURIComponent(id).replace(/\./g, '%2E')}`;

/** A backup problem: `code` is `backup-…`, shown in the panel by `backup.problem.…`; `message` is English. */
export function backupProblem(code: string, message: string, path = '$', params?: Record<string, string>): Problem {
  return params ? { path, code: `backup-${code}`, message, params } : { path, code: `backup-${code}`, message };
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // In chunks: spreading megabytes into one fromCharCode call overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Throws on text that is not base64. */
export function base64ToBytes(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/**
 * Values as IndexedDB keeps them, made plain JSON: a Date becomes `{ "$date": iso }` and an array
 * hole or `undefined` element `{ "$undefined": true }` (sparse arrays exist: media errors by index),
 * so the restored records are the same as the saved ones, not merely similar.
 */
export function encodeValue(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.toISOString() };
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++)
      out.push(i in value && value[i] !== undefined ? encodeValue(value[i]) : { $undefined: true });
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = encodeValue(item);
    return out;
  }
  return value;
}

/** Keys that would reach an object's prototype when assigned: skipped wherever they appear in a backup. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Decodes what encodeValue wrote; `__proto__`, `constructor` and `prototype` keys are skipped at any depth. */
export function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    value.forEach((item, i) => {
      if (!isMarker(item, '$undefined')) out[i] = decodeValue(item);
    });
    return out;
  }
  if (value !== null && typeof value === 'object') {
    if (isMarker(value, '$date')) return new Date((value as { $date: string }).$date);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (!PROTOTYPE_KEYS.has(key)) out[key] = decodeValue(item);
    return out;
  }
  return value;
}

const isMarker = (value: unknown, key: '$date' | '$undefined'): boolean =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && key in value;
