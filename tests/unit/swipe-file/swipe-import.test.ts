/**
 * A swipe-file ZIP from anywhere: limits read from the central directory before anything is
 * inflated, new media ids (an import never overwrites media here), one transaction.
 */
import { Blob as NodeBlob } from 'node:buffer';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { swipeFileHandlers } from '../../../entrypoints/background/swipe-file-handlers';
import { type DalilDatabase, openDalilDatabase } from '../../../utils/db/open';
import type { AdCapture } from '../../../utils/schemas/ad-capture';
import {
  readSwipeExport,
  SWIPE_IMPORT_LIMITS,
  SwipeImportError,
  swipeJson,
  swipeZip,
} from '../../../utils/swipe-file/swipe-export';

const panel = { id: 'x', url: 'chrome-extension://x/sidepanel.html' };

const ad = (n: number, extra: Partial<AdCapture> = {}): AdCapture => ({
  id: `meta:${n}`,
  library: 'meta',
  libraryAdId: String(n),
  advertiserName: 'مقهى دليل',
  media: [{ kind: 'image', url: `https://scontent.xx.fbcdn.net/${n}.jpg`, blobId: `file-${n}` }],
  pageUrl: 'https://www.facebook.com/ads/library/',
  capturedAt: '2026-11-20T10:00:00.000Z',
  tags: [],
  boards: [],
  ...extra,
});

const code = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof SwipeImportError ? error.code : `other: ${error}`;
  }
  return 'no error';
};

/**
 * Rewrites the declared "unpacked size" of a zip's entries (local headers and central directory),
 * all of them or the one named, as a forger would.
 */
function declareSize(zip: Uint8Array, size: number, only?: string): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const nameAt = (offset: number, length: number) => new TextDecoder().decode(out.subarray(offset, offset + length));
  for (let i = 0; i + 46 <= out.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50 && (!only || nameAt(i + 30, view.getUint16(i + 26, true)) === only)) {
      view.setUint32(i + 22, size, true);
    }
    if (signature === 0x02014b50 && (!only || nameAt(i + 46, view.getUint16(i + 28, true)) === only)) {
      view.setUint32(i + 24, size, true);
    }
  }
  return out;
}

describe('limits checked before inflating', () => {
  it('refuses a zip bomb: an entry that unpacks to a hundred times its packed size', () => {
    const bomb = zipSync({ 'ads.json': new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(50_000);
    expect(code(() => readSwipeExport('bomb.zip', bomb))).toBe('zip-bomb');
  });

  it('refuses an entry declaring more than the per-file limit, without inflating it', () => {
    const honest = zipSync({ 'ads.json': strToU8(swipeJson([])) }, { level: 0 });
    const huge = declareSize(honest, 2 * 1024 * 1024 * 1024 - 1);
    expect(code(() => readSwipeExport('huge.zip', huge))).toBe('file-too-large');
  });

  it('refuses more files, or more bytes in all, than an import can carry', () => {
    const files = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`media/${i}.png`, new Uint8Array(10)]));
    const zip = zipSync({ 'ads.json': strToU8(swipeJson([])), ...files }, { level: 0 });
    expect(code(() => readSwipeExport('many.zip', zip, { ...SWIPE_IMPORT_LIMITS, entries: 5 }))).toBe('too-many-files');
    expect(code(() => readSwipeExport('big.zip', zip, { ...SWIPE_IMPORT_LIMITS, totalBytes: 100 }))).toBe('too-large');
    // The real limit: what one message can carry to the background (64 MB as base64).
    expect(SWIPE_IMPORT_LIMITS.totalBytes * (4 / 3)).toBeLessThan(64 * 1024 * 1024);
  });

  it('an entry that inflates to more than it declared stops at its declared size', () => {
    const files = {
      'ads.json': strToU8(swipeJson([ad(1)])),
      'media/index.json': strToU8('{"file-1":"media/file-1.png"}'),
      'media/file-1.png': new Uint8Array(500_000),
    };
    const lying = declareSize(zipSync(files, { level: 9 }), 100, 'media/file-1.png');
    const read = readSwipeExport('lying.zip', lying);
    expect(atob(read.media['file-1'].split(',')[1])).toHaveLength(100);
    // Every entry lying: the JSON, cut short at its declared size, is not read as an export.
    expect(code(() => readSwipeExport('lying.zip', declareSize(zipSync(files, { level: 9 }), 100)))).toBe('not-json');
  });

  it('says each refusal in both languages', async () => {
    const { en, ar } = await import('../../../utils/i18n/messages');
    for (const c of [
      'not-zip',
      'no-ads',
      'too-many-files',
      'file-too-large',
      'too-large',
      'zip-bomb',
      'not-json',
      'not-export',
    ]) {
      expect(en[`swipe.importError.${c}` as keyof typeof en]).toBeTruthy();
      expect(ar[`swipe.importError.${c}` as keyof typeof ar]).toMatch(/[\u0600-\u06ff]/);
    }
  });
});

describe('the import in the background', () => {
  let db: DalilDatabase;
  const handlers = () =>
    swipeFileHandlers({
      db: async () => db,
      actorName: async () => 'Lina',
      broadcast: () => undefined,
      now: () => '2026-11-26T10:00:00.000Z',
    });
  const png = (text: string) => `data:image/png;base64,${btoa(text)}`;

  beforeEach(async () => {
    vi.stubGlobal('Blob', NodeBlob);
    db = await openDalilDatabase(`import-${Math.random()}`);
    await db.put('media', {
      id: 'mine',
      blob: new NodeBlob(['MY OWN IMAGE']) as unknown as Blob,
      contentType: '',
      sourceUrl: 'x',
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('gives imported media new ids: a file naming an id already here never overwrites it', async () => {
    const imported = ad(1, { media: [{ kind: 'image', url: 'https://scontent.xx.fbcdn.net/1.jpg', blobId: 'mine' }] });
    const data = readSwipeExport('x.zip', swipeZip([imported], { mine: png('THEIR IMAGE') }));
    expect(await handlers()['panel.importAds'](data, panel)).toMatchObject({ imported: 1, problems: [] });

    const mine = await db.get('media', 'mine');
    expect(await mine?.blob.text()).toBe('MY OWN IMAGE');
    const [saved] = await db.getAll('adCaptures');
    const newId = saved.media[0].blobId as string;
    expect(newId).not.toBe('mine');
    expect(await (await db.get('media', newId))?.blob.text()).toBe('THEIR IMAGE');
  });

  it('drops a reference to media the file does not hold (it would point at media already here)', async () => {
    const imported = ad(2, { media: [{ kind: 'image', url: 'https://scontent.xx.fbcdn.net/2.jpg', blobId: 'mine' }] });
    await handlers()['panel.importAds']({ ads: [imported], media: {} }, panel);
    const [saved] = await db.getAll('adCaptures');
    expect(saved.media[0].blobId).toBeUndefined();
  });

  it('a write failing mid-import leaves nothing: no ads, no media, no log entry', async () => {
    // Two records for one library ad: the store's unique index refuses the second, mid-transaction.
    const first = ad(3);
    const second = { ...ad(3), id: 'meta:other' };
    const before = { ads: await db.count('adCaptures'), media: await db.count('media'), log: await db.count('activityLog') };
    await expect(
      handlers()['panel.importAds']({ ads: [first, second], media: { 'file-3': png('IMG') } }, panel),
    ).rejects.toThrow();
    expect({ ads: await db.count('adCaptures'), media: await db.count('media'), log: await db.count('activityLog') }).toEqual(
      before,
    );
  });
});
