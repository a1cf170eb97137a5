import { browser } from 'wxt/browser';
import type { DalilDatabase } from '@/utils/db/open';
import { createMediaQueue, type MediaQueueDeps } from './media-queue';

const MEDIA_ALARM = 'dalil-media';
/** Chrome fires alarms no sooner than 30 s from now; shorter waits also get a timer while the worker lives. */
const ALARM_MIN_MS = 30_000;

/**
 * The media queue with the browser's clocks: a timer while the worker lives, and an alarm that
 * wakes a stopped worker when the next item is due. Call start() once per worker start.
 */
export function createBackgroundMediaQueue(
  db: () => Promise<DalilDatabase>,
  changed: (adIds: string[]) => void,
  ensureRoom?: (bytes: number) => Promise<void>,
  progress?: MediaQueueDeps['progress'],
) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const queue = createMediaQueue({
    db,
    ensureRoom,
    progress,
    changed,
    schedule: async (at) => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      if (at === undefined) {
        await browser.alarms.clear(MEDIA_ALARM);
        return;
      }
      timer = setTimeout(() => void queue.run(), Math.max(0, at - Date.now()));
      await browser.alarms.create(MEDIA_ALARM, { when: Math.max(at, Date.now() + ALARM_MIN_MS) });
    },
  });
  return {
    ...queue,
    start() {
      browser.alarms.onAlarm.addListener((alarm) => {
        if (alarm.name === MEDIA_ALARM) void queue.run();
      });
      return queue.start();
    },
  };
}
