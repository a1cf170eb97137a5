/** When to act on an editor: after the keystroke's event has been handled by everyone, or after the next task. */

/**
 * The next task. A message-channel task, not setTimeout(0): timers are clamped to 4 ms and more under load.
 * After a keystroke Chromium runs the next frame before any other task (measured: 5–15 ms with the editor
 * pages' frames), so a wait like this between the keystroke and the insert costs up to a frame.
 */
export const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

/**
 * Resolves when every listener of `event` has run, the editor's own included, with the microtasks each queued
 * (React's and Lexical's commits of the keystroke): still in the keystroke's task. A listener added now to each
 * node of the event's path, in the bubbling phase, runs after that node's own: the window's is the last stop,
 * and where a listener stopped the event (Lexical stops `input` at its root), ours on that node sees it stopped.
 * An event stopped at once, or one that does not bubble, resolves at the next task.
 */
export function afterDispatch(event: Event): Promise<void> {
  const path = event.composedPath();
  if (path.length === 0 || !event.bubbles) return nextTask();
  return new Promise<void>((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      for (const node of path) node.removeEventListener(event.type, atNode);
      resolve();
    };
    const atNode = (seen: Event) => {
      if (seen === event && (seen.cancelBubble || seen.currentTarget === path[path.length - 1])) finish();
    };
    for (const node of path) node.addEventListener(event.type, atNode);
    void nextTask().then(finish);
  });
}
