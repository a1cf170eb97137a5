/**
 * Reading a 200-card Meta Ad Library results page: Dalil's `extractAds` against the way public scrapers read the
 * same page (nomiris-growth/Meta-Ads-Downloader, erenmyeager15/facebook-ad-library-scraper, docs/platform-evidence.md §7):
 * scan every element's text for "Library ID:", keep the elements that hold exactly one whose parent holds more,
 * then read each card's fields with regexes over its text and `querySelectorAll('*')` scans. Both get the same 200
 * Library IDs from the same parsed document (checked before timing); parsing is outside the timed function.
 *
 * The page: the 172 real records of the Meta fixture (and 28 of them again with other Library IDs), rendered by
 * the tests' page generator. happy-dom stands in for the browser, so absolute numbers are happy-dom's; the ratio is
 * the point.
 */
import { Window } from 'happy-dom';
import { metaRecords, renderMetaPage } from '../tests/unit/ad-libraries/meta-page';
import { extractAds } from '../utils/ad-libraries/meta';
import type { Benchmark } from './run';

const CARDS = 200;
const PAGE_URL = 'https://www.facebook.com/ads/library/?active_status=active&ad_type=all&country=ALL&q=Texas%20Veteran%20Center';

const records = metaRecords();
const html = renderMetaPage(
  Array.from({ length: CARDS }, (_, i) => records[i % records.length]),
  {
    locale: 'en-GB',
    seed: 200,
    maxWrappers: 2,
    idFor: (record, i) => (i < records.length ? record.ad_archive_id : String(BigInt(record.ad_archive_id) + BigInt(i))),
  },
);
const fixtureWindow = new Window({ settings: { handleDisabledFileLoadingAsSuccess: true } });
const doc = new fixtureWindow.DOMParser().parseFromString(html, 'text/html') as unknown as Document;

interface NaiveAd {
  libraryAdId: string;
  active?: boolean;
  startedAt?: string;
  variantCount: number;
  advertiserName?: string;
  text?: string;
  cta?: string;
  landingUrl?: string;
  media: string[];
}

const ID_PATTERN = /(?:Library\s+ID|ID):\s*(\d{5,})/gi;
const CTA_LABELS = ['Learn more', 'Shop now', 'Sign up', 'Book now', 'Download', 'Apply now', 'Contact us', 'Send message'];

/** The peer: text scans over every element, as the public scrapers cited above do it. */
function naiveExtract(root: Document): NaiveAd[] {
  const idsIn = (el: Element) => (el.textContent ?? '').match(ID_PATTERN)?.length ?? 0;
  const cards: Element[] = [];
  for (const el of root.querySelectorAll('*')) {
    const length = (el.textContent ?? '').length;
    if (length < 60 || length > 12000 || idsIn(el) !== 1) continue;
    if (el.parentElement && idsIn(el.parentElement) > 1) cards.push(el);
  }
  return cards.map((card) => {
    const text = card.textContent ?? '';
    const libraryAdId = /Library ID:\s*(\d+)/.exec(text)?.[1] ?? '';
    const started = /Started running on\s+(.+?)(?:·|Platforms|$)/.exec(text)?.[1];
    const date = started ? new Date(`${started} UTC`) : undefined;
    let cta: string | undefined;
    for (const el of card.querySelectorAll('*')) {
      const t = el.textContent?.trim() ?? '';
      if (CTA_LABELS.includes(t)) cta = t;
    }
    let advertiserName: string | undefined;
    for (const a of card.querySelectorAll('a')) {
      if (/^https:\/\/www\.facebook\.com\/[^/]+\/?$/.test(a.getAttribute('href') ?? '') && a.textContent?.trim()) {
        advertiserName = a.textContent.trim();
        break;
      }
    }
    const landing = card.querySelector('a[href*="l.facebook.com/l.php"]')?.getAttribute('href');
    const media: string[] = [];
    for (const el of card.querySelectorAll('*')) {
      if (el.tagName === 'VIDEO') media.push(el.getAttribute('src') ?? '', el.getAttribute('poster') ?? '');
      else if (el.tagName === 'IMG' && !/s60x60/.test(el.getAttribute('src') ?? '')) media.push(el.getAttribute('src') ?? '');
    }
    return {
      libraryAdId,
      active: /\bInactive\b/.test(text) ? false : /\bActive\b/.test(text) ? true : undefined,
      startedAt: date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 10) : undefined,
      variantCount: Number(/(\d+)\s+ads?\s+use\s+this\s+creative/.exec(text)?.[1] ?? 1),
      advertiserName,
      text: card.querySelector('[data-ad-preview="message"]')?.textContent ?? undefined,
      cta,
      landingUrl: landing ? (new URL(landing).searchParams.get('u') ?? undefined) : undefined,
      media: media.filter(Boolean),
    };
  });
}

// Same input, same answer: check once, outside the timed runs.
const ours = extractAds(doc, PAGE_URL, { capturedAt: '2026-11-26T10:00:00.000Z' });
const peer = naiveExtract(doc);
if (ours.length !== CARDS || peer.length !== CARDS) throw new Error(`cards: ours ${ours.length}, peer ${peer.length}`);
if (ours.some((ad, i) => ad.libraryAdId !== peer[i].libraryAdId || ad.startedAt !== peer[i].startedAt)) {
  throw new Error('ours and the peer read different ads');
}

export const benchmark: Benchmark = {
  name: 'extract a 200-card Meta Ad Library page',
  unit: 'ms per 200 cards',
  ours: { label: 'extractAds (Dalil)', run: () => void extractAds(doc, PAGE_URL, { capturedAt: '2026-11-26T10:00:00.000Z' }) },
  peer: { label: 'text scans over every element', run: () => void naiveExtract(doc) },
};
