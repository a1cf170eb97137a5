/**
 * Finds the ad cards on the page (and those infinite scroll adds); as each comes within a screen of the viewport it
 * gets its controls, and once on the screen it is read and reported to the background (which answers which are
 * saved, new, followed). A card the person never scrolls to is never read (flush() reads them all: Save all visible).
 *
 * Only setting up runs at load (an observer and a request for idle time); the observers' callbacks only note what
 * they saw (their time counted in the frame's share). Everything else runs in slices of up to 0.4 ms in idle time,
 * all of our time in any frame's span under 0.65 ms (frame-slices.ts), in this order: reading Dalil's language
 * (once), taking the cards that came near the screen, finding cards (one query over the page, then one per subtree
 * infinite scroll added), giving the cards near the screen their controls (no reading: the ad's id is the card's
 * link), the background's answers, reading the cards on the screen (readAd: text, dates, media; Meta's a part a
 * step, readAdInSteps, as one card took ~1 ms and the first, compiling, ~5 ms) and reporting them, batched, one
 * report in flight (sending it copies the batch: an item of a slice too). The page's own loading, frames and input
 * come first. Measured by `npm run bench` (bench/browser-budgets.ts, "ad-library"; bench/profile-ad-library.ts).
 */
import { captureId } from '@/utils/ad-libraries/common';
import { type ContentScriptContext, stopWith } from '@/utils/content-scripts/lifecycle';
import { loadPageLocale } from '@/utils/i18n/page-text';
import type { AdCapture } from '@/utils/schemas/ad-capture';
import type { AdState } from './ad-state';
import { type FrameShare, frameSlices, SLICE_MS } from './frame-slices';
import type { ShadowHosts } from './shadow-hosts';

export interface CardReaderDeps {
  state: AdState;
  hosts: ShadowHosts;
  /** The page's one count of our time per frame: the slices and the observers' callbacks below. */
  share: FrameShare;
  attach(id: string, card: Element): void;
}

/** The most ads in one `content.pageAds` (the protocol takes 2,000). */
const REPORT_MAX = 500;
/** Text nodes per step of a look for cards that walks the page's text (Meta): a step well within a slice. */
const DISCOVER_TEXTS = 250;
/** How long infinite scroll must have added nothing before what it added is looked in for cards (ms). */
const SETTLE_MS = 250;

