/**
 * The ad-library script's cards get their controls in the order a person needs them: after a scroll, the cards
 * that came near the screen last (where the scroll stopped) first, then those scrolled past. The slices are held
 * back (no frame or idle time runs) and then done at once, so the order is the queue's, not the clock's.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../../utils/i18n/page-text', () => ({ loadPageLocale: () => Promise.resolve() }));

import type { AdState } from '../../../utils/ad-library-page/ad-state';
import { init } from '../../../utils/ad-library-page/card-reader';
import { frameShare } from '../../../utils/ad-library-page/frame-slices';
import type { ShadowHosts } from '../../../utils/ad-library-page/shadow-hosts';
import { liveContext } from './live-context';

let nearScreen: ((entries: Partial<IntersectionObserverEntry>[]) => void) | undefined;

beforeEach(() => {
  vi.stubGlobal('requestIdleCallback', () => 0);
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      constructor(callback: (entries: Partial<IntersectionObserverEntry>[]) => void) {
        nearScreen = callback;
      }
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

const ctx = liveContext;

describe('the cards near the screen', () => {
  it('get their controls newest batch first, each batch in page order: where the scroll stopped before what it passed', async () => {
    const cards = Array.from({ length: 12 }, (_, i) => {
      const card = document.createElement('article');
      card.textContent = `ad ${i}`;
      document.body.append(card);
      return card;
    });
    const attached: number[] = [];
    const state = {
      library: 'google',
      extractor: {
        findCards: () => new Map(cards.map((card, i) => [`AR${i}`, card])),
        readAd: () => {
          throw new Error('not read in this test');
        },
      },
      send: () => Promise.resolve(undefined),
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
      attach: (_id, card) => attached.push(cards.indexOf(card as HTMLElement)),
    });
    // The page looked through (and Dalil's language asked for), then the language arrives.
    flush();
    await Promise.resolve();
    await Promise.resolve();
    // At load, the first screen's cards come near together: in page order, the top first.
    nearScreen?.(cards.slice(0, 4).map((card) => ({ target: card, isIntersecting: true })));
    // Then a scroll brings the others near one after another, faster than the slices run.
    for (const card of cards.slice(4)) nearScreen?.([{ target: card, isIntersecting: true }]);
    flush();
    expect(attached).toHaveLength(12);
    // Where the scroll stopped first, then back along what it passed, the first screen last, top first.
    expect(attached).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 0, 1, 2, 3]);
  });
});
