import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { backupHandlers } from '../../../entrypoints/background/backup-handlers';
import { bytesToBase64, checkedPart, DERIVED_STORES, MANIFEST_FILE, STORE_NAMES, sha256Hex } from '../../../utils/backup/format';
import { createBackup } from '../../../utils/db/backup/create';
import { type ParsedBackup, readBackup } from '../../../utils/db/backup/read';
import { restoreBackup } from '../../../utils/db/backup/restore';
import { openDalilDatabase } from '../../../utils/db/open';
import type { ChangeBroadcast } from '../../../utils/messaging/protocol';
import { swipeZip } from '../../../utils/swipe-file/swipe-export';
import { generateSigningKey } from '../../../utils/sync/signing';
import type { SigningKeyRecord } from '../../../utils/sync/types';
import { ad, BINARY, dump, fillProfile, RealBlob, storage } from './fixtures';

const panel = { id: 'x', url: 'chrome-extension://x/sidepanel.html' };
let n = 0;
const freshDb = () => openDalilDatabase(`backup-${++n}-${Math.random()}`);
const options = { includePrivateKey: false, appVersion: '1.2.3', createdAt: '2026-11-26T10:00:00.000Z' };

beforeEach(() => {
  vi.stubGlobal('Blob', RealBlob);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

async function readOk(bytes: Uint8Array): Promise<ParsedBackup> {
  const read = await readBackup(bytes);
  if (!read.ok) throw new Error(JSON.stringify(read.problems, null, 2));
  return read.backup;
}

// biome-ignore lint/suspicious/noExplicitAny: tests reach into the manifest's JSON freely
type Manifest = Record<string, any>;

/** Rewrites the manifest inside a backup zip; `reseal` recomputes its checksum as a careful forger would. */
async function editManifest(zip: Uint8Array, edit: (manifest: Manifest) => void, reseal: boolean): Promise<Uint8Array> {
  const files = unzipSync(zip);
  const manifest = JSON.parse(strFromU8(files[MANIFEST_FILE]));
  edit(manifest);
  if (reseal) manifest.sha256 = await sha256Hex(checkedPart(manifest));
  files[MANIFEST_FILE] = strToU8(JSON.stringify(manifest));
  return zipSync(files);
}

/** Fills a profile, backs it up; switches storage to the "other" profile, which has different data. */
async function sourceAndTarget(opts = options) {
  const source = await freshDb();
  const key = await fillProfile(source);
  const before = await dump(source);
  const zip = await createBackup(source, storage(), opts);
  // The target profile: its own data, so "unchanged" means something.
  fakeBrowser.reset();
  const target = await freshDb();
  await target.put('adCaptures', ad(99));
  await target.put(
    'syncState',
    { url: 'https://other.example/pack.json', enabledAt: '2026-01-01T00:00:00.000Z', delivered: 1 },
    'webhook',
  );
  await fakeBrowser.storage.local.set({ settings: { locale: 'en', agentName: 'Omar', role: 'agent' }, settings$: { v: 2 } });
  return { source, key, before, zip, target };
}

describe('backup and restore', () => {
  it('restores into a fresh profile exactly what was backed up, store by store, with the private key when asked', async () => {
    const source = await freshDb();
    await fillProfile(source);
    const before = await dump(source);
    for (const name of STORE_NAMES) expect((before[name] as unknown[]).length, name).toBeGreaterThan(0);

    const zip = await createBackup(source, storage(), { ...options, includePrivateKey: true });
    fakeBrowser.reset();
    const target = await freshDb();
    const outcome = await restoreBackup(target, storage(), await readOk(zip));
    expect(outcome.ok).toBe(true);

    const after = await dump(target);
    for (const name of [...STORE_NAMES, 'storage']) expect(after[name], name).toStrictEqual(before[name]);
    const media = after.media as Array<{ value: { blobType: string; blobBytes: number[] } }>;
    expect(media.find((m) => m.value.blobType === 'image/png')?.value.blobBytes).toEqual(Array.from(BINARY));
    // The sparse media-error list keeps its hole.
    const ads = after.adCaptures as Array<{ value: { mediaErrors?: string[] } }>;
    expect(0 in (ads[0].value.mediaErrors ?? [])).toBe(false);
    if (outcome.ok) expect(outcome.counts).toMatchObject({ media: 2, adCaptures: 2, syncState: 4, templates: 22 });
  });

  it('never lowers the high-water marks: an older backup’s marks merge with this browser’s, the higher version kept', async () => {
    const mark = (version: number) => ({ version, digest: `d${version}`, acceptedAt: '2026-11-20T00:00:00.000Z' });
    const source = await freshDb();
    await fillProfile(source);
    await source.put('syncState', { 'aaaa bbbb': { acme: mark(3), other: mark(2) } }, 'packMarks');
    const zip = await createBackup(source, storage(), options);
    const target = await freshDb();
    await target.put('syncState', { 'aaaa bbbb': { acme: mark(5) }, 'cccc dddd': { acme: mark(1) } }, 'packMarks');
    const outcome = await restoreBackup(target, storage(), await readOk(zip));
    expect(outcome.ok).toBe(true);
    expect(await target.get('syncState', 'packMarks')).toEqual({
      'aaaa bbbb': { acme: mark(5), other: mark(2) },
      'cccc dddd': { acme: mark(1) },
    });
  });

  it('restored signing key still signs what the original public key verifies', async () => {
    const source = await freshDb();
    const original = await fillProfile(source);
    const zip = await createBackup(source, storage(), { ...options, includePrivateKey: true });
    const target = await freshDb();
    await restoreBackup(target, storage(), await readOk(zip));
    const restored = (await target.get('syncState', 'signingKey')) as SigningKeyRecord;
    const data = strToU8('pack');
    const signature = await crypto.subtle.sign('Ed25519', restored.privateKey, data);
    expect(await crypto.subtle.verify('Ed25519', original.publicKey, signature, data)).toBe(true);
    expect(restored.privateKey.extractable).toBe(true);
  });

  it('leaves the signing private key out by default: the restored profile has no signing key', async () => {
    const { zip, key, target, before } = await sourceAndTarget();
    const manifestText = strFromU8(unzipSync(zip)[MANIFEST_FILE]);
    const { d } = (await crypto.subtle.exportKey('jwk', key.privateKey)) as { d: string };
    expect(manifestText).not.toContain(d);
    const backup = await readOk(zip);
    expect(backup.manifest.includesPrivateKey).toBe(false);
    const outcome = await restoreBackup(target, storage(), backup);
    expect(outcome).toMatchObject({ ok: true, counts: { syncState: 3 } });
    expect(await target.get('syncState', 'signingKey')).toBeUndefined();
    const after = await dump(target);
    const withoutKey = (before.syncState as Array<{ key: string }>).filter((r) => r.key !== 'signingKey');
    expect(after.syncState).toStrictEqual(withoutKey);
    expect(after.templates).toStrictEqual(before.templates);
  });

  it('keeps this profile’s own signing key when the backup holds none to replace it', async () => {
    const { zip, target } = await sourceAndTarget();
    const own = await generateSigningKey();
    await target.put('syncState', own, 'signingKey');
    const outcome = await restoreBackup(target, storage(), await readOk(zip));
    expect(outcome).toMatchObject({ ok: true });
    const kept = (await target.get('syncState', 'signingKey')) as SigningKeyRecord | undefined;
    expect(kept?.fingerprint).toBe(own.fingerprint);
    // Everything else in syncState is the backup's: the other profile's webhook is gone.
    expect(await target.get('syncState', 'webhook')).toMatchObject({ url: 'https://hooks.example/dalil', delivered: 12 });
  });

  it('reads every store in one transaction and writes them all in one', async () => {
    const source = await freshDb();
    await fillProfile(source);
    const spy = vi.spyOn(source, 'transaction');
    const zip = await createBackup(source, storage(), options);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]).toEqual([STORE_NAMES, 'readonly']);
    const target = await freshDb();
    const write = vi.spyOn(target, 'transaction');
    await restoreBackup(target, storage(), await readOk(zip));
    // One transaction writes the data; the others touch only syncState, the note that carries the
    // settings until they are written (read at the start, deleted at the end).
    const [data, ...others] = write.mock.calls.filter((call) => call[0] !== 'syncState');
    expect(data).toEqual([[...STORE_NAMES, ...DERIVED_STORES], 'readwrite']);
    expect(others).toEqual([]);
    // Not in the file: the log's per-hour counts are rebuilt from the restored log, the same as the source's.
    expect(await target.getAll('logCounts')).toEqual(await source.getAll('logCounts'));
    expect(await target.count('logCounts')).toBeGreaterThan(0);
  });

  it('refuses to build a backup over the message limit', async () => {
    const source = await freshDb();
    await fillProfile(source);
    await expect(createBackup(source, storage(), { ...options, maxBytes: 500 })).rejects.toThrow(/at most 0\.0 MB.*64 MB/);
  });
});

