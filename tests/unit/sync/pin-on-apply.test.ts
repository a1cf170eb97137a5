/**
 * A pack kept in this browser — an update waiting, an earlier pack in the history — is checked
 * against the key pinned at the moment it is put in use again: a backup can plant either, and a
 * key pinned after the fetch never vouched for them.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../entrypoints/background/handlers';
import { type DalilDatabase, openDalilDatabase } from '../../../utils/db/open';
import { parseGuidancePack } from '../../../utils/guidance/parse-pack';
import { routeMessage } from '../../../utils/messaging/router';
import type { GuidancePack } from '../../../utils/schemas/guidance-pack';
import { generateSigningKey, signPack } from '../../../utils/sync/signing';
import type { PendingUpdate, SigningKeyRecord } from '../../../utils/sync/types';
import { backgroundTestDeps } from '../background/test-deps';
import { smallPack } from '../pack-fixtures';

const sidePanel = { id: 'x', url: 'chrome-extension://x/sidepanel.html' };
const self = { runtimeId: 'x', extensionOrigin: 'chrome-extension://x' };
const URL_ = 'https://packs.example.com/acme.json';

let db: DalilDatabase;
let served: string;
let manager: SigningKeyRecord;
let h: ReturnType<typeof createHandlers>;

/** A version as Dalil publishes it: the parsed pack (defaults filled in), signed. */
function version(v: number): GuidancePack {
  const parsed = parseGuidancePack(JSON.stringify(smallPack({ version: v, name: `Acme v${v}` })));
  if (!parsed.ok) throw new Error('pack fixture does not parse');
  return parsed.pack;
}
const inUse = async () => (await h['panel.getGuidance']({}, sidePanel)).pack.version;

beforeEach(async () => {
  db = await openDalilDatabase(`pin-apply-${Math.random()}`);
  manager = await generateSigningKey();
  const sync = {
    schedulePack: async () => undefined,
    deliverOutbox: async () => undefined,
    hasAccess: async () => true,
    fetch: (async () => new Response(served, { status: 200 })) as unknown as typeof fetch,
  };
  h = createHandlers(backgroundTestDeps(db, { sync }));
  await h['panel.importPack']({ text: JSON.stringify(version(3)) }, sidePanel);
  await h['panel.pinPublicKey']({ publicKey: manager.publicKeyText }, sidePanel);
});

describe('a waiting update is checked against the pinned key when applied', () => {
  it('applies an update the pinned key signed', async () => {
    served = JSON.stringify(await signPack(version(4), manager));
    const status = await h['panel.subscribe']({ url: URL_, autoApply: false, refreshMinutes: 30 }, sidePanel);
    expect(status.pending?.version).toBe(4);
    await h['panel.applyPendingUpdate']({}, sidePanel);
    expect(await inUse()).toBe(4);
  });

  it('applies an update signed as a file that reading changes (defaults left out), checking the file as signed', async () => {
    const file = smallPack({ version: 4 }); // no playbooks, templates without tags: filled in when read
    served = JSON.stringify(await signPack(file as GuidancePack, manager));
    await h['panel.subscribe']({ url: URL_, autoApply: false, refreshMinutes: 30 }, sidePanel);
    await h['panel.applyPendingUpdate']({}, sidePanel);
    expect(await inUse()).toBe(4);
  });

  it('refuses a waiting pack that is not what its kept signed file holds', async () => {
    served = JSON.stringify(await signPack(smallPack({ version: 4 }) as GuidancePack, manager));
    await h['panel.subscribe']({ url: URL_, autoApply: false, refreshMinutes: 30 }, sidePanel);
    const pending = (await db.get('syncState', 'pending')) as PendingUpdate;
    expect(pending.seal?.signedFile).toBeDefined();
    pending.pack.templates[0].body = 'Swapped beside a genuine signed file';
    await db.put('syncState', pending, 'pending');
    await expect(h['panel.applyPendingUpdate']({}, sidePanel)).rejects.toThrow(/not the one its signed file holds/);
    expect(await inUse()).toBe(3);
  });

  it('refuses an update planted unsigned (as a backup would bring it), in the panel’s words, and changes nothing', async () => {
    served = JSON.stringify(await signPack(version(3), manager)); // the server has nothing newer
    await h['panel.subscribe']({ url: URL_, autoApply: false, refreshMinutes: 30 }, sidePanel);
    const planted: PendingUpdate = {
      pack: version(9),
      diff: {} as PendingUpdate['diff'],
      fetchedAt: '2026-12-01T10:00:00Z',
      url: URL_,
    };
    await db.put('syncState', planted, 'pending');
    const reply = await routeMessage(h, { type: 'panel.applyPendingUpdate', payload: {} }, sidePanel, self);
    expect(reply).toMatchObject({ ok: false, error: { problems: [{ code: 'unverified-pack' }] } });
    expect(await inUse()).toBe(3);

    // Signed by someone else, under the manager's name: refused too.
    const stranger = await generateSigningKey();
    const forged = await signPack(version(9), stranger);
    await db.put(
      'syncState',
      { ...planted, seal: { signature: { ...forged.signature, keyId: manager.fingerprint } } },
      'pending',
    );
    await expect(h['panel.applyPendingUpdate']({}, sidePanel)).rejects.toThrow(/pinned key/);
    expect(await inUse()).toBe(3);
  });

  it('an auto-apply refresh answered 304 leaves a planted update waiting instead of applying it', async () => {
    served = JSON.stringify(await signPack(version(3), manager));
    await h['panel.subscribe']({ url: URL_, autoApply: true, refreshMinutes: 30 }, sidePanel);
    await db.put('syncState', { pack: version(9), diff: {}, fetchedAt: '2026-12-01T10:00:00Z', url: URL_ }, 'pending');
    const sync304 = createHandlers(
      backgroundTestDeps(db, {
        sync: {
          schedulePack: async () => undefined,
          deliverOutbox: async () => undefined,
          hasAccess: async () => true,
          fetch: (async () => new Response(null, { status: 304 })) as unknown as typeof fetch,
        },
      }),
    );
    await sync304['panel.refreshPack']({}, sidePanel);
    expect(await inUse()).toBe(3);
  });
});

