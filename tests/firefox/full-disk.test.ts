/**
 * A full disk in real Firefox: the profile is a small tmpfs the test fills, as when a person's disk
 * fills. Firefox keeps IndexedDB in SQLite, which rolls a failed write back, so Dalil does not need
 * Chromium's room check here (its estimate's quota is a share of the disk, not the room left on it);
 * what a person relies on is the same: writes while full are refused and said so, a pack import
 * leaves the pack in use untouched, what was stored before is all there once there is room, and
 * Dalil writes again without a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuidanceSnapshot, PackImportResult } from '../../utils/messaging/protocol';
import { canFillDisk, type SmallDisk, smallDiskProfile } from '../harness/faults';
import {
  activityLogIn,
  type FirefoxWithExtension,
  launchFirefoxWithExtension,
  panelMessageIn,
  pollFor,
} from '../harness/firefox';
import { teamPack } from '../harness/team-packs';

type Reply = { ok: boolean; data?: unknown; error?: { message: string } };

describe.runIf(canFillDisk())('a full disk in Firefox', () => {
  let firefox: FirefoxWithExtension;
  let disk: SmallDisk;
  beforeAll(async () => {
    disk = smallDiskProfile(128 * 1024 * 1024);
    firefox = await launchFirefoxWithExtension({ userDataDir: disk.profile });
  });
  afterAll(async () => {
    await firefox?.close();
    disk?.remove();
  });

  it('refuses writes while full, keeps what was stored, and writes again once there is room', async () => {
    const page = await firefox.openSidePanel({ locale: 'en' });
    const guidance = () => panelMessageIn<GuidanceSnapshot>(page, 'panel.getGuidance', {});
    // Any reply, refusal included: the raw one, as the panel gets it.
    const send = (type: string, payload: unknown) =>
      page.evaluate(
        (t, p) =>
          (
            globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<Reply> } } }
          ).browser.runtime.sendMessage({
            type: t,
            payload: p,
          }),
        type,
        payload,
      );
    const check = (label: string) =>
      send('panel.logPaletteCheck', { origin: 'file', label, verdict: 'pass', onPaletteShare: 0.9, swatches: 4 });
    const images = async () => (await activityLogIn(page, 'palette.checked')).map((e) => String(e.details.image));

    const before = await guidance();
    expect((await check('before-full.png')).ok).toBe(true);

    // Firefox writes and deletes its own files meanwhile: fill again until the disk is full when Dalil writes.
    const whileFull: Reply[] = [];
    for (let attempt = 0; attempt < 5 && whileFull.every((r) => r.ok); attempt++) {
      disk.fill(0);
      whileFull.push(...(await Promise.all([1, 2, 3].map((i) => check(`while-full-${attempt}-${i}.png`)))));
    }
    const pack = { ...teamPack(9), id: 'acme-file', name: 'Acme care' };
    const imported = await send('panel.importPack', { text: JSON.stringify(pack), fileName: 'acme-v9.json' });
    disk.free();

    // Each sender was told: nothing acknowledged that was not stored.
    const told = whileFull.filter((r) => !r.ok);
    const stored = (await images()).filter((image) => image.startsWith('while-full-'));
    expect(stored.length).toBe(whileFull.length - told.length);
    expect(told.length).toBeGreaterThan(0);
    expect(told[0].error?.message).toMatch(/quota/i);
    // The import was refused whole: the pack in use is the one before.
    expect((imported.data as PackImportResult | undefined)?.ok ?? imported.ok).toBe(false);
    expect((await guidance()).pack.version).toBe(before.pack.version);
    // What was stored before the disk filled is all there.
    expect(await images()).toContain('before-full.png');

    // Once there is room, Dalil writes again without a restart (measured: Firefox may refuse the first
    // write right after, with ReadOnlyError, and take the next).
    const next = await pollFor(
      () => check('after-full.png'),
      (reply) => reply.ok,
      8_000,
    );
    expect(next.ok).toBe(true);
    expect(await images()).toEqual(expect.arrayContaining(['before-full.png', 'after-full.png']));
    await page.close();
  });
});
