/**
 * Helpers shared by the ad-library adapters: walking text, reading labels in Arabic and English, dates, numbers,
 * URLs and redirect wrappers, grouping a page into one element per ad, and building the record.
 *
 * Everything here reads the DOM through `Node`/`Element` methods only (no globals such as `document`,
 * `NodeFilter` or `instanceof HTMLElement`), so the same code runs on a live page, on a `DOMParser` document in a
 * test, and on a happy-dom document in Node.
 */
import type { AdCapture } from '../schemas/ad-capture';
import { AD_LIMITS } from '../schemas/ad-limits';
import { normalizeForSearch } from '../search/normalize';
import { clipPageText } from '../text/clean-text';

export type AdLibrary = AdCapture['library'];

export interface ExtractOptions {
  /** When the capture happened (ISO date-time); defaults to now. Fixed in tests so output is reproducible. */
  capturedAt?: string;
}

export interface ExtractResult {
  ads: AdCapture[];
  /** Cards that looked like ads but had no ad id (or failed to read); they are left out of `ads`. */
  skipped: number;
  /** The card element each captured ad was read from, by capture id: where the page gets its Save control. */
  cards: Map<string, Element>;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

function isElement(node: Node | null | undefined): node is Element {
  return node?.nodeType === ELEMENT_NODE;
}

/** Elements whose text is never visible ad text. */
const NON_TEXT_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'SVG']);

/**
 * Calls `visit` for every non-blank text node under `root`, in document order, with its trimmed text.
 * `skip` prunes whole subtrees (e.g. the ad body when looking for labels). Iterative: cards can be deep.
 */
export function forEachText(root: Node, visit: (text: string, parent: Element) => void, skip?: (el: Element) => boolean) {
  let node: Node | null = root.firstChild;
  while (node) {
    if (node.nodeType === TEXT_NODE) {
      const text = (node.nodeValue ?? '').trim();
      if (text && isElement(node.parentNode)) visit(text, node.parentNode);
    } else if (isElement(node) && node.firstChild && !NON_TEXT_TAGS.has(node.tagName) && !skip?.(node)) {
      node = node.firstChild;
      continue;
    }
    // Next in document order: the next sibling of this node or of its nearest ancestor below `root` that has one.
    while (node && node !== root && !node.nextSibling) node = node.parentNode;
    node = node && node !== root ? node.nextSibling : null;
  }
}

/** Emoji drawn as images (Facebook does this in ad text) read as their `alt` text. */
function isEmojiImage(el: Element): boolean {
  return el.tagName === 'IMG' && /emoji/i.test(el.getAttribute('src') ?? '') && !!el.getAttribute('alt');
}

const BLOCK_TAGS = new Set(['DIV', 'P', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'SECTION']);

/**
 * The text of `el` as a person reads it: line breaks from `<br>`, newlines in the source (pre-wrap bodies) and
 * block boundaries kept; emoji images as their characters; ends trimmed. Whitespace inside lines is left alone
 * so the ad text stays exactly as written.
 */
export function readText(el: Element): string {
  let out = '';
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT_NODE) {
        out += child.nodeValue ?? '';
      } else if (isElement(child)) {
        if (NON_TEXT_TAGS.has(child.tagName)) continue;
        if (child.tagName === 'BR') out += '\n';
        else if (isEmojiImage(child)) out += child.getAttribute('alt');
        else if (BLOCK_TAGS.has(child.tagName)) {
          if (out && !out.endsWith('\n')) out += '\n';
          walk(child);
          if (out && !out.endsWith('\n')) out += '\n';
        } else walk(child);
      }
    }
  };
  walk(el);
  return out.replace(/\r\n?/g, '\n').trim();
}

/** `readText` on one line: runs of whitespace (newlines included) become one space. */
export function lineText(el: Element): string {
  return readText(el).replace(/\s+/g, ' ');
}

/**
 * Folds text for comparing labels: case, Arabic marks (shadda in معرّف), hamza and alef forms, ة/ه, ى/ي,
 * Arabic-Indic digits, invisible direction marks and extra whitespace. For matching only; never show it.
 */