describe('an earlier pack is checked against the pinned key when restored', () => {
  it('restores a version the pinned key signed (its signature was kept with it) and refuses one it did not', async () => {
    // v3 was imported unsigned before the key was pinned; v4 and v5 arrive signed from the team's address.
    served = JSON.stringify(await signPack(version(4), manager));
    await h['panel.subscribe']({ url: URL_, autoApply: true, refreshMinutes: 30 }, sidePanel);
    served = JSON.stringify(await signPack(version(5), manager));
    await h['panel.refreshPack']({}, sidePanel);
    expect(await inUse()).toBe(5);
    // The built-in pack goes in use; v5 joins the history.
    await h['panel.resetToDefaultPack']({}, sidePanel);
    const status = await h['panel.syncStatus']({}, sidePanel);
    const [v3, v4, v5] = [3, 4, 5].map((n) => status.history.find((item) => item.packId === 'acme-care' && item.version === n));
    if (!v3 || !v4 || !v5) throw new Error('history incomplete');

    await expect(h['panel.restorePackVersion']({ historyId: v3.id }, sidePanel)).rejects.toThrow(/not signed/);
    // Signed by the key, but below the highest version it vouched for (#12 item 8): refused too.
    await expect(h['panel.restorePackVersion']({ historyId: v4.id }, sidePanel)).rejects.toThrow(/older than version 5/);
    await h['panel.restorePackVersion']({ historyId: v5.id }, sidePanel);
    expect(await inUse()).toBe(5);
  });

  it('a history record whose pack was changed keeps no valid signature: refused', async () => {
    served = JSON.stringify(await signPack(version(4), manager));
    await h['panel.subscribe']({ url: URL_, autoApply: true, refreshMinutes: 30 }, sidePanel);
    served = JSON.stringify(await signPack(version(5), manager));
    await h['panel.refreshPack']({}, sidePanel);
    const [record] = (await db.getAll('packHistory')).filter((r) => r.pack.version === 4);
    record.pack.templates[0].body = 'Planted in a backup';
    await db.put('packHistory', record);
    await expect(h['panel.restorePackVersion']({ historyId: record.id }, sidePanel)).rejects.toThrow(
      /changed after it was signed/,
    );
    expect(await inUse()).toBe(5);
  });

  it('with no key pinned, any earlier pack may be restored', async () => {
    await h['panel.pinPublicKey']({ publicKey: null }, sidePanel);
    await h['panel.importPack']({ text: JSON.stringify(version(4)) }, sidePanel);
    const [v3] = (await h['panel.syncStatus']({}, sidePanel)).history;
    await h['panel.restorePackVersion']({ historyId: v3.id }, sidePanel);
    expect(await inUse()).toBe(3);
  });
});
