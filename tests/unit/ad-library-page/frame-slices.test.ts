/**
 * The ad-library script keeps all of its time in any frame's span (16.7 ms), slices and observer callbacks, under
 * its share of the per-frame budget, however the page's idle periods fall: a late one in one frame and an early
 * one in the next must not both get a full slice, an observer's callback leaves the slices less, and a slice that
 * ran long pushes the next one on. While the share is spent the script is not called at all (it waits on a timer,
 * not on idle callbacks that find nothing to do). Frames, idle periods, timers and the clock are simulated.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FRAME_SHARE_MS, frameShare, frameSlices, SLICE_MS } from '../../../utils/ad-library-page/frame-slices';
import { liveContext } from './live-context';

const FRAME = 1000 / 60;
let now = 0;
let idleCallbacks: Array<(deadline: IdleDeadline) => void> = [];
let timers: Array<{ at: number; run: () => void }> = [];
/** When each idle callback of ours ran (ms). */
let idleCalls: number[] = [];

beforeEach(() => {
  now = 0;
  idleCallbacks = [];
  timers = [];
  idleCalls = [];
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  vi.stubGlobal('requestAnimationFrame', () => {
    throw new Error('no animation frame is asked for: asking makes the page render one');
  });
  vi.stubGlobal('requestIdleCallback', (cb: (deadline: IdleDeadline) => void) => idleCallbacks.push(cb));
  vi.stubGlobal('cancelIdleCallback', () => {});
  vi.stubGlobal('setTimeout', (run: () => void, ms: number) => timers.push({ at: now + ms, run }));
  vi.stubGlobal('clearTimeout', () => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const ctx = liveContext;

/** Runs the timers due by `until`, in time order, the clock at each one's time. */
function runTimers(until: number) {
  for (;;) {
    const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
    if (!due) return;
    timers.splice(timers.indexOf(due), 1);
    now = Math.max(now, due.at);
    due.run();
  }
}

interface Simulation {
  /** Frames to run. */
  frames: number;
  /** When each frame's idle period starts, ms into it. */
  idleAt(frame: number): number;
  /** What each item of work takes (ms). */
  itemMs?(index: number): number;
  /** An observer's callback at the start of each frame, this long (ms); 0: none. */
  observerMs?(frame: number): number;
  /** How far apart the frames (each with one idle period) are: a quiet page has idle periods back to back. */
  periodMs?: number;
}

/**
 * Each frame: the observer's callback at its start (counted with `share.counted`), the timers, then the idle callbacks
 * asked for before the idle period began. Each slice does items while they fit in its budget (at least one when given
 * a whole slice, as the content script does) and asks for the next. Returns our spans ([start, end]: slices and
 * callbacks) and how many items were done.
 */
function simulate({ frames, idleAt, itemMs = () => 0.15, observerMs = () => 0, periodMs = FRAME }: Simulation) {
  const spans: Array<[number, number]> = [];
  const slices: Array<[number, number]> = [];
  let items = 0;
  const share = frameShare();
  let empty = 0;
  const request = frameSlices(ctx, share, (budget) => {
    const start = now;
    while ((now === start && budget >= SLICE_MS) || now - start + itemMs(items) <= budget) now += itemMs(items++);
    request();
    if (now === start) {
      empty++;
      return false;
    }
    spans.push([start, now]);
    slices.push([start, now]);
    return true;
  });
  request();
  for (let frame = 0; frame < frames; frame++) {
    runTimers(frame * periodMs);
    now = Math.max(now, frame * periodMs);
    const observer = observerMs(frame);
    if (observer > 0) {
      const start = now;
      share.counted(() => {
        now += observer;
      })();
      spans.push([start, now]);
    }
    runTimers(frame * periodMs + idleAt(frame));
    now = Math.max(now, frame * periodMs + idleAt(frame));
    // Callbacks asked for during this idle period run in the next one.
    for (const cb of idleCallbacks.splice(0)) {
      idleCalls.push(now);
      cb({ didTimeout: false, timeRemaining: () => 10 });
    }
  }
  return { spans, slices, items, empty };
}

/** The most of our time in any span of one frame (the measure bench/browser-budgets.ts takes of a trace). */
function mostInOneFrame(spans: Array<[number, number]>): number {
  let most = 0;
  for (const [from] of spans) {
    const to = from + FRAME;
    let sum = 0;
    for (const [a, b] of spans) sum += Math.max(0, Math.min(b, to) - Math.max(a, from));
    most = Math.max(most, sum);
  }
  return most;
}

describe('frame slices', () => {
  it('after a slice in which no item fitted what was left, waits for a whole slice instead of trying each idle period', () => {
    // Items of 0.3 ms: a slice given what a whole one leaves (0.2 ms) fits none.
    const { spans, items, empty } = simulate({ frames: 400, periodMs: 1, idleAt: () => 0, itemMs: () => 0.3 });
    expect(mostInOneFrame(spans)).toBeLessThanOrEqual(FRAME_SHARE_MS + 1e-9);
    expect(items).toBeGreaterThanOrEqual(24);
    // A couple of empty slices per frame's span (24 spans in 400 ms) at most, not one per idle period (400).
    expect(empty).toBeLessThanOrEqual(48);
  });

  it("never lets a late idle period and the next frame's early one take more than a frame's share", () => {
    // Idle time comes 2 ms into even frames and 0.5 ms into odd ones: 15.2 ms apart, start to start.
    const { spans, items } = simulate({ frames: 60, idleAt: (frame) => (frame % 2 === 0 ? 2 : 0.5) });
    expect(mostInOneFrame(spans)).toBeLessThanOrEqual(FRAME_SHARE_MS + 1e-9);
    // The work goes on: two items in a slice, three in two frames.
    expect(items).toBeGreaterThanOrEqual(85);
  });

  it('keeps any frame span within its share wherever the idle periods fall', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    // Idle periods anywhere in the first 14 ms of a frame; items of 0.05-0.35 ms.
    const offsets = Array.from({ length: 200 }, () => random() * 14);
    const costs = Array.from({ length: 5000 }, () => 0.05 + random() * 0.3);
    const { spans, items } = simulate({ frames: 200, idleAt: (frame) => offsets[frame], itemMs: (index) => costs[index] });
    expect(mostInOneFrame(spans)).toBeLessThanOrEqual(FRAME_SHARE_MS + 1e-9);
    expect(items).toBeGreaterThan(200);
  });

  it("leaves the slices what the observers' callbacks did not take", () => {
    // Infinite scroll appends every frame: our observer's callback takes 0.3 ms at each frame's start.
    const { spans, items } = simulate({ frames: 60, idleAt: () => 4, itemMs: () => 0.1, observerMs: () => 0.3 });
    expect(mostInOneFrame(spans)).toBeLessThanOrEqual(FRAME_SHARE_MS + 1e-9);
    // The work goes on in what is left: two items every other frame at least (the waits' own calls count too).
    expect(items).toBeGreaterThanOrEqual(50);
  });

  it('holds the next slice back until one that ran long is a frame behind, and is not called meanwhile', () => {
    // The fifth item runs long (a card's first read, compiling the extractor).
    const { slices } = simulate({ frames: 20, idleAt: () => 1, itemMs: (index) => (index === 4 ? 1.5 : 0.15) });
    const long = slices.findIndex(([start, end]) => end - start >= 1.5);
    const [, longEnd] = slices[long];
    const [nextStart] = slices[long + 1];
    // Nothing more in the frame's span that holds the long slice.
    expect(nextStart - longEnd).toBeGreaterThan(FRAME - FRAME_SHARE_MS);
    // One idle callback (asked for by the long slice) found the share spent; then a timer waited, not idle callbacks.
    expect(idleCalls.filter((at) => at > longEnd && at < nextStart)).toHaveLength(1);
  });

  it('on a quiet page, with idle periods back to back, waits out a spent share instead of being called', () => {
    const { spans, slices, items } = simulate({ frames: 400, periodMs: 1, idleAt: () => 0 });
    expect(mostInOneFrame(spans)).toBeLessThanOrEqual(FRAME_SHARE_MS + 1e-9);
    // Over 0.4 ms of items in every 16.7 ms (24 spans).
    expect(items).toBeGreaterThanOrEqual(70);
    // Asking for the next idle period whenever the share is spent would be a call every period (400).
    expect(idleCalls.length).toBeLessThanOrEqual(2 * slices.length);
  });
});
