/**
 * What the ad library features share about the ads on this page: each card with controls and, once read, its
 * ad; which are saved, new since the last visit and by followed advertisers; each card's controls (redrawn by
 * `refresh` when any of that changes). A card gets its controls before it is read (card-reader.ts): until then
 * Save works (it reads the card when pressed) and the days badge and Follow wait for the read.
 */
import type { AdLibrary, AdLibraryExtractor } from '@/utils/ad-libraries';
import type { ContentSend } from '@/utils/content-scripts/lifecycle';
import { pageText } from '@/utils/i18n/page-text';
import type { AdCapture } from '@/utils/schemas/ad-capture';
import { advertiserKey, daysRunning } from '@/utils/swipe-file/days-running';

/**
 * What the page needs of its library's extractor: the cards, and one card's ad (the rest stays out of the bundle);
 * `findCardsInSteps` where finding them walks the page's text (Meta), so a whole page can take several slices, and
 * `readAdInSteps` where one card's read is more than a slice (Meta), so it can be spread over frames.
 */
export type CardExtractor = Pick<AdLibraryExtractor, 'findCards' | 'readAd'> & {
  findCardsInSteps?(root: ParentNode, textsPerStep?: number): Generator<void, Map<string, Element>>;
  readAdInSteps?(id: string, card: Element, pageUrl: string): Generator<void, AdCapture>;
};

export interface CardControls {
  /** The element on the card that holds them (in its closed shadow root). */
  host: HTMLElement;
  save: HTMLButtonElement;
  badge: HTMLSpanElement;
  follow: HTMLButtonElement;
  fresh: HTMLSpanElement;
}

export interface AdState {
  library: AdLibrary;
  extractor: CardExtractor;
  send: ContentSend;
  /** Each read card's ad, by capture id. */
  captures: Map<string, AdCapture>;
  controls: Map<string, CardControls>;
  /** The card each read ad's controls sit on, by capture id: Save re-reads it, so late-rendered parts count. */
  cardOf: Map<string, { libraryAdId: string; card: Element }>;
  saved: Set<string>;
  /** Ads whose last Save got no answer (refused, or the background stopped): their control says so. */
  notSaved: Set<string>;
  fresh: Set<string>;
  followed: Set<string>;
  refresh(id: string): void;
  /** Whether anything is known of the ad (read, saved, refused, new): else its controls show as cloned. */
  known(id: string): boolean;
  /** The card's record as it is now (parts may have rendered since it was first read), else as last read, if ever. */
  reread(id: string): AdCapture | undefined;
  save(ads: AdCapture[], bulk: boolean): Promise<void>;
}

export function createAdState(library: AdLibrary, extractor: CardExtractor, send: ContentSend): AdState {
  const captures = new Map<string, AdCapture>();
  const controls = new Map<string, CardControls>();
  const cardOf = new Map<string, { libraryAdId: string; card: Element }>();
  const saved = new Set<string>();
  const notSaved = new Set<string>();
  const fresh = new Set<string>();
  const followed = new Set<string>();

  const refresh = (id: string) => {
    const c = controls.get(id);
    if (!c) return;
    const isSaved = saved.has(id);
    c.save.textContent = pageText(isSaved ? 'adSaved' : notSaved.has(id) ? 'adNotSaved' : 'adSave');
    c.save.className = isSaved ? 'quiet' : '';
    c.save.setAttribute('aria-pressed', String(isSaved));
    c.fresh.hidden = !fresh.has(id);
    const ad = captures.get(id);
    const days = ad && daysRunning(ad);
    // Written only when it changes: a badge rewritten on every refresh would be a change for the page to lay out.
    const daysText = days === undefined ? '' : pageText('adDays', { count: days });
    if (c.badge.textContent !== daysText) c.badge.textContent = daysText;
    c.badge.hidden = days === undefined;
    const key = ad && advertiserKey(ad);
    const isFollowed = key ? followed.has(key) : false;
    c.follow.textContent = isFollowed ? '★' : '☆';
    c.follow.title = key ? pageText(isFollowed ? 'adFollowing' : 'adFollow', { name: ad?.advertiserName ?? '' }) : '';
    c.follow.setAttribute('aria-pressed', String(isFollowed));
    c.follow.hidden = !key;
  };

  function reread(id: string): AdCapture | undefined {
    const at = cardOf.get(id);
    const last = captures.get(id);
    if (!at?.card.isConnected) return last;
    try {
      const ad = extractor.readAd(at.libraryAdId, at.card, location.href);
      captures.set(id, ad);
      return ad;
    } catch {
      return last;
    }
  }

  async function save(ads: AdCapture[], bulk: boolean) {
    const result = await send('content.saveAds', { ads, bulk });
    // No answer is not "saved": the control says the ad was not saved, and pressing it again retries.
    const savedNow = new Set(result?.saved ?? []);
    for (const { id } of ads) {
      if (savedNow.has(id)) {
        saved.add(id);
        notSaved.delete(id);
      } else notSaved.add(id);
      refresh(id);
    }
  }

  const known = (id: string) => captures.has(id) || saved.has(id) || notSaved.has(id) || fresh.has(id);

  return {
    library,
    extractor,
    send,
    captures,
    controls,
    cardOf,
    saved,
    notSaved,
    fresh,
    followed,
    refresh,
    known,
    reread,
    save,
  };
}
