/**
 * LinkedIn Ad Library (linkedin.com/ad-library): one record per search-result card (or the ad on a detail page).
 *
 * The card is found from its detail link `/ad-library/detail/<id>` (the ad id, a URL people see), up to the list item
 * that holds no other ad. Inside it, LinkedIn's server-rendered page uses semantic names that have lasted years
 * (docs/platform-evidence.md §10, volatility M): `data-tracking-control-name` on links and buttons, the card's
 * `aria-label="<Advertiser>, <Format> Ad, View details"`, `commentary__content` for the body.
 * Search cards show neither run dates nor status: those fields stay absent (the detail page has the dates).
 */
import type { AdCapture } from '../schemas/ad-capture';
import {
  type Anchor,
  buildCapture,
  cardsByAnchor,
  decodeRedirect,
  type ExtractOptions,
  type ExtractResult,
  foldedSet,
  foldText,
  httpUrl,
  lineText,
  nowIso,
  parseDate,
  parseUrl,
  readCards,
  readLines,
  readMedia,
  readText,
} from './common';

const DETAIL_PATH = /\/ad-library\/detail\/(\d+)/;
const PROMOTED = foldedSet(['Promoted', 'مُروَّج', 'Gesponsord', 'Sponsorisé']);
const VIEW_DETAILS = foldedSet(['View details', 'عرض التفاصيل']);

/** `data-tracking-control-name` values of the parts of an ad preview (sarmedrizvi/linkedIn-Ads-Scraper, 2025-06-18). */
const TRACKING = {
  landing: ['ad_library_ad_preview_headline_content', 'ad_library_ad_preview_content_image', 'ad_library_ad_preview_content'],
  advertiser: ['ad_library_ad_preview_advertiser', 'ad_library_ad_preview_company', 'ad_library_about_ad_advertiser'],
  cta: ['ad_library_ad_detail_cta', 'ad_library_ad_preview_cta'],
};
const byTracking = (names: readonly string[], tag = '') =>
  names.map((n) => `${tag}[data-tracking-control-name="${n}"]`).join(', ');

/** "<Advertiser>, <Format> Ad, View details": the advertiser may itself contain commas. */
const CARD_LABEL = /^(.+), ([^,]+ Ad), View details$/;
const RAN_FROM = /^ran from (.+?)(?: to (.+))?$/;

function findAnchors(root: ParentNode, base: string): Anchor[] {
  const anchors: Anchor[] = [];
  for (const a of root.querySelectorAll('a[href*="/ad-library/detail/"]')) {
    const id = DETAIL_PATH.exec(parseUrl(a.getAttribute('href') ?? '', base)?.pathname ?? '')?.[1];
    if (id) anchors.push({ el: a, key: id });
  }
  return anchors;
}

/**
 * A detail page has no link to itself: its id is in the URL or the canonical link (wukimidaire/linkedin_ads_scraper
 * crawler.py, 2024-12), and the card is the whole main region, where the run dates are.
 */
function detailPage(root: ParentNode, base: string): [string, Element] | undefined {
  const canonical = root.querySelector('link[rel="canonical"][href*="/ad-library/detail/"]')?.getAttribute('href') ?? '';
  const id = DETAIL_PATH.exec(parseUrl(base)?.pathname ?? '')?.[1] ?? DETAIL_PATH.exec(canonical)?.[1];
  const main = root.querySelector('main, [role="main"], body');
  return id && main?.querySelector('[data-creative-type], .commentary__content') ? [id, main] : undefined;
}

/** The company id in `linkedin.com/company/<digits>/`; a vanity name (`/company/willow`) is not an id. */
function companyId(url: string | undefined): string | undefined {
  const m = url ? /linkedin\.com\/company\/(\d+)/.exec(url) : null;
  return m?.[1];
}

