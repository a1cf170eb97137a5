/**
 * The ad-library script's cards get their controls in the order a person needs them: after a scroll, the cards
 * that came near the screen last (where the scroll stopped) first, then those scrolled past; the cards on the screen
 * before all, and only those are read. The slices are held back, then done at once (`flush`) or run a frame apart
 * on a simulated clock (`idle`), so the order is the queue's, not the machine's.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../../utils/i18n/page-text', () => ({ loadPageLocale: () => Promise.resolve() }));

import type { AdState } from '../../../utils/ad-library-page/ad-state';
import { init } from '../../../utils/ad-library-page/card-reader';
import { frameShare } from '../../../utils/ad-library-page/frame-slices';
import type { ShadowHosts } from '../../../utils/ad-library-page/shadow-hosts';
import { liveContext } from './live-context';

type Entries = Partial<IntersectionObserverEntry>[];
/** The observer of cards within a screen of the viewport, and that of cards on it. */
let nearScreen: ((entries: Entries) => void) | undefined;
let onScreen: ((entries: Entries) => void) | undefined;

/** Idle callbacks and timers asked for and not run yet: the slices and their waits, run only by `idle()`. */
let idleCallbacks: Array<(deadline: IdleDeadline) => void> = [];
let timers: Array<{ at: number; run: () => void }> = [];
/** The page's clock (ms): it stands still within a call of ours, so the work takes no time, and moves a frame between. */
let now = 0;

/** Runs the slices asked for, a frame apart, and the timers they wait on, until neither is left. */
function idle() {
  for (let calls = 0; calls < 1000; calls++) {
    now += 17;
    const slice = idleCallbacks.shift();
    if (slice) {
      slice({ didTimeout: true, timeRemaining: () => 0 });
      continue;
    }
    const timer = timers.sort((a, b) => a.at - b.at).shift();
    if (!timer) return;
    now = Math.max(now, timer.at);
    timer.run();
  }
}

beforeEach(() => {
  idleCallbacks = [];
  timers = [];
  now = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  vi.stubGlobal('requestIdleCallback', (callback: (deadline: IdleDeadline) => void) => idleCallbacks.push(callback));
  vi.stubGlobal('cancelIdleCallback', () => {});
  vi.stubGlobal('setTimeout', (run: () => void, ms: number) => timers.push({ at: now + ms, run }));
  vi.stubGlobal('clearTimeout', () => {});
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      constructor(callback: (entries: Entries) => void, options?: IntersectionObserverInit) {
        if (options?.rootMargin) nearScreen = callback;
        else onScreen = callback;
      }
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

const ctx = liveContext;

/**
 * A page of 12 cards under the card reader, its slices held back: `order` says what it did to which card, in turn
 * ("attach 3", "read 3"); `readable` lets it read cards (else a read is a failure of the test).
 */
async function readerOnPage(readable = false) {
  const cards = Array.from({ length: 12 }, (_, i) => {
    const card = document.createElement('article');
    card.textContent = `ad ${i}`;
    document.body.append(card);
    return card;
  });
  const order: string[] = [];
  const state = {
    library: 'google',
    extractor: {
      findCards: () => new Map(cards.map((card, i) => [`AR${i}`, card])),
      readAd: (libraryAdId: string) => {
        if (!readable) throw new Error('not read in this test');
        order.push(`read ${libraryAdId.slice(2)}`);
        return { id: `google:${libraryAdId}` };
      },
    },
    send: () => new Promise(() => {}),
    captures: new Map(),
    controls: new Map(),
    cardOf: new Map(),
    refresh() {},
  } as unknown as AdState;
  const hosts = { isOurs: () => false } as unknown as ShadowHosts;
  const flush = init(ctx, {
    state,
    hosts,
    share: frameShare(),
    attach: (_id, card) => order.push(`attach ${cards.indexOf(card as HTMLElement)}`),
  });
  // The page looked through (and Dalil's language asked for), then the language arrives.
  flush();
  await Promise.resolve();
  await Promise.resolve();
  return { cards, order, flush };
}

describe('the cards near the screen', () => {
  it('get their controls newest batch first, each batch in page order: where the scroll stopped before what it passed', async () => {
    const { cards, order, flush } = await readerOnPage();
    // At load, the first screen's cards come near together: in page order, the top first.
    nearScreen?.(cards.slice(0, 4).map((card) => ({ target: card, isIntersecting: true })));
    // Then a scroll brings the others near one after another, faster than the slices run.
    for (const card of cards.slice(4)) nearScreen?.([{ target: card, isIntersecting: true }]);
    flush();
    const attached = order.map((step) => Number(step.replace('attach ', '')));
    expect(attached).toHaveLength(12);
    // Where the scroll stopped first, then back along what it passed, the first screen last, top first.
    expect(attached).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 0, 1, 2, 3]);
  });

  it('on the screen now get their controls first and are read first: a scroll down and back up', async () => {
    const { cards, order, flush } = await readerOnPage(true);
    // The scroll passes every card faster than the slices run, then comes back to the top: cards 0-2 on screen.
    for (const card of cards) nearScreen?.([{ target: card, isIntersecting: true }]);
    onScreen?.(cards.slice(9).map((card) => ({ target: card, isIntersecting: false })));
    onScreen?.(cards.slice(0, 3).map((card) => ({ target: card, isIntersecting: true })));
    flush();
    // Controls for every card near the screen before any card is read (a card scrolled to has them): those on the
    // screen, top first, then the others, where the scroll stopped first…
    expect(order.slice(0, 12)).toEqual([0, 1, 2, 11, 10, 9, 8, 7, 6, 5, 4, 3].map((i) => `attach ${i}`));
    // …then the cards on the screen are read, then the others.
    expect(order.slice(12, 15)).toEqual(['read 0', 'read 1', 'read 2']);
    expect(order.slice(15).sort()).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11].map((i) => `read ${i}`).sort());
  });

  it('are read once on the screen: those a screen away have their controls, and are read when scrolled to', async () => {
    const { cards, order } = await readerOnPage(true);
    idle();
    // The first six cards come within a screen of the viewport; three are on it.
    nearScreen?.(cards.slice(0, 6).map((card) => ({ target: card, isIntersecting: true })));
    onScreen?.(cards.slice(0, 3).map((card) => ({ target: card, isIntersecting: true })));
    idle();
    expect(order.filter((step) => step.startsWith('attach'))).toHaveLength(6);
    expect(order.filter((step) => step.startsWith('read'))).toEqual(['read 0', 'read 1', 'read 2']);
    // A scroll brings card 4 on the screen: it is read, and only it.
    onScreen?.([{ target: cards[4], isIntersecting: true }]);
    idle();
    expect(order.filter((step) => step.startsWith('read'))).toEqual(['read 0', 'read 1', 'read 2', 'read 4']);
    expect(idleCallbacks).toHaveLength(0);
  });
});
