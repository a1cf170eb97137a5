import { describe, expect, it } from 'vitest';
import {
  type AdvertiserSearch,
  extractAds,
  extractAdvertiserSearch,
  extractAdvertisers,
  scanAds,
} from '../../../utils/ad-libraries/google';
import { CAPTURED_AT, parseHtml, readOurs, readRecordFixture, recordFixtureJson, schemaProblems } from './fixtures';

describe('Google Ads Transparency Center: the real saved advertiser search page', () => {
  const pageUrl = 'https://adstransparency.google.com/search?region=anywhere&query=a';
  const doc = parseHtml(readRecordFixture('google-ads-transparency/google-atc-search-advertisers.html'));
  const expected = recordFixtureJson<AdvertiserSearch>('google-ads-transparency/google-atc-search-advertisers.expected.json');

  it('has no ads: extractAds returns []', () => {
    expect(scanAds(doc, pageUrl)).toEqual({ ads: [], skipped: 0, cards: new Map() });
  });

  it('reads the 11 advertiser suggestions exactly as expected', () => {
    expect(extractAdvertisers(doc)).toEqual(expected.suggestions);
  });

  it('reads the whole search (query, region, result line, suggestions) as expected', () => {
    expect(extractAdvertiserSearch(doc, pageUrl)).toEqual(expected);
  });

  it('does not read icon ligatures ("how_to_reg") as names', () => {
    expect(extractAdvertisers(doc).map((s) => s.name)).not.toContain('how_to_reg');
  });
});

describe('Google Ads Transparency Center: a creative grid (synthesised)', () => {
  const pageUrl = 'https://adstransparency.google.com/advertiser/AR04612345678901234567?region=anywhere';
  const { ads, skipped } = scanAds(parseHtml(readOurs('google-atc-advertiser-creatives.html')), pageUrl, {
    capturedAt: CAPTURED_AT,
  });

  it('gives one record per linked creative and counts the preview without a link', () => {
    expect(ads.map((ad) => ad.libraryAdId)).toEqual([
      'CR11122233344455566677',
      'CR11122233344455566688',
      'CR11122233344455566699',
    ]);
    expect(skipped).toBe(1);
    for (const ad of ads) expect(schemaProblems(ad)).toEqual([]);
  });

  it('reads ids, links, advertiser and image from a card, not from the page header', () => {
    expect(ads[0]).toEqual({
      id: 'google:cr11122233344455566677',
      library: 'google',
      libraryAdId: 'CR11122233344455566677',
      advertiserName: '채널A',
      advertiserId: 'AR04612345678901234567',
      advertiserUrl: 'https://adstransparency.google.com/advertiser/AR04612345678901234567',
      media: [{ kind: 'image', url: 'https://tpc.googlesyndication.com/archive/simgad/1234567890123456789' }],
      detailUrl:
        'https://adstransparency.google.com/advertiser/AR04612345678901234567/creative/CR11122233344455566677?region=anywhere',
      pageUrl,
      capturedAt: CAPTURED_AT,
      tags: [],
      boards: [],
    });
  });

  it('captures a video thumbnail as the image it is', () => {
    expect(ads[1].media).toEqual([{ kind: 'image', url: 'https://i.ytimg.com/vi/aBcDeFgHiJk/hqdefault.jpg' }]);
    expect(ads[1].missing).toBeUndefined();
  });

  it('flags a text ad drawn in an iframe: no media', () => {
    expect(ads[2]).toMatchObject({ advertiserName: '채널A', media: [], missing: ['media'] });
  });

  it('reads one creative page on its own', () => {
    const one =
      '<creative-preview><a href="/advertiser/AR1/creative/CR2?region=EG"><img src="https://tpc.googlesyndication.com/archive/simgad/9"></a></creative-preview>';
    const [ad] = extractAds(parseHtml(one), 'https://adstransparency.google.com/advertiser/AR1/creative/CR2?region=EG');
    expect(ad).toMatchObject({ libraryAdId: 'CR2', advertiserId: 'AR1', missing: ['advertiserName'] });
  });
});
