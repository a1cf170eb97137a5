/**
 * TikTok: the Ad Library (library.tiktok.com/ads, EU-shown ads) and the Creative Center's top ads
 * (ads.tiktok.com/business/creativecenter/…/topads/…).
 *
 * Both are React apps with hashed CSS-module classes (H), so cards are found from their links, which carry the ad id
 * in a URL people can share: `/ads/detail/?ad_id=<id>` in the Library, `/creativecenter/topads/<id>/` in the Creative
 * Center. Fields come from labelled lines ("First shown", "Last shown") and the card's `<video>`/`<img>`.
 *
 * Evidence is thin (docs/platform-evidence.md §8: no saved page of either exists in public sources): the fixtures are
 * SYNTHESISED from the documented structure and field meanings. Check them against the live pages before relying on
 * them. The sturdier long-term source is the pages' own JSON (`/api/v1/search`, `top_ads/v2/list`), read by a
 * main-world hook at document_start; that is not a DOM adapter's job.
 */
import type { AdCapture } from '../schemas/ad-capture';
import {
  type AdMedia,
  type Anchor,
  buildCapture,
  cardsByAnchor,
  type ExtractOptions,
  type ExtractResult,
  foldedSet,
  foldText,
  httpUrl,
  type Line,
  lazy,
  nowIso,
  parseDate,
  parseUrl,
  readCards,
  readLines,
  readMedia,
} from './common';

/** Labels on Library cards, folded; the value follows the colon or sits in the next line. */
const LABELS = {
  firstShown: ['First shown', 'أول عرض', 'تاريخ أول عرض'],
  lastShown: ['Last shown', 'آخر عرض', 'تاريخ آخر عرض'],
  advertiser: ['Advertiser', 'Advertiser name', 'المعلن', 'اسم المعلن'],
  paidBy: ['Paid for by', 'Ad paid for by', 'دفع ثمنه'],
  reach: ['Unique users seen', 'Reach', 'المستخدمون الفريدون الذين شاهدوه'],
} as const;
type Label = keyof typeof LABELS;
const FOLDED_LABELS = lazy(() => Object.entries(LABELS).map(([key, names]) => [key as Label, names.map(foldText)] as const));

/** Creative Center metric labels: these lines and the values after them are not the ad's caption. */
const METRICS = foldedSet([
  'Likes',
  'Comments',
  'Shares',
  'CTR',
  'Budget',
  'Impressions',
  'Industry',
  'Objective',
  'Ad',
  'Sponsored',
  'Details',
]);

const LIBRARY_LINK = /\/ads\/detail\/?$/;
const CREATIVE_CENTER_LINK = /\/creativecenter\/(?:[a-z-]+\/)*topads\/(\d+)(?:\/|$)/;

function findAnchors(root: ParentNode, base: string): Anchor[] {
  const anchors: Anchor[] = [];
  for (const a of root.querySelectorAll('a[href*="ad_id="], a[href*="/topads/"]')) {
    const url = parseUrl(a.getAttribute('href') ?? '', base);
    if (!url) continue;
    const adId = LIBRARY_LINK.test(url.pathname) ? url.searchParams.get('ad_id') : CREATIVE_CENTER_LINK.exec(url.pathname)?.[1];
    if (adId && /^\d+$/.test(adId)) anchors.push({ el: a, key: adId });
  }
  return anchors;
}

/** Which label a line starts with, and the value after it (on the same line after ":" or on the next line). */
function labelled(lines: readonly Line[]): { values: Map<Label, string>; used: Set<number> } {
  const values = new Map<Label, string>();
  const used = new Set<number>();
  lines.forEach((line, i) => {
    for (const [key, names] of FOLDED_LABELS()) {
      const name = names.find((n) => line.folded === n || line.folded.startsWith(`${n}:`));
      if (!name || values.has(key)) continue;
      used.add(i);
      const rest = line.text.slice(line.text.indexOf(':') + 1).trim();
      if (line.text.includes(':') && rest) values.set(key, rest);
      else if (lines[i + 1]) {
        values.set(key, lines[i + 1].text);
        used.add(i + 1);
      }
      return;
    }
  });
  return { values, used };
}

