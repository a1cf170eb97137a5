/**
 * All of the ad-library script's work after load, a slice at a time, in the idle time of the page's frames, so
 * that our share of any frame's span (16.7 ms) stays under FRAME_SHARE_MS (docs/budgets-and-security.md §1: 1 ms
 * per frame, less the observers' callbacks). Idle callbacks alone would run several slices in one frame when the
 * page is quiet (Chrome's idle periods last up to 50 ms), and two idle periods can fall within one frame's span
 * (a late one, then an early one): each slice is given what the slices of the last frame's span left of the share,
 * at most SLICE_MS, and none when that is too little to be worth it (the next frame's idle time is asked for). A
 * slice that ran long, as the first read of a card does, so holds back the next ones until it is a frame behind.
 * A page that is never idle (one being scrolled fast) still gets a slice every 20 ms or so: cards coming near the
 * screen get their controls.
 */
import type { ContentScriptContext } from '@/utils/content-scripts/lifecycle';

/**
 * The most one slice is given (ms): with room for an item that takes longer than the last ones of its kind did (a
 * slice stops before an item expected to overrun it). A slice given all of it does at least one item, however long.
 */
export const SLICE_MS = 0.6;
/** The most of our slices in any frame's span (ms): the 1 ms budget less the observers' own callbacks. */
export const FRAME_SHARE_MS = 0.9;
/** Less than this left of the share: no slice in this idle period. */
const MIN_SLICE_MS = 0.15;
const FRAME_MS = 16.7;
const IDLE_TIMEOUT_MS = 20;

/**
 * Returns `request()`: asks for `slice(budgetMs)` to run once, in the idle time of a coming frame; requests made
 * before it runs are one. A slice that leaves work undone requests the next.
 */
export function frameSlices(ctx: ContentScriptContext, slice: (budgetMs: number) => void): () => void {
  let frame: number | undefined;
  let idle: number | undefined;
  // The slices of the last frame's span, [start, end] (ms), oldest first.
  const recent: Array<[number, number]> = [];
  // One listener for the script's life (WXT's own helpers add one per call).
  ctx.onInvalidated(() => {
    if (frame !== undefined) cancelAnimationFrame(frame);
    if (idle !== undefined) cancelIdleCallback(idle);
  });
  /** What the slices left of the share of any frame's span that would take in a slice starting `now`. */
  function shareLeft(now: number): number {
    const from = now - FRAME_MS;
    while (recent.length > 0 && recent[0][1] <= from) recent.shift();
    let spent = 0;
    for (const [start, end] of recent) spent += end - Math.max(start, from);
    return FRAME_SHARE_MS - spent;
  }
  function request() {
    if (frame !== undefined || idle !== undefined || ctx.signal.aborted) return;
    frame = requestAnimationFrame(() => {
      frame = undefined;
      idle = requestIdleCallback(
        (deadline) => {
          idle = undefined;
          if (ctx.isInvalid) return;
          const start = performance.now();
          const budget = Math.min(SLICE_MS, shareLeft(start), deadline.didTimeout ? SLICE_MS : deadline.timeRemaining());
          // This frame's share is spent (or its idle time is): the next frame's idle time is asked for.
          if (budget < MIN_SLICE_MS) request();
          else {
            try {
              slice(budget);
            } finally {
              recent.push([start, performance.now()]);
            }
          }
        },
        { timeout: IDLE_TIMEOUT_MS },
      );
    });
  }
  return request;
}
