/**
 * The swipe file's search row: what the panel filters and sorts saved ads by, kept per live ad in the
 * derived `adSearch` store (never backed up; rebuilt from the ads). Its key is [id, startedAt, endedAt],
 * so every index read (which answers primary keys) also gives each ad's run dates: sorting by days
 * running or filtering by a minimum needs no record read.
 */
import type { StoredAd } from '../schemas/stored-records';
import { tokenize, tokenVariants } from '../search/normalize';
import { daysRunning } from './days-running';

export interface AdSearchRow {
  id: string;
  /** startedAt / endedAt, '' when the card showed none (a key part must be a valid key). */
  start: string;
  end: string;
  capturedAt: string;
  library: StoredAd['library'];
  advertiser?: string;
  advertiserKey?: string;
  status?: 'active' | 'inactive';
  tags: string[];
  boards: string[];
  /** Normalised words (Arabic-aware, as template search folds them), each with its form without the article. */
  words: string[];
}

/** The key of a row as `adSearch` and its indexes answer it. */
export type AdSearchKey = [id: string, start: string, end: string];

/** The text a free-text search looks through: the same fields the panel's filter read before. */
function searchableText(ad: StoredAd): string {
  return [ad.advertiserName, ad.text, ad.headline, ad.cta, ad.note, ad.landingUrl, ...ad.tags, ...ad.boards]
    .filter(Boolean)
    .join(' ');
}

/** Distinct words of a text, each with its variants: what the `by-word` index holds for one ad. */
export function indexWords(text: string): string[] {
  const words = new Set<string>();
  for (const token of tokenize(text)) for (const form of tokenVariants(token)) words.add(form);
  return [...words];
}

/** The row for an ad, or undefined for a deleted one (deleted ads are in no list). */
export function adSearchRow(ad: StoredAd): AdSearchRow | undefined {
  if (ad.deletedAt) return undefined;
  const row: AdSearchRow = {
    id: ad.id,
    start: ad.startedAt ?? '',
    end: ad.endedAt ?? '',
    capturedAt: ad.capturedAt,
    library: ad.library,
    tags: ad.tags,
    boards: ad.boards,
    words: indexWords(searchableText(ad)),
  };
  if (ad.advertiserName) row.advertiser = ad.advertiserName;
  if (ad.advertiserKey) row.advertiserKey = ad.advertiserKey;
  if (ad.active !== undefined) row.status = ad.active ? 'active' : 'inactive';
  return row;
}

/**
 * A query's words: each must begin some word of the ad (prefix match), under any of its forms
 * ("شحن" finds "الشحن"; "الشحن" finds "شحن"). An empty list is no text filter.
 */
export function queryTerms(query: string): string[][] {
  const seen = new Set<string>();
  const terms: string[][] = [];
  for (const token of tokenize(query)) {
    if (seen.has(token)) continue;
    seen.add(token);
    terms.push(tokenVariants(token));
  }
  return terms;
}

/** Days an ad has run, from its key. */
export function daysOfKey(key: AdSearchKey, today: Date): number | undefined {
  return daysRunning({ startedAt: key[1] || undefined, endedAt: key[2] || undefined }, today);
}
