/**
 * Signed packs against replay and freezing, through the background's handlers as the panel uses
 * them: the high-water mark per (pinned key, pack id) whatever pack is in use, on a fetch, a file
 * import, a waiting update and a history entry; the signed expiry and team URL; auto-apply only
 * with a pinned key or a trusted host; unpinning only by a manager, logged.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../entrypoints/background/handlers';
import { raisePackMark } from '../../../entrypoints/background/pack-marks';
import { listActivity } from '../../../utils/db/activity-log-repo';
import { type DalilDatabase, openDalilDatabase } from '../../../utils/db/open';
import { parseGuidancePack } from '../../../utils/guidance/parse-pack';
import type { Handlers } from '../../../utils/messaging/router';
import type { GuidancePack, GuidancePackInput } from '../../../utils/schemas/guidance-pack';
import type { Role } from '../../../utils/schemas/settings';
import { generateSigningKey, signPack } from '../../../utils/sync/signing';
import type { SigningKeyRecord, SyncStatus } from '../../../utils/sync/types';
import { backgroundTestDeps } from '../background/test-deps';
import { smallPack } from '../pack-fixtures';

const TEAM_URL = 'https://packs.example.com/acme.json';
const sidePanel = { id: 'x', url: 'chrome-extension://x/sidepanel.html' };

let db: DalilDatabase;
let h: Handlers;
let role: Role;
let now: Date;
/** What the team's host serves at TEAM_URL (always 200: every check reads the file). */
let served: string;
let manager: SigningKeyRecord;

const acme = (version: number, extra: Partial<GuidancePackInput> = {}) =>
  smallPack({ version, ...extra }) as unknown as GuidancePack;
/** The pack as Dalil reads (and publishes) it: defaults filled in. */
function parsed(version: number): GuidancePack {
  const read = parseGuidancePack(JSON.stringify(acme(version)));
  if (!read.ok) throw new Error('acme does not parse');
  return read.pack;
}
const signed = async (version: number, claims = {}, extra: Partial<GuidancePackInput> = {}) =>
  JSON.stringify(await signPack(acme(version, extra), manager, claims));

beforeEach(async () => {
  db = await openDalilDatabase(`trust-${Math.random()}`);
  role = 'agent';
  now = new Date('2026-12-01T10:00:00Z');
  served = '';
  manager ??= await generateSigningKey();
  h = createHandlers(
    backgroundTestDeps(db, {
      role: async () => role,
      now: () => now,
      sync: {
        schedulePack: async () => undefined,
        deliverOutbox: async () => undefined,
        hasAccess: async () => true,
        fetch: (async () => new Response(served, { status: 200 })) as typeof fetch,
      },
    }),
  );
});

const pin = async (key = manager) =>
  expect(await h['panel.pinPublicKey']({ publicKey: key.publicKeyText }, sidePanel)).toMatchObject({ ok: true });
const subscribe = (autoApply = true, trustHost?: boolean) =>
  h['panel.subscribe'](
    { url: TEAM_URL, autoApply, refreshMinutes: 30, ...(trustHost === undefined ? {} : { trustHost }) },
    sidePanel,
  );
const refresh = () => h['panel.refreshPack']({}, sidePanel);
const inUse = async () => (await h['panel.getGuidance']({}, sidePanel)).pack;
const outcomeOf = (status: SyncStatus) => status.subscription?.lastOutcome;

