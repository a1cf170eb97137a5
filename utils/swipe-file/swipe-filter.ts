import type { StoredAd } from '../schemas/stored-records';

/** The swipe file's filters and sort, as the panel sets them and the background answers them (utils/db/ads-query.ts). */
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

/** One page of the swipe file as the background answers it (`panel.queryAds`). */
export interface AdPage {
  /** Ads matching the filter. */
  total: number;
  /** Live ads in the swipe file. */
  all: number;
  offset: number;
  ads: StoredAd[];
}

/** What the filters offer (`panel.swipeFacets`); the followed advertisers' counts come with their pages. */
export interface SwipeFacets {
  advertisers: string[];
  tags: string[];
  boards: string[];
}

/** Which ads a bulk action or an export is for: these, or every ad matching a filter but those left out. */
export type AdTarget = { ids: string[] } | { filter: SwipeFilter; except: string[] };

/** What a bulk action does to each ad of its target. */
export type BulkAdAction =
  | { kind: 'delete' }
  | { kind: 'addTag'; value: string }
  | { kind: 'removeTag'; value: string }
  | { kind: 'addBoard'; value: string }
  | { kind: 'removeBoard'; value: string };
