/**
 * The ad libraries Dalil reads, which one a page belongs to, and each one's extractor.
 * Every extractor is a pure function of the DOM: `extractAds(root, pageUrl)` → one `AdCapture` per ad card.
 */
import type { AdCapture } from '../schemas/ad-capture';
import type { AdLibrary, ExtractOptions, ExtractResult } from './common';
import * as google from './google';
import * as linkedin from './linkedin';
import * as meta from './meta';
import * as tiktok from './tiktok';

export type { AdLibrary, ExtractOptions, ExtractResult } from './common';

export interface AdLibraryExtractor {
  extractAds(root: ParentNode, pageUrl: string, options?: ExtractOptions): AdCapture[];
  /** The same, plus how many cards were skipped for having no ad id. */
  scanAds(root: ParentNode, pageUrl: string, options?: ExtractOptions): ExtractResult;
  /**
   * The ad cards under `root` by library ad id, found without reading them. With `readAd` this is `scanAds` one card
   * at a time: the content script reads a card only when it comes near the screen.
   */
  findCards(root: ParentNode, pageUrl: string): Map<string, Element>;
  /** One card's record, exactly as `scanAds` gives it. */
  readAd(id: string, card: Element, pageUrl: string, options?: ExtractOptions): AdCapture;
}

export const adLibraryExtractors: Readonly<Record<AdLibrary, AdLibraryExtractor>> = { meta, tiktok, google, linkedin };

/** Which ad library `url` is a page of, or undefined. Host and path only: query strings never decide. */
export function adLibraryForUrl(url: string): AdLibrary | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const host = parsed.hostname.toLowerCase();
  const path = parsed.pathname;
  if (/^(www\.|web\.|m\.)?facebook\.com$/.test(host) && /^\/ads\/library(\/|$)/.test(path)) return 'meta';
  if (host === 'library.tiktok.com' && /^\/ads(\/|$)/.test(path)) return 'tiktok';
  if (host === 'ads.tiktok.com' && /^\/business\/creativecenter\/(.+\/)?topads(\/|$)/.test(path)) return 'tiktok';
  if (host === 'adstransparency.google.com') return 'google';
  if (/^(www\.)?linkedin\.com$/.test(host) && /^\/ad-library(\/|$)/.test(path)) return 'linkedin';
  return undefined;
}

/** The ads on a page of any supported library; [] on other pages. */
export function extractAdsFromPage(root: ParentNode, pageUrl: string, options?: ExtractOptions): ExtractResult {
  const library = adLibraryForUrl(pageUrl);
  return library ? adLibraryExtractors[library].scanAds(root, pageUrl, options) : { ads: [], skipped: 0, cards: new Map() };
}

export { extractAdvertiserSearch, extractAdvertisers } from './google';