export function foldText(text: string): string {
  // Printable ASCII has nothing to fold but case and spaces: skip Unicode normalisation (most lines on most pages).
  return PRINTABLE_ASCII.test(text) ? text.toLowerCase().replace(/\s+/g, ' ').trim() : normalizeForSearch(text);
}
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Labels folded once, for exact-line lookups. */
export function foldedSet(labels: readonly string[]): { has(folded: string): boolean } {
  const set = lazy(() => new Set(labels.map(foldText)));
  return { has: (folded) => set().has(folded) };
}

/**
 * A value made on first use. The label lists are folded when a card is first read, not when the content script
 * loads: folding them all (four libraries' worth) cost ~1 ms of every ad-library page load (measured).
 */
export function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

/** `labels` folded (foldText), on first use. */
export const foldedList = (labels: readonly string[]): (() => string[]) => lazy(() => labels.map(foldText));

// ----------------------------------------------------------------------------------------------------------------
// Dates

const MONTH_NAMES: readonly (readonly string[])[] = [
  // English (full, three-letter), Egyptian/Gulf Arabic (with spelling variants), Levantine Arabic, Maghrebi Arabic.
  ['january', 'jan', 'يناير', 'كانون الثاني', 'جانفي'],
  ['february', 'feb', 'فبراير', 'شباط', 'فيفري'],
  ['march', 'mar', 'مارس', 'آذار'],
  ['april', 'apr', 'أبريل', 'إبريل', 'نيسان', 'أفريل'],
  ['may', 'مايو', 'أيار', 'ماي'],
  ['june', 'jun', 'يونيو', 'يونيه', 'حزيران', 'جوان'],
  ['july', 'jul', 'يوليو', 'يوليه', 'تموز', 'جويلية'],
  ['august', 'aug', 'أغسطس', 'آب', 'أوت'],
  ['september', 'sep', 'sept', 'سبتمبر', 'أيلول'],
  ['october', 'oct', 'أكتوبر', 'تشرين الأول'],
  ['november', 'nov', 'نوفمبر', 'تشرين الثاني'],
  ['december', 'dec', 'ديسمبر', 'كانون الأول'],
];
/** Folded month name → 1–12. Folding makes أبريل/ابريل/إبريل and الأول/الاول one key each. */
const MONTHS = lazy(() => {
  const months = new Map<string, number>();
  MONTH_NAMES.forEach((names, i) => {
    for (const name of names) months.set(foldText(name), i + 1);
  });
  return months;
});

