/**
 * A backup from someone else: its checksum resealed after editing (anyone can), so only what the
 * restore itself checks stands between the file and this browser's team settings.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { backupHandlers } from '../../../entrypoints/background/backup-handlers';
import { bytesToBase64, checkedPart, MANIFEST_FILE, sha256Hex } from '../../../utils/backup/format';
import type { BackupStorage } from '../../../utils/db/backup/create';
import { createBackup } from '../../../utils/db/backup/create';
import { readBackup } from '../../../utils/db/backup/read';
import { restoreBackup } from '../../../utils/db/backup/restore';
import { type DalilDatabase, openDalilDatabase } from '../../../utils/db/open';
import { getSyncState } from '../../../utils/db/sync-state-repo';
import { generateSigningKey, pinnedKeyFromText } from '../../../utils/sync/signing';
import type { PinnedKeyRecord } from '../../../utils/sync/types';
import { ad, dump, fillProfile, RealBlob, storage } from './fixtures';

const panel = { id: 'x', url: 'chrome-extension://x/sidepanel.html' };
const MINE = 'https://packs.acme.example/pack.json';
const MY_HOOK = 'https://hooks.acme.example/dalil';

// biome-ignore lint/suspicious/noExplicitAny: tests reach into the manifest's JSON freely
type Manifest = Record<string, any>;

let target: DalilDatabase;
let myPin: PinnedKeyRecord;
let theirs: Uint8Array;

beforeEach(async () => {
  vi.stubGlobal('Blob', RealBlob);
  // Someone else's profile, backed up.
  const source = await openDalilDatabase(`their-${Math.random()}`);
  await fillProfile(source);
  theirs = await createBackup(source, storage(), { includePrivateKey: false, appVersion: '1.2.3' });

  // This browser: an agent following the team's address, the manager's key pinned, a webhook.
  fakeBrowser.reset();
  target = await openDalilDatabase(`mine-${Math.random()}`);
  myPin = await pinnedKeyFromText((await generateSigningKey()).publicKeyText, new Date('2026-11-01T00:00:00Z'));
  await target.put('syncState', myPin, 'pinnedKey');
  await target.put(
    'syncState',
    { url: MINE, autoApply: true, refreshMinutes: 30, subscribedAt: '2026-11-01T00:00:00.000Z', failures: 0 },
    'subscription',
  );
  await target.put('syncState', { url: MY_HOOK, enabledAt: '2026-11-01T00:00:00.000Z', delivered: 3 }, 'webhook');
  await target.put('adCaptures', ad(99));
  await fakeBrowser.storage.local.set({ settings: { locale: 'en', agentName: 'Omar', role: 'agent' }, settings$: { v: 2 } });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** Edits the manifest and reseals its checksum, as a careful forger would. */
async function forge(edit: (manifest: Manifest) => void | Promise<void>): Promise<Uint8Array> {
  const files = unzipSync(theirs);
  const manifest = JSON.parse(strFromU8(files[MANIFEST_FILE]));
  await edit(manifest);
  manifest.sha256 = await sha256Hex(checkedPart(manifest));
  files[MANIFEST_FILE] = strToU8(JSON.stringify(manifest));
  return zipSync(files);
}

const syncRecord = (m: Manifest, key: string) => m.stores.syncState.find((r: { key: string }) => r.key === key);

const handlers = (store?: BackupStorage) =>
  backupHandlers({
    db: async () => target,
    actorName: async () => 'Omar',
    now: () => '2026-11-26T12:00:00.000Z',
    ...(store ? { storage: store } : {}),
  });

async function preview(bytes: Uint8Array) {
  const reply = await handlers()['panel.previewRestore']({ base64: bytesToBase64(bytes), fileName: 'theirs.zip' }, panel);
  if (!reply.ok) throw new Error(JSON.stringify(reply.problems));
  return reply.preview;
}

const restore = (bytes: Uint8Array, usePinnedKey?: boolean) =>
  handlers()['panel.restoreBackup']({ base64: bytesToBase64(bytes), fileName: 'theirs.zip', usePinnedKey }, panel);

