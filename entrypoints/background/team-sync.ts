import { browser } from 'wxt/browser';
import type { DalilDatabase } from '@/utils/db/open';
import { getSyncState } from '@/utils/db/sync-state-repo';
import type { SubscriptionState } from '@/utils/sync/types';
import { deliverDue, releaseStaleLeases } from './outbox';

const PACK_REFRESH = 'dalil-pack-refresh';
const PACK_RETRY = 'dalil-pack-retry';
const OUTBOX = 'dalil-outbox';
/** Chrome fires alarms no sooner than 30 s from now; shorter waits also get a timer while the worker lives. */
const ALARM_MIN_MS = 30_000;

/**
 * The browser side of team sync: alarms that outlive the worker for the pack refresh, its retries
 * and the webhook outbox, and one delivery run at a time.
 */
export function createTeamSync(db: () => Promise<DalilDatabase>) {
  let running: Promise<void> | undefined;
  let again = false;
  let againNow = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function scheduleOutbox(nextAttemptAt: string | undefined): Promise<void> {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (!nextAttemptAt) {
      await browser.alarms.clear(OUTBOX);
      return;
    }
    const due = Date.parse(nextAttemptAt);
    const wait = Math.max(0, due - Date.now());
    timer = setTimeout(() => void deliverOutbox(), wait);
    // The alarm is the durable copy: if the worker stops before the timer, the alarm wakes it.
    await browser.alarms.create(OUTBOX, { when: Math.max(due, Date.now() + ALARM_MIN_MS) });
  }

  /**
   * One run at a time; a request during a run makes one more run after it. `now`: the person asked
   * (Retry now, a new address): everything queued goes, pause or not.
   */
  function deliverOutbox(now = false): Promise<void> {
    if (running) {
      again = true;
      againNow ||= now;
      return running;
    }
    againNow = now;
    running = (async () => {
      try {
        do {
          again = false;
          const sendAll = againNow;
          againNow = false;
          const run = await deliverDue(
            { db: await db(), fetch: (...args) => fetch(...args), now: () => new Date() },
            { now: sendAll },
          );
          await scheduleOutbox(run.nextAttemptAt);
          if (run.sent > 0 || run.failed > 0) {
            browser.runtime.sendMessage({ type: 'broadcast.changed', topics: ['sync'] }).catch(() => undefined);
          }
        } while (again);
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  async function schedulePack(subscription: SubscriptionState | undefined): Promise<void> {
    if (!subscription) {
      await Promise.all([browser.alarms.clear(PACK_REFRESH), browser.alarms.clear(PACK_RETRY)]);
      return;
    }
    const existing = await browser.alarms.get(PACK_REFRESH);
    if (existing?.periodInMinutes !== subscription.refreshMinutes) {
      await browser.alarms.create(PACK_REFRESH, {
        periodInMinutes: subscription.refreshMinutes,
        delayInMinutes: subscription.refreshMinutes,
      });
    }
    if (subscription.nextRetryAt) {
      await browser.alarms.create(PACK_RETRY, {
        when: Math.max(Date.parse(subscription.nextRetryAt), Date.now() + ALARM_MIN_MS),
      });
    } else await browser.alarms.clear(PACK_RETRY);
  }

  return {
    schedulePack,
    hasAccess: (url: string) => {
      const { protocol, hostname } = new URL(url);
      return browser.permissions.contains({ origins: [`${protocol}//${hostname}/*`] });
    },
    deliverOutbox,
    rescheduleSoon: () => void db().then(async (database) => schedulePack(await getSyncState(database, 'subscription'))),
    /** After log writes: deliver in the same worker run (a no-op when the webhook is off). */
    deliverSoon: () => void deliverOutbox(),
    /** Called once per worker start. */
    start(refreshPack: () => Promise<void>) {
      browser.alarms.onAlarm.addListener((alarm) => {
        if (alarm.name === OUTBOX) void deliverOutbox();
        if (alarm.name === PACK_REFRESH || alarm.name === PACK_RETRY) void refreshPack();
      });
      // Access granted after subscribing (the person answered the browser's prompt): try again now.
      browser.permissions.onAdded.addListener((permissions) => {
        if (!permissions.origins?.length) return;
        void refreshPack();
        void deliverOutbox();
      });
      // "On startup": the browser started (not merely the worker waking for an event).
      browser.runtime.onStartup.addListener(() => void refreshPack());
      // This worker just started, so no delivery of its own is in flight: leases left are a stopped worker's.
      void (async () => {
        const database = await db();
        await releaseStaleLeases(database);
        await deliverOutbox();
        await schedulePack(await getSyncState(database, 'subscription'));
      })();
    },
  };
}
