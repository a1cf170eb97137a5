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

const BOARDS_ALARM = 'dalil-workspace-boards';
/** The alarm only wakes the worker; whether the feed is read then follows the poll's own backoff. */
const BOARDS_WAKE_MINUTES = 0.5;
/** After an ad, note or tag changes here: a short wait gathers a burst of edits into one run. */
const AFTER_EDITS_MS = 2_000;

/**
 * When shared boards sync: `soon()` after the swipe file changes here (sends, does not poll), and an
 * alarm that wakes a stopped worker to send what is queued and to poll when the backoff says so.
 */
export function boardsSchedule(runIfDue: () => Promise<void>, send: () => Promise<void>) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === BOARDS_ALARM) void runIfDue().catch(() => undefined);
  });
  return {
    soon() {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        void send().catch(() => undefined);
      }, AFTER_EDITS_MS);
    },
    async schedule(connected: boolean) {
      if (!connected) return void (await browser.alarms.clear(BOARDS_ALARM));
      if (!(await browser.alarms.get(BOARDS_ALARM)))
        await browser.alarms.create(BOARDS_ALARM, { periodInMinutes: BOARDS_WAKE_MINUTES });
    },
  };
}
