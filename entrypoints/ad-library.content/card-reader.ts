/**
 * Finds the ad cards on the page (and those infinite scroll adds), reads each as it comes within a
 * screen of the viewport, a few per frame, gives it its controls and tells the background which ads
 * the page shows (it answers which are saved, new, followed).
 *
 * Cards are found at once (cheap) but read only as they come near: a results page holds hundreds of
 * cards, most never scrolled to, and reading one costs a fraction of a millisecond that a page of
 * them would spend at load and on every scroll batch.
 */
import { type ContentScriptContext, stopWith } from '@/utils/content-scripts/lifecycle';
import { loadPageLocale } from '@/utils/i18n/page-text';
import type { AdCapture } from '@/utils/schemas/ad-capture';
import type { AdState } from './ad-state';
import type { ShadowHosts } from './shadow-hosts';

export interface CardReaderDeps {
  state: AdState;
  hosts: ShadowHosts;
  attach(ad: AdCapture, card: Element): void;
}

/** Returns `flush()`, which reads every queued card now. */
export function init(ctx: ContentScriptContext, { state, hosts, attach }: CardReaderDeps) {
  const { extractor, captures, cardOf, saved, fresh, followed, send } = state;
  const knownCards = new WeakSet<Element>();
  const reported = new Set<string>();

  // Cards waiting to be read: observed until they come within a screen of the viewport, then queued.
  const waiting = new Map<Element, string>();
  const queue: Array<[string, Element]> = [];
  const nearScreen = stopWith(
    ctx,
    new IntersectionObserver(
      (entries) => {
        if (ctx.isInvalid) return;
        for (const entry of entries) {
          const id = waiting.get(entry.target);
          if (!entry.isIntersecting || id === undefined) continue;
          waiting.delete(entry.target);
          nearScreen.unobserve(entry.target);
          queue.push([id, entry.target]);
        }
        readQueued();
      },
      { rootMargin: '100% 0px' },
    ),
  );

  // Controls speak Dalil's language (Settings), read once from storage: cards wait in the queue until then.
  let localeReady = false;
  void loadPageLocale(ctx).then(() => {
    localeReady = true;
    if (ctx.isValid) readQueued();
  });

  /** Reads queued cards for up to `budgetMs` (at least one), then continues in the next frame (one frame callback). */
  let nextFrameQueued = false;
  function readQueued(budgetMs = 1) {
    if (!localeReady) return;
    const start = performance.now();
    const unseen: AdCapture[] = [];
    while (queue.length > 0 && (unseen.length === 0 || performance.now() - start < budgetMs)) {
      const [libraryAdId, card] = queue.shift() as [string, Element];
      if (!card.isConnected) continue;
      let ad: AdCapture;
      try {
        ad = extractor.readAd(libraryAdId, card, location.href);
      } catch {
        continue; // A card that cannot be read costs nothing to the others.
      }
      captures.set(ad.id, ad);
      const shown = cardOf.get(ad.id)?.card;
      // One set of controls per ad: the same ad shown twice (grid and detail view) keeps the first.
      if (!shown?.isConnected || shown === card) {
        if (shown !== card) attach(ad, card);
        cardOf.set(ad.id, { libraryAdId, card });
      }
      if (!reported.has(ad.id)) {
        reported.add(ad.id);
        unseen.push(ad);
      }
    }
    if (queue.length > 0 && !nextFrameQueued) {
      nextFrameQueued = true;
      ctx.requestAnimationFrame(() => {
        nextFrameQueued = false;
        readQueued();
      });
    }
    if (unseen.length > 0) void report(unseen);
  }

  /** Tells the background which ads the page shows (it updates saved ones' status) and marks what it answers. */
  async function report(ads: AdCapture[]) {
    const visit = await send('content.pageAds', { ads });
    for (const id of visit?.saved ?? []) saved.add(id);
    for (const id of visit?.newSince ?? []) fresh.add(id);
    for (const key of visit?.followed ?? []) followed.add(key);
    for (const ad of ads) state.refresh(ad.id);
  }

  /** Finds the cards under `root` (the whole page at first, then what infinite scroll added) and waits for them. */
  function discover(root: ParentNode = document) {
    for (const [libraryAdId, card] of extractor.findCards(root, location.href)) {
      if (knownCards.has(card)) continue;
      knownCards.add(card);
      waiting.set(card, libraryAdId);
      nearScreen.observe(card);
    }
  }

  // Infinite scroll: once things settle, read only the subtrees that were added (not the whole page
  // again), ignoring the changes we make ourselves. A card is whole inside what was appended.
  let timer: number | undefined;
  let added = new Set<Element>();
  const observer = stopWith(
    ctx,
    new MutationObserver((records) => {
      if (ctx.isInvalid) return;
      for (const record of records) {
        for (const node of record.addedNodes) if (node instanceof Element && !hosts.isOurs(node)) added.add(node);
      }
      if (added.size === 0) return;
      clearTimeout(timer);
      timer = ctx.setTimeout(() => {
        // Keep only the outermost added roots: a node inside another added one is read with it.
        const all = added;
        added = new Set();
        const outermost = (el: Element) => {
          for (let up = el.parentElement; up; up = up.parentElement) if (all.has(up)) return false;
          return true;
        };
        for (const root of all) if (root.isConnected && outermost(root)) discover(root);
      }, 250);
    }),
  );
  observer.observe(document.body, { childList: true, subtree: true });
  discover();

  return () => readQueued(Number.POSITIVE_INFINITY);
}