/** Returns `flush()`, which gives every queued card its controls and reads every unread one now. */
export function init(ctx: ContentScriptContext, { state, hosts, share, attach }: CardReaderDeps) {
  const { library, extractor, captures, cardOf, controls, saved, fresh, followed, send } = state;
  const knownCards = new WeakSet<Element>();
  const reported = new Set<string>();

  // Cards waiting for controls: observed until they come within a screen of the viewport, then queued.
  const waiting = new Map<Element, string>();
  const toAttach: Array<[string, Element]> = [];
  // Cards with controls, not read yet (capture ids), in the order they got them: read in idle time once on the screen.
  const toRead = new Set<string>();
  // Each card with controls, its capture id: the cards on the screen are few, the unread ones a page's worth.
  const idOf = new WeakMap<Element, string>();
  // The observer's callback runs in the frame (before paint), scrolling or not: it only keeps the entries for a slice.
  const nearEntries: IntersectionObserverEntry[][] = [];
  const nearScreen = stopWith(
    ctx,
    new IntersectionObserver(
      share.counted((entries: IntersectionObserverEntry[]) => {
        nearEntries.push(entries);
        request();
      }),
      { rootMargin: '100% 0px' },
    ),
  );
  // Of the cards taken near, those on the screen now (watched until read). A card is read once on the screen (its
  // controls came a screen ahead): the days badge and ☆ of the cards the person sees, not of the page's 20 or 80
  // (reading takes ~1 ms a card; flush() reads them all). They get their controls before the others too: after a
  // quick scroll (and back) the queue holds a page of cards. The callback only keeps the set.
  const onScreen = new Set<Element>();
  const screen = stopWith(
    ctx,
    new IntersectionObserver(
      share.counted((entries: IntersectionObserverEntry[]) => {
        let came = false;
        for (const entry of entries) {
          if (entry.isIntersecting) {
            onScreen.add(entry.target);
            came = true;
          } else onScreen.delete(entry.target);
        }
        if (came) requestSlice();
      }),
    ),
  );
  function leaveScreen(card: Element) {
    screen.unobserve(card);
    onScreen.delete(card);
  }
  /** Queues the cards that came within a screen of the viewport for their controls. */
  function takeNear(entries: IntersectionObserverEntry[]) {
    const near: Array<[string, Element]> = [];
    for (const entry of entries) {
      const libraryAdId = waiting.get(entry.target);
      if (!entry.isIntersecting || libraryAdId === undefined) continue;
      waiting.delete(entry.target);
      nearScreen.unobserve(entry.target);
      screen.observe(entry.target);
      near.push([libraryAdId, entry.target]);
    }
    // Taken from the end (nextToAttach): the newest batch first, each batch in page order. At load, the cards at the
    // top first; after a scroll, the cards where it stopped before those it passed.
    toAttach.push(...near.reverse());
  }

  // Controls speak Dalil's language (Settings), read once from storage (asked in the first slice): cards wait in
  // the queue until then.
  let locale: 'unasked' | 'asked' | 'ready' = 'unasked';
  function askLocale() {
    locale = 'asked';
    void loadPageLocale(ctx).then(() => {
      locale = 'ready';
      requestSlice();
    });
  }

  /**
   * Where in the queue the next card to get controls is, -1: none. `onScreenOnly`: of the cards on the screen, the
   * highest on the page (a person reads down); else the card that came near the screen last (takeNear): after a
   * scroll, where it stopped before what it passed (each still gets its own, a slice or a few later).
   */
  function nextToAttach(onScreenOnly: boolean): number {
    if (locale !== 'ready') return -1;
    if (!onScreenOnly) return toAttach.length - 1;
    let first = -1;
    for (let i = 0; i < toAttach.length; i++) {
      const card = toAttach[i][1];
      if (!onScreen.has(card)) continue;
      if (first < 0 || card.compareDocumentPosition(toAttach[first][1]) & Node.DOCUMENT_POSITION_FOLLOWING) first = i;
    }
    return first;
  }

  /** Gives the queued card at `at` its controls. */
  function attachOne(at: number) {
    const [[libraryAdId, card]] = toAttach.splice(at, 1);
    if (card.isConnected) {
      const id = captureId(library, libraryAdId);
      const shown = cardOf.get(id)?.card;
      // One set of controls per ad: the same ad shown twice (grid and detail view) keeps the first.
      if (!(shown?.isConnected && shown !== card)) {
        if (shown !== card) attach(id, card);
        cardOf.set(id, { libraryAdId, card });
        idOf.set(card, id);
        if (!captures.has(id)) toRead.add(id);
      }
    }
    // The screen is watched for a card only while it waits to be read.
    const toBeRead = idOf.get(card);
    if (toBeRead === undefined || !toRead.has(toBeRead)) leaveScreen(card);
  }

  // Work for the slices besides controls: subtrees to look for cards in, the background's answers, cards to read.
  const toDiscover: ParentNode[] = [];
  // What infinite scroll added, one set per settled burst: its outermost nodes are looked in for cards.
  const toSettle: Array<Set<Element>> = [];
  const answers: Array<() => void> = [];
  const hasWork = () =>
    nearEntries.length > 0 ||
    toSettle.length > 0 ||
    toDiscover.length > 0 ||
    discovering !== undefined ||
    answers.length > 0 ||
    nextToRead(true) !== undefined ||
    (pending.length > 0 && !reporting) ||
    (toAttach.length > 0 && locale !== 'asked');
  const request = frameSlices(ctx, share, (budgetMs) => slice(budgetMs));
  function requestSlice() {
    if (hasWork()) request();
  }

  // What one item of each kind took lately (ms): an item expected to overrun the slice waits for the next one.
  const cost = { near: 0, settle: 0, discover: 0, attach: 0, answer: 0, read: 0, report: 0 };

  /**
   * Does queued work for up to `budgetMs` (at least one item when given a whole slice: an item longer than any slice
   * must run some time), reports what it read, and asks for the next slice if any is left. False: no item fitted.
   * `everyCard`: reads the cards off the screen too.
   */
  function slice(budgetMs: number, everyCard = false): boolean {
    const start = performance.now();
    let done = 0;
    const atLeastOne = budgetMs >= SLICE_MS;
    const fits = (kind: keyof typeof cost) => (done === 0 && atLeastOne) || performance.now() - start + cost[kind] < budgetMs;
    const timed = <T>(kind: keyof typeof cost, work: () => T): T => {
      const from = performance.now();
      const result = work();
      cost[kind] = (cost[kind] + performance.now() - from) / 2;
      done++;
      return result;
    };
    /** Reads one step of the card `id`; once read, its ad waits for the next report. */
    const readInto = (id: string) => {
      const ad = timed('read', () => readStep(id));
      if (ad && !reported.has(ad.id)) {
        reported.add(ad.id);
        pending.push(ad);
      }
    };
    if (locale === 'unasked') askLocale();
    while (nearEntries.length > 0 && fits('near'))
      timed('near', () => takeNear(nearEntries.shift() as IntersectionObserverEntry[]));
    while (toSettle.length > 0 && fits('settle')) timed('settle', () => settle(toSettle.shift() as Set<Element>));
    while ((discovering || toDiscover.length > 0) && fits('discover')) timed('discover', discoverStep);
    // Controls (cheap) for every card near the screen before any reading (a card takes ~1 ms), so that a card
    // scrolled to has them; the cards on the screen first, in both.
    for (let at = nextToAttach(true); at >= 0 && fits('attach'); at = nextToAttach(true)) timed('attach', () => attachOne(at));
    for (let at = nextToAttach(false); at >= 0 && fits('attach'); at = nextToAttach(false)) timed('attach', () => attachOne(at));
    while (answers.length > 0 && fits('answer')) timed('answer', answers.shift() as () => void);
    for (let id = nextToRead(!everyCard); id !== undefined && fits('read'); id = nextToRead(!everyCard)) readInto(id);
    if (pending.length > 0 && !reporting && fits('report')) timed('report', report);
    // The controls this slice put on cards are changes of ours: taken here, in idle time, the observer's callback
    // does not run for them afterwards (outside it).
    noteAdded(observer.takeRecords());
    requestSlice();
    return done > 0;
  }

  // The card being read (its capture id, its reading), a step a slice where the extractor reads in steps
  // (readAdInSteps), else at once.
  let reading: { id: string; card?: Element; steps: Generator<void, AdCapture | undefined> } | undefined;

  /**
   * The card to read a step of next: the one being read, else of the unread cards with controls, the first to come on
   * the screen (`onScreenOnly`; it asks the few cards on the screen, not every unread one) or the first to get them.
   */
  function nextToRead(onScreenOnly: boolean): string | undefined {
    if (reading) return reading.id;
    if (!onScreenOnly) return toRead.values().next().value;
    for (const card of onScreen) {
      const id = idOf.get(card);
      if (id !== undefined && toRead.has(id)) return id;
    }
    return undefined;
  }

  /** One step of reading card `id`; its ad once read. */
  function readStep(id: string): AdCapture | undefined {
    if (!reading) {
      toRead.delete(id);
      reading = { id, card: cardOf.get(id)?.card, steps: readCard(id) };
    }
    const step = reading.steps.next();
    if (!step.done) return undefined;
    if (reading.card) leaveScreen(reading.card);
    reading = undefined;
    return step.value;
  }

  /** One card's ad, its badge and Follow shown; a card that cannot be read loses its controls (it costs the others nothing). */
  function* readCard(id: string): Generator<void, AdCapture | undefined> {
    const at = cardOf.get(id);
    if (!at?.card.isConnected) return undefined;
    let ad: AdCapture;
    try {
      ad = extractor.readAdInSteps
        ? yield* extractor.readAdInSteps(at.libraryAdId, at.card, location.href)
        : extractor.readAd(at.libraryAdId, at.card, location.href);
    } catch {
      controls.get(id)?.host.remove();
      controls.delete(id);
      cardOf.delete(id);
      return undefined;
    }
    captures.set(ad.id, ad);
    state.refresh(ad.id);
    return ad;
  }

  /** Tells the background which ads the page shows (it updates saved ones' status) and marks what it answers. */
  const pending: AdCapture[] = [];
  let reporting = false;
  /** Sends the next batch of read ads (a slice's item: the message is copied in this task), one batch in flight. */
  function report() {
    reporting = true;
    const batch = pending.splice(0, REPORT_MAX);
    void send('content.pageAds', { ads: batch }).then((visit) => {
      reporting = false;
      // Marking the cards waits for idle time too; the next batch goes with it.
      answers.push(() => {
        for (const id of visit?.saved ?? []) saved.add(id);
        for (const id of visit?.newSince ?? []) fresh.add(id);
        for (const key of visit?.followed ?? []) followed.add(key);
        for (const ad of batch) state.refresh(ad.id);
        // A newly followed advertiser may have cards shown before this answer.
        if ((visit?.followed.length ?? 0) > 0) for (const id of controls.keys()) state.refresh(id);
      });
      requestSlice();
    });
  }

  // The look for cards under way: the whole page at first, then each subtree infinite scroll added. An extractor that
  // walks the page's text (Meta's) takes a whole page a step at a time, over several slices.
  let discovering: Pick<Generator<void, Map<string, Element>>, 'next'> | undefined;
  const findAtOnce = (root: ParentNode) => ({
    next: (): IteratorResult<void, Map<string, Element>> => ({ done: true, value: extractor.findCards(root, location.href) }),
  });

  /** One step of finding the cards under the next root; once done, they wait to come near the screen. */
  function discoverStep() {
    if (!discovering) {
      const root = toDiscover.shift() as ParentNode;
      discovering = extractor.findCardsInSteps?.(root, DISCOVER_TEXTS) ?? findAtOnce(root);
    }
    const step = discovering.next();
    if (!step.done) return;
    discovering = undefined;
    for (const [libraryAdId, card] of step.value) {
      if (knownCards.has(card)) continue;
      knownCards.add(card);
      waiting.set(card, libraryAdId);
      nearScreen.observe(card);
    }
  }

  // Infinite scroll: once things settle (SETTLE_MS without additions), read only the subtrees that were added (not
  // the whole page again), ignoring the changes we make ourselves. A card is whole inside what was appended. The
  // observer's callback runs in the frame of every append: it only notes the nodes and the time (one timer for the
  // burst, not one per callback).
  let timer: number | undefined;
  let lastAdded = 0;
  let added = new Set<Element>();
  ctx.onInvalidated(() => clearTimeout(timer));
  function settleLater(delayMs: number) {
    timer = window.setTimeout(
      share.counted(() => {
        const quiet = performance.now() - lastAdded;
        if (quiet < SETTLE_MS) return settleLater(SETTLE_MS - quiet);
        timer = undefined;
        toSettle.push(added);
        added = new Set();
        requestSlice();
      }),
      delayMs,
    );
  }
  function noteAdded(records: MutationRecord[]) {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element && !hosts.isOurs(node)) added.add(node);
    }
    if (added.size === 0) return;
    lastAdded = performance.now();
    if (timer === undefined) settleLater(SETTLE_MS);
  }
  const observer = stopWith(
    ctx,
    new MutationObserver(
      share.counted((records: MutationRecord[]) => {
        // The signal, as the slices do (frame-slices.ts): this runs in every frame infinite scroll appends in.
        if (!ctx.signal.aborted) noteAdded(records);
      }),
    ),
  );

  /** Keeps only the outermost added roots still on the page (a node inside another added one is read with it). */
  function settle(all: Set<Element>) {
    const outermost = (el: Element) => {
      for (let up = el.parentElement; up; up = up.parentElement) if (all.has(up)) return false;
      return true;
    };
    for (const root of all) if (root.isConnected && outermost(root)) toDiscover.push(root);
  }
  observer.observe(document.body, { childList: true, subtree: true });
  toDiscover.push(document);
  requestSlice();

  return () => {
    slice(Number.POSITIVE_INFINITY, true);
  };
}