function readCard(id: string, card: Element, pageUrl: string, capturedAt: string): AdCapture {
  const missing: string[] = [];
  const link = card.querySelector(`a[href*="${id}"]`) ?? card.closest(`a[href*="${id}"]`);
  const detailUrl = httpUrl(link?.getAttribute('href'), pageUrl);
  const creativeCenter = detailUrl ? CREATIVE_CENTER_LINK.test(parseUrl(detailUrl)?.pathname ?? '') : false;
  const lines = readLines(card, (el) => el.getAttribute('aria-hidden') === 'true');
  const { values, used } = labelled(lines);
  const media = readMedia(card, pageUrl, missing);
  if (media.length === 0) missing.push('media');

  const free = lines.filter((line, i) => !used.has(i) && !METRICS.has(line.folded) && !/^[\d\s.,%kmb$€£+-]+$/.test(line.folded));
  if (creativeCenter) {
    // Creative Center cards show the ad's caption and its metrics; the brand is only on the detail page.
    const caption = free.reduce<Line | undefined>(
      (longest, line) => (line.text.length > (longest?.text.length ?? 0) ? line : longest),
      undefined,
    );
    if (!caption) missing.push('text');
    return buildCapture('tiktok', id, pageUrl, capturedAt, { text: caption?.text, media, detailUrl }, missing);
  }

  // Library cards: the advertiser is labelled, or the card's first unlabelled line.
  const advertiserName = values.get('advertiser') ?? free[0]?.text;
  if (!advertiserName) missing.push('advertiserName');
  const first = values.get('firstShown');
  const last = values.get('lastShown');
  const startedAt = first ? parseDate(first) : undefined;
  if (!startedAt) missing.push('startedAt');
  return buildCapture(
    'tiktok',
    id,
    pageUrl,
    capturedAt,
    {
      advertiserName,
      startedAt,
      // "Last shown": the last day the ad was shown as of this capture (for a running ad, about yesterday).
      endedAt: last ? parseDate(last) : undefined,
      media,
      detailUrl,
    },
    missing,
  );
}

/** A Creative Center ad as the page's schema.org JSON-LD (`ItemList` of `VideoObject`) describes it. */
interface JsonLdAd {
  text?: string;
  media: AdMedia[];
  detailUrl?: string;
}

const JSON_LD = 'script[type="application/ld+json"]';

/**
 * One script's ads, read once per script text (and page URL): the content script reads one card at a time, each
 * asking for the page's JSON-LD; parsing and walking the whole list again for each card cost O(list) per card.
 */
const scriptAds = new WeakMap<Element, { text: string; base: string; ads: Map<string, JsonLdAd> }>();
function adsOfScript(script: Element, base: string): Map<string, JsonLdAd> {
  const text = script.textContent ?? '';
  const cached = scriptAds.get(script);
  if (cached?.text === text && cached.base === base) return cached.ads;
  const ads = new Map<string, JsonLdAd>();
  try {
    visitJsonLd(JSON.parse(text), base, ads);
  } catch {
    // Not JSON: ignore it, the cards are still read from the DOM.
  }
  scriptAds.set(script, { text, base, ads });
  return ads;
}

/**
 * The Creative Center page embeds its list as JSON-LD (MhmdChatila/WebScraping j.json, 2023-08): the same ads, with
 * the video file and cover, whether or not the grid has rendered their cards yet. Parsed as data, never run.
 */
