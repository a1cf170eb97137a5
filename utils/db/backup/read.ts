import { strFromU8, unzipSync } from 'fflate';
import { z } from 'zod/mini';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupManifest,
  BackupManifestSchema,
  type BackupMediaFile,
  type BackupRecord,
  type BackupStoreName,
  backupProblem,
  checkedPart,
  decodeValue,
  MANIFEST_FILE,
  MAX_UNZIPPED_BYTES,
  MEDIA_DIR,
  megabytes,
  OLDEST_RESTORABLE_DB_VERSION,
  STORE_KEYS,
  STORE_NAMES,
  sha256Hex,
} from '../../backup/format';
import { type Problem, problemsFromZod } from '../../guidance/problems';
import { DB_VERSION } from '../migrations';
import { parseGuidanceHeader, STORAGE_SCHEMAS, SYNC_SCHEMAS, VALUE_SCHEMAS } from './record-schemas';

/** A backup file read, checked and ready to restore: records as IndexedDB will hold them (except Blobs and keys). */
export interface ParsedBackup {
  manifest: BackupManifest;
  /** Per store, decoded from JSON; media records without their Blob. */
  stores: Record<BackupStoreName, BackupRecord[]>;
  /** Media by id, as Blobs with their own type. */
  media: Map<string, Blob>;
  /** browser.storage.local values by key. */
  storage: Record<string, unknown>;
  enabledSites: string[];
}

export type ReadBackupResult = { ok: true; backup: ParsedBackup } | { ok: false; problems: Problem[] };

const MAX_PROBLEMS = 200;

const OriginSchema = z.string().check(z.regex(/^https?:\/\/[^/\s]+$/));

/**
 * Reads a backup zip: refuses anything that is not a complete, unaltered backup this Dalil can
 * restore — not a zip, no manifest, another format, a newer format or database, changed or
 * missing files, records that fail their schemas — with every problem found.
 */
export async function readBackup(bytes: Uint8Array): Promise<ReadBackupResult> {
  const fail = (...problems: Problem[]): ReadBackupResult => ({ ok: false, problems });
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    return fail(
      backupProblem('not-zip', 'This file is not a Dalil backup: a backup is a .zip file made by “Back up everything”.'),
    );
  }

  let files: Record<string, Uint8Array>;
  let expanded = 0;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (file.name !== MANIFEST_FILE && !file.name.startsWith(MEDIA_DIR) && file.name !== 'ads.json') return false;
        expanded += file.originalSize;
        if (expanded > MAX_UNZIPPED_BYTES) throw new RangeError('too large');
        return true;
      },
    });
  } catch (error) {
    return error instanceof RangeError && error.message === 'too large'
      ? fail(
          backupProblem(
            'too-large',
            `The zip unpacks to more than ${megabytes(MAX_UNZIPPED_BYTES)} MB: not a Dalil backup.`,
            '$',
            {
              limit: megabytes(MAX_UNZIPPED_BYTES),
            },
          ),
        )
      : fail(backupProblem('unreadable', 'The zip file is damaged or incomplete (was the download cut short?).'));
  }

  const manifestBytes = files[MANIFEST_FILE];
  if (!manifestBytes) {
    return files['ads.json']
      ? fail(
          backupProblem(
            'swipe-export',
            'This zip is a swipe-file export, not a backup: import it in the Swipe file tab.',
            MANIFEST_FILE,
          ),
        )
      : fail(backupProblem('no-manifest', `This zip is not a Dalil backup: it has no ${MANIFEST_FILE}.`, MANIFEST_FILE));
  }

  const read = await readBackupManifest(manifestBytes);
  if (!read.ok) return read;
  const media = new Map<string, Blob>();
  const problems: Problem[] = [];
  for (const want of read.manifest.media) {
    const data = want.file ? files[want.file.file] : undefined;
    const problem = await checkMediaFile(want, data);
    if (problem) {
      if (problems.length < MAX_PROBLEMS) problems.push(problem);
    } else if (want.file && data) media.set(want.id, new Blob([data as BlobPart], { type: want.file.type }));
  }
  if (problems.length > 0) return fail(...problems);
  return { ok: true, backup: backupWithMedia(read.manifest, media) };
}

/** A media file the manifest lists for a media record: where it should be in the zip and what it must hold. */
export interface WantedMedia {
  id: string;
  /** The record's place, for problems. */
  path: string;
  /** Absent when the manifest lists no file for the record (reported as missing). */
  file?: BackupMediaFile;
}

