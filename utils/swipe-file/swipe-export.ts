/**
 * Exports of the swipe file: JSON (the documented AdCapture records), CSV (one row per ad, for
 * spreadsheets) and ZIP (the JSON plus every saved media file, so the export is complete offline).
 * The ZIP reads back into Dalil without loss.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { toCsv } from '../export/csv';
import type { AdCapture } from '../schemas/ad-capture';
import type { StoredAd } from '../schemas/stored-records';
import { bytesToDataUrl, dataUrlToBytes } from './data-url';
import { daysRunning } from './days-running';

export const SWIPE_FORMAT = 'dalil.swipe-file';

/** The public record: what Dalil keeps internally (deletion marks, visit times) is left out. */
export function publicRecord(ad: StoredAd): AdCapture {
  const { advertiserKey: _k, deletedAt: _d, mediaErrors: _m, lastSeenAt: _l, ...record } = ad;
  return record;
}

export function swipeJson(ads: StoredAd[], exportedAt = new Date().toISOString()): string {
  return `${JSON.stringify({ format: SWIPE_FORMAT, formatVersion: 1, exportedAt, ads: ads.map(publicRecord) }, null, 2)}\n`;
}

export function swipeCsv(ads: StoredAd[], today = new Date()): string {
  return toCsv(
    [
      'library',
      'libraryAdId',
      'advertiserName',
      'advertiserId',
      'startedAt',
      'endedAt',
      'daysRunning',
      'active',
      'platforms',
      'headline',
      'text',
      'cta',
      'landingUrl',
      'media',
      'variantCount',
      'tags',
      'boards',
      'note',
      'pageUrl',
      'capturedAt',
    ],
    ads.map((ad) => [
      ad.library,
      ad.libraryAdId,
      ad.advertiserName,
      ad.advertiserId,
      ad.startedAt,
      ad.endedAt,
      daysRunning(ad, today),
      ad.active,
      ad.platforms?.join(' '),
      ad.headline,
      ad.text,
      ad.cta,
      ad.landingUrl,
      ad.media.map((m) => m.url).join(' '),
      ad.variantCount,
      ad.tags.join(', '),
      ad.boards.join(', '),
      ad.note,
      ad.pageUrl,
      ad.capturedAt,
    ]),
  );
}

export const extensionOf = (type: string) =>
  ({
    'image/jpeg': 'jpg',
    'image/png': 'png',
    'image/webp': 'webp',
    'image/gif': 'gif',
    'video/mp4': 'mp4',
    'video/webm': 'webm',
  })[type.split(';')[0]] ?? 'bin';

/** A zip of ads.json plus media/<blobId>.<ext> for every saved file (media given as data: URLs by blob id). */
export function swipeZip(ads: StoredAd[], media: Record<string, string>): Uint8Array {
  const files: Record<string, Uint8Array> = { 'ads.json': strToU8(swipeJson(ads)) };
  const index: Record<string, string> = {};
  for (const [blobId, dataUrl] of Object.entries(media)) {
    if (!dataUrl.startsWith('data:') || !dataUrl.includes(';base64,')) continue;
    const { type, bytes } = dataUrlToBytes(dataUrl);
    const name = `media/${blobId}.${extensionOf(type)}`;
    files[name] = bytes;
    index[blobId] = name;
  }
  files['media/index.json'] = strToU8(JSON.stringify(index, null, 2));
  return zipSync(files, { level: 0 }); // media is already compressed
}

export interface SwipeImport {
  ads: unknown[];
  media: Record<string, string>;
}

/** Media types by the file extension an export gives them. */
export const TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  mp4: 'video/mp4',
  webm: 'video/webm',
};

/**
 * What a swipe-file ZIP may hold, checked from its central directory before anything is inflated.
 * The import reaches the background as one message (64 MB, media as base64 data: URLs), so more
 * than ~46 MB unpacked could never be sent anyway.
 */
export const SWIPE_IMPORT_LIMITS = {
  entries: 20_000,
  entryBytes: 40 * 1024 * 1024,
  totalBytes: 46 * 1024 * 1024,
  /** Unpacked : packed, past which an entry of over 1 MB is a zip bomb, not an export (Dalil stores media unpacked). */
  ratio: 100,
};

