/**
 * Google Ads Transparency Center (adstransparency.google.com).
 *
 * The site is Angular (Dart): element names such as `creative-preview` and `suggestion-renderer` are component
 * selectors that have lasted (M); `_ngcontent-*`/`_nghost-*` attributes change with every build and are never used.
 * - `extractAds`: creative grids (advertiser pages, search by domain). One record per creative, found from its link
 *   `/advertiser/AR…/creative/CR…` (docs/platform-evidence.md §9). Grid cards show no dates, status or text: those stay absent.
 *   Text and HTML ads render in an iframe with no image; they are captured without media and flagged.
 * - `extractAdvertisers`: the advertiser suggestions of a search page (`/search?query=…`), which lists advertisers, not
 *   ads — `extractAds` returns [] there.
 */
import type { AdCapture } from '../schemas/ad-capture';
import {
  type Anchor,
  buildCapture,
  cardsByAnchor,
  type ExtractOptions,
  type ExtractResult,
  foldedList,
  foldedSet,
  httpUrl,
  type Line,
  nowIso,
  parseCount,
  parseUrl,
  readCards,
  readLines,
  readMedia,
} from './common';

const CREATIVE_LINK = /\/advertiser\/(AR\d+)\/creative\/(CR\d+)/;
const VERIFIED = foldedSet(['Advertiser has verified their identity', 'Verified', 'أكّد المعلِن هويته', 'تم التحقق']);
const BASED_IN = foldedList(['Based in:', 'المقر الرئيسي:', 'مقره في:']);
/** "~63 ads", "1 ad", "~1.2K ads", "~٦٣ إعلانًا". */
const AD_COUNT = /^~?\s*\d[\d,.]*\s*[kmb]?\s+(ads?|اعلان\S*)$/;

/** Text inside icons (`<i aria-hidden="true">how_to_reg</i>`: Material icon ligatures) is not page text. */
const isHidden = (el: Element) => el.getAttribute('aria-hidden') === 'true';

function findAnchors(root: ParentNode, base: string): Anchor[] {
  const anchors: Anchor[] = [];
  for (const a of root.querySelectorAll('a[href*="/creative/CR"]')) {
    const m = CREATIVE_LINK.exec(parseUrl(a.getAttribute('href') ?? '', base)?.pathname ?? '');
    if (m) anchors.push({ el: a, key: m[2] });
  }
  return anchors;
}

function isLabel(line: Line): boolean {
  return VERIFIED.has(line.folded) || AD_COUNT.test(line.folded) || BASED_IN().some((l) => line.folded.startsWith(l));
}

function readCard(id: string, card: Element, pageUrl: string, capturedAt: string): AdCapture {
  const missing: string[] = [];
  const link = card.querySelector(`a[href*="/creative/${id}"]`) ?? card.closest(`a[href*="/creative/${id}"]`);
  const href = link?.getAttribute('href') ?? '';
  const advertiserId = CREATIVE_LINK.exec(parseUrl(href, pageUrl)?.pathname ?? '')?.[1];

  // The advertiser's name is the card's first line that is not a badge or a count.
  const lines = readLines(card, isHidden);
  const advertiserName = lines.find((line) => !isLabel(line))?.text;
  if (!advertiserName) missing.push('advertiserName');

  const media = readMedia(card, pageUrl, missing);
  if (media.length === 0) missing.push('media');

  return buildCapture(
    'google',
    id,
    pageUrl,
    capturedAt,
    {
      advertiserName,
      advertiserId,
      advertiserUrl: advertiserId ? httpUrl(`/advertiser/${advertiserId}`, pageUrl) : undefined,
      media,
      detailUrl: httpUrl(href, pageUrl),
    },
    missing,
  );
}

/** The ad cards under `root` by creative id, without reading them. */
export function findCards(root: ParentNode, pageUrl: string): Map<string, Element> {
  return cardsByAnchor(findAnchors(root, pageUrl), root, 'creative-preview');
}

/** One card's record. */
export function readAd(id: string, card: Element, pageUrl: string, options: ExtractOptions = {}): AdCapture {
  return readCard(id, card, pageUrl, nowIso(options));
}

