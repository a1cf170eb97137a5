/**
 * All of the ad-library script's work after load, a slice at a time, in the page's idle time, so that all of our
 * time in any frame's span (16.7 ms) stays under FRAME_SHARE_MS (docs/budgets-and-security.md §1: 1 ms per frame).
 * One FrameShare per page counts every call of ours, slice, observer or timer (`counted`): each slice is given
 * what they left of the share in the last frame's span, at most SLICE_MS. Idle callbacks alone would run several
 * slices in one frame's span when the page is quiet (Chrome's idle periods last up to 50 ms), and two idle periods
 * can fall within one span (a late one, then an early one): the count holds both. When the share is spent, the
 * next slice waits (a timer) until enough of it is a frame behind; a slice that ran long, as the first read of a
 * card does, so holds back the next ones. No animation frame is asked for: asking makes the page render a frame,
 * and calls us once more a frame. A page that is never idle (one being scrolled fast) still gets a slice every
 * 20 ms or so: cards coming near the screen get their controls.
 */
import type { ContentScriptContext } from '@/utils/content-scripts/lifecycle';

/**
 * The most one slice is given (ms): with room for an item that takes longer than the last ones of its kind did (a
 * slice stops before an item expected to overrun it). A slice given all of it does at least one item, however long.
 */
export const SLICE_MS = 0.4;
/**
 * The most of our time in any frame's span (ms), slices and observer callbacks: the 1 ms budget less what the
 * clock cannot see (it reads in steps of 0.1 ms in a page: a slice can overrun its budget by that much unseen) and
 * a callback that comes after the span's slices.
 */
export const FRAME_SHARE_MS = 0.65;
/**
 * What each call into our script costs the page beyond what our clock sees from inside it (ms): the browser entering
 * the isolated world and leaving it (0.04-0.07 ms a callback in a trace, where one that does nothing costs the same).
 */
const CALL_MS = 0.05;
/** Less than this left of the share: no slice now. */
const MIN_SLICE_MS = 0.15;
const FRAME_MS = 16.7;
const IDLE_TIMEOUT_MS = 20;

/** Our time in the page's frames: slices and callbacks, to keep any frame's span within FRAME_SHARE_MS. */
export interface FrameShare {
  /** `callback`, its time counted as ours each time the browser calls it (an observer's, a timer's, a slice's). */
  counted<Args extends unknown[]>(callback: (...args: Args) => void): (...args: Args) => void;
  /** What our time of the last frame's span leaves of the share for work starting at `at` (ms). */
  left(at: number): number;
  /** When the share will next have `ms` left, judged from what has been spent (ms, ≥ `now`). */
  freeAt(now: number, ms: number): number;
}

export function frameShare(): FrameShare {
  // Our time of the last frame's span, [start, end] (ms), oldest first.
  const recent: Array<[number, number]> = [];
  const spentSince = (from: number) => {
    let spent = 0;
    for (const [start, end] of recent) spent += Math.max(0, end - Math.max(start, from));
    return spent;
  };
  return {
    counted(callback) {
      return (...args) => {
        const start = performance.now();
        try {
          callback(...args);
        } finally {
          recent.push([start, performance.now() + CALL_MS]);
        }
      };
    },
    left(at) {
      while (recent.length > 0 && recent[0][1] <= at - FRAME_MS) recent.shift();
      return FRAME_SHARE_MS - spentSince(at - FRAME_MS);
    },
    freeAt(now, ms) {
      // The share grows back as what was spent leaves the span: check each moment something does.
      for (const at of [now, ...recent.map(([, end]) => end + FRAME_MS)].filter((t) => t >= now).sort((a, b) => a - b)) {
        if (FRAME_SHARE_MS - spentSince(at - FRAME_MS) >= ms) return at;
      }
      return now + FRAME_MS;
    },
  };
}

/**
 * Returns `request()`: asks for `slice(budgetMs)` to run once, in a coming idle period, within `share`; requests
 * made before it runs are one. A slice that leaves work undone requests the next; one that returns false did
 * nothing (no item fitted what was left of the share), and the next waits until a whole slice fits.
 */
export function frameSlices(ctx: ContentScriptContext, share: FrameShare, slice: (budgetMs: number) => unknown): () => void {
  let idle: number | undefined;
  let wait: ReturnType<typeof setTimeout> | undefined;
  // One listener for the script's life (WXT's own helpers add one per call).
  ctx.onInvalidated(() => {
    if (idle !== undefined) cancelIdleCallback(idle);
    clearTimeout(wait);
  });
  /** Waits until a whole slice fits in the share again, with no callback of ours in between. */
  function waitForShare(now: number) {
    wait = setTimeout(
      share.counted(() => {
        wait = undefined;
        request();
      }),
      share.freeAt(now, SLICE_MS) - now,
    );
  }
  function request() {
    if (idle !== undefined || wait !== undefined || ctx.signal.aborted) return;
    idle = requestIdleCallback(
      share.counted((deadline: IdleDeadline) => {
        idle = undefined;
        // The signal, not `ctx.isInvalid`: that reads `runtime.id` (~15 µs, every slice). A script orphaned by an
        // extension update stops at its next report (the send finds the extension gone) or the next press.
        if (ctx.signal.aborted) return;
        const start = performance.now();
        const left = share.left(start);
        if (left < MIN_SLICE_MS) return waitForShare(start);
        const budget = Math.min(SLICE_MS, left, deadline.didTimeout ? SLICE_MS : deadline.timeRemaining());
        // This idle period is nearly over: the next one (an idle callback asked for in one runs in the next).
        if (budget < MIN_SLICE_MS) return request();
        // Nothing fitted what was left: the next slice (this one asked for it) waits for a whole one instead.
        if (slice(budget) === false && idle !== undefined) {
          cancelIdleCallback(idle);
          idle = undefined;
          waitForShare(performance.now());
        }
      }),
      { timeout: IDLE_TIMEOUT_MS },
    );
  }
  return request;
}
