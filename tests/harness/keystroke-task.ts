/**
 * Whether a shortcut's text is in the editor's model by the end of the task of the key that completed it. The
 * page queues a task when that key goes down (before any input listener, Dalil's included, has run); tasks run
 * in the order queued, so that task sees what the keystroke's own task left. Script strings, for Playwright
 * and puppeteer alike.
 */

/** Watches the next `key` to go down; `KEYSTROKE_TASK_SAW` then reads the model as the task after it found it. */
export const watchKeystrokeTask = (key: string) => `(() => {
  window.__dalilKeystrokeTask = undefined;
  const watch = (event) => {
    if (event.key !== ${JSON.stringify(key)}) return;
    document.removeEventListener('keydown', watch, true);
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { window.__dalilKeystrokeTask = window.dalilFixture.modelText(); };
    channel.port2.postMessage(null);
  };
  document.addEventListener('keydown', watch, true);
})()`;

export const KEYSTROKE_TASK_SAW = 'window.__dalilKeystrokeTask';
