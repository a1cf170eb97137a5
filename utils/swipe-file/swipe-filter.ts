import type { StoredAd } from '../schemas/stored-records';
import { normalizeForSearch } from '../search/normalize';
import { daysRunning } from './days-running';

export interface SwipeFilter {
  library: 'all' | StoredAd['library'];
  advertiser: string;
  active: 'all' | 'active' | 'inactive';
  tag: string;
  board: string;
  /** Captured on or after / on or before (YYYY-MM-DD). */
  from: string;
  to: string;
  minDays: number;
  query: string;
  sort: 'captured' | 'days';
}

export const EMPTY_FILTER: SwipeFilter = {
  library: 'all',
  advertiser: '',
  active: 'all',
  tag: '',
  board: '',
  from: '',
  to: '',
  minDays: 0,
  query: '',
  sort: 'captured',
};

/** The swipe file as filtered and sorted in the panel; text search folds Arabic like template search. */
export function filterAds(ads: readonly StoredAd[], f: SwipeFilter, today = new Date()): StoredAd[] {
  const words = normalizeForSearch(f.query).split(' ').filter(Boolean);
  const shown = ads.filter((ad) => {
    if (f.library !== 'all' && ad.library !== f.library) return false;
    if (f.advertiser && ad.advertiserName !== f.advertiser) return false;
    if (f.active === 'active' && ad.active !== true) return false;
    if (f.active === 'inactive' && ad.active !== false) return false;
    if (f.tag && !ad.tags.includes(f.tag)) return false;
    if (f.board && !ad.boards.includes(f.board)) return false;
    const captured = ad.capturedAt.slice(0, 10);
    if (f.from && captured < f.from) return false;
    if (f.to && captured > f.to) return false;
    if (f.minDays > 0 && (daysRunning(ad, today) ?? 0) < f.minDays) return false;
    if (words.length > 0) {
      const haystack = normalizeForSearch(
        [ad.advertiserName, ad.text, ad.headline, ad.cta, ad.note, ad.landingUrl, ...ad.tags, ...ad.boards]
          .filter(Boolean)
          .join(' '),
      );
      if (!words.every((w) => haystack.includes(w))) return false;
    }
    return true;
  });
  return shown.sort((a, b) =>
    f.sort === 'days' ? (daysRunning(b, today) ?? -1) - (daysRunning(a, today) ?? -1) : b.capturedAt.localeCompare(a.capturedAt),
  );
}
