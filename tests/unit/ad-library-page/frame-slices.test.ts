/**
 * The ad-library script's slices keep its share of any frame's span (16.7 ms) under the per-frame budget, however
 * the page's idle periods fall: a late one in one frame and an early one in the next must not both get a slice,
 * and a slice that ran long pushes the next one on. Frames, idle periods and the clock are simulated.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FRAME_SHARE_MS, frameSlices, SLICE_MS } from '../../../utils/ad-library-page/frame-slices';
import type { ContentScriptContext } from '../../../utils/content-scripts/lifecycle';

const FRAME = 1000 / 60;
let now = 0;
let frameCallbacks: Array<() => void> = [];
let idleCallbacks: Array<(deadline: IdleDeadline) => void> = [];

beforeEach(() => {
  now = 0;
  frameCallbacks = [];
  idleCallbacks = [];
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frameCallbacks.push(cb));
  vi.stubGlobal('requestIdleCallback', (cb: (deadline: IdleDeadline) => void) => idleCallbacks.push(cb));
  vi.stubGlobal('cancelAnimationFrame', () => {});
  vi.stubGlobal('cancelIdleCallback', () => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const ctx = { onInvalidated() {}, signal: new AbortController().signal, isValid: true } as unknown as ContentScriptContext;

/**
 * Runs `frames` frames: each frame's rAF callbacks at its start, then its idle callbacks `idleAt(frame)` ms into
 * it. Each slice takes `costOf(index)` ms of the clock and asks for the next. Returns each slice's [start, end].
 */
function simulate(frames: number, idleAt: (frame: number) => number, costOf: (index: number) => number) {
  const slices: Array<[number, number]> = [];
  const request = frameSlices(ctx, () => {
    const start = now;
    now += costOf(slices.length);
    slices.push([start, now]);
    request();
  });
  request();
  for (let frame = 0; frame < frames; frame++) {
    now = Math.max(now, frame * FRAME);
    for (const cb of frameCallbacks.splice(0)) cb();
    now = Math.max(now, frame * FRAME + idleAt(frame));
    for (const cb of idleCallbacks.splice(0)) cb({ didTimeout: false, timeRemaining: () => 10 });
  }
  return slices;
}

/** The most slice time in any span of one frame (the measure bench/browser-budgets.ts takes of a profile). */
function mostInOneFrame(slices: Array<[number, number]>): number {
  let most = 0;
  for (const [from] of slices) {
    const to = from + FRAME;
    let sum = 0;
    for (const [a, b] of slices) sum += Math.max(0, Math.min(b, to) - Math.max(a, from));
    most = Math.max(most, sum);
  }
  return most;
}

describe('frame slices', () => {
  it("never gives a late idle period and the next frame's early one both a slice", () => {
    // Idle time comes 2 ms into even frames and 0.5 ms into odd ones: 15.2 ms apart, start to start.
    const slices = simulate(
      60,
      (frame) => (frame % 2 === 0 ? 2 : 0.5),
      () => SLICE_MS,
    );
    expect(mostInOneFrame(slices)).toBeLessThanOrEqual(FRAME_SHARE_MS);
    // Still a slice in most frames: the work goes on.
    expect(slices.length).toBeGreaterThanOrEqual(25);
  });

  it('keeps any frame span within its share wherever the idle periods fall', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const offsets = Array.from({ length: 200 }, () => random() * 14);
    const slices = simulate(
      200,
      (frame) => offsets[frame],
      () => SLICE_MS,
    );
    expect(mostInOneFrame(slices)).toBeLessThanOrEqual(FRAME_SHARE_MS);
    expect(slices.length).toBeGreaterThanOrEqual(60);
  });

  it('pushes the next slice a frame on after one that ran over its budget', () => {
    // The third slice runs long (one item that cost more than expected).
    const slices = simulate(
      20,
      () => 1,
      (index) => (index === 2 ? 1.5 : SLICE_MS),
    );
    const long = slices[2];
    const next = slices[3];
    // The next frame's idle period came 15.9 ms after the long slice ended: too close, so it waited a frame.
    expect(next[0] - long[0]).toBeGreaterThan(2 * FRAME - 0.01);
    expect(mostInOneFrame(slices)).toBeLessThanOrEqual(1.5);
  });
});
