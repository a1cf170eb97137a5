/**
 * A worker stopped between a restore's store transaction and its settings (a window the e2e fault
 * suite cannot hold open from outside): the next worker writes the backup's settings, so the data
 * and the settings are the backup's together, never the backup's data under the old settings.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackup } from '../../../utils/db/backup/create';
import { readBackup } from '../../../utils/db/backup/read';
import { finishInterruptedRestore, restoreBackup } from '../../../utils/db/backup/restore';
import { openDalilDatabase } from '../../../utils/db/open';
import { fillProfile, RealBlob, storage } from './fixtures';

let n = 0;
const freshDb = () => openDalilDatabase(`interrupted-restore-${++n}-${Math.random()}`);

beforeEach(() => vi.stubGlobal('Blob', RealBlob));
afterEach(() => vi.unstubAllGlobals());

describe('a restore cut off after its data committed', () => {
  it('has its settings written by the next worker, and the note that carried them is gone', async () => {
    const source = await freshDb();
    await fillProfile(source);
    await fakeBrowser.storage.local.set({ settings: { locale: 'ar', agentName: 'Sara', role: 'manager' }, settings$: { v: 2 } });
    const zip = await createBackup(source, storage(), {
      includePrivateKey: false,
      appVersion: '1',
      createdAt: '2026-12-06T10:00:00.000Z',
    });
    const read = await readBackup(zip);
    if (!read.ok) throw new Error('unreadable fixture backup');

    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({ settings: { locale: 'en', agentName: 'Omar', role: 'agent' }, settings$: { v: 2 } });
    const target = await freshDb();
    // The stopped worker: its data committed, and its settings write never happened (it never returns).
    const stopped = {
      ...storage(),
      set: () => new Promise<void>(() => undefined),
      remove: () => new Promise<void>(() => undefined),
    };
    void restoreBackup(target, stopped, read.backup);
    await vi.waitFor(async () => expect(await target.count('adCaptures')).toBeGreaterThan(0));
    expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({ agentName: 'Omar' });

    // The next worker (a new connection) finishes the restore.
    const next = await openDalilDatabase(target.name);
    expect(await finishInterruptedRestore(next, storage())).toBe(true);
    expect((await fakeBrowser.storage.local.get('settings')).settings).toStrictEqual({
      locale: 'ar',
      agentName: 'Sara',
      role: 'manager',
    });
    expect(await next.get('syncState', 'restoreSettings')).toBeUndefined();
  });

  it('leaves nothing behind after a restore that finished, and the next worker changes nothing', async () => {
    const source = await freshDb();
    await fillProfile(source);
    await fakeBrowser.storage.local.set({ settings: { locale: 'ar', agentName: 'Sara', role: 'manager' }, settings$: { v: 2 } });
    const zip = await createBackup(source, storage(), {
      includePrivateKey: false,
      appVersion: '1',
      createdAt: '2026-12-06T10:00:00.000Z',
    });
    const read = await readBackup(zip);
    if (!read.ok) throw new Error('unreadable fixture backup');
    fakeBrowser.reset();
    const target = await freshDb();
    expect((await restoreBackup(target, storage(), read.backup)).ok).toBe(true);
    expect(await target.get('syncState', 'restoreSettings')).toBeUndefined();
    await fakeBrowser.storage.local.set({ settings: { locale: 'en', agentName: 'Changed later', role: 'manager' } });
    expect(await finishInterruptedRestore(await openDalilDatabase(target.name), storage())).toBe(false);
    expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({ agentName: 'Changed later' });
  });
});
