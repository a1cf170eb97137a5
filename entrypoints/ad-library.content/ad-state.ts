/**
 * What the ad library features share about the ads on this page: each read ad and the card it sits on,
 * which are saved, new since the last visit and by followed advertisers, and each card's controls
 * (redrawn by `refresh` when any of that changes).
 */
import type { AdLibraryExtractor } from '@/utils/ad-libraries';
import type { ContentSend } from '@/utils/content-scripts/lifecycle';
import { pageText } from '@/utils/i18n/page-text';
import type { AdCapture } from '@/utils/schemas/ad-capture';
import { advertiserKey } from '@/utils/swipe-file/days-running';

export interface CardControls {
  save: HTMLButtonElement;
  follow: HTMLButtonElement;
  fresh: HTMLSpanElement;
}

export interface AdState {
  extractor: AdLibraryExtractor;
  send: ContentSend;
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
  /** The card's record as it is now (parts may have rendered since it was first read), else as first read. */
  reread(id: string): AdCapture;
  save(ads: AdCapture[], bulk: boolean): Promise<void>;
}

export function createAdState(extractor: AdLibraryExtractor, send: ContentSend): AdState {
  const captures = new Map<string, AdCapture>();
  const controls = new Map<string, CardControls>();
  const cardOf = new Map<string, { libraryAdId: string; card: Element }>();
  const saved = new Set<string>();
  const notSaved = new Set<string>();
  const fresh = new Set<string>();
  const followed = new Set<string>();

  const refresh = (id: string) => {
    const c = controls.get(id);
    const ad = captures.get(id);
    if (!c || !ad) return;
    const isSaved = saved.has(id);
    c.save.textContent = pageText(isSaved ? 'adSaved' : notSaved.has(id) ? 'adNotSaved' : 'adSave');
    c.save.className = isSaved ? 'quiet' : '';
    c.save.setAttribute('aria-pressed', String(isSaved));
    const key = advertiserKey(ad);
    const isFollowed = key ? followed.has(key) : false;
    c.follow.textContent = isFollowed ? '★' : '☆';
    c.follow.title = pageText(isFollowed ? 'adFollowing' : 'adFollow', { name: ad.advertiserName ?? '' });
    c.follow.setAttribute('aria-pressed', String(isFollowed));
    c.follow.hidden = !key;
    c.fresh.hidden = !fresh.has(id);
  };

  function reread(id: string): AdCapture {
    const at = cardOf.get(id);
    const first = captures.get(id) as AdCapture;
    if (!at?.card.isConnected) return first;
    try {
      const ad = extractor.readAd(at.libraryAdId, at.card, location.href);
      captures.set(id, ad);
      return ad;
    } catch {
      return first;
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

  return { extractor, send, captures, controls, cardOf, saved, notSaved, fresh, followed, refresh, reread, save };
}
