/**
 * The content script reads cards one at a time, as they come near the screen (`findCards` then `readAd`).
 * That must give each library's cards exactly what `scanAds` gives for the whole page.
 */
import { describe, expect, it } from 'vitest';
import { type AdLibrary, adLibraryExtractors } from '../../../utils/ad-libraries';
import { findCardsInSteps, readAdInSteps } from '../../../utils/ad-libraries/meta';
import { CAPTURED_AT, parseHtml, readOurs, readRecordFixture } from './fixtures';
import { metaRecords, renderMetaPage } from './meta-page';

const PAGES: Array<[AdLibrary, string, () => string]> = [
  [
    'meta',
    'https://www.facebook.com/ads/library/?q=veteran',
    () => readRecordFixture('meta-ad-library/meta-adlib-search-en.html'),
  ],
  [
    'meta',
    'https://www.facebook.com/ads/library/?q=x',
    () => renderMetaPage(metaRecords().slice(80, 120), { locale: 'ar-EG', seed: 3, maxWrappers: 2 }),
  ],
  ['tiktok', 'https://library.tiktok.com/ads?region=all', () => readOurs('tiktok-library-search.html')],
  [
    'tiktok',
    'https://ads.tiktok.com/business/creativecenter/inspiration/topads/pc/en',
    () => readOurs('tiktok-creative-center-topads.html'),
  ],
  [
    'google',
    'https://adstransparency.google.com/advertiser/AR04612345678901234567?region=anywhere',
    () => readOurs('google-atc-advertiser-creatives.html'),
  ],
  [
    'linkedin',
    'https://www.linkedin.com/ad-library/search?q=x',
    () => readRecordFixture('linkedin-ad-library/linkedin-adlib-search.html'),
  ],
  ['linkedin', 'https://www.linkedin.com/ad-library/search?q=y', () => readOurs('linkedin-adlib-search-more.html')],
];

describe('reading one card at a time', () => {
  it.each(PAGES)('gives the same records as scanAds (%s, %s)', (library, pageUrl, html) => {
    const extractor = adLibraryExtractors[library];
    const doc = parseHtml(html());
    const whole = extractor.scanAds(doc, pageUrl, { capturedAt: CAPTURED_AT });
    const cards = extractor.findCards(doc, pageUrl);
    expect(cards.size).toBeGreaterThan(0);
    const oneByOne = [...cards].map(([id, card]) => extractor.readAd(id, card, pageUrl, { capturedAt: CAPTURED_AT }));
    // scanAds may add ads the page only lists as data (TikTok's JSON-LD); every card it read is the same.
    const wholeByCard = whole.ads.filter((ad) => whole.cards.has(ad.id));
    expect(oneByOne).toEqual(wholeByCard);
    expect([...cards.values()]).toEqual([...whole.cards.values()]);
  });

  it('finds a Meta card without reading it: only its Library ID line is looked at', () => {
    const doc = parseHtml(
      `<div role="main"><div><span>Library ID: 111111111111</span><div data-ad-preview="message">Library ID: 222222222222</div></div>
       <div><span>Library ID:</span> <span>333333333333</span></div><div><span>Library ID: <b>444444444444</b></span></div></div>`,
    );
    const cards = adLibraryExtractors.meta.findCards(doc, 'https://www.facebook.com/ads/library/');
    // The "Library ID" written inside an ad's body is the advertiser's text, not a card.
    expect([...cards.keys()]).toEqual(['111111111111', '333333333333', '444444444444']);
  });

  it('finds the same Meta cards a step at a time, and starts again when its place was taken off the page', () => {
    // The content script spreads a whole page's look over several slices: the cards must be the ones found at once.
    const doc = parseHtml(readRecordFixture('meta-ad-library/meta-adlib-search-en.html'));
    const atOnce = adLibraryExtractors.meta.findCards(doc, 'https://www.facebook.com/ads/library/');
    const walk = findCardsInSteps(doc, 50);
    let steps = 1;
    let step = walk.next();
    for (; !step.done; step = walk.next()) steps++;
    expect(steps).toBeGreaterThan(10);
    expect([...step.value]).toEqual([...atOnce]);

    // The page re-renders its results between two slices: the walk goes back to the top, and finds the new cards.
    const again = findCardsInSteps(doc, 50);
    for (let i = 0; i < 5; i++) again.next();
    const results = doc.body.firstElementChild as Element;
    results.replaceWith(results.cloneNode(true));
    let last = again.next();
    while (!last.done) last = again.next();
    expect([...last.value.keys()]).toEqual([...atOnce.keys()]);
    expect([...last.value.values()].every((card) => card.isConnected)).toBe(true);
  });

  it('reads each Meta card a part at a time into the record read at once', () => {
    // The content script spreads one card's read over frames: each part is a step, and the record is the same.
    const pageUrl = 'https://www.facebook.com/ads/library/?q=veteran';
    for (const html of [
      readRecordFixture('meta-ad-library/meta-adlib-search-en.html'),
      renderMetaPage(metaRecords().slice(80, 120), { locale: 'ar-EG', seed: 3, maxWrappers: 2 }),
    ]) {
      const doc = parseHtml(html);
      const cards = adLibraryExtractors.meta.findCards(doc, pageUrl);
      for (const [id, card] of cards) {
        const read = readAdInSteps(id, card, pageUrl, { capturedAt: CAPTURED_AT });
        let steps = 1;
        let step = read.next();
        for (; !step.done; step = read.next()) steps++;
        expect(steps).toBeGreaterThanOrEqual(4);
        expect(step.value).toEqual(adLibraryExtractors.meta.readAd(id, card, pageUrl, { capturedAt: CAPTURED_AT }));
      }
    }
  });
});