export type SwipeImportErrorCode =
  | 'not-zip'
  | 'no-ads'
  | 'too-many-files'
  | 'file-too-large'
  | 'too-large'
  | 'zip-bomb'
  | 'not-json'
  | 'not-export';

/** Why a file was not imported: `code` and `params` let the panel say it in its language. */
export class SwipeImportError extends Error {
  constructor(
    readonly code: SwipeImportErrorCode,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'SwipeImportError';
  }
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * Unzips only after the central directory's declared sizes pass the limits. fflate then inflates
 * each entry into a buffer of its declared size, so an entry whose data inflates to more than it
 * declared stops there instead of growing.
 */
function unzipLimited(fileName: string, bytes: Uint8Array, limits = SWIPE_IMPORT_LIMITS): Record<string, Uint8Array> {
  const check = zipEntryLimits(fileName, limits);
  try {
    return unzipSync(bytes, {
      filter: (file) => {
        check(file);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof SwipeImportError) throw error;
    throw new SwipeImportError('not-zip', `${fileName} is not a readable zip file`);
  }
}

/**
 * Checks a zip's entries one by one against the limits, from what the central directory
 * declares (size packed, originalSize unpacked), before anything is inflated: throws a
 * SwipeImportError on the first entry past one.
 */
export function zipEntryLimits(
  fileName: string,
  limits: typeof SWIPE_IMPORT_LIMITS,
): (file: { name: string; size: number; originalSize: number }) => void {
  let entries = 0;
  let total = 0;
  return (file) => {
    entries++;
    total += file.originalSize;
    if (entries > limits.entries) {
      throw new SwipeImportError('too-many-files', `${fileName} holds more than ${limits.entries} files`, {
        limit: limits.entries,
      });
    }
    if (file.originalSize > limits.entryBytes) {
      throw new SwipeImportError('file-too-large', `${file.name} in ${fileName} unpacks to ${mb(file.originalSize)} MB`, {
        name: file.name.slice(0, 120),
        size: mb(file.originalSize),
        limit: mb(limits.entryBytes),
      });
    }
    if (total > limits.totalBytes) {
      throw new SwipeImportError('too-large', `${fileName} unpacks to more than ${mb(limits.totalBytes)} MB`, {
        limit: mb(limits.totalBytes),
      });
    }
    if (file.originalSize > 1024 * 1024 && file.originalSize > file.size * limits.ratio) {
      throw new SwipeImportError(
        'zip-bomb',
        `${file.name} in ${fileName} unpacks ${Math.round(file.originalSize / Math.max(1, file.size))} times its size`,
        { name: file.name.slice(0, 120) },
      );
    }
  };
}

/** Reads a JSON or ZIP export back. Throws a SwipeImportError (readable, with a code) on anything that is not one. */
export function readSwipeExport(fileName: string, bytes: Uint8Array, limits = SWIPE_IMPORT_LIMITS): SwipeImport {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  let json: string;
  const media: Record<string, string> = {};
  if (isZip) {
    const files = unzipLimited(fileName, bytes, limits);
    if (!files['ads.json']) throw new SwipeImportError('no-ads', `${fileName} has no ads.json: not a Dalil swipe-file export`);
    json = strFromU8(files['ads.json']);
    let index: Record<string, unknown> = {};
    try {
      if (files['media/index.json']) index = JSON.parse(strFromU8(files['media/index.json']));
    } catch {
      throw new SwipeImportError('not-json', `${fileName}: media/index.json is not valid JSON`);
    }
    for (const [blobId, name] of Object.entries(index ?? {})) {
      if (typeof name !== 'string' || !Object.hasOwn(files, name) || blobId === '__proto__') continue;
      media[blobId] = bytesToDataUrl(files[name], TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream');
    }
  } else {
    json = new TextDecoder().decode(bytes);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new SwipeImportError('not-json', `${fileName} is not valid JSON`);
  }
  const doc = parsed as { format?: unknown; ads?: unknown };
  if (doc?.format !== SWIPE_FORMAT || !Array.isArray(doc.ads)) {
    throw new SwipeImportError('not-export', `${fileName} is not a Dalil swipe-file export`);
  }
  return { ads: doc.ads, media };
}
