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
function publicRecord(ad: StoredAd): AdCapture {
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

const extensionOf = (type: string) =>
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

const TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  mp4: 'video/mp4',
  webm: 'video/webm',
};

/** Reads a JSON or ZIP export back. Throws a readable Error on anything that is not one. */
export function readSwipeExport(fileName: string, bytes: Uint8Array): SwipeImport {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  let json: string;
  const media: Record<string, string> = {};
  if (isZip) {
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(bytes);
    } catch {
      throw new Error(`${fileName} is not a readable zip file`);
    }
    if (!files['ads.json']) throw new Error(`${fileName} has no ads.json: not a Dalil swipe-file export`);
    json = strFromU8(files['ads.json']);
    const index = files['media/index.json'] ? (JSON.parse(strFromU8(files['media/index.json'])) as Record<string, string>) : {};
    for (const [blobId, name] of Object.entries(index)) {
      const data = files[name];
      if (!data) continue;
      media[blobId] = bytesToDataUrl(data, TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream');
    }
  } else {
    json = new TextDecoder().decode(bytes);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error(`${fileName} is not valid JSON`);
  }
  const doc = parsed as { format?: unknown; ads?: unknown };
  if (doc?.format !== SWIPE_FORMAT || !Array.isArray(doc.ads)) throw new Error(`${fileName} is not a Dalil swipe-file export`);
  return { ads: doc.ads, media };
}
