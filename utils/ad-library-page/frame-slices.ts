/**
 * All of the ad-library script's work after load, a slice at a time: at most one slice per animation frame, run
 * in that frame's idle time, each about SLICE_MS. Idle callbacks alone would run several slices in one frame when
 * the page is quiet (Chrome's idle periods last up to 50 ms), and two idle periods can fall within one frame's
 * span (a late one, then an early one): a slice starts most of a frame after the last one at the earliest, which
 * keeps our share of any 16.7 ms under 1 ms (docs/budgets-and-security.md §1). A page that is never idle (one
 * being scrolled fast) still gets a whole slice every 50 ms (and a frame): cards coming near the screen
 * get their controls.
 */
import type { ContentScriptContext } from '@/utils/content-scripts/lifecycle';

/** Our work per slice (ms): under the 1 ms per frame budget, with room for the observers' own callbacks. */
export const SLICE_MS = 0.75;
const IDLE_TIMEOUT_MS = 50;
/** The least time between two slices' starts: most of a frame (frames are not evenly spaced). */
const SLICE_GAP_MS = 15;

/**
 * Returns `request()`: asks for `slice(budgetMs)` to run once, in the idle time of a coming frame; requests made
 * before it runs are one. A slice that leaves work undone requests the next.
 */
export function frameSlices(ctx: ContentScriptContext, slice: (budgetMs: number) => void): () => void {
  let frame: number | undefined;
  let idle: number | undefined;
  let lastStart = Number.NEGATIVE_INFINITY;
  // One listener for the script's life (WXT's own helpers add one per call).
  ctx.onInvalidated(() => {
    if (frame !== undefined) cancelAnimationFrame(frame);
    if (idle !== undefined) cancelIdleCallback(idle);
  });
  function request() {
    if (frame !== undefined || idle !== undefined || ctx.signal.aborted) return;
    frame = requestAnimationFrame(() => {
      frame = undefined;
      idle = requestIdleCallback(
        (deadline) => {
          idle = undefined;
          const start = performance.now();
          // Too soon after the last slice: this frame's share is spent.
          if (start - lastStart < SLICE_GAP_MS) request();
          else if (ctx.isValid) {
            lastStart = start;
            slice(deadline.didTimeout ? SLICE_MS : Math.min(SLICE_MS, deadline.timeRemaining()));
          }
        },
        { timeout: IDLE_TIMEOUT_MS },
      );
    });
  }
  return request;
}
