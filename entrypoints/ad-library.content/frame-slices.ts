/**
 * All of the ad-library script's work after load, a slice at a time: at most one slice per animation frame, run
 * in that frame's idle time, each about SLICE_MS. Idle callbacks alone would run several slices in one frame when
 * the page is quiet (Chrome's idle periods last up to 50 ms): waiting for the next frame first keeps our share of
 * any frame under 1 ms (docs/budgets-and-security.md §1). A page that is never idle still gets a slice every
 * quarter of a second (and a frame).
 */
import type { ContentScriptContext } from '@/utils/content-scripts/lifecycle';

/** Our work per slice (ms): under the 1 ms per frame budget, with room for the observers' own callbacks. */
export const SLICE_MS = 0.75;
const IDLE_TIMEOUT_MS = 250;

/**
 * Returns `request()`: asks for `slice(budgetMs)` to run once, in the idle time of a coming frame; requests made
 * before it runs are one. A slice that leaves work undone requests the next.
 */
export function frameSlices(ctx: ContentScriptContext, slice: (budgetMs: number) => void): () => void {
  let frame: number | undefined;
  let idle: number | undefined;
  // One listener for the script's life (WXT's own helpers add one per call).
  ctx.onInvalidated(() => {
    if (frame !== undefined) cancelAnimationFrame(frame);
    if (idle !== undefined) cancelIdleCallback(idle);
  });
  return function request() {
    if (frame !== undefined || idle !== undefined || ctx.signal.aborted) return;
    frame = requestAnimationFrame(() => {
      frame = undefined;
      idle = requestIdleCallback(
        (deadline) => {
          idle = undefined;
          if (ctx.isValid) slice(Math.min(SLICE_MS, deadline.timeRemaining()));
        },
        { timeout: IDLE_TIMEOUT_MS },
      );
    });
  };
}
