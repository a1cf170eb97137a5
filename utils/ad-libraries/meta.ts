/**
 * Meta Ad Library (facebook.com/ads/library): one record per result card.
 *
 * Anchored on what Meta shows to people, not on its atomic class names (`x1abc…`, rotated on every deploy):
 * - the card: the `Library ID: <digits>` text (Arabic `معرّف المكتبة: …`), climbing to the largest ancestor that
 *   holds no other Library ID (docs/platform-evidence.md §7: each card shows exactly one Library ID);
 * - status, dates and collation: visible text lines (`Active`, `Started running on …`, `N ads use this creative…`);
 * - advertiser: the link to `facebook.com/<page>/`; landing: the `l.facebook.com/l.php?u=` anchor (decoded), with the
 *   CTA as the `role=button` inside it; body: `[data-ad-preview="message"]`;
 * - platforms: the unlabelled sprite icons after `Platforms`, mapped by sprite file and position (volatile: unknown
 *   icons are ignored and the field is flagged when none is recognised).
 */
import type { AdCapture } from '../schemas/ad-capture';
import {
  type Anchor,
  buildCapture,
  cardsByAnchor,
  decodeRedirect,
  type ExtractOptions,
  type ExtractResult,
  foldedList,
  foldedSet,
  foldText,
  forEachText,
  httpUrl,
  type Line,
  lazy,
  lineText,
  nowIso,
  parseCount,
  parseDate,
  parseDateRange,
  parseUrl,
  readCards,
  readLines,
  readMedia,
  readText,
} from './common';

// Labels per UI language, written as shown; compared folded (case, tashkeel, hamza forms, digits).
// Arabic labels are guesses, no public Arabic capture exists (tests/fixtures/ad-libraries/meta-ad-library/SOURCES.md):
// keep variants here.
const LIBRARY_ID_LABELS = foldedList(['Library ID', 'معرّف المكتبة', 'معرف الإعلان في المكتبة']);
const ACTIVE = foldedSet(['Active', 'نشط']);
const INACTIVE = foldedSet(['Inactive', 'غير نشط']);
const STARTED = foldedList(['Started running on', 'بدأ العرض في', 'بدء التشغيل في', 'بدأ التشغيل في']);
const PLATFORMS = foldedSet(['Platforms', 'المنصات']);
const SPONSORED = foldedSet(['Sponsored', 'مُموَّل', 'إعلان مُموَّل']);
const COLLATED = foldedList(['use this creative and text', 'هذا التصميم والنص']);
const MULTIPLE_VERSIONS = foldedList(['This ad has multiple versions', 'هذا الإعلان له إصدارات متعددة', 'إصدارات متعددة']);
/** Arabic dual "two ads", written without a digit. */
const TWO_ADS = lazy(() => foldText('إعلانان'));

/** CTA labels Meta offers (docs/platform-evidence.md §7), for cards whose CTA is not a button inside the landing link. */
const CTA_LABELS = foldedSet([
  'Learn more',
  'Shop now',
  'Sign up',
  'Book now',
  'Download',
  'Install now',
  'Apply now',
  'Contact us',
  'Send message',
  'Send WhatsApp message',
  'Subscribe',
  'Order now',
  'Watch more',
  'Get offer',
  'Get quote',
  'Call now',
  'Donate now',
  'Listen now',
  'Play game',
  'Use app',
  'Buy tickets',
  'See menu',
  'معرفة المزيد',
  'تسوق الآن',
  'تسجيل',
  'التسجيل',
  'احجز الآن',
  'تنزيل',
  'ثبّت الآن',
  'تثبيت الآن',
  'قدّم الآن',
  'اتصل بنا',
  'إرسال رسالة',
  'إرسال رسالة عبر واتساب',
  'اشترك',
  'اطلب الآن',
  'مشاهدة المزيد',
  'احصل على العرض',
  'اتصل الآن',
  'تبرع الآن',
]);

/**
 * Platform icons: sprite file name and mask position → platform (sanketcognitivepixel/fb_ad_scrap main.py
 * @9e77e643, 2025-05-22). Sprites rotate with Meta's deploys: add the new pair here with its date when one changes.
 */