function readCard(id: string, card: Element, pageUrl: string, capturedAt: string): AdCapture {
  const missing: string[] = [];
  const labelled = card.matches('[aria-label]') ? card : card.querySelector('[aria-label$="View details"]');
  const label = CARD_LABEL.exec(labelled?.getAttribute('aria-label') ?? '');
  const format = label?.[2];

  const body = card.querySelector('.commentary__content, [data-test-id="commentary"]');
  const lines = readLines(card, (el) => el === body);

  // Header: the name line just above "Promoted" (on a thought-leader ad, the person), else the card's aria-label.
  let advertiserName: string | undefined;
  let startedAt: string | undefined;
  let endedAt: string | undefined;
  lines.forEach((line, i) => {
    if (!advertiserName && PROMOTED.has(line.folded) && i > 0) advertiserName = lines[i - 1].text;
    // Detail pages: "Ran from Dec 26, 2023 to Dec 30, 2023", or "Ran from Dec 26, 2023" while it runs.
    const run = startedAt ? null : RAN_FROM.exec(line.folded);
    if (run) {
      startedAt = parseDate(run[1]);
      endedAt = run[2] ? parseDate(run[2]) : undefined;
    }
  });
  advertiserName ??= label?.[1];
  if (!advertiserName) missing.push('advertiserName');

  const advertiserLink = card.querySelector(
    `${byTracking(TRACKING.advertiser)}, a[aria-label^="View organization page"], a[href*="linkedin.com/company/"], a[href*="linkedin.com/in/"]`,
  );
  const advertiserUrl = httpUrl(advertiserLink?.getAttribute('href'), pageUrl);

  const landingLinks = [...card.querySelectorAll(byTracking(TRACKING.landing))].filter((a) => a.hasAttribute('href'));
  const landingUrl = landingLinks.length > 0 ? decodeRedirect(landingLinks[0].getAttribute('href'), pageUrl) : undefined;
  const headlineEl = card.querySelector('.sponsored-content-headline h2, .sponsored-content-headline h3');
  const ctaEl = card.querySelector(byTracking(TRACKING.cta, 'button'));
  const cta = ctaEl ? lineText(ctaEl) : undefined;

  const media = readMedia(card, pageUrl, missing, (el) => advertiserLink?.contains(el) ?? false);
  // A video carries its sources as JSON in `data-sources`; take the highest bitrate.
  for (const video of card.querySelectorAll('video[data-sources]')) {
    const url = bestSource(video.getAttribute('data-sources') ?? '', pageUrl);
    if (!url || media.some((m) => m.url === url)) continue;
    const posterUrl = httpUrl(video.getAttribute('data-poster-url') ?? video.getAttribute('poster'), pageUrl);
    const index = media.findIndex((m) => m.url === posterUrl);
    const item = posterUrl ? { kind: 'video' as const, url, posterUrl } : { kind: 'video' as const, url };
    if (index >= 0) media.splice(index, 1, item);
    else media.push(item);
  }
  if (media.length === 0 && format !== 'Text Ad') missing.push('media');

  return buildCapture(
    'linkedin',
    id,
    pageUrl,
    capturedAt,
    {
      advertiserName,
      advertiserId: companyId(advertiserUrl),
      advertiserUrl,
      startedAt,
      endedAt,
      text: body ? readText(body) : undefined,
      headline: headlineEl ? lineText(headlineEl) : undefined,
      cta: cta && !VIEW_DETAILS.has(foldText(cta)) ? cta : undefined,
      landingUrl,
      media,
      // One creative per card: LinkedIn has no collated or multi-version ads.
      variantCount: 1,
      format,
      detailUrl: httpUrl(`/ad-library/detail/${id}`, pageUrl),
    },
    missing,
  );
}

function bestSource(json: string, base: string): string | undefined {
  try {
    const sources: unknown = JSON.parse(json);
    if (!Array.isArray(sources)) return undefined;
    let best: { url: string; bitrate: number } | undefined;
    for (const s of sources) {
      if (typeof s !== 'object' || s === null) continue;
      const { src, bitrate } = s as { src?: unknown; bitrate?: unknown };
      const url = typeof src === 'string' ? httpUrl(src, base) : undefined;
      const rate = typeof bitrate === 'number' ? bitrate : 0;
      if (url && (!best || rate > best.bitrate)) best = { url, bitrate: rate };
    }
    return best?.url;
  } catch {
    return undefined;
  }
}

/** The ad cards under `root` by ad id, without reading them: the list's cards, or a detail page's one ad. */
export function findCards(root: ParentNode, pageUrl: string): Map<string, Element> {
  const anchors = findAnchors(root, pageUrl);
  const detail = anchors.length === 0 ? detailPage(root, pageUrl) : undefined;
  return detail ? new Map([detail]) : cardsByAnchor(anchors, root, 'li');
}

/** One card's record. */
export function readAd(id: string, card: Element, pageUrl: string, options: ExtractOptions = {}): AdCapture {
  return readCard(id, card, pageUrl, nowIso(options));
}

export function scanAds(root: ParentNode, pageUrl: string, options: ExtractOptions = {}): ExtractResult {
  const capturedAt = nowIso(options);
  const cards = findCards(root, pageUrl);
  const result = readCards(cards, (id, card) => readCard(id, card, pageUrl, capturedAt));
  // Cards without a detail link have no ad id: count them so the page can say some were left out.
  let unlinked = 0;
  for (const item of root.querySelectorAll('[data-creative-type]')) {
    if (![...cards.values()].some((card) => card.contains(item))) unlinked++;
  }
  return { ads: result.ads, skipped: result.skipped + unlinked, cards: result.cards };
}

export function extractAds(root: ParentNode, pageUrl: string, options: ExtractOptions = {}): AdCapture[] {
  return scanAds(root, pageUrl, options).ads;
}

/*
Fixtures:
- tests/fixtures/ad-libraries/linkedin-ad-library/linkedin-adlib-search.html (+ .expected.json): synthesised page around
  3 real records (wukimidaire/linkedin_ads_scraper @8bdfed6, 2024-12-28)
- tests/fixtures/ad-libraries/linkedin-adlib-search-more.html: synthesised from real records 3–4 (thought-leader ad,
  video ad without media URL)

Real URLs it was written against (structure from docs/platform-evidence.md §10; not checked live):
- https://www.linkedin.com/ad-library/search?accountOwner=willow&countries=ALL&dateOption=last-30-days
- https://www.linkedin.com/ad-library/detail/340879283
*/