function visitJsonLd(value: unknown, base: string, ads: Map<string, JsonLdAd>): void {
  if (Array.isArray(value)) {
    for (const item of value) visitJsonLd(item, base, ads);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const node = value as Record<string, unknown>;
  visitJsonLd(node.itemListElement, base, ads);
  visitJsonLd(node['@graph'], base, ads);
  if (node['@type'] !== 'VideoObject' || typeof node.url !== 'string') return;
  const id = CREATIVE_CENTER_LINK.exec(parseUrl(node.url, base)?.pathname ?? '')?.[1];
  if (!id || ads.has(id)) return;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  // `name` is the ad title; some are only a number, and then the description has the words.
  const name = str(node.name);
  const text = name && /\p{L}/u.test(name) ? name : str(node.description);
  const thumbnail = Array.isArray(node.thumbnailUrl) ? node.thumbnailUrl[0] : node.thumbnailUrl;
  const posterUrl = httpUrl(str(thumbnail), base);
  const url = httpUrl(str(node.contentUrl), base);
  const media: AdMedia[] = [];
  if (url) media.push(posterUrl ? { kind: 'video', url, posterUrl } : { kind: 'video', url });
  else if (posterUrl) media.push({ kind: 'image', url: posterUrl });
  ads.set(id, { text, media, detailUrl: httpUrl(node.url, base) });
}

/** Every ad in the page's JSON-LD, by id (the first script that names an ad wins). */
function readJsonLd(root: ParentNode, base: string): Map<string, JsonLdAd> {
  const ads = new Map<string, JsonLdAd>();
  for (const script of root.querySelectorAll(JSON_LD)) {
    for (const [id, ad] of adsOfScript(script, base)) if (!ads.has(id)) ads.set(id, ad);
  }
  return ads;
}

/** One ad's JSON-LD, from the scripts' cached lists. */
function jsonLdAd(root: ParentNode, base: string, id: string): JsonLdAd | undefined {
  for (const script of root.querySelectorAll(JSON_LD)) {
    const ad = adsOfScript(script, base).get(id);
    if (ad) return ad;
  }
  return undefined;
}

/** The card's own fields first; JSON-LD fills what the card lacks (the video file behind a cover image, mostly). */
function withJsonLd(ad: AdCapture, data: JsonLdAd | undefined): AdCapture {
  if (!data) return ad;
  // A copy of the cached list's items: each read's record is its own.
  const media = data.media.length > 0 && ad.media.every((m) => m.kind === 'image') ? data.media.map((m) => ({ ...m })) : ad.media;
  const missing = ad.missing?.filter((part) => !(part === 'media' && media.length > 0) && !(part === 'text' && data.text));
  const merged: AdCapture = { ...ad, text: ad.text ?? data.text, media, missing };
  if (!merged.text) delete merged.text;
  if (!missing?.length) delete merged.missing;
  return merged;
}

/** The ad cards under `root` by ad id, without reading them. */
export function findCards(root: ParentNode, pageUrl: string): Map<string, Element> {
  return cardsByAnchor(findAnchors(root, pageUrl), root);
}

/** One card's record, completed from the page's JSON-LD when it has the same ad. */
export function readAd(id: string, card: Element, pageUrl: string, options: ExtractOptions = {}): AdCapture {
  const ad = readCard(id, card, pageUrl, nowIso(options));
  return card.ownerDocument ? withJsonLd(ad, jsonLdAd(card.ownerDocument, pageUrl, id)) : ad;
}

export function scanAds(root: ParentNode, pageUrl: string, options: ExtractOptions = {}): ExtractResult {
  const capturedAt = nowIso(options);
  const cards = findCards(root, pageUrl);
  const result = readCards(cards, (id, card) => readCard(id, card, pageUrl, capturedAt));
  const jsonLd = readJsonLd(root, pageUrl);
  if (jsonLd.size === 0) return result;
  const ads = result.ads.map((ad) => withJsonLd(ad, jsonLd.get(ad.libraryAdId)));
  for (const [id, data] of jsonLd) {
    if (cards.has(id)) continue;
    const missing = [...(data.text ? [] : ['text']), ...(data.media.length > 0 ? [] : ['media'])];
    ads.push(
      buildCapture('tiktok', id, pageUrl, capturedAt, { text: data.text, media: data.media, detailUrl: data.detailUrl }, missing),
    );
  }
  return { ads, skipped: result.skipped, cards: result.cards };
}

export function extractAds(root: ParentNode, pageUrl: string, options: ExtractOptions = {}): AdCapture[] {
  return scanAds(root, pageUrl, options).ads;
}

/*
Fixtures (see tests/fixtures/ad-libraries/README.md):
- tests/fixtures/ad-libraries/tiktok-library-search.html: library.tiktok.com search results, SYNTHESISED (labels, layout and
  date formats are guesses; values are the Commercial Content API docs' examples)
- tests/fixtures/ad-libraries/tiktok-creative-center-topads.html: Creative Center top ads, SYNTHESISED cards around the page's
  REAL JSON-LD (MhmdChatila/WebScraping j.json @0c6a143a, 2023-08)

Real URLs it was written against (structure from docs/platform-evidence.md §8; not checked live):
- https://library.tiktok.com/ads?region=DE&adv_name=nike&query_type=1&sort_type=last_shown_date,desc
- https://library.tiktok.com/ads/detail/?ad_id=<id> (the pattern of result links)
- https://ads.tiktok.com/business/creativecenter/inspiration/topads/pc/en
- https://ads.tiktok.com/business/creativecenter/topads/7259820868196122625 (from the JSON-LD)
*/
