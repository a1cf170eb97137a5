/**
 * The ad libraries Dalil reads, which one a page belongs to, and each one's extractor.
 * Every extractor is a pure function of the DOM: `extractAds(root, pageUrl)` → one `AdCapture` per ad card.
 */
import type { AdCapture } from '../schemas/ad-capture';
import type { AdLibrary, ExtractOptions, ExtractResult } from './common';
import * as google from './google';
import * as linkedin from './linkedin';
import { adLibraryForUrl } from './matches';
import * as meta from './meta';
import * as tiktok from './tiktok';

export type { AdLibrary, ExtractOptions, ExtractResult } from './common';
export { adLibraryForUrl } from './matches';

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

/** The ads on a page of any supported library; [] on other pages. */
export function extractAdsFromPage(root: ParentNode, pageUrl: string, options?: ExtractOptions): ExtractResult {
  const library = adLibraryForUrl(pageUrl);
  return library ? adLibraryExtractors[library].scanAds(root, pageUrl, options) : { ads: [], skipped: 0, cards: new Map() };
}

export { extractAdvertiserSearch, extractAdvertisers } from './google';
