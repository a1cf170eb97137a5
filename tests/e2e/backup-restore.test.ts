/**
 * Backup and restore as a person does it: a profile used for a while (data in every store), one
 * file downloaded from Settings, restored into a fresh browser profile, compared store by store.
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityLogEntry } from '../../utils/schemas/activity-log';
import { generateSigningKey } from '../../utils/sync/signing';
import { clickSave } from '../harness/ad-library';
import { saveScreenshot } from '../harness/artifacts';
import { type ExtensionBrowser, launchWithExtension, panelMessage, sendToTab, visibleText } from '../harness/browser';
import { focusComposer, modelText, openDemo, typeInComposer } from '../harness/composer';
import { serveDemoPages } from '../harness/demo-pages';
import { SEED_VIDEOS, SWIPE_FILE } from '../harness/swipe-seed';
import { startTeamServer, type TeamServer } from '../harness/team-server';

const META_FIXTURES = resolve(import.meta.dirname, '../fixtures/ad-libraries/meta-ad-library');
const LIBRARY_PAGE = readFileSync(resolve(META_FIXTURES, 'meta-adlib-search-en.html'), 'utf8');
const LIBRARY_URL = 'https://www.facebook.com/ads/library/?active_status=all&ad_type=all&country=ALL&q=veteran';
const PNG = readFileSync(resolve(import.meta.dirname, '../../public/icon/128.png'));
const defaultPack = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/guidance/default-pack.json'), 'utf8'));

let server: TeamServer;
let used: ExtensionBrowser;
let fresh: ExtensionBrowser;
/** The backup made from the used profile in the first test. */
let backupBytes: Buffer;

beforeAll(async () => {
  server = await startTeamServer();
  used = await launchWithExtension({ viewport: { width: 1100, height: 900 }, allowOrigins: [server.origin] });
  await serveDemoPages(used.context);
  await used.context.route(/^https:\/\/[^/]*fbcdn\.net\//, (route) =>
    route.fulfill({ status: 200, contentType: 'image/png', body: PNG }),
  );
  await used.context.route('https://www.facebook.com/ads/library/**', (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: LIBRARY_PAGE }),
  );
});
afterAll(async () => {
  await used?.close();
  await fresh?.close();
  await server?.close();
});

/**
 * Every store of Dalil's database, read from an extension page: keys and values, Blobs as their
 * bytes and type, CryptoKeys as their exported JWK (so two profiles' data can be compared as JSON).
 */
const DUMP = `(async () => {
  const db = await new Promise((ok, fail) => { const r = indexedDB.open('dalil'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  const plain = async (v) => {
    if (v instanceof Blob) {
      const bytes = new Uint8Array(await v.arrayBuffer());
      let s = ''; for (const b of bytes) s += String.fromCharCode(b);
      return { blob: btoa(s), type: v.type };
    }
    if (v instanceof CryptoKey) return { cryptoKey: v.type, algorithm: v.algorithm.name, jwk: v.extractable ? await crypto.subtle.exportKey('jwk', v) : null };
    if (Array.isArray(v)) return Promise.all(v.map(plain));
    if (v && typeof v === 'object') { const o = {}; for (const k of Object.keys(v).sort()) o[k] = await plain(v[k]); return o; }
    return v;
  };
  const out = {};
  for (const name of [...db.objectStoreNames]) {
    const [keys, values] = await new Promise((ok, fail) => {
      const store = db.transaction(name).objectStore(name);
      const k = store.getAllKeys(); const v = store.getAll();
      v.onsuccess = () => ok([k.result, v.result]); v.onerror = () => fail(v.error);
    });
    out[name] = await Promise.all(keys.map(async (key, i) => ({ key, value: await plain(values[i]) })));
  }
  const storage = await chrome.storage.local.get(null);
  db.close();
  return { stores: out, settings: storage.settings };
})()`;