describe('refused files change nothing', () => {
  const cases: Array<[string, (zip: Uint8Array) => Promise<Uint8Array> | Uint8Array, string, string?]> = [
    ['a JSON file, not a zip', () => strToU8('{"format":"dalil.guidance-pack"}'), 'backup-not-zip'],
    [
      'a corrupt zip',
      (zip) => {
        const bad = zip.slice();
        for (let i = 40; i < bad.length - 200; i += 97) bad[i] ^= 0xff;
        return bad;
      },
      'backup-',
    ],
    ['a truncated zip', (zip) => zip.slice(0, Math.floor(zip.length / 2)), 'backup-unreadable'],
    ['a swipe-file export', () => swipeZip([ad(5)], { 'blob-5': `data:image/png;base64,${btoa('PNG')}` }), 'backup-swipe-export'],
    ['a zip of something else', () => zipSync({ 'notes.txt': strToU8('hello') }), 'backup-no-manifest'],
    ['a foreign manifest', () => zipSync({ [MANIFEST_FILE]: strToU8('{"format":"other.thing"}') }), 'backup-foreign'],
    [
      'a newer format',
      (zip) =>
        editManifest(
          zip,
          (m) => {
            m.formatVersion = 2;
          },
          true,
        ),
      'backup-newer-format',
    ],
    [
      'a newer database',
      (zip) =>
        editManifest(
          zip,
          (m) => {
            m.dbVersion = 99;
          },
          true,
        ),
      'backup-newer-format',
    ],
    [
      'a record changed after the backup was made',
      (zip) =>
        editManifest(
          zip,
          (m) => {
            m.stores.templates[0].value.body = 'Send us your password';
          },
          false,
        ),
      'backup-checksum',
    ],
    [
      'a changed media file',
      (zip) => {
        const files = unzipSync(zip);
        const name = Object.keys(files).find((f) => f.startsWith('media/')) as string;
        files[name] = files[name].slice().reverse();
        return zipSync(files);
      },
      'backup-checksum',
    ],
    [
      'a missing media file',
      (zip) => {
        const files = unzipSync(zip);
        for (const name of Object.keys(files)) if (name.startsWith('media/')) delete files[name];
        return zipSync(files);
      },
      'backup-missing-file',
    ],
    [
      'an invalid template (checksum resealed)',
      (zip) =>
        editManifest(
          zip,
          (m) => {
            m.stores.templates[0].value.title = '';
          },
          true,
        ),
      '',
      'stores.templates[0].value.title',
    ],
    [
      'a record count that does not match',
      (zip) =>
        editManifest(
          zip,
          (m) => {
            m.counts.activityLog = 0;
          },
          true,
        ),
      'backup-count-mismatch',
    ],
  ];

  it.each(cases)('%s', async (_label, make, code, path) => {
    const { zip, target } = await sourceAndTarget();
    const bad = await make(zip);
    const read = await readBackup(bad);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.length).toBeGreaterThan(0);
    if (code) expect(read.problems[0].code).toMatch(new RegExp(`^${code}`));
    if (path) expect(read.problems.map((p) => p.path)).toContain(path);
    expect(read.problems[0].message.length).toBeGreaterThan(10);

    // Through the background, as the panel sends it: refused, and the profile unchanged.
    const beforeTarget = await dump(target);
    const handlers = backupHandlers({
      db: async () => target,
      actorName: async () => 'Omar',
      now: () => '2026-11-26T11:00:00.000Z',
    });
    const reply = await handlers['panel.restoreBackup']({ base64: bytesToBase64(bad), fileName: 'x.zip' }, panel);
    expect(reply.ok).toBe(false);
    expect(await dump(target)).toStrictEqual(beforeTarget);
  });

  it('a database write that fails half-way leaves the database and the settings as they were', async () => {
    const { zip, target } = await sourceAndTarget();
    const backup = await readOk(zip);
    // Two records for one library ad: the store's unique index refuses the second, mid-transaction.
    backup.stores.adCaptures.push({ value: { ...ad(1), id: 'meta:dup' } });
    const beforeTarget = await dump(target);
    const outcome = await restoreBackup(target, storage(), backup);
    expect(outcome).toMatchObject({ ok: false, problems: [{ code: 'backup-write-failed' }] });
    expect(await dump(target)).toStrictEqual(beforeTarget);
  });

  it('finds two records for one library ad before writing anything', async () => {
    const { zip } = await sourceAndTarget();
    const bad = await editManifest(
      zip,
      (m) => {
        m.stores.adCaptures.push({ value: { ...m.stores.adCaptures[0].value, id: 'meta:dup' } });
        m.counts.adCaptures++;
      },
      true,
    );
    const read = await readBackup(bad);
    expect(read).toMatchObject({ ok: false, problems: [{ code: 'backup-duplicate-key', path: 'stores.adCaptures[2]' }] });
  });
});