function isoDate(year: number, month: number, day: number): string | undefined {
  if (year < 2000 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return undefined; // 31 April, 29 February in a common year
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A calendar date as `YYYY-MM-DD`, or undefined when `text` is not one date. Reads "16 May 2025", "May 16, 2025",
 * "Fri, 16 May 2025", "٢٩ أبريل ٢٠٢٥", "٣ كانون الثاني ٢٠٢٥", "2025/05/16", "2025-05-16", and D/M/Y or M/D/Y only
 * when the day is over 12 (otherwise the order is a guess).
 */
export function parseDate(text: string): string | undefined {
  const folded = foldText(text).replace(/(\d)م(?=\s|$)/g, '$1'); // "٢٠٢٥م": the Gregorian-era letter
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(folded);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(folded);
  if (m) {
    const [a, b] = [+m[1], +m[2]];
    if (a > 12 && b <= 12) return isoDate(+m[3], b, a);
    if (b > 12 && a <= 12) return isoDate(+m[3], a, b);
    return undefined;
  }
  let year: number | undefined;
  let day: number | undefined;
  const words: string[] = [];
  for (const token of folded.split(/[\s,]+/)) {
    const bare = token.replace(/\.$/, '');
    if (!bare) continue;
    if (/^\d{4}$/.test(bare)) {
      if (year !== undefined) return undefined;
      year = +bare;
    } else if (/^\d{1,2}(st|nd|rd|th)?$/.test(bare)) {
      if (day !== undefined) return undefined;
      day = Number.parseInt(bare, 10);
    } else words.push(bare);
  }
  if (year === undefined || day === undefined || words.length === 0) return undefined;
  // The month is the whole remaining text, or one word or two-word run of it ("Fri 16 May 2025", Levantine names).
  const months = MONTHS();
  let month = months.get(words.join(' '));
  for (let i = 0; month === undefined && i < words.length; i++) {
    month = months.get(`${words[i]} ${words[i + 1] ?? ''}`.trim()) ?? months.get(words[i]);
  }
  return month === undefined ? undefined : isoDate(year, month, day);
}

const RANGE_SEPARATOR = lazy(() => new RegExp(`\\s+(?:-|–|—|to|${foldText('إلى')}|${foldText('حتى')})\\s+`));

/** "16 May 2025 - 20 May 2025", "٢٩ أبريل ٢٠٢٥ إلى ٥ مايو ٢٠٢٥": both ends, or undefined. */
export function parseDateRange(text: string): { start: string; end: string } | undefined {
  const parts = foldText(text).split(RANGE_SEPARATOR());
  if (parts.length !== 2) return undefined;
  const start = parseDate(parts[0]);
  const end = parseDate(parts[1]);
  return start && end ? { start, end } : undefined;
}

// ----------------------------------------------------------------------------------------------------------------
// Numbers

const MULTIPLIERS: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, الف: 1e3, مليون: 1e6, مليار: 1e9 };

/**
 * The first count in `text`: "~63 ads" → 63, "1,234" → 1234, "11K" → 11000, "1.2M" → 1200000, "١٬٢٣٤" → 1234,
 * "٣ ألف" → 3000. Undefined when there is no number.
 */
export function parseCount(text: string): number | undefined {
  const m = /(\d[\d,]*(?:\.\d+)?)\s*(k|m|b|الف|مليون|مليار)?(?![\p{L}\d])/u.exec(foldText(text));
  if (!m) return undefined;
  const value = Number.parseFloat(m[1].replace(/,/g, '')) * (m[2] ? MULTIPLIERS[m[2]] : 1);
  return Number.isFinite(value) ? Math.round(value) : undefined;
}

// ----------------------------------------------------------------------------------------------------------------
// URLs

export function parseUrl(raw: string, base?: string): URL | undefined {
  try {
    return new URL(raw.trim(), base);
  } catch {
    return undefined;
  }
}

/**
 * An http(s) URL from an attribute value, resolved against `base` when relative; undefined for anything else
 * (javascript:, data:, blob:, garbage). An absolute value is returned as written, so query strings with literal
 * `{{macro}}` placeholders stay exactly as the advertiser set them.
 */
export function httpUrl(raw: string | null | undefined, base?: string): string | undefined {
  if (!raw?.trim()) return undefined;
  const url = parseUrl(raw, base);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined;
  const trimmed = raw.trim();
  return /^https?:\/\//i.test(trimmed) ? trimmed : url.href;
}

/** Redirect wrappers and the query parameter holding the real destination. */
const REDIRECTS: readonly { host: RegExp; path: RegExp; param: string }[] = [
  { host: /^l[m]?\.facebook\.com$/, path: /^\/l\.php$/, param: 'u' },
  { host: /^l\.messenger\.com$/, path: /^\/l\.php$/, param: 'u' },
  { host: /^l\.instagram\.com$/, path: /^\/$/, param: 'u' },
  { host: /^(www\.)?google\.[a-z.]+$/, path: /^\/url$/, param: 'q' },
  { host: /^(www\.)?linkedin\.com$/, path: /^\/redir\/redirect\/?$/, param: 'url' },
];

/**
 * The destination of a link: `https://l.facebook.com/l.php?u=<encoded>&h=…` → the decoded `u`, unwrapping up to
 * three nested wrappers. A link that is not a known wrapper is returned as it is. Undefined when the result is not
 * an http(s) URL.
 */
export function decodeRedirect(href: string | null | undefined, base?: string): string | undefined {
  let current = httpUrl(href, base);
  for (let depth = 0; current && depth < 3; depth++) {
    const url = parseUrl(current);
    const wrapper = url && REDIRECTS.find((r) => r.host.test(url.hostname) && r.path.test(url.pathname));
    if (!url || !wrapper) return current;
    current = httpUrl(url.searchParams.get(wrapper.param));
  }
  return current;
}

// ----------------------------------------------------------------------------------------------------------------
// Cards

/** Elements a card never extends past: the page's main region and above. */
function isBoundary(el: Element): boolean {
  const tag = el.tagName;
  return tag === 'BODY' || tag === 'HTML' || tag === 'MAIN' || el.getAttribute('role') === 'main';
}

export interface Anchor {
  el: Element;
  key: string;
}

/**
 * One element per ad: from each anchor (the element holding the ad id), the largest ancestor that holds no other
 * ad's anchor — the card — never above `root`, the page's main region, or the first ancestor matching `stopAt`.
 * Keys repeated on the page (the same ad in the grid and in an open detail view) give one card: the first.
 * Returned in document order of the anchors.
 */
export function cardsByAnchor(anchors: readonly Anchor[], root: ParentNode, stopAt?: string): Map<string, Element> {
  // Which ad key each ancestor belongs to; null once it holds anchors of two different ads.
  const owner = new Map<Element, string | null>();
  for (const { el, key } of anchors) {
    // Once an element is marked, so are all its ancestors: stop at the first one already right.
    for (let node: Element | null = el; node; node = node === root ? null : node.parentElement) {
      const seen = owner.get(node);
      if (seen === undefined) owner.set(node, key);
      else if (seen === key || seen === null) break;
      else owner.set(node, null);
    }
  }
  const cards = new Map<string, Element>();
  for (const { el, key } of anchors) {
    if (cards.has(key)) continue;
    let card = el;
    while (!(stopAt && card.matches(stopAt)) && card !== root) {
      const parent = card.parentElement;
      if (!parent || isBoundary(parent) || owner.get(parent) !== key) break;
      card = parent;
    }
    cards.set(key, card);
  }
  return cards;
}

/** Images too small to be ad media: avatars and logos (width/height attributes, or `s60x60` in the CDN URL). */
function isThumbnail(img: Element): boolean {
  for (const attr of ['width', 'height']) {
    const size = Number.parseInt(img.getAttribute(attr) ?? '', 10);
    if (size > 0 && size <= 100) return true;
  }
  const m = /[_/.-][sp](\d{2,4})x(\d{2,4})[_/.&?-]/.exec(img.getAttribute('src') ?? '');
  return m !== null && Math.max(+m[1], +m[2]) <= 100;
}

export type AdMedia = AdCapture['media'][number];

/**
 * Media shown in `card`, in page order: each `<video>` (its `src` or first `<source>`, with its poster) and each
 * image that is not a thumbnail, an emoji or inside `exclude` (e.g. the advertiser's avatar link). A video whose
 * source is not an http(s) URL (a `blob:` stream) keeps its poster as an image, and `videoUrl` is reported missing.
 */
export function readMedia(card: Element, base: string, missing: string[], exclude?: (el: Element) => boolean): AdMedia[] {
  const media: AdMedia[] = [];
  const seen = new Set<string>();
  const add = (item: AdMedia) => {
    if (seen.has(item.url)) return;
    seen.add(item.url);
    media.push(item);
  };
  for (const el of card.querySelectorAll('video, img')) {
    if (exclude?.(el)) continue;
    if (el.tagName === 'VIDEO') {
      const url = httpUrl(el.getAttribute('src'), base) ?? httpUrl(el.querySelector('source[src]')?.getAttribute('src'), base);
      const posterUrl = httpUrl(el.getAttribute('poster'), base);
      if (url) {
        add(posterUrl ? { kind: 'video', url, posterUrl } : { kind: 'video', url });
        if (posterUrl) seen.add(posterUrl); // the same frame as an <img> elsewhere is not a second item
      } else if (posterUrl) {
        add({ kind: 'image', url: posterUrl });
        missing.push('videoUrl');
      }
    } else if (!isThumbnail(el) && !isEmojiImage(el)) {
      const url = httpUrl(el.getAttribute('src'), base);
      if (url) add({ kind: 'image', url });
    }
  }
  return media;
}

// ----------------------------------------------------------------------------------------------------------------
// Records

/** The record id: `library:adId`, lowercased, other characters as `-`, at most 80 characters (see IdSchema). */
export function captureId(library: AdLibrary, libraryAdId: string): string {
  return `${library}:${libraryAdId}`
    .toLowerCase()
    .replace(/[^a-z0-9._:-]/g, '-')
    .slice(0, 80);
}

export type CaptureFields = Partial<
  Omit<AdCapture, 'id' | 'library' | 'libraryAdId' | 'pageUrl' | 'capturedAt' | 'missing' | 'tags' | 'boards'>
>;

/** A card's text as the swipe file may keep it: cleaned (text.ts) and cut to AD_LIMITS; lists cut to their count. */
function clipFields(fields: CaptureFields): CaptureFields {
  return {
    ...fields,
    advertiserName: clipPageText(fields.advertiserName, AD_LIMITS.advertiserName),
    advertiserId: clipPageText(fields.advertiserId, AD_LIMITS.advertiserId),
    text: clipPageText(fields.text, AD_LIMITS.text),
    headline: clipPageText(fields.headline, AD_LIMITS.headline),
    cta: clipPageText(fields.cta, AD_LIMITS.cta),
    format: clipPageText(fields.format, AD_LIMITS.format),
    platforms: fields.platforms
      ?.slice(0, AD_LIMITS.platforms)
      .map((p) => clipPageText(p, AD_LIMITS.platform))
      .filter((p): p is string => Boolean(p)),
    media: fields.media?.slice(0, AD_LIMITS.media),
  };
}

/**
 * The record for one card. Fields left undefined are dropped (absent, not `undefined`), empty strings and empty
 * platform lists likewise; `missing` is set only when something expected was not found.
 */
export function buildCapture(
  library: AdLibrary,
  libraryAdId: string,
  pageUrl: string,
  capturedAt: string,
  fields: CaptureFields,
  missing: readonly string[],
): AdCapture {
  const record: Record<string, unknown> = {
    id: captureId(library, libraryAdId),
    library,
    libraryAdId,
  };
  for (const [key, value] of Object.entries(clipFields(fields))) {
    if (value === undefined || value === '' || (key === 'platforms' && Array.isArray(value) && value.length === 0)) continue;
    record[key] = value;
  }
  record.media ??= [];
  record.pageUrl = pageUrl;
  record.capturedAt = capturedAt;
  if (missing.length > 0) record.missing = [...new Set(missing)];
  record.tags = [];
  record.boards = [];
  return record as AdCapture;
}

/**
 * Runs `readCard` on every card, keeping the page order and skipping (and counting) cards that throw: one broken
 * card never costs the others.
 */
export function readCards(cards: Iterable<[string, Element]>, readCard: (id: string, card: Element) => AdCapture): ExtractResult {
  const ads: AdCapture[] = [];
  const elements = new Map<string, Element>();
  let skipped = 0;
  for (const [id, card] of cards) {
    try {
      const ad = readCard(id, card);
      ads.push(ad);
      elements.set(ad.id, card);
    } catch {
      skipped++;
    }
  }
  return { ads, skipped, cards: elements };
}

export function nowIso(options: ExtractOptions): string {
  return options.capturedAt ?? new Date().toISOString();
}

/** The text lines of `card` (trimmed text nodes with their element), folded once for label matching. */
export interface Line {
  text: string;
  folded: string;
  el: Element;
}

export function readLines(card: Node, skip?: (el: Element) => boolean, maxLength = 300): Line[] {
  const lines: Line[] = [];
  forEachText(
    card,
    (text, el) => {
      // Long runs are ad copy, never a label: not worth folding.
      lines.push({ text, folded: text.length <= maxLength ? foldText(text) : '', el });
    },
    skip,
  );
  return lines;
}