type Dump = { stores: Record<string, Array<{ key: unknown; value: Record<string, unknown> }>>; settings: unknown };
const dump = (panel: Page) => panel.evaluate(DUMP) as Promise<Dump>;

async function useDalilForAWhile(): Promise<Page> {
  // A reply typed with a shortcut (log, use count), a testimonial from a comment.
  const composer = await openDemo(used, 'x');
  await focusComposer(composer);
  await typeInComposer(composer, ';thanks');
  await expect.poll(() => modelText(composer)).toContain('Thank you so much');
  await composer.locator('[data-testid="tweetText"]').click({ button: 'right' });
  expect(await sendToTab(used, 'https://x.com/', { type: 'dalil.save-testimonial' })).toBe(true);

  // An ad saved from the library, its image downloaded; its advertiser followed.
  const library = await used.context.newPage();
  await library.goto(LIBRARY_URL);
  await clickSave(library, 0);

  const panel = await used.openSidePanel({ locale: 'en' });
  panel.on('dialog', (dialog) => void dialog.accept());
  await panel.getByRole('tab', { name: 'Swipe file' }).click();
  await expect.poll(() => panel.getByTestId('swipe-card').count()).toBe(1);
  const [ad] = await panelMessage<Array<{ advertiserKey: string; advertiserName: string; media: Array<{ blobId?: string }> }>>(
    panel,
    'panel.listAds',
    {},
  );
  await expect
    .poll(
      async () =>
        (await panelMessage<Array<{ media: Array<{ blobId?: string }> }>>(panel, 'panel.listAds', {}))[0].media[0].blobId,
    )
    .toBeTruthy();
  // Closed before the follow: the library's script notes the followed advertiser's visit in its idle time,
  // which could land between the dump below and the backup.
  await library.close();
  await panelMessage(panel, 'panel.followAdvertiser', {
    key: ad.advertiserKey,
    library: 'meta',
    name: ad.advertiserName,
    follow: true,
  });

  // A second pack imported (the first goes to the history), a personal draft, a signing key, a pinned key.
  await panel.getByRole('tab', { name: 'Settings' }).click();
  const imported = { ...defaultPack, name: 'Acme care', version: 7 };
  await panel
    .getByTestId('pack-file-input')
    .setInputFiles({ name: 'acme.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(imported)) });
  await expect.poll(() => visibleText(panel.getByTestId('pack-info'))).toContain('version 7');
  await panelMessage(panel, 'panel.savePersonalTemplate', {
    template: {
      id: 'my-hello',
      title: 'مرحبا Sara',
      body: 'أهلًا {{commenter.firstName}}، طلبك #4471',
      lang: 'ar',
      tags: [],
      status: 'draft',
    },
  });
  await panel.getByTestId('sync-generate-key').click();
  await expect.poll(() => panel.getByTestId('sync-fingerprint').count()).toBe(1);
  const publicKey = await visibleText(panel.getByTestId('sync-public-key'));
  await panelMessage(panel, 'panel.pinPublicKey', { publicKey: publicKey.trim() });

  // The team's URL followed, and a webhook that is down: entries wait in the outbox.
  server.setPack('/acme.json', JSON.stringify({ ...imported, version: 8 }));
  server.webhookAnswer = () => ({ status: 503, retryAfter: '3600' });
  await panel.getByTestId('sync-webhook-input').fill(server.url('/webhook'));
  await panel.getByTestId('sync-webhook-save').click();
  await panelMessage(panel, 'panel.pinPublicKey', { publicKey: null });
  await panel.getByTestId('sync-url-input').fill(server.url('/acme.json'));
  // Unsigned from this host: applied at once only because the person trusts it without a key.
  await panel.getByTestId('sync-trust-host').check();
  await panel.getByTestId('sync-subscribe').click();
  await expect.poll(() => panel.getByTestId('sync-status').getAttribute('data-outcome'), { timeout: 15_000 }).toBe('applied');
  await panelMessage(panel, 'panel.pinPublicKey', { publicKey: publicKey.trim() });
  await panelMessage(panel, 'panel.logPaletteCheck', {
    origin: 'file',
    label: 'poster.png',
    verdict: 'warn',
    onPaletteShare: 0.61,
    swatches: 5,
  });
  await expect
    .poll(async () => (await panelMessage<{ outbox: { queued: number } }>(panel, 'panel.syncStatus', {})).outbox.queued)
    .toBeGreaterThan(0);
  // Turned off before the backup: the queued entries are kept (and backed up) but no delivery attempt
  // changes them while the two profiles are compared.
  await panel.getByTestId('sync-webhook-off').click();
  await expect
    .poll(async () => (await panelMessage<{ webhook?: unknown }>(panel, 'panel.syncStatus', {})).webhook)
    .toBeUndefined();
  return panel;
}

describe('backup and restore', () => {
  it('restores a used profile into a fresh one exactly, store by store', { timeout: 120_000 }, async () => {
    const panel = await useDalilForAWhile();
    const before = await dump(panel);
    // Every store holds data, but the queue of media downloads, which is empty once the ad's image is saved.
    expect(before.stores.pendingMedia).toEqual([]);
    for (const [store, records] of Object.entries(before.stores))
      if (store !== 'pendingMedia') expect(records.length, `${store} has data`).toBeGreaterThan(0);

    await panel.getByTestId('backup-include-key').check();
    const download = panel.waitForEvent('download');
    await panel.getByTestId('backup-create').click();
    const file = await (await download).path();
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    fresh = await launchWithExtension({ viewport: { width: 900, height: 900 } });
    backupBytes = bytes;
    const restoring = await fresh.openSidePanel({ locale: 'en' });
    await restoring.getByRole('tab', { name: 'Settings' }).click();
    await restoring
      .getByTestId('backup-restore-input')
      .setInputFiles({ name: 'dalil-backup.zip', mimeType: 'application/zip', buffer: bytes });
    // The preview first: this fresh profile pins no key; taking the backup's is the person's choice.
    await expect.poll(() => restoring.getByTestId('backup-preview').count(), { timeout: 20_000 }).toBe(1);
    await restoring.getByTestId('backup-use-pin').check();
    await restoring.getByTestId('backup-confirm').click();
    await expect.poll(() => visibleText(restoring.getByTestId('backup-outcome')), { timeout: 20_000 }).toMatch(/restored/i);
    await saveScreenshot(restoring, 'settings-backup-restored-en');

    const after = await dump(restoring);
    // The restore itself is logged in the restored profile: everything else is exactly as it was.
    const restoredEntry = after.stores.activityLog.filter((r) => !before.stores.activityLog.some((b) => b.key === r.key));
    expect(restoredEntry.map((r) => (r.value as unknown as ActivityLogEntry).kind)).toEqual(['backup.restored']);
    const withoutRestoreEntry = {
      ...after.stores,
      activityLog: after.stores.activityLog.filter((r) => r.key !== restoredEntry[0].key),
      outbox: after.stores.outbox.filter((r) => r.key !== restoredEntry[0].key),
      // Derived, not in the file: rebuilt on restore (checked below), and the restore's entry counted in it.
      logCounts: before.stores.logCounts,
      // Derived, not in the file: the log's word index, refilled by its backfill after a restore, a batch at a
      // time (tests/unit/db/log-words.test.ts); its rows at this moment depend on how far that has got.
      logWords: before.stores.logWords,
      // Its postings likewise (version 13: written with the same backfill).
      logBlocks: before.stores.logBlocks,
      logSlots: before.stores.logSlots,
      logPostings: before.stores.logPostings,
    };
    expect(withoutRestoreEntry).toEqual(before.stores);
    const allEntries = after.stores.logCounts
      .filter((r) => r.value.kind === '*' && r.value.dim === '')
      .reduce((sum, r) => sum + Number(r.value.count), 0);
    expect(allEntries).toBe(after.stores.activityLog.length);
    expect(after.settings).toEqual(before.settings);

    // And the restored profile works: the restored pack's templates reach a composer.
    await expect.poll(() => visibleText(restoring.getByTestId('pack-info'))).toContain('version 8');
  });

  it('refuses a file that is not a Dalil backup and changes nothing', async () => {
    const panel = await fresh.openSidePanel({ locale: 'en' });
    await panel.getByRole('tab', { name: 'Settings' }).click();
    const before = await dump(panel);
    // A real zip of someone's photos: a zip, but not a backup.
    await panel.getByTestId('backup-restore-input').setInputFiles({
      name: 'holiday.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(zipSync({ 'IMG_0001.jpg': new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 'notes.txt': strToU8('beach') })),
    });
    await expect.poll(() => visibleText(panel.getByTestId('backup-outcome'))).toContain('This zip is not a Dalil backup.');
    expect(await dump(panel)).toEqual(before);
    // A download cut short: the zip's signature, then nothing readable.
    await panel.getByTestId('backup-restore-input').setInputFiles({
      name: 'dalil-backup.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from('PK\u0003\u0004 not really a zip'),
    });
    await expect.poll(() => visibleText(panel.getByTestId('backup-outcome'))).toContain('damaged or incomplete');
    expect(await dump(panel)).toEqual(before);
  });

  it('shows what someone else’s backup would change; cancel changes nothing; restoring keeps this browser’s pinned key', {
    timeout: 90_000,
  }, async () => {
    // Someone else's backup: the team address re-pointed and another key pinned, the checksum resealed as anyone can.
    const stranger = await generateSigningKey();
    const files = unzipSync(backupBytes);
    const manifest = JSON.parse(strFromU8(files['dalil-backup.json']));
    const record = (key: string) => manifest.stores.syncState.find((r: { key: string }) => r.key === key);
    record('subscription').value.url = 'https://packs.evil.example/pack.json';
    record('pinnedKey').value.publicKeyText = stranger.publicKeyText;
    manifest.sha256 = createHash('sha256')
      .update(JSON.stringify([manifest.stores, manifest.storage, manifest.enabledSites, manifest.media]))
      .digest('hex');
    files['dalil-backup.json'] = strToU8(JSON.stringify(manifest));
    const theirs = Buffer.from(zipSync(files));

    const panel = await fresh.openSidePanel({ locale: 'en' });
    await panel.getByRole('tab', { name: 'Settings' }).click();
    const status = () =>
      panelMessage<{ pinned?: { fingerprint: string }; subscription?: { url: string } }>(panel, 'panel.syncStatus', {});
    const mine = await status();
    expect(mine.pinned?.fingerprint).toBeTruthy();
    expect(mine.pinned?.fingerprint).not.toBe(stranger.fingerprint);
    const before = await dump(panel);

    const choose = (page: Page) =>
      page
        .getByTestId('backup-restore-input')
        .setInputFiles({ name: 'from-a-colleague.zip', mimeType: 'application/zip', buffer: theirs });
    await choose(panel);
    await expect.poll(() => panel.getByTestId('backup-preview').count(), { timeout: 20_000 }).toBe(1);
    const teamUrl = panel.getByTestId('backup-preview-team-url');
    expect(await teamUrl.getAttribute('data-changed')).toBe('true');
    expect(await teamUrl.locator('bdi[dir="ltr"]').allTextContents()).toEqual([
      mine.subscription?.url,
      'https://packs.evil.example/pack.json',
    ]);
    const pin = await visibleText(panel.getByTestId('backup-preview-pin'));
    expect(pin).toContain(mine.pinned?.fingerprint);
    expect(pin).toContain(stranger.fingerprint);
    expect(await panel.getByTestId('backup-use-pin').isChecked()).toBe(false);
    await saveScreenshot(panel, 'settings-backup-preview-en');

    await panel.getByTestId('backup-cancel').click();
    await expect.poll(() => visibleText(panel.getByTestId('backup-outcome'))).toContain('Nothing was changed');
    expect(await dump(panel)).toEqual(before);

    // In Arabic, confirmed without taking the backup's key.
    const arabic = await fresh.openSidePanel({ locale: 'ar' });
    await arabic.getByRole('tab', { name: 'الإعدادات' }).click();
    await choose(arabic);
    await expect.poll(() => arabic.getByTestId('backup-preview').count(), { timeout: 20_000 }).toBe(1);
    expect(await visibleText(arabic.getByTestId('backup-preview'))).toContain('رابط حزمة الفريق');
    await saveScreenshot(arabic, 'settings-backup-preview-ar');
    await arabic.getByTestId('backup-confirm').click();
    // The backup's own language comes back with its settings: the outcome may already be in English.
    await expect
      .poll(() => visibleText(arabic.getByTestId('backup-outcome')), { timeout: 20_000 })
      .toMatch(/استُعيدت|Restored from/);
    const after = await status();
    expect(after.pinned).toEqual(mine.pinned);
    expect(after.subscription?.url).toBe('https://packs.evil.example/pack.json'); // shown, and confirmed
  });
});

/** Puts `count` saved ads, each with one video of `size` random bytes, straight into Dalil's database from an extension page. */
describe('a swipe file larger than one runtime message (64 MiB)', () => {
  const COUNT = 12;
  const SIZE = 10 * 1024 * 1024;
  let big: ExtensionBrowser;
  let into: ExtensionBrowser;
  let file: string;
  afterAll(async () => {
    await big?.close();
    await into?.close();
  });

  it('backs up 120 MB of video with progress, and restores every ad and media byte into a fresh profile', {
    timeout: 240_000,
  }, async () => {
    big = await launchWithExtension({ viewport: { width: 900, height: 900 } });
    const panel = await big.openSidePanel({ locale: 'en' });
    await panel.evaluate(`${SEED_VIDEOS}(${JSON.stringify({ count: COUNT, size: SIZE })})`);
    const before = (await panel.evaluate(SWIPE_FILE)) as { ads: string[]; media: unknown[] };
    expect(before.media).toHaveLength(COUNT);

    await panel.getByRole('tab', { name: 'Settings' }).click();
    const download = panel.waitForEvent('download', { timeout: 180_000 });
    await panel.getByTestId('backup-create').click();
    await expect
      .poll(() => visibleText(panel.getByTestId('backup-progress')))
      .toMatch(/Backing up: [\d.]+ of 120 MB of media written/);
    await saveScreenshot(panel, 'settings-backup-progress-en');
    file = (await (await download).path()) as string;
    await expect
      .poll(() => visibleText(panel.getByTestId('backup-outcome')), { timeout: 30_000 })
      .toMatch(/Saved dalil-backup-.*\.zip \(12\d\.\d MB\)/);
    const { size } = await import('node:fs/promises').then((fs) => fs.stat(file));
    expect(size).toBeGreaterThan(COUNT * SIZE); // more than one message could ever carry

    into = await launchWithExtension({ viewport: { width: 900, height: 900 } });
    const restoring = await into.openSidePanel({ locale: 'ar' });
    await restoring.getByRole('tab', { name: 'الإعدادات' }).click();
    await restoring.getByTestId('backup-restore-input').setInputFiles(file);
    await expect.poll(() => visibleText(restoring.getByTestId('backup-progress'))).toMatch(/جارٍ قراءة النسخة الاحتياطية/);
    await saveScreenshot(restoring, 'settings-backup-progress-ar');
    await expect.poll(() => restoring.getByTestId('backup-preview').count(), { timeout: 180_000 }).toBe(1);
    expect(await visibleText(restoring.getByTestId('backup-preview-records'))).toMatch(/١٢/);
    await restoring.getByTestId('backup-confirm').click();
    await expect
      .poll(() => visibleText(restoring.getByTestId('backup-outcome')), { timeout: 120_000 })
      .toMatch(/استُعيدت|Restored from/);
    expect(await restoring.evaluate(SWIPE_FILE)).toEqual(before);
  });

  it('exports the same swipe file as a ZIP from the Swipe tab, with progress, and imports it whole into a fresh profile', {
    timeout: 240_000,
  }, async () => {
    const panel = await big.openSidePanel({ locale: 'en' });
    const before = (await panel.evaluate(SWIPE_FILE)) as { media: string[][] };
    await panel.getByRole('tab', { name: 'Swipe file' }).click();
    // The count the swipe file answers (only the cards near the screen are drawn).
    await expect
      .poll(async () => Number(await panel.getByTestId('swipe-count').getAttribute('data-shown')), { timeout: 30_000 })
      .toBe(COUNT);
    const download = panel.waitForEvent('download', { timeout: 180_000 });
    await panel.getByTestId('swipe-export-zip').click();
    // The panel is busy showing twelve 10 MB videos: its progress line may take a while to paint.
    await expect
      .poll(() => visibleText(panel.getByTestId('swipe-progress')), { timeout: 30_000 })
      .toMatch(/Exporting: \d+ of 12 media files written/);
    const zip = (await (await download).path()) as string;
    const { size } = await import('node:fs/promises').then((fs) => fs.stat(zip));
    expect(size).toBeGreaterThan(COUNT * SIZE);

    const other = await launchWithExtension({ viewport: { width: 900, height: 900 } });
    try {
      const importing = await other.openSidePanel({ locale: 'ar' });
      await importing.getByRole('tab', { name: 'الإعلانات' }).click();
      await importing.getByTestId('swipe-import-input').setInputFiles(zip);
      await expect.poll(() => visibleText(importing.getByTestId('swipe-progress')), { timeout: 30_000 }).toMatch(/جارٍ الاستيراد/);
      await saveScreenshot(importing, 'swipe-import-progress-ar');
      await expect
        .poll(() => visibleText(importing.getByTestId('swipe-notice')), { timeout: 180_000 })
        .toBe('تم استيراد ١٢ إعلانًا.');
      const after = (await importing.evaluate(SWIPE_FILE)) as { media: string[][] };
      // New ids on import: every file's type, size and checksum are the same.
      const withoutIds = (media: string[][]) => media.map(([, ...rest]) => rest.join(' ')).sort();
      expect(withoutIds(after.media)).toEqual(withoutIds(before.media));
    } finally {
      await other.close();
    }
  });

  it('Stop while backing up saves no file; Stop while reading a backup changes nothing', { timeout: 240_000 }, async () => {
    const panel = await big.openSidePanel({ locale: 'en' });
    await panel.getByRole('tab', { name: 'Settings' }).click();
    const downloads: unknown[] = [];
    panel.on('download', (d) => downloads.push(d));
    await panel.getByTestId('backup-create').click();
    await panel.getByTestId('backup-progress-stop').click();
    await expect
      .poll(() => visibleText(panel.getByTestId('backup-outcome')))
      .toContain('The backup was stopped: no file was saved.');
    expect(downloads).toEqual([]);
    expect(await panel.getByTestId('backup-create').isEnabled()).toBe(true);

    const restoring = await into.openSidePanel({ locale: 'en' });
    await restoring.getByRole('tab', { name: 'Settings' }).click();
    const state = async () => ({
      swipeFile: await restoring.evaluate(SWIPE_FILE),
      log: await panelMessage(restoring, 'panel.countLog', {}),
    });
    const before = await state();
    await restoring.getByTestId('backup-restore-input').setInputFiles(file);
    await restoring.getByTestId('backup-progress-stop').click();
    await expect
      .poll(() => visibleText(restoring.getByTestId('backup-outcome')))
      .toMatch(/was not restored\. Nothing was changed\./);
    expect(await restoring.getByTestId('backup-preview').count()).toBe(0);
    expect(await state()).toEqual(before);
  });
});