const PLATFORM_SPRITES = new Map<string, string>([
  ['OLar8kmsCmm.png 0px -1188px', 'facebook'],
  ['OLar8kmsCmm.png 0px -1201px', 'instagram'],
  ['OLar8kmsCmm.png 0px -1214px', 'threads'],
  ['ZuVkzM77JQ-.png -68px -189px', 'audience_network'],
  ['7Ia52m_bDk0.png -246px -280px', 'messenger'],
]);
/** Icons that do carry a label (an accessible name or `alt`), should Meta add one. */
const PLATFORM_NAMES = lazy(
  () =>
    new Map<string, string>(
      [
        ['Facebook', 'facebook'],
        ['Instagram', 'instagram'],
        ['Threads', 'threads'],
        ['Messenger', 'messenger'],
        ['Audience Network', 'audience_network'],
        ['WhatsApp', 'whatsapp'],
      ].map(([label, name]) => [foldText(label), name]),
    ),
);

const LIBRARY_ID_VALUE = /:\s*(\d{5,})$/;
/** Raw text that could be a Library ID line: short, and ending in the number or in the colon before it. */
const MAYBE_ID_LINE = /(?:[:：]|[0-9٠-٩۰-۹]{5,})[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]*$/;
const AD_BODY = '[data-ad-preview="message"]';

/** `Library ID: <b>123…</b>` or `<span>Library ID:</span> <span>123…</span>`: the label's element or its parent. */
function numberBeside(el: Element): RegExpExecArray | null {
  for (let at: Element | null = el, level = 0; at && level < 2; at = at.parentElement, level++) {
    const text = at.textContent ?? '';
    if (text.length > 120) break;
    const found = LIBRARY_ID_VALUE.exec(foldText(text));
    if (found) return found;
  }
  return null;
}

/**
 * The Library ID labels under `root`, each with its id. The number may sit in a sibling element, so the label's parent
 * is read too; labels without a readable number are counted. Only short texts ending in digits or a colon are folded
 * and compared: the page's other text is passed over natively, which keeps finding the cards cheap. Yields after every
 * `textsPerStep` text nodes, so the content script can spread a whole page (5–7 ms here) over several slices; a walk
 * whose place was taken off the page meanwhile starts again from the top; cards re-rendered behind it are
 * the observer's (what infinite scroll or a re-render adds is looked at on its own).
 */
function* walkAnchors(root: ParentNode, textsPerStep: number): Generator<void, { anchors: Anchor[]; unreadable: number }> {
  const anchors: Anchor[] = [];
  let unreadable = 0;
  const doc = (root as Node).ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root as Node, 4 /* NodeFilter.SHOW_TEXT */);
  let texts = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (++texts % textsPerStep === 0) {
      yield;
      if (!node.isConnected && (root as Node).isConnected) {
        walker.currentNode = root as Node;
        anchors.length = 0;
        unreadable = 0;
        continue;
      }
    }
    const raw = node.nodeValue ?? '';
    if (raw.length > 120 || !MAYBE_ID_LINE.test(raw)) continue;
    const el = node.parentElement;
    const folded = foldText(raw);
    if (!el || folded.length > 80 || !LIBRARY_ID_LABELS().some((label) => folded.startsWith(label))) continue;
    // Ad bodies are the advertiser's words: a "Library ID: …" written there is not Meta's label.
    if (el.closest(AD_BODY)) continue;
    const id = (LIBRARY_ID_VALUE.exec(folded) ?? numberBeside(el))?.[1];
    if (id) anchors.push({ el, key: id });
    else unreadable++;
  }
  return { anchors, unreadable };
}

function findAnchors(root: ParentNode): { anchors: Anchor[]; unreadable: number } {
  const walk = walkAnchors(root, Number.POSITIVE_INFINITY);
  for (;;) {
    const step = walk.next();
    if (step.done) return step.value;
  }
}

/** Path segments of facebook.com that are not a Page or profile. */
const NOT_A_PAGE = new Set(['ads', 'l.php', 'business', 'help', 'policies', 'privacy', 'legal', 'watch', 'hashtag', 'photo']);

interface Advertiser {
  url: string;
  id?: string;
}

