/**
 * Swipe-file ZIPs over Ports, as the panel and the worker do them (utils/swipe-file/swipe-zip-transfer.ts ↔
 * entrypoints/background/swipe-zip-ports.ts), through in-memory ports that serialise as JSON, against real
 * (fake-indexeddb) databases: an export is read back whole, an import of any size lands at once or not at all.
 */
import { createHash } from 'node:crypto';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectSwipeZipPort } from '../../../entrypoints/background/swipe-zip-ports';
import { openDalilDatabase } from '../../../utils/db/open';
import type { PortLike } from '../../../utils/messaging/port-link';
import type { StoredAd } from '../../../utils/schemas/stored-records';
import { SWIPE_IMPORT_LIMITS, SwipeImportError } from '../../../utils/swipe-file/swipe-export';
import { downloadSwipeZip, importSwipeFile } from '../../../utils/swipe-file/swipe-zip-transfer';
import { RealBlob } from '../backup/fixtures';

const saved = vi.hoisted(() => [] as Array<{ fileName: string; blob: Blob }>);
vi.mock('../../../utils/export/download', () => ({
  downloadBlob: (fileName: string, blob: Blob) => saved.push({ fileName, blob }),
  downloadText: () => undefined,
}));

let n = 0;
const freshDb = () => openDalilDatabase(`swipe-stream-${++n}-${Math.random()}`);
beforeEach(() => {
  vi.stubGlobal('Blob', RealBlob);
  saved.length = 0;
});
afterEach(() => vi.unstubAllGlobals());

/** A Port's two ends: later delivery, in order, JSON copies; disconnect tells the other end only. */
function portPair(name: string) {
  const end = () => ({ message: [] as Array<(m: unknown) => void>, gone: [] as Array<() => void>, open: true });
  const a = end();
  const b = end();
  const port = (self: typeof a, other: typeof a): PortLike => ({
    name,
    postMessage(message) {
      if (!self.open) throw new Error('Attempting to use a disconnected port object');
      const copy = JSON.parse(JSON.stringify(message));
      setTimeout(() => {
        if (other.open) for (const listener of other.message) listener(copy);
      });
    },
    disconnect() {
      if (!self.open) return;
      self.open = false;
      setTimeout(() => {
        other.open = false;
        for (const listener of other.gone) listener();
      });
    },
    onMessage: { addListener: (listener) => void self.message.push(listener) },
    onDisconnect: { addListener: (listener) => void self.gone.push(listener) },
  });
  return { panel: port(a, b), background: port(b, a) };
}

function backgroundFor(db: Awaited<ReturnType<typeof freshDb>>) {
  const deps = {
    db: async () => db,
    actorName: async () => 'ليلى',
    broadcast: () => undefined,
    now: () => '2026-12-06T10:00:00.000Z',
  };
  return (name: string) => {
    const pair = portPair(name);
    expect(connectSwipeZipPort(pair.background, deps)).toBe(true);
    return pair.panel;
  };
}

const ad = (i: number, blobIds: string[]): StoredAd => ({
  id: `meta:${i}`,
  library: 'meta',
  libraryAdId: String(i),
  advertiserName: 'مقهى دليل',
  media: blobIds.map((blobId) => ({ kind: 'video' as const, url: `https://video.xx.fbcdn.net/${blobId}.mp4`, blobId })),
  pageUrl: 'https://www.facebook.com/ads/library/',
  capturedAt: '2026-11-20T10:00:00.000Z',
  tags: ['ramadan'],
  boards: [],
});
function bytes(seed: number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  if (size > 2000) out.set([0x50, 0x4b, 0x07, 0x08], 1000);
  return out;
}
const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

async function swipeFileWith(videos: Uint8Array[]) {
  const db = await freshDb();
  const tx = db.transaction(['adCaptures', 'media'], 'readwrite');
  await Promise.all([
    ...videos.map((v, i) =>
      tx.objectStore('media').put({
        id: `v${i}`,
        blob: new RealBlob([v as BlobPart], { type: 'video/mp4' }),
        contentType: 'video/mp4',
        sourceUrl: '',
      }),
    ),
    tx.objectStore('adCaptures').put(ad(1, ['v0', 'v1'])),
    tx.objectStore('adCaptures').put(
      ad(
        2,
        videos.slice(2).map((_, i) => `v${i + 2}`),
      ),
    ),
    tx.done,
  ]);
  return db;
}