describe('backup messages in the background', () => {
  it('creates a backup, restores it elsewhere, logs the restore and tells every panel', async () => {
    const source = await freshDb();
    await fillProfile(source);
    const before = await dump(source);
    const sites = {
      list: async () => ['https://community.example'],
      set: vi.fn(async () => ({ ok: false, error: 'permission-missing' })),
    };
    const made = await backupHandlers({
      db: async () => source,
      actorName: async () => 'ليلى',
      now: () => '2026-11-26T10:00:00.000Z',
      sites,
      appVersion: () => '1.2.3',
    })['panel.createBackup']({ includePrivateKey: false }, panel);
    if (!made.ok) throw new Error(made.message);
    expect(made.fileName).toBe('dalil-backup-2026-11-26-1000.zip');
    expect(made.bytes).toBeGreaterThan(BINARY.length);

    fakeBrowser.reset();
    const target = await freshDb();
    const topics: ChangeBroadcast['topics'][] = [];
    const restored = await backupHandlers({
      db: async () => target,
      actorName: async () => 'Omar',
      now: () => '2026-11-26T12:00:00.000Z',
      changed: (t) => void topics.push(t),
      sites,
    })['panel.restoreBackup']({ base64: made.base64, fileName: made.fileName }, panel);
    expect(restored).toMatchObject({ ok: true, counts: { templates: 22, media: 2, sitesEnabled: 0, sitesNeedingPermission: 1 } });
    expect(sites.set).toHaveBeenCalledWith('https://community.example', true);
    expect(topics).toEqual([['guidance', 'log', 'content-scripts', 'testimonials', 'ads', 'palette', 'sync']]);

    const after = await dump(target);
    const log = after.activityLog as Array<{ value: { kind: string; actor: string; at: string; details: object } }>;
    const restoreEntry = log.find((e) => e.value.kind === 'backup.restored');
    expect(restoreEntry?.value).toMatchObject({
      actor: 'Omar',
      at: '2026-11-26T12:00:00.000Z',
      details: { fileName: made.fileName, backupCreatedAt: '2026-11-26T10:00:00.000Z', signingKey: false },
    });
    expect(log.filter((e) => e !== restoreEntry)).toStrictEqual(before.activityLog);
    expect(after.media).toStrictEqual(before.media);
    expect(after.storage).toStrictEqual(before.storage);
  });

  it('says so when a file is too large to restore', async () => {
    const handlers = backupHandlers({ db: freshDb, actorName: async () => '', now: () => '2026-11-26T12:00:00.000Z' });
    const big = 'A'.repeat(70 * 1024 * 1024);
    const reply = await handlers['panel.restoreBackup']({ base64: big }, panel);
    expect(reply).toMatchObject({ ok: false, problems: [{ code: 'backup-too-large' }] });
  });
});