export function scanAds(root: ParentNode, pageUrl: string, options: ExtractOptions = {}): ExtractResult {
  const capturedAt = nowIso(options);
  const result = readCards(findCards(root, pageUrl), (id, card) => readCard(id, card, pageUrl, capturedAt));
  // Previews without a creative link (none seen so far) have no id.
  let unlinked = 0;
  for (const preview of root.querySelectorAll('creative-preview')) {
    if (!preview.querySelector('a[href*="/creative/CR"]') && !preview.closest('a[href*="/creative/CR"]')) unlinked++;
  }
  return { ads: result.ads, skipped: result.skipped + unlinked, cards: result.cards };
}

export function extractAds(root: ParentNode, pageUrl: string, options: ExtractOptions = {}): AdCapture[] {
  return scanAds(root, pageUrl, options).ads;
}

export interface AdvertiserSuggestion {
  name: string;
  verified: boolean;
  /** As shown, e.g. "~63 ads". */
  adCountText?: string;
  /** The shown count without its "~": Google rounds it. */
  adCountApprox?: number;
  /** The country after "Based in:". */
  basedIn?: string;
}

/**
 * The advertiser suggestions listed on a search page, in page order: each `role=option` that shows an ad count.
 * Suggestions navigate by click handler, so their advertiser ids are not in the page.
 */
export function extractAdvertisers(root: ParentNode): AdvertiserSuggestion[] {
  const suggestions: AdvertiserSuggestion[] = [];
  for (const option of root.querySelectorAll('[role="option"]')) {
    const lines = readLines(option, isHidden);
    const count = lines.find((line) => AD_COUNT.test(line.folded));
    const name = lines.find((line) => !isLabel(line))?.text;
    if (!count || !name) continue;
    const based = lines.find((line) => BASED_IN().some((l) => line.folded.startsWith(l)));
    const suggestion: AdvertiserSuggestion = {
      name,
      verified: lines.some((line) => VERIFIED.has(line.folded)),
      adCountText: count.text,
      adCountApprox: parseCount(count.text),
    };
    const basedIn = based?.text.slice(based.text.indexOf(':') + 1).trim();
    if (basedIn) suggestion.basedIn = basedIn;
    suggestions.push(suggestion);
  }
  return suggestions;
}

export interface AdvertiserSearch {
  query?: string;
  region?: string;
  /** "Showing 67 results for a." */
  resultsText?: string;
  suggestions: AdvertiserSuggestion[];
}

const RESULTS_TEXT = /^(Showing [\d,]+ results? for .*?\.)(?=\s|$)/;

/** The whole advertiser search: the query and region from the URL, the result count line, and the suggestions. */
export function extractAdvertiserSearch(root: ParentNode, pageUrl: string): AdvertiserSearch {
  const url = parseUrl(pageUrl);
  const search: AdvertiserSearch = { suggestions: [] };
  const query = url?.searchParams.get('query');
  const region = url?.searchParams.get('region');
  if (query) search.query = query;
  if (region) search.region = region;
  for (const line of readLines(root.querySelector('search-page') ?? root, isHidden)) {
    const m = RESULTS_TEXT.exec(line.text.replace(/\s+/g, ' '));
    if (m) {
      search.resultsText = m[1];
      break;
    }
  }
  search.suggestions = extractAdvertisers(root);
  return search;
}

/*
Fixtures:
- tests/fixtures/ad-libraries/google-ads-transparency/google-atc-search-advertisers.html (+ .expected.json): a REAL saved search
  page (princealiomer/Google-ads Search.html @7e32eeb5, 2026-01-08): advertiser suggestions, no creatives
- tests/fixtures/ad-libraries/google-atc-advertiser-creatives.html: synthesised creative grid (image, video thumbnail,
  iframe text ad, a preview without link) from the structure in docs/platform-evidence.md §9

Real URLs it was written against:
- https://adstransparency.google.com/search?region=anywhere&query=a (real DOM)
- https://adstransparency.google.com/advertiser/AR…?region=anywhere (creative grid; structure only, not checked live)
- https://adstransparency.google.com/advertiser/AR…/creative/CR…?region=anywhere
*/