/** A backup's manifest read and checked, its media still to come. */
export interface ManifestRead {
  manifest: BackupManifest;
  stores: Record<BackupStoreName, BackupRecord[]>;
  storage: Record<string, unknown>;
  enabledSites: string[];
  media: WantedMedia[];
}

/**
 * The manifest read and checked on its own (all but the media files' bytes): its problems are
 * final before any media file is read, so a bad backup is refused before gigabytes are sent.
 */
export async function readBackupManifest(
  manifestBytes: Uint8Array,
): Promise<{ ok: true; manifest: ManifestRead } | { ok: false; problems: Problem[] }> {
  const fail = (...problems: Problem[]) => ({ ok: false as const, problems });
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(strFromU8(manifestBytes)) as Record<string, unknown>;
  } catch {
    return fail(
      backupProblem('unreadable', 'The zip file is damaged or incomplete (was the download cut short?).', MANIFEST_FILE),
    );
  }
  if (raw === null || typeof raw !== 'object' || raw.format !== BACKUP_FORMAT) {
    return fail(backupProblem('foreign', `${MANIFEST_FILE} is not a Dalil backup manifest.`, 'format'));
  }
  if (typeof raw.formatVersion === 'number' && raw.formatVersion > BACKUP_FORMAT_VERSION) {
    return fail(
      backupProblem('newer-format', 'This backup was made by a newer Dalil: update Dalil, then restore it.', 'formatVersion', {
        version: String(raw.formatVersion),
      }),
    );
  }
  if (typeof raw.dbVersion === 'number' && raw.dbVersion > DB_VERSION) {
    return fail(
      backupProblem('newer-format', 'This backup was made by a newer Dalil: update Dalil, then restore it.', 'dbVersion', {
        version: String(raw.dbVersion),
      }),
    );
  }
  if (typeof raw.dbVersion === 'number' && raw.dbVersion < OLDEST_RESTORABLE_DB_VERSION) {
    return fail(
      backupProblem(
        'older-db',
        `This backup holds database version ${raw.dbVersion}; this Dalil restores versions ${OLDEST_RESTORABLE_DB_VERSION}–${DB_VERSION}.`,
        'dbVersion',
        { version: String(raw.dbVersion), current: String(DB_VERSION) },
      ),
    );
  }
  const parsed = BackupManifestSchema.safeParse(raw);
  if (!parsed.success) return fail(...problemsFromZod(parsed.error));
  const manifest = parsed.data;

  // The checksum is over the text as written: the raw parse, not zod's (which may reorder keys).
  const rawChecked = raw as unknown as Parameters<typeof checkedPart>[0];
  if ((await sha256Hex(checkedPart(rawChecked))) !== manifest.sha256) {
    return fail(
      backupProblem('checksum', 'The backup was changed or damaged after it was made: its checksum does not match.', 'sha256'),
    );
  }

  const problems: Problem[] = [];
  const add = (problem: Problem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };
  const rawStores = rawChecked.stores as Record<BackupStoreName, BackupRecord[]>;
  // Every record parsed: what is restored is the schemas' output (unknown fields dropped), never the file's objects.
  const stores = {} as Record<BackupStoreName, BackupRecord[]>;
  for (const name of STORE_NAMES) {
    if (manifest.counts[name] !== rawStores[name].length) {
      add(
        backupProblem(
          'count-mismatch',
          `${name}: the manifest counts ${manifest.counts[name]} records, the file has ${rawStores[name].length}.`,
          `counts.${name}`,
          {
            store: name,
          },
        ),
      );
    }
    stores[name] = parseStore(name, rawStores[name], add);
  }

  const wanted: WantedMedia[] = [];
  for (const [index, record] of rawStores.media.entries()) {
    const id = (record.value as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') continue; // reported by the record check
    wanted.push({ id, path: `stores.media[${index}]`, file: manifest.media[id] });
  }

  const storage: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(manifest.storage)) {
    if (!Object.hasOwn(STORAGE_SCHEMAS, key)) continue; // not Dalil's to restore: left out
    const result = STORAGE_SCHEMAS[key as keyof typeof STORAGE_SCHEMAS].safeParse(decodeValue(value));
    if (!result.success) for (const p of problemsFromZod(result.error)) add(prefixed(`storage.${key}`, p));
    else storage[key] = result.data;
  }
  for (const [index, origin] of manifest.enabledSites.entries()) {
    if (!OriginSchema.safeParse(origin).success) add({ path: `enabledSites[${index}]`, message: `Not a site origin: ${origin}` });
  }

  if (problems.length > 0) return fail(...problems);
  return { ok: true, manifest: { manifest, stores, storage, enabledSites: manifest.enabledSites, media: wanted } };
}

