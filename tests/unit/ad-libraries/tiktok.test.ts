import { describe, expect, it } from 'vitest';
import { findCards, readAd, scanAds } from '../../../utils/ad-libraries/tiktok';
import { CAPTURED_AT, parseHtml, readOurs, schemaProblems } from './fixtures';

describe('TikTok Ad Library: search results (synthesised)', () => {
  const pageUrl = 'https://library.tiktok.com/ads?region=DE&adv_name=awe&query_type=1&sort_type=last_shown_date,desc';
  const { ads, skipped } = scanAds(parseHtml(readOurs('tiktok-library-search.html')), pageUrl, { capturedAt: CAPTURED_AT });

  it('gives one record per card, each passing the schema', () => {
    expect(ads.map((ad) => ad.libraryAdId)).toEqual(['1923845247192304', '1923845247192999', '1923845247193000']);
    expect(skipped).toBe(0);
    for (const ad of ads) expect(schemaProblems(ad)).toEqual([]);
  });

  it('reads advertiser, first and last shown dates, video with cover, and the detail link', () => {
    expect(ads[0]).toMatchObject({
      id: 'tiktok:1923845247192304',
      advertiserName: 'Awe Food Co.',
      startedAt: '2021-01-01',
      endedAt: '2021-01-31',
      media: [
        {
          kind: 'video',
          url: 'https://asdfcdn.com/video/127364jmdfjsa93d8cn30dm2di/?mime_type=video_mp4',
          posterUrl: 'https://asdfcdn.com/17392712.jpeg?x-expires=1679169600&x-signature=asdf',
        },
      ],
      detailUrl: 'https://library.tiktok.com/ads/detail/?ad_id=1923845247192304',
    });
    expect(ads[0].missing).toBeUndefined();
  });

  it('reads labels whose value is a separate element, and dates whose order is unambiguous', () => {
    expect(ads[1]).toMatchObject({ advertiserName: 'Beispiel Küchen GmbH', startedAt: '2021-01-15', endedAt: '2021-02-16' });
    expect(ads[1].media).toEqual([{ kind: 'image', url: expect.stringContaining('17392799.jpeg') }]);
  });

  it('flags a card without media and leaves a missing last-shown date absent', () => {
    expect(ads[2]).toMatchObject({ advertiserName: 'Awe Food Co.', startedAt: '2021-02-03', media: [], missing: ['media'] });
    expect(ads[2].endedAt).toBeUndefined();
  });
});

describe('TikTok Creative Center: top ads (synthesised cards around the page’s real JSON-LD)', () => {
  const pageUrl = 'https://ads.tiktok.com/business/creativecenter/inspiration/topads/pc/en?period=30&region=US';
  const { ads } = scanAds(parseHtml(readOurs('tiktok-creative-center-topads.html')), pageUrl, { capturedAt: CAPTURED_AT });

  it('reads the four rendered cards, then the ad that is only in the JSON-LD', () => {
    expect(ads.map((ad) => ad.libraryAdId)).toEqual([
      '7259820868196122625',
      '7256892176630513665',
      '7262853238457761794',
      '7262896921442172930',
      '7247506101498331138',
    ]);
    for (const ad of ads) expect(schemaProblems(ad)).toEqual([]);
  });

  it('takes the caption from the card, not its metrics, and the video behind the cover from the JSON-LD', () => {
    expect(ads[0]).toMatchObject({
      text: 'Women\'s World Cup is here! Search "FIFAWWC" now.',
      media: [
        {
          kind: 'video',
          url: expect.stringMatching(/^https:\/\/v16m-default\.akamaized\.net\/4bebb9559f69d5711ef0dacfaa7f9128\//),
          posterUrl: expect.stringContaining('72cb0eeaa7d99d278dfea732d8f16871'),
        },
      ],
      detailUrl:
        'https://ads.tiktok.com/business/creativecenter/topads/7259820868196122625/pc/en?countryCode=US&from=001110&period=30',
    });
    expect(ads[0].advertiserName).toBeUndefined(); // the brand is not on the card
    expect(ads.slice(0, 4).every((ad) => !ad.missing)).toBe(true);
  });

  it('uses the description when the JSON-LD title is only a number', () => {
    expect(ads[4]).toMatchObject({
      text: '1771069664299041, You’ll love our ooooooohhhrange juice. , TEST',
      detailUrl: 'https://ads.tiktok.com/business/creativecenter/topads/7247506101498331138',
    });
    expect(ads[4].media[0].kind).toBe('video');
  });

  it('ignores JSON-LD that is not JSON and cards are still read', () => {
    const html = readOurs('tiktok-creative-center-topads.html').replace('"@context"', '@context');
    const result = scanAds(parseHtml(html), pageUrl, { capturedAt: CAPTURED_AT });
    expect(result.ads).toHaveLength(4);
    expect(result.ads[0].media).toEqual([{ kind: 'image', url: expect.stringContaining('72cb0eeaa7d99d278dfea732d8f16871') }]);
  });

  it('reads a card against the JSON-LD the page holds now, after the page rewrote it (next results)', () => {
    // The content script reads one card at a time, each from the script's cached list: the list is read again when the text changes.
    const doc = parseHtml(readOurs('tiktok-creative-center-topads.html'));
    const id = '7259820868196122625';
    const card = findCards(doc, pageUrl).get(id) as Element;
    expect(readAd(id, card, pageUrl, { capturedAt: CAPTURED_AT }).media[0].kind).toBe('video');
    const script = doc.querySelector('script[type="application/ld+json"]') as Element;
    script.textContent = JSON.stringify({ '@type': 'ItemList', itemListElement: [] });
    expect(readAd(id, card, pageUrl, { capturedAt: CAPTURED_AT }).media).toEqual([
      { kind: 'image', url: expect.stringContaining('72cb0eeaa7d99d278dfea732d8f16871') },
    ]);
    script.textContent = readOurs('tiktok-creative-center-topads.html').split('application/ld+json">')[1].split('</script>')[0];
    expect(readAd(id, card, pageUrl, { capturedAt: CAPTURED_AT })).toEqual(ads[0]);
  });
});
