/**
 * Backups over Ports, as the panel and the worker do them: the panel's side (utils/backup/backup-transfer.ts)
 * talks to the background's (entrypoints/background/backup-ports.ts) through a pair of in-memory ports that
 * serialise each message as JSON, as Chrome's do, against real (fake-indexeddb) databases.
 */
import { createHash } from 'node:crypto';
import { Unzip, UnzipInflate, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { backupService } from '../../../entrypoints/background/backup-handlers';
import { connectBackupPort } from '../../../entrypoints/background/backup-ports';
import { downloadBackup, openRestore } from '../../../utils/backup/backup-transfer';
import { MANIFEST_FILE } from '../../../utils/backup/format';
import { openDalilDatabase } from '../../../utils/db/open';
import type { PortLike } from '../../../utils/messaging/port-link';
import { ad, dump, fillProfile, RealBlob, storage } from './fixtures';

const saved = vi.hoisted(() => [] as Array<{ fileName: string; blob: Blob }>);
vi.mock('../../../utils/export/download', () => ({
  downloadBlob: (fileName: string, blob: Blob) => saved.push({ fileName, blob }),
  downloadText: () => undefined,
}));

let n = 0;
const freshDb = () => openDalilDatabase(`stream-${++n}-${Math.random()}`);

beforeEach(() => {
  vi.stubGlobal('Blob', RealBlob);
  saved.length = 0;
});
afterEach(() => vi.unstubAllGlobals());

/** Two ends of a Port: messages arrive later, in order, as JSON copies; disconnect tells the other end only. */
function portPair(name: string): { panel: PortLike; background: PortLike; posted: { toPanel: number; toBackground: number } } {
  const posted = { toPanel: 0, toBackground: 0 };
  const end = () => ({
    message: [] as Array<(m: unknown) => void>,
    gone: [] as Array<() => void>,
    open: true,
  });
  const a = end();
  const b = end();
  const port = (self: typeof a, other: typeof a, count: 'toPanel' | 'toBackground'): PortLike => ({
    name,
    postMessage(message) {
      if (!self.open) throw new Error('Attempting to use a disconnected port object');
      posted[count]++;
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
  return { panel: port(a, b, 'toBackground'), background: port(b, a, 'toPanel'), posted };
}

/** A background for `db`; `connect` opens a port to it as the panel would. */
function backgroundFor(db: Awaited<ReturnType<typeof freshDb>>) {
  const service = backupService({
    db: async () => db,
    actorName: async () => 'ليلى',
    now: () => '2026-12-06T10:00:00.000Z',
    storage: storage(),
    appVersion: () => '1.2.3',
  });
  const pairs: Array<ReturnType<typeof portPair>> = [];
  return {
    pairs,
    connect: (name: string) => {
      const pair = portPair(name);
      pairs.push(pair);
      expect(connectBackupPort(pair.background, service)).toBe(true);
      return pair.panel;
    },
  };
}

/** Media big enough to take several chunks each, every byte value in it, and the zip signatures a scanner would stop at. */
function video(seed: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  if (size > 6000) {
    bytes.set([0x50, 0x4b, 0x07, 0x08], 1000); // a data descriptor's signature
    bytes.set([0x50, 0x4b, 0x03, 0x04], 5000); // a local header's
  }
  return bytes;
}
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const blobSha = async (blob: Blob) => sha(new Uint8Array(await blob.arrayBuffer()));

async function profileWithVideos(sizes: number[]) {
  const db = await freshDb();
  await fillProfile(db);
  const videos = sizes.map((size, i) => video(i + 1, size));
  const tx = db.transaction(['media', 'adCaptures'], 'readwrite');
  await Promise.all([
    ...videos.map((bytes, i) =>
      tx.objectStore('media').put({
        id: `video-${i}`,
        blob: new RealBlob([bytes as BlobPart], { type: 'video/mp4' }),
        contentType: 'video/mp4',
        sourceUrl: `https://video.xx.fbcdn.net/${i}.mp4`,
      }),
    ),
    tx.objectStore('adCaptures').put(
      ad(50, {
        media: videos.map((_, i) => ({
          kind: 'video' as const,
          url: `https://video.xx.fbcdn.net/${i}.mp4`,
          blobId: `video-${i}`,
        })),
      }),
    ),
    tx.done,
  ]);
  return { db, videos };
}

/** Every store but the media's bytes, which are compared by checksum. */
async function records(db: Awaited<ReturnType<typeof freshDb>>) {
  const all = (await dump(db)) as Record<string, unknown>;
  const media = await Promise.all(
    ((await db.getAll('media')) as Array<{ id: string; blob: Blob }>).map(async (m) => [
      m.id,
      m.blob.type,
      await blobSha(m.blob),
    ]),
  );
  return { ...all, media } as Record<string, unknown>;
}

describe('a backup over ports', () => {
  it('round-trips a profile with several-megabyte videos, in chunks, with progress, into another profile', async () => {
    const { db, videos } = await profileWithVideos([2_500_000, 3_300_000, 0]);
    const before = await records(db);
    const source = backgroundFor(db);
    const progress: Array<{ done: number; total: number }> = [];

    const made = await downloadBackup(true, { connect: source.connect, onProgress: (p) => progress.push(p) });
    expect(made.fileName).toBe('dalil-backup-2026-12-06-1000.zip');
    expect(saved).toHaveLength(1);
    const file = saved[0].blob;
    expect(file.size).toBe(made.bytes);
    // The zip came in many chunks, each acknowledged: no more than a few were ever waiting.
    expect(source.pairs[0].posted.toPanel).toBeGreaterThan(5);
    const total = videos.reduce((s, v) => s + v.length, 0) + 1024 + 10;
    expect(progress.at(-1)).toEqual({ done: total, total });
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((x, y) => x - y));
    // Any zip tool reads it: every video byte for byte.
    const entries = unzipSync(new Uint8Array(await file.arrayBuffer()));
    expect(Object.keys(entries)).toContain(MANIFEST_FILE);
    expect(sha(entries['media/video-1'])).toBe(sha(videos[1]));

    // Restored into a profile holding other data.
    fakeBrowser.reset();
    const target = await freshDb();
    await target.put('adCaptures', ad(99));
    const reading: Array<{ done: number; total: number }> = [];
    const opened = await openRestore(file, { connect: backgroundFor(target).connect, onProgress: (p) => reading.push(p) });
    if (!opened.ok) throw new Error(JSON.stringify(opened.problems));
    expect(opened.session.preview.counts.media).toBe(5);
    expect(reading.at(-1)?.done).toBe(reading.at(-1)?.total);
    expect(reading.at(-1)?.done).toBeGreaterThan(total);
    // Nothing written while the person reads the preview.
    expect((await target.getAll('adCaptures')).map((a) => a.id)).toEqual([ad(99).id]);

    const outcome = await opened.session.confirm({ fileName: 'backup.zip', usePinnedKey: true });
    expect(outcome).toMatchObject({ ok: true, counts: { media: 5, adCaptures: 3 } });
    const after = await records(target);
    const restoreEntry = (after.activityLog as Array<{ key: unknown; value: { kind: string } }>).filter(
      (r) => r.value.kind === 'backup.restored',
    );
    expect(restoreEntry).toHaveLength(1);
    // The fixture's pinned key is no real key: the preview refuses it, as the message path's tests show.
    const withoutPin = (rows: unknown) => (rows as Array<{ key: unknown }>).filter((r) => r.key !== 'pinnedKey');
    expect({
      ...after,
      activityLog: (after.activityLog as Array<{ key: unknown }>).filter((r) => r.key !== restoreEntry[0].key),
      outbox: before.outbox,
      logCounts: undefined,
      syncState: withoutPin(after.syncState),
    }).toEqual({ ...before, logCounts: undefined, syncState: withoutPin(before.syncState) });
  });

  it('reads a zip entry by its directory, so a video holding zip signatures is not cut where fflate’s Unzip would cut it', async () => {
    const { db, videos } = await profileWithVideos([200_000]);
    await downloadBackup(false, { connect: backgroundFor(db).connect });
    // fflate's streaming Unzip, fed the same file, ends the stored video at the first signature (and then fails).
    let scanned = new Uint8Array(0);
    const unzip = new Unzip((file) => {
      if (file.name !== 'media/video-0') return;
      file.ondata = (_error, chunk) => {
        scanned = new Uint8Array([...scanned, ...chunk]);
      };
      file.start();
    });
    unzip.register(UnzipInflate);
    let refused = false;
    try {
      unzip.push(new Uint8Array(await saved[0].blob.arrayBuffer()), true);
    } catch {
      refused = true; // 'invalid zip data': the bytes after the cut read as a broken entry
    }
    expect(refused || scanned.length < videos[0].length).toBe(true);

    const target = await freshDb();
    const opened = await openRestore(saved[0].blob, { connect: backgroundFor(target).connect });
    expect(opened.ok).toBe(true);
    if (opened.ok) await opened.session.confirm({ fileName: 'b.zip', usePinnedKey: false });
    const restored = (await target.get('media', 'video-0')) as { blob: Blob };
    expect(await blobSha(restored.blob)).toBe(sha(videos[0]));
  });

  it('stopped while the zip is written: no file is offered and the worker stops reading', async () => {
    const { db } = await profileWithVideos([3_000_000, 3_000_000]);
    const source = backgroundFor(db);
    const stop = new AbortController();
    const done = downloadBackup(false, {
      connect: source.connect,
      signal: stop.signal,
      onProgress: (p) => p.done > 0 && stop.abort(),
    });
    await expect(done).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 50));
    const sent = source.pairs[0].posted.toPanel;
    await new Promise((r) => setTimeout(r, 50));
    expect(source.pairs[0].posted.toPanel).toBe(sent);
    expect(saved).toEqual([]);
  });

  it('cancelled at the preview or while reading: nothing in the target changes', async () => {
    const { db } = await profileWithVideos([2_000_000]);
    await downloadBackup(false, { connect: backgroundFor(db).connect });
    const file = saved[0].blob;
    const target = await freshDb();
    await target.put('adCaptures', ad(99));
    const before = await dump(target);

    const opened = await openRestore(file, { connect: backgroundFor(target).connect });
    if (!opened.ok) throw new Error('not read');
    opened.session.cancel();
    await new Promise((r) => setTimeout(r, 20));
    expect(await dump(target)).toEqual(before);

    const stop = new AbortController();
    await expect(
      openRestore(file, { connect: backgroundFor(target).connect, signal: stop.signal, onProgress: () => stop.abort() }),
    ).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 20));
    expect(await dump(target)).toEqual(before);
  });

  it('refuses a media file changed inside the zip, a swipe-file export and a non-zip, writing nothing', async () => {
    const { db } = await profileWithVideos([100_000]);
    await downloadBackup(false, { connect: backgroundFor(db).connect });
    const entries = unzipSync(new Uint8Array(await saved[0].blob.arrayBuffer()));
    entries['media/video-0'][50_000] ^= 1;
    const target = await freshDb();
    const before = await dump(target);
    const open = (bytes: Uint8Array) =>
      openRestore(new RealBlob([bytes as BlobPart]), { connect: backgroundFor(target).connect });

    const changed = await open(zipSync(entries));
    expect(changed).toMatchObject({
      ok: false,
      problems: [{ code: 'backup-checksum', path: expect.stringMatching(/^stores\.media/) }],
    });
    expect(await open(zipSync({ 'ads.json': new Uint8Array([0x7b, 0x7d]) }))).toMatchObject({
      ok: false,
      problems: [{ code: 'backup-swipe-export' }],
    });
    expect(await open(new TextEncoder().encode('hello'))).toMatchObject({ ok: false, problems: [{ code: 'backup-not-zip' }] });
    // Cut short: its directory is gone.
    const whole = zipSync(entries);
    expect(await open(whole.subarray(0, whole.length - 40))).toMatchObject({
      ok: false,
      problems: [{ code: 'backup-unreadable' }],
    });
    expect(await dump(target)).toEqual(before);
  });
});