describe('the high-water mark under a pinned key', () => {
  it('refuses a lower version after a higher one, whatever pack is in use, naming both versions', async () => {
    await pin();
    served = await signed(5);
    expect(outcomeOf(await subscribe())).toMatchObject({ kind: 'applied', version: 5 });

    // The pack in use becomes another one (the built-in pack); the stale copy of acme v4 is still refused.
    role = 'manager';
    await h['panel.resetToDefaultPack']({}, sidePanel);
    role = 'agent';
    expect((await inUse()).id).not.toBe('acme-care');
    served = await signed(4);
    const refused = outcomeOf(await refresh());
    expect(refused).toMatchObject({ kind: 'failed', code: 'rolled-back', params: { offered: 4, accepted: 5 } });
    expect(refused?.kind === 'failed' && refused.message).toMatch(/Version 4 .* older than version 5/);
    expect((await inUse()).id).not.toBe('acme-care');

    // Version 5 itself, and anything higher, still come in.
    served = await signed(6);
    expect(outcomeOf(await refresh())).toMatchObject({ kind: 'applied', version: 6 });
  });

  it('refuses a different pack signed under the version already accepted (a re-signed replay)', async () => {
    await pin();
    served = await signed(5);
    await subscribe();
    served = await signed(5, {}, { name: 'Acme care team (swapped)' });
    expect(outcomeOf(await refresh())).toMatchObject({
      kind: 'failed',
      code: 'version-reused',
      params: { offered: 5, accepted: 5 },
    });
    expect((await inUse()).name).toBe('Acme care team');
    // The same pack again is simply up to date.
    served = await signed(5);
    expect(outcomeOf(await refresh())).toMatchObject({ kind: 'unchanged', version: 5 });
  });

  it('refuses an older signed file imported by hand, with the versions for the panel', async () => {
    role = 'manager';
    await pin();
    expect(await h['panel.importPack']({ text: await signed(7) }, sidePanel)).toMatchObject({ ok: true });
    const result = await h['panel.importPack']({ text: await signed(6) }, sidePanel);
    expect(result).toMatchObject({
      ok: false,
      problems: [{ path: '$', code: 'rolled-back', params: { offered: '6', accepted: '7' } }],
    });
    expect((await inUse()).version).toBe(7);
  });

  it('refuses a waiting update once a higher version was accepted, and an earlier pack from the history', async () => {
    await pin();
    served = await signed(5);
    expect(outcomeOf(await subscribe(false))).toMatchObject({ kind: 'pending', version: 5 });

    // A higher version accepted under the key since it was fetched (applying one clears a waiting update,
    // so only restored or leftover state gets here): the waiting 5 is now a rollback.
    const pinned = (await h['panel.syncStatus']({}, sidePanel)).pinned;
    const six = parseGuidancePack(JSON.stringify(acme(6)));
    if (!six.ok) throw new Error('acme v6 does not parse');
    await raisePackMark(db, pinned, six.pack, now.toISOString());
    const status = await h['panel.applyPendingUpdate']({}, sidePanel);
    expect(outcomeOf(status)).toMatchObject({ kind: 'failed', code: 'rolled-back', params: { offered: 5, accepted: 6 } });
    expect(status.pending).toBeUndefined();
    expect((await inUse()).id).not.toBe('acme-care');

    role = 'manager';
    expect(await h['panel.importPack']({ text: await signed(6) }, sidePanel)).toMatchObject({ ok: true });
    // Version 7, then back to 6 from the history: below the mark, refused; the panel is told which version holds.
    served = await signed(7);
    await h['panel.subscribe']({ url: TEAM_URL, autoApply: true, refreshMinutes: 30 }, sidePanel);
    expect((await inUse()).version).toBe(7);
    const history = (await h['panel.syncStatus']({}, sidePanel)).history;
    const sixAside = history.find((item) => item.packId === 'acme-care' && item.version === 6);
    expect(sixAside?.acceptedVersion).toBe(7);
    await expect(h['panel.restorePackVersion']({ historyId: sixAside?.id ?? '' }, sidePanel)).rejects.toThrow(
      /older than version 7/,
    );
    expect((await inUse()).version).toBe(7);
  });

  it('keeps no mark without a pinned key: an unpinned browser restores and rolls back as before', async () => {
    served = JSON.stringify(acme(5));
    await subscribe(true, true);
    served = JSON.stringify(acme(4));
    expect(outcomeOf(await refresh())).toMatchObject({ kind: 'failed', code: 'older-version' });
    expect((await h['panel.syncStatus']({}, sidePanel)).history.every((item) => item.acceptedVersion === undefined)).toBe(true);
  });
});