/** The problem with one media file's bytes (absent, another size, another checksum), or undefined when it is the one the manifest made. */
export async function checkMediaFile(want: WantedMedia, data: Uint8Array | undefined): Promise<Problem | undefined> {
  const entry = want.file;
  if (!entry || !data) {
    return backupProblem('missing-file', `The media file of ${want.id} is missing from the zip.`, want.path, {
      file: entry?.file ?? want.id,
    });
  }
  if (data.length !== entry.bytes || (await sha256Hex(data)) !== entry.sha256) {
    return backupProblem(
      'checksum',
      `The media file ${entry.file} was changed or damaged: its checksum does not match.`,
      want.path,
    );
  }
  return undefined;
}

/** The backup ready to restore, its media as Blobs by id (Blobs the browser may keep on disk rather than in memory). */
export function backupWithMedia(read: ManifestRead, media: Map<string, Blob>): ParsedBackup {
  const { manifest, stores, storage, enabledSites } = read;
  return { manifest, stores, media, storage, enabledSites };
}

function prefixed(prefix: string, problem: Problem): Problem {
  const path =
    problem.path === '$' ? prefix : problem.path.startsWith('[') ? `${prefix}${problem.path}` : `${prefix}.${problem.path}`;
  return { ...problem, path };
}

/**
 * Each record parsed with its store's schema (its output is what will be stored), keys present
 * where needed, no key twice. Gives the parsed records; problems go to `add`.
 */
function parseStore(name: BackupStoreName, records: BackupRecord[], add: (problem: Problem) => void): BackupRecord[] {
  const keyPath = STORE_KEYS[name];
  const seen = new Map<string, number>();
  const adsSeen = new Map<string, number>();
  const parsed: BackupRecord[] = [];
  records.forEach((record, index) => {
    const path = `stores.${name}[${index}]`;
    const value = decodeValue(record.value);
    let key: string | undefined;
    let result: { success: true; data: unknown } | { success: false; error: z.core.$ZodError } | undefined;
    if (keyPath === null) {
      key = record.key;
      if (name === 'guidance') {
        if (key !== 'active') add({ path: `${path}.key`, message: `Unknown guidance record "${key}"` });
        result = parseGuidanceHeader(value);
      } else {
        const schema = key !== undefined && Object.hasOwn(SYNC_SCHEMAS, key) ? SYNC_SCHEMAS[key] : undefined;
        if (!schema) add({ path: `${path}.key`, message: `Unknown sync record "${key}"` });
        result = schema?.safeParse(value);
      }
    } else {
      const own = (value as Record<string, unknown> | null)?.[keyPath];
      key = typeof own === 'string' ? own : undefined;
      result = VALUE_SCHEMAS[name as keyof typeof VALUE_SCHEMAS].safeParse(value);
    }
    if (result && !result.success) for (const p of problemsFromZod(result.error, 20)) add(prefixed(`${path}.value`, p));
    else if (result) {
      const data = name === 'adCaptures' ? withMediaErrorHoles(result.data) : result.data;
      parsed.push(keyPath === null ? { key, value: data } : { value: data });
    }
    if (key !== undefined) {
      const first = seen.get(key);
      if (first !== undefined) {
        add(
          backupProblem('duplicate-key', `${name}: "${key}" is there twice (also ${name}[${first}]).`, path, {
            value: key,
            other: `stores.${name}[${first}]`,
          }),
        );
      } else seen.set(key, index);
    }
    if (name === 'adCaptures') {
      // The store's unique index: two records for one library ad would fail the restore's write.
      const ad = value as { library?: unknown; libraryAdId?: unknown } | null;
      const libraryKey = `${String(ad?.library)}:${String(ad?.libraryAdId)}`;
      const first = adsSeen.get(libraryKey);
      if (first !== undefined) {
        add(
          backupProblem('duplicate-key', `adCaptures: the ad ${libraryKey} is there twice (also adCaptures[${first}]).`, path, {
            value: libraryKey,
            other: `stores.adCaptures[${first}]`,
          }),
        );
      } else adsSeen.set(libraryKey, index);
    }
  });
  return parsed;
}

/** zod gives `undefined` where the array had a hole: media errors are kept sparse, as the swipe file writes them. */
function withMediaErrorHoles(ad: unknown): unknown {
  const errors = (ad as { mediaErrors?: Array<string | undefined> }).mediaErrors;
  if (!errors) return ad;
  const sparse: string[] = [];
  sparse.length = errors.length;
  errors.forEach((error, i) => {
    if (error !== undefined) sparse[i] = error;
  });
  return { ...(ad as object), mediaErrors: sparse };
}
