/**
 * All of the ad-library script's work after load, a slice at a time: at most one slice per animation frame, run
 * in that frame's idle time, each about SLICE_MS. Idle callbacks alone would run several slices in one frame when
 * the page is quiet (Chrome's idle periods last up to 50 ms), and two idle periods can fall within one frame's
 * span (a late one, then an early one). So a slice starts only once the last one has been over for REST_MS: any
 * span of a frame (16.7 ms) then holds at most FRAME_SHARE_MS of slices, whichever frames they fell in, and a slice
 * that ran long pushes the next one a frame on (docs/budgets-and-security.md §1). A page that is never idle (one
 * being scrolled fast) still gets a slice every 50 ms or so: cards coming near the screen get their controls.
 */
import type { ContentScriptContext } from '@/utils/content-scripts/lifecycle';

/** Our work per slice (ms): under the 1 ms per frame budget, with room for the observers' own callbacks. */
export const SLICE_MS = 0.75;
/** The most of our slices in any frame's span (ms): the 1 ms budget less the observers' callbacks. */
export const FRAME_SHARE_MS = 0.9;
const FRAME_MS = 16.7;
/**
 * The least time from a slice's end to the next one's start. A span of FRAME_MS that takes in the end of one
 * slice and the start of the next holds at most FRAME_MS - REST_MS of them: slices of SLICE_MS on consecutive
 * frames (16.7 ms apart) leave ~15.95 ms between them, more than this.
 */
export const REST_MS = FRAME_MS - FRAME_SHARE_MS;
const IDLE_TIMEOUT_MS = 50;

/**
 * Returns `request()`: asks for `slice(budgetMs)` to run once, in the idle time of a coming frame; requests made
 * before it runs are one. A slice that leaves work undone requests the next.
 */
export function frameSlices(ctx: ContentScriptContext, slice: (budgetMs: number) => void): () => void {
  let frame: number | undefined;
  let idle: number | undefined;
  let lastEnd = Number.NEGATIVE_INFINITY;
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
          // Too soon after the last slice: this frame's share is spent; the next frame's idle time is asked for.
          if (performance.now() - lastEnd < REST_MS) request();
          else if (ctx.isValid) {
            try {
              slice(deadline.didTimeout ? SLICE_MS : Math.min(SLICE_MS, deadline.timeRemaining()));
            } finally {
              lastEnd = performance.now();
            }
          }
        },
        { timeout: IDLE_TIMEOUT_MS },
      );
    });
  }
  return request;
}