/** Each saved media file's type and checksum, and the ads without their media ids (an import gives new ones). */
async function contents(db: Awaited<ReturnType<typeof freshDb>>) {
  const media = await Promise.all(
    (await db.getAll('media')).map(async (m) => `${m.blob.type} ${sha(new Uint8Array(await m.blob.arrayBuffer()))}`),
  );
  const ads = (await db.getAll('adCaptures')).map(({ media: items, ...rest }) => ({
    ...rest,
    media: items.map(({ blobId: _b, ...item }) => item),
  }));
  return { media: media.sort(), ads };
}

describe('swipe-file ZIPs over ports', () => {
  it('exports several-megabyte videos in chunks with progress, and imports them back into another swipe file', async () => {
    const source = await swipeFileWith([bytes(1, 2_400_000), bytes(2, 1_300_000), bytes(3, 3_100_000)]);
    const progress: Array<{ done: number; total: number }> = [];
    const made = await downloadSwipeZip(['meta:1', 'meta:2'], {
      connect: backgroundFor(source),
      onProgress: (p) => progress.push(p),
    });
    expect(made.fileName).toBe('dalil-swipe-file-2026-12-06.zip');
    expect(progress.at(-1)).toEqual({ done: 3, total: 3 });
    const file = saved[0].blob;
    // Any zip tool reads it, in the format readSwipeExport always read.
    const entries = unzipSync(new Uint8Array(await file.arrayBuffer()));
    expect(Object.keys(entries).sort()).toEqual(['ads.json', 'media/index.json', 'media/v0.mp4', 'media/v1.mp4', 'media/v2.mp4']);

    const target = await freshDb();
    const reading: Array<{ done: number; total: number }> = [];
    const result = await importSwipeFile(file, 'export.zip', {
      connect: backgroundFor(target),
      onProgress: (p) => reading.push(p),
    });
    expect(result).toEqual({ imported: 2, problems: [], total: 2 });
    expect(reading.at(-1)).toEqual({ done: 6_800_000, total: 6_800_000 });
    const [before, after] = [await contents(source), await contents(target)];
    expect(after.media).toEqual(before.media);
    expect(after.ads).toMatchObject(before.ads.map(({ id, libraryAdId, media }) => ({ id, libraryAdId, media })));
    // New ids: the file's own ids are labels, never the ids here.
    expect((await target.getAllKeys('media')).some((id) => String(id).startsWith('v'))).toBe(false);
  });

  it('imports past the 46 MB that one message could carry', async () => {
    const videos = [bytes(7, 20_000_000), bytes(8, 20_000_000), bytes(9, 20_000_000)];
    const source = await swipeFileWith(videos);
    await downloadSwipeZip(['meta:1', 'meta:2'], { connect: backgroundFor(source) });
    expect(saved[0].blob.size).toBeGreaterThan(SWIPE_IMPORT_LIMITS.totalBytes);
    const target = await freshDb();
    expect(await importSwipeFile(saved[0].blob, 'big.zip', { connect: backgroundFor(target) })).toMatchObject({ imported: 2 });
    expect((await contents(target)).media).toEqual((await contents(source)).media);
  }, 60_000);

  it('stopped while importing: nothing is written', async () => {
    const source = await swipeFileWith([bytes(1, 3_000_000), bytes(2, 3_000_000)]);
    await downloadSwipeZip(['meta:1'], { connect: backgroundFor(source) });
    const target = await freshDb();
    const stop = new AbortController();
    await expect(
      importSwipeFile(saved[0].blob, 'x.zip', {
        connect: backgroundFor(target),
        signal: stop.signal,
        onProgress: (p) => p.done > 0 && stop.abort(),
      }),
    ).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 50));
    expect(await target.count('adCaptures')).toBe(0);
    expect(await target.count('media')).toBe(0);
  });

  it('refuses a zip bomb and a file past the limits from the zip directory, before anything is sent', async () => {
    const target = await freshDb();
    const connect = vi.fn(backgroundFor(target));
    const refused = async (zip: Uint8Array, limits = SWIPE_IMPORT_LIMITS) =>
      importSwipeFile(new RealBlob([zip as BlobPart]), 'x.zip', { connect, limits }).then(
        () => 'imported',
        (error) => (error instanceof SwipeImportError ? error.code : String(error)),
      );
    expect(await refused(zipSync({ 'ads.json': new Uint8Array(30 * 1024 * 1024) }, { level: 9 }))).toBe('zip-bomb');
    expect(await refused(zipSync({ 'a.txt': strToU8('x'), 'b.txt': strToU8('y') }), { ...SWIPE_IMPORT_LIMITS, entries: 1 })).toBe(
      'too-many-files',
    );
    expect(await refused(zipSync({ 'notes.txt': strToU8('hello') }))).toBe('no-ads');
    expect(await refused(strToU8('PK not a zip'))).toBe('not-zip');
    expect(connect).not.toHaveBeenCalled();
  });
});
