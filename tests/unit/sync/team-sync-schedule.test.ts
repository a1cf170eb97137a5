import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTeamSync } from '../../../entrypoints/background/team-sync';
import { type DalilDatabase, openDalilDatabase } from '../../../utils/db/open';
import type { SubscriptionState } from '../../../utils/sync/types';

const sub = (over: Partial<SubscriptionState> = {}): SubscriptionState => ({
  url: 'https://packs.example.com/acme.json',
  autoApply: true,
  refreshMinutes: 30,
  subscribedAt: '2026-11-26T10:00:00.000Z',
  failures: 0,
  ...over,
});

let db: DalilDatabase;
let permissionListeners: Array<(p: { origins?: string[] }) => void>;
beforeEach(async () => {
  fakeBrowser.reset();
  permissionListeners = [];
  // Not in the fake browser: the one listener team sync adds.
  (fakeBrowser.permissions as unknown as { onAdded: unknown }).onAdded = {
    addListener: (listener: (p: { origins?: string[] }) => void) => permissionListeners.push(listener),
  };
  db = await openDalilDatabase(`team-sync-${Math.random()}`);
});

describe('when the team pack is refreshed', () => {
  it('keeps one repeating alarm at the subscription’s interval, a retry alarm while a retry is due, none once unsubscribed', async () => {
    const sync = createTeamSync(async () => db);
    await sync.schedulePack(sub());
    expect(await fakeBrowser.alarms.get('dalil-pack-refresh')).toMatchObject({ periodInMinutes: 30 });
    expect(await fakeBrowser.alarms.get('dalil-pack-retry')).toBeUndefined();

    const retryAt = new Date(Date.now() + 5 * 60_000).toISOString();
    await sync.schedulePack(sub({ refreshMinutes: 90, nextRetryAt: retryAt }));
    expect(await fakeBrowser.alarms.get('dalil-pack-refresh')).toMatchObject({ periodInMinutes: 90 });
    expect(await fakeBrowser.alarms.get('dalil-pack-retry')).toMatchObject({ scheduledTime: Date.parse(retryAt) });

    await sync.schedulePack(undefined);
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });

  it('refreshes when the browser starts, when either alarm fires and when access is granted; a worker start re-arms the alarm from the stored subscription', async () => {
    await db.put('syncState', sub({ refreshMinutes: 45 }), 'subscription');
    const sync = createTeamSync(async () => db);
    const refreshPack = vi.fn(async () => undefined);
    sync.start(refreshPack);
    await vi.waitFor(async () =>
      expect(await fakeBrowser.alarms.get('dalil-pack-refresh')).toMatchObject({ periodInMinutes: 45 }),
    );
    expect(refreshPack).not.toHaveBeenCalled(); // a worker waking for an event is not a browser start

    await fakeBrowser.runtime.onStartup.trigger();
    expect(refreshPack).toHaveBeenCalledTimes(1);
    await fakeBrowser.alarms.onAlarm.trigger({
      name: 'dalil-pack-refresh',
      scheduledTime: Date.now(),
      persistAcrossSessions: true,
    });
    await fakeBrowser.alarms.onAlarm.trigger({
      name: 'dalil-pack-retry',
      scheduledTime: Date.now(),
      persistAcrossSessions: true,
    });
    expect(refreshPack).toHaveBeenCalledTimes(3);
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'dalil-outbox', scheduledTime: Date.now(), persistAcrossSessions: true });
    expect(refreshPack).toHaveBeenCalledTimes(3);
    for (const listener of permissionListeners) listener({ origins: ['https://packs.example.com/*'] });
    expect(refreshPack).toHaveBeenCalledTimes(4);
  });
});