/** `https://www.facebook.com/<page>/`, `/profile.php?id=<n>`, `/people/<name>/<n>/` → the advertiser's page. */
function advertiserLink(url: string, parsed: URL): Advertiser | undefined {
  if (!/^(www\.|web\.|m\.)?facebook\.com$/.test(parsed.hostname)) return undefined;
  const segments = parsed.pathname.split('/').filter(Boolean);
  if (segments.length === 0 || NOT_A_PAGE.has(segments[0])) return undefined;
  if (segments[0] === 'profile.php') {
    const id = parsed.searchParams.get('id');
    return id && /^\d+$/.test(id) ? { url, id } : undefined;
  }
  if (segments[0] === 'people' && segments.length === 3 && /^\d+$/.test(segments[2])) return { url, id: segments[2] };
  if (segments.length !== 1) return undefined;
  // A numeric path is the page id; a vanity name identifies the page too but is not its id.
  return /^\d+$/.test(segments[0]) ? { url, id: segments[0] } : { url };
}

/** Platform names from the icons after the `Platforms` label; unknown icons are ignored. */
function readPlatforms(label: Element): string[] {
  // The icons follow the label, or follow one of its wrappers.
  let container: Element | null = null;
  for (let el: Element | null = label, level = 0; el && !container && level < 4; el = el.parentElement, level++) {
    container = el.nextElementSibling;
  }
  const platforms: string[] = [];
  if (!container) return platforms;
  const add = (name: string | undefined) => {
    if (name && !platforms.includes(name)) platforms.push(name);
  };
  for (const icon of [container, ...container.querySelectorAll('[style], [aria-label], img[alt]')]) {
    const named = icon.getAttribute('aria-label') ?? (icon.tagName === 'IMG' ? icon.getAttribute('alt') : null);
    if (named) {
      add(PLATFORM_NAMES().get(foldText(named)));
      continue;
    }
    const style = icon.getAttribute('style') ?? '';
    const image = /(?:^|[;\s])(?:-webkit-)?mask-image:\s*url\(\s*["']?([^"')]+)/.exec(style);
    if (!image) continue;
    const position = /(?:^|[;\s])(?:-webkit-)?mask-position:\s*([^;]+)/.exec(style)?.[1].trim().replace(/\s+/g, ' ');
    const file = image[1].split(/[?#]/)[0].split('/').pop();
    add(PLATFORM_SPRITES.get(`${file} ${position}`));
  }
  return platforms;
}

interface CardLinks {
  advertiser?: Advertiser;
  advertiserName?: string;
  advertiserAnchors: Element[];
  /** Redirect-wrapped or external links; image and caption are often two anchors to the same destination. */
  landingAnchors: Element[];
  /** The first landing link's destination, unwrapped. */
  landingUrl?: string;
}

const LINK_WRAPPER_HOST = /^l[m]?\.facebook\.com$|^l\.instagram\.com$|^l\.messenger\.com$/;
const META_HOST = /(^|\.)(facebook|fb|fbcdn|instagram|messenger)\.(com|me|net)$/;

/**
 * The card's links, each parsed once: the advertiser's page (the first with text; the avatar link before it has only
 * an image) and the landing links (not to Meta itself).
 */
function readLinks(card: Element, base: string): CardLinks {
  const links: CardLinks = { advertiserAnchors: [], landingAnchors: [] };
  for (const a of card.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href') ?? '';
    const url = httpUrl(href, base);
    const parsed = url ? parseUrl(url) : undefined;
    if (!url || !parsed) continue;
    const page = advertiserLink(url, parsed);
    if (page) {
      links.advertiserAnchors.push(a);
      links.advertiser ??= page;
      const name = links.advertiserName ? '' : lineText(a);
      if (name) {
        links.advertiserName = name;
        links.advertiser = page;
      }
    } else if (LINK_WRAPPER_HOST.test(parsed.hostname) || !META_HOST.test(parsed.hostname)) {
      if (links.landingAnchors.length === 0) links.landingUrl = decodeRedirect(url);
      links.landingAnchors.push(a);
    }
  }
  return links;
}

/** A line that only shows the destination's domain in capitals (`WWW.EXAMPLE.COM`) is not the headline. */
const DOMAIN_CAPTION = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+\/?$/;

function readHeadline(anchors: readonly Element[], cta: Element | undefined): string | undefined {
  let headline: string | undefined;
  for (const anchor of anchors) {
    forEachText(
      anchor,
      (text, el) => {
        if (headline === undefined && !DOMAIN_CAPTION.test(text)) headline = lineText(el);
      },
      (el) => el === cta,
    );
    if (headline) return headline;
  }
  return undefined;
}

function variantCountFrom(line: Line): number | undefined {
  // The number sits in a sibling `<strong>`: read the short sentence around the phrase.
  for (let el: Element | null = line.el, level = 0; el && level < 3; el = el.parentElement, level++) {
    const folded = foldText(el.textContent ?? '');
    if (folded.length > 120) break;
    const count = parseCount(folded);
    if (count !== undefined && count >= 1) return count;
    if (folded.includes(TWO_ADS())) return 2;
  }
  return undefined;
}

/** One card's record from its lines, a part a step (each about a quarter of the read): see `readAdInSteps`. */
function* readCard(
  id: string,
  card: Element,
  lines: readonly Line[],
  pageUrl: string,
  capturedAt: string,
): Generator<void, AdCapture> {
  const missing: string[] = [];
  const message = card.querySelector('[data-ad-preview="message"]');

  let active: boolean | undefined;
  let startedAt: string | undefined;
  let endedAt: string | undefined;
  let platforms: string[] | undefined;
  let variantCount: number | undefined;
  let multipleVersions = false;
  let platformsShown = false;
  let sponsoredIndex = -1;
  let ctaLine: Line | undefined;

  lines.forEach((line, index) => {
    const f = line.folded;
    if (!f) return;
    if (active === undefined && (ACTIVE.has(f) || INACTIVE.has(f))) {
      active = ACTIVE.has(f);
      return;
    }
    if (startedAt === undefined) {
      // "Started running on 16 May 2025 · Total active time 3 days": the date is before the dot.
      const label = STARTED().find((l) => f.startsWith(l));
      if (label !== undefined) {
        startedAt = parseDate(f.slice(label.length).split('·')[0]);
        return;
      }
      // Inactive ads show the run as "16 May 2025 - 20 May 2025".
      const range = /\d/.test(f) ? parseDateRange(f.split('·')[0]) : undefined;
      if (range) {
        startedAt = range.start;
        endedAt = range.end;
        return;
      }
    }
    if (!platformsShown && PLATFORMS.has(f)) {
      platformsShown = true;
      const found = readPlatforms(line.el);
      if (found.length > 0) platforms = found;
      else missing.push('platforms');
    } else if (variantCount === undefined && COLLATED().some((phrase) => f.includes(phrase))) {
      variantCount = variantCountFrom(line);
    } else if (MULTIPLE_VERSIONS().some((phrase) => f.includes(phrase))) {
      multipleVersions = true;
    } else if (sponsoredIndex < 0 && SPONSORED.has(f)) {
      sponsoredIndex = index;
    } else if (CTA_LABELS.has(f)) {
      ctaLine = line;
    }
  });
  if (active === undefined) missing.push('active');
  if (startedAt === undefined) missing.push('startedAt');
  if (!platformsShown) missing.push('platforms');
  yield;

  const links = readLinks(card, pageUrl);
  const { advertiser, advertiserAnchors, landingAnchors } = links;
  // Without a named link, the name is the line just above "Sponsored".
  let advertiserName = links.advertiserName;
  if (!advertiserName && sponsoredIndex > 0) advertiserName = lines[sponsoredIndex - 1].text;
  if (!advertiserName) missing.push('advertiserName');
  if (!advertiser) missing.push('advertiserUrl');

  // The CTA is the button inside the landing link; else a line that is one of Meta's CTA labels.
  let ctaButton: Element | undefined;
  for (const a of landingAnchors) ctaButton ??= a.querySelector('[role="button"]') ?? undefined;
  const cta = (ctaButton && lineText(ctaButton)) || ctaLine?.text;
  const hasLanding = landingAnchors.length > 0;
  if (hasLanding && !cta) missing.push('cta');
  if (hasLanding && !links.landingUrl) missing.push('landingUrl');
  yield;

  const media = readMedia(card, pageUrl, missing, (el) => advertiserAnchors.some((a) => a.contains(el)));
  if (media.length === 0) missing.push('media');

  // No count shown: one ad, or at least two when Meta only says there are several versions.
  variantCount ??= multipleVersions ? 2 : 1;
  yield;

  return buildCapture(
    'meta',
    id,
    pageUrl,
    capturedAt,
    {
      advertiserName,
      advertiserId: advertiser?.id,
      advertiserUrl: advertiser?.url,
      startedAt,
      endedAt,
      active,
      platforms,
      text: message ? readText(message) : undefined,
      headline: readHeadline(landingAnchors, ctaButton),
      cta,
      landingUrl: links.landingUrl,
      media,
      variantCount,
      detailUrl: `https://www.facebook.com/ads/library/?id=${id}`,
    },
    missing,
  );
}

/** The ad cards under `root` by Library ID, without reading them. */
export function findCards(root: ParentNode): Map<string, Element> {
  return cardsByAnchor(findAnchors(root).anchors, root);
}

/** `findCards`, a step at a time (`next()` until done), `textsPerStep` text nodes a step. */
export function* findCardsInSteps(root: ParentNode, textsPerStep = 1000): Generator<void, Map<string, Element>> {
  const { anchors } = yield* walkAnchors(root, textsPerStep);
  return cardsByAnchor(anchors, root);
}

/** One card's record: its text lines (the ad body read whole, never searched for labels), links and media. */
export function readAd(id: string, card: Element, pageUrl: string, options: ExtractOptions = {}): AdCapture {
  const read = readAdInSteps(id, card, pageUrl, options);
  for (;;) {
    const step = read.next();
    if (step.done) return step.value;
  }
}

/**
 * `readAd`, a part at a time (`next()` until done): the lines; the status, dates and platforms in them; the links;
 * the media; the record. In a content script one card's read took ~1 ms at first (the first one several, compiling),
 * more than the page's script may take in one frame: it is spread over frames.
 */
export function* readAdInSteps(
  id: string,
  card: Element,
  pageUrl: string,
  options: ExtractOptions = {},
): Generator<void, AdCapture> {
  const capturedAt = nowIso(options);
  const lines = readLines(card, (el) => el.matches(AD_BODY));
  yield;
  return yield* readCard(id, card, lines, pageUrl, capturedAt);
}

/** Every ad card under `root`, with the count of Library ID labels whose number could not be read. */
export function scanAds(root: ParentNode, pageUrl: string, options: ExtractOptions = {}): ExtractResult {
  const capturedAt = nowIso(options);
  const { anchors, unreadable } = findAnchors(root);
  const result = readCards(cardsByAnchor(anchors, root), (id, card) => readAd(id, card, pageUrl, { capturedAt }));
  return { ads: result.ads, skipped: result.skipped + unreadable, cards: result.cards };
}

export function extractAds(root: ParentNode, pageUrl: string, options: ExtractOptions = {}): AdCapture[] {
  return scanAds(root, pageUrl, options).ads;
}

/*
Fixtures:
- tests/fixtures/ad-libraries/meta-ad-library/meta-adlib-search-en.html (+ .expected.json): synthesised English page
  around 80 real records (sanketcognitivepixel/fb_ad_scrap @580a9eb, 2025-05-22; see that folder's SOURCES.md)
- tests/fixtures/ad-libraries/ and tests/unit/ad-libraries/meta-page.ts: the same page with other class names and wrapper
  depth, an Arabic UI page (Egyptian and Levantine months, Arabic-Indic digits) from real records 80–171, broken cards

Real URLs it was written against (structure from docs/platform-evidence.md §7; not checked live):
- https://www.facebook.com/ads/library/?active_status=active&ad_type=all&country=ALL&q=Texas%20Veteran%20Center&search_type=keyword_unordered
- https://www.facebook.com/ads/library/?id=9270404213064037
- https://www.facebook.com/ads/library/?active_status=all&ad_type=all&country=EG&view_all_page_id=352724287928081 (Arabic UI)
*/