describe('the signed claims: expiry and team URL', () => {
  it('refuses an expired pack with its date, and keeps the pack in use', async () => {
    await pin();
    served = await signed(5, { expires: '2026-12-01T09:59:59.000Z' });
    const status = await subscribe();
    expect(outcomeOf(status)).toMatchObject({ kind: 'failed', code: 'expired', params: { expires: '2026-12-01T09:59:59.000Z' } });
    expect((await inUse()).id).not.toBe('acme-care');
  });

  it('a pack in use that expires is reported even when the host answers 304 forever (a freeze)', async () => {
    await pin();
    served = await signed(5, { expires: '2026-12-20T00:00:00.000Z' });
    expect(outcomeOf(await subscribe())).toMatchObject({ kind: 'applied', version: 5 });
    now = new Date('2026-12-21T00:00:00Z');
    served = ''; // unused below: the host answers 304
    const frozen = createHandlers(
      backgroundTestDeps(db, {
        role: async () => role,
        now: () => now,
        sync: {
          schedulePack: async () => undefined,
          deliverOutbox: async () => undefined,
          hasAccess: async () => true,
          fetch: (async () => new Response(null, { status: 304 })) as typeof fetch,
        },
      }),
    );
    expect(outcomeOf(await frozen['panel.refreshPack']({}, sidePanel))).toMatchObject({ kind: 'failed', code: 'expired' });
    expect((await inUse()).version).toBe(5); // kept, and the person is told
  });

  it('refuses a pack published for another team URL, naming both addresses', async () => {
    await pin();
    served = await signed(5, { audience: 'https://packs.example.com/other-team.json' });
    expect(outcomeOf(await subscribe())).toMatchObject({
      kind: 'failed',
      code: 'wrong-team-url',
      params: { audience: 'https://packs.example.com/other-team.json', url: TEAM_URL },
    });
    // Addressed to this URL (written another way: host case), and not expired: applied.
    served = await signed(5, { audience: 'https://PACKS.example.com/acme.json', expires: '2027-03-01T00:00:00.000Z' });
    expect(outcomeOf(await refresh())).toMatchObject({ kind: 'applied', version: 5 });
  });

  it('a pack signed with claims, put aside, is restored: its kept signature covers the claims, not a copy of the file', async () => {
    await pin();
    const claims = { audience: TEAM_URL, expires: '2027-03-01T00:00:00.000Z' };
    served = JSON.stringify(await signPack(parsed(5), manager, claims));
    expect(outcomeOf(await subscribe())).toMatchObject({ kind: 'applied', version: 5 });
    role = 'manager';
    await h['panel.resetToDefaultPack']({}, sidePanel);
    const [record] = (await db.getAll('packHistory')).filter((r) => r.pack.id === 'acme-care');
    expect(record.source.seal).toMatchObject({ claims });
    expect(record.source.seal?.signedFile).toBeUndefined();
    await h['panel.restorePackVersion']({ historyId: record.id }, sidePanel);
    expect((await inUse()).version).toBe(5);
  });

  it('refuses an expired signed file imported by hand', async () => {
    role = 'manager';
    await pin();
    const result = await h['panel.importPack']({ text: await signed(5, { expires: '2026-11-30T00:00:00.000Z' }) }, sidePanel);
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'expired', params: { expires: '2026-11-30T00:00:00.000Z' } }] });
  });

  it('publishes the claims inside the signature: the team URL and an expiry 90 days ahead', async () => {
    role = 'manager';
    await h['panel.generateSigningKey']({}, sidePanel);
    const result = await h['panel.publishPack'](
      { bumpVersion: true, sign: true, audience: TEAM_URL, expiresInDays: 90 },
      sidePanel,
    );
    const file = JSON.parse(result.json);
    expect(file).toMatchObject({
      audience: TEAM_URL,
      expires: '2027-03-01T10:00:00.000Z',
      signature: { value: expect.any(String) },
    });
    expect(result).toMatchObject({ audience: TEAM_URL, expires: '2027-03-01T10:00:00.000Z' });
    expect((await h['panel.syncStatus']({}, sidePanel)).publishing).toEqual({ audience: TEAM_URL, expiresInDays: 90 });
    // Without an expiry: no `expires` field at all.
    const forever = JSON.parse(
      (await h['panel.publishPack']({ bumpVersion: true, sign: true, expiresInDays: null }, sidePanel)).json,
    );
    expect(forever.expires).toBeUndefined();
    expect(forever.audience).toBeUndefined();
  });
});

describe('auto-apply of a followed pack', () => {
  it('without a pinned key or trust in the host, a new version waits for a manual apply', async () => {
    served = JSON.stringify(acme(5));
    const status = await subscribe(true);
    expect(outcomeOf(status)).toMatchObject({ kind: 'pending', version: 5, note: 'needs-key' });
    expect((await inUse()).id).not.toBe('acme-care');
    await h['panel.applyPendingUpdate']({}, sidePanel);
    expect((await inUse()).version).toBe(5);
  });

  it('applies at once when the person trusts the host without a key, a choice kept when settings change', async () => {
    served = JSON.stringify(acme(5));
    expect(outcomeOf(await subscribe(true, true))).toMatchObject({ kind: 'applied', version: 5 });
    // The policy's re-subscribe names no trust: the choice stays.
    served = JSON.stringify(acme(6));
    const status = await h['panel.subscribe']({ url: TEAM_URL, autoApply: true, refreshMinutes: 60 }, sidePanel);
    expect(status.subscription?.trustHost).toBe(true);
    expect(outcomeOf(status)).toMatchObject({ kind: 'applied', version: 6 });
  });

  it('applies at once with a pinned key', async () => {
    await pin();
    served = await signed(5);
    expect(outcomeOf(await subscribe(true))).toMatchObject({ kind: 'applied', version: 5 });
  });
});

describe('unpinning the key', () => {
  it('is refused to an agent and logged for a manager', async () => {
    await pin();
    await expect(h['panel.pinPublicKey']({ publicKey: null }, sidePanel)).rejects.toThrow(/Only a manager can unpin/);
    expect((await h['panel.syncStatus']({}, sidePanel)).pinned?.fingerprint).toBe(manager.fingerprint);

    role = 'manager';
    expect(await h['panel.pinPublicKey']({ publicKey: null }, sidePanel)).toMatchObject({ ok: true });
    expect((await h['panel.syncStatus']({}, sidePanel)).pinned).toBeUndefined();
    await expect
      .poll(async () => (await listActivity(db)).find((entry) => entry.kind === 'key.unpinned')?.details)
      .toEqual({ fingerprint: manager.fingerprint });
  });

  it('keeps the marks: pinning the same key again still refuses the older version', async () => {
    await pin();
    served = await signed(5);
    await subscribe();
    role = 'manager';
    await h['panel.pinPublicKey']({ publicKey: null }, sidePanel);
    await pin();
    served = await signed(4);
    expect(outcomeOf(await refresh())).toMatchObject({ kind: 'failed', code: 'rolled-back' });
  });
});
