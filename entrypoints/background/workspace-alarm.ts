import { browser } from 'wxt/browser';

const ARCHIVE_ALARM = 'dalil-workspace-archive';
const ARCHIVE_EVERY_MINUTES = 5;
/** After log writes, wait this long: a burst of replies goes out as one object, not one each. */
const AFTER_WRITES_MS = 60_000;

/**
 * When the log archive runs: `soon()` after log writes (one timer for a burst), and an alarm every
 * few minutes while a workspace is connected, which wakes a stopped worker. Each run archives only
 * entries older than the settle time (utils/workspace/log-archive.ts), so the alarm catches what the
 * timer was too early for.
 */
export function archiveSchedule(run: () => Promise<void>) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ARCHIVE_ALARM) void run().catch(() => undefined);
  });
  return {
    soon() {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        void run().catch(() => undefined);
      }, AFTER_WRITES_MS);
    },
    async schedule(connected: boolean) {
      if (connected) await browser.alarms.create(ARCHIVE_ALARM, { periodInMinutes: ARCHIVE_EVERY_MINUTES });
      else await browser.alarms.clear(ARCHIVE_ALARM);
    },
  };
}