describe('a backup from someone else', () => {
  it('shows the re-pointed team address, the pinned key, the role and the pack before anything changes', async () => {
    const stranger = await generateSigningKey();
    const bytes = await forge((m) => {
      syncRecord(m, 'subscription').value.url = 'https://evil.example/pack.json';
      // A forged fingerprint beside a real key: the preview shows the key's own fingerprint.
      syncRecord(m, 'pinnedKey').value = { ...syncRecord(m, 'pinnedKey').value, publicKeyText: stranger.publicKeyText };
      syncRecord(m, 'pinnedKey').value.fingerprint = myPin.fingerprint;
    });
    const before = await dump(target);
    const shown = await preview(bytes);
    expect(shown.teamUrl).toEqual({ before: MINE, after: 'https://evil.example/pack.json' });
    expect(shown.webhookUrl).toEqual({ before: MY_HOOK, after: 'https://hooks.example/dalil' });
    expect(shown.pin).toEqual({ before: myPin.fingerprint, backup: stranger.fingerprint });
    expect(shown.role).toEqual({ before: 'agent', after: 'manager' });
    expect(shown.pack.after).toEqual({ name: 'Dalil starter pack', version: expect.any(Number) });
    expect(shown.counts).toMatchObject({ templates: 22, adCaptures: 2, media: 2 });
    // A preview writes nothing.
    expect(await dump(target)).toStrictEqual(before);
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({
      settings: { locale: 'en', agentName: 'Omar', role: 'agent' },
    });
  });

  it('keeps this browser’s pinned key unless the person takes the backup’s', async () => {
    const stranger = await generateSigningKey();
    const bytes = await forge((m) => {
      syncRecord(m, 'pinnedKey').value.publicKeyText = stranger.publicKeyText;
      syncRecord(m, 'pinnedKey').value.fingerprint = myPin.fingerprint;
    });
    expect(await restore(bytes)).toMatchObject({ ok: true });
    expect(await getSyncState(target, 'pinnedKey')).toEqual(myPin);

    expect(await restore(bytes, true)).toMatchObject({ ok: true });
    // Taken on purpose, with its real fingerprint (the file's was forged).
    expect(await getSyncState(target, 'pinnedKey')).toMatchObject({
      publicKeyText: stranger.publicKeyText,
      fingerprint: stranger.fingerprint,
    });
  });

  it('cannot drop the pin: a backup without a pinned key leaves this browser’s in place', async () => {
    const bytes = await forge((m) => {
      m.stores.syncState = m.stores.syncState.filter((r: { key: string }) => r.key !== 'pinnedKey');
      m.counts.syncState = m.stores.syncState.length;
    });
    expect((await preview(bytes)).pin).toEqual({ before: myPin.fingerprint });
    expect(await restore(bytes)).toMatchObject({ ok: true });
    expect(await getSyncState(target, 'pinnedKey')).toEqual(myPin);
  });

  it('never stores an address that breaks the typed-address rule: javascript:, plain http to another host', async () => {
    const bytes = await forge((m) => {
      syncRecord(m, 'subscription').value.url = 'javascript:alert(document.domain)';
      syncRecord(m, 'webhook').value.url = 'http://collector.example/hook';
      m.stores.syncState.push({
        key: 'pending',
        value: {
          ...m.stores.packHistory[0].value,
          diff: undefined,
          fetchedAt: '2026-11-20T00:00:00.000Z',
          url: 'javascript:alert(1)',
        },
      });
    });
    // (the planted waiting update is not even a valid record: diff missing)
    const refusedRead = await readBackup(bytes);
    expect(refusedRead.ok).toBe(false);

    const addressesOnly = await forge((m) => {
      syncRecord(m, 'subscription').value.url = 'javascript:alert(document.domain)';
      syncRecord(m, 'webhook').value.url = 'http://collector.example/hook';
    });
    const shown = await preview(addressesOnly);
    expect(shown.teamUrl).toMatchObject({ before: MINE, refused: { url: 'javascript:alert(document.domain)' } });
    expect(shown.teamUrl.after).toBeUndefined();
    expect(shown.webhookUrl.refused?.reason).toMatch(/https:\/\//);
    expect(await restore(addressesOnly)).toMatchObject({ ok: true });
    expect(await getSyncState(target, 'subscription')).toBeUndefined();
    expect(await getSyncState(target, 'webhook')).toBeUndefined();
    const entry = (await target.getAll('activityLog')).find((e) => e.kind === 'backup.restored');
    expect(entry?.details).toMatchObject({ teamUrlRefused: true, webhookUrlRefused: true, pinnedKey: 'kept' });
  });

  it('loopback http is allowed, as for a typed address', async () => {
    const bytes = await forge((m) => {
      syncRecord(m, 'webhook').value.url = 'http://127.0.0.1:8080/hook';
    });
    expect((await preview(bytes)).webhookUrl.after).toBe('http://127.0.0.1:8080/hook');
  });
});

describe('records are parsed strictly before anything is stored', () => {
  it('skips __proto__, constructor and prototype keys at any depth, and drops unknown fields', async () => {
    const bytes = await forge((m) => {
      const t = m.stores.templates[0].value;
      // JSON.parse makes these own properties, as an attacker's file would.
      Object.assign(t, JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}'));
      t.tags = JSON.parse('["a"]');
      t.smuggled = 'kept?';
      m.stores.adCaptures[0].value.media[0] = {
        ...m.stores.adCaptures[0].value.media[0],
        ...JSON.parse('{"__proto__": {"isAdmin": true}}'),
        extra: 1,
      };
      syncRecord(m, 'subscription').value.evil = 'https://evil.example';
    });
    expect(await restore(bytes)).toMatchObject({ ok: true });
    const [template] = (await target.getAll('templates')).sort((a, b) => a.position - b.position);
    expect(Object.getPrototypeOf(template)).toBe(Object.prototype);
    expect(Object.hasOwn(template, '__proto__')).toBe(false);
    expect(Object.hasOwn(template, 'constructor')).toBe(false);
    expect('smuggled' in template).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const ads = await target.getAll('adCaptures');
    const media = ads.flatMap((a) => a.media);
    expect(media.some((item) => 'extra' in item || 'isAdmin' in item)).toBe(false);
    expect(await getSyncState(target, 'subscription')).not.toHaveProperty('evil');
  });

  it('one bad record: a problem naming its path, and nothing written', async () => {
    const bytes = await forge((m) => {
      m.stores.testimonials[0].value.savedAt = 'yesterday';
    });
    const before = await dump(target);
    const reply = await restore(bytes);
    expect(reply).toMatchObject({ ok: false, problems: [{ path: 'stores.testimonials[0].value.savedAt' }] });
    expect(await dump(target)).toStrictEqual(before);
  });
});

describe('settings are written after the database commits, never before', () => {
  it('a database write that fails never touches the settings', async () => {
    const read = await readBackup(theirs);
    if (!read.ok) throw new Error('backup unreadable');
    read.backup.stores.adCaptures.push({ value: { ...ad(1), id: 'meta:dup' } }); // the unique index refuses it mid-write
    const calls: string[] = [];
    const watched: BackupStorage = {
      get: (keys) => storage().get(keys),
      set: async (items) => {
        calls.push('set');
        await storage().set(items);
      },
      remove: async (keys) => {
        calls.push('remove');
        await storage().remove(keys);
      },
    };
    expect(await restoreBackup(target, watched, read.backup)).toMatchObject({ ok: false });
    expect(calls).toEqual([]);
  });

  it('settings written only once the restored records are there', async () => {
    const seen: unknown[] = [];
    const watched: BackupStorage = {
      get: (keys) => storage().get(keys),
      set: async (items) => {
        seen.push((await target.getAll('adCaptures')).map((a) => a.id).sort());
        await storage().set(items);
      },
      remove: (keys) => storage().remove(keys),
    };
    const reply = await handlers(watched)['panel.restoreBackup']({ base64: bytesToBase64(theirs) }, panel);
    expect(reply).toMatchObject({ ok: true });
    expect(seen).toEqual([['meta:1', 'meta:2']]);
  });
});
