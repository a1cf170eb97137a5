import { describe, expect, it } from 'vitest';
import { scanAds } from '../../../utils/ad-libraries/linkedin';
import type { AdCapture } from '../../../utils/schemas/ad-capture';
import {
  asExpected,
  CAPTURED_AT,
  type ExpectedAd,
  parseHtml,
  readOurs,
  readRecordFixture,
  recordFixtureJson,
  schemaProblems,
} from './fixtures';

const PAGE_URL = 'https://www.linkedin.com/ad-library/search?accountOwner=willow&countries=ALL&dateOption=last-30-days';

/** The LinkedIn expected JSON adds the card's format and detail link. */
interface ExpectedLinkedInAd extends ExpectedAd {
  format: string | null;
  detailUrl: string | null;
}

const asLinkedInExpected = (ad: AdCapture): ExpectedLinkedInAd => ({
  ...asExpected(ad),
  format: ad.format ?? null,
  detailUrl: ad.detailUrl ?? null,
});

const extract = (html: string) => scanAds(parseHtml(html), PAGE_URL, { capturedAt: CAPTURED_AT });

describe('LinkedIn Ad Library: the search page (3 real records)', () => {
  const { ads, skipped } = extract(readRecordFixture('linkedin-ad-library/linkedin-adlib-search.html'));
  const expected = recordFixtureJson<ExpectedLinkedInAd[]>('linkedin-ad-library/linkedin-adlib-search.expected.json');

  it('matches the expected JSON on every field', () => {
    expect(skipped).toBe(0);
    expect(ads.map(asLinkedInExpected)).toEqual(expected);
  });

  it('leaves what search cards do not show absent, and flags nothing', () => {
    for (const ad of ads) {
      expect(Object.keys(ad)).not.toEqual(expect.arrayContaining(['startedAt']));
      expect(ad.active).toBeUndefined();
      expect(ad.headline).toBeUndefined(); // the headline element is empty on these cards
      expect(ad.missing).toBeUndefined();
      expect(schemaProblems(ad)).toEqual([]);
    }
    expect(ads[0].id).toBe('linkedin:340879283');
  });
});

describe('LinkedIn Ad Library: thought-leader and video cards (real records 3–4)', () => {
  const { ads, skipped } = extract(readOurs('linkedin-adlib-search-more.html'));

  it('reads the person as advertiser and the linked company as its id', () => {
    expect(ads[0]).toMatchObject({
      libraryAdId: '527851793',
      advertiserName: 'Floor Hoefkens',
      advertiserId: '28623393',
      advertiserUrl: 'https://www.linkedin.com/company/28623393',
      landingUrl: 'https://wllw.co/24AlighVa?trk=ad_library_ad_preview_headline_content',
      format: 'Single Image Ad',
    });
    expect(ads[0].text?.startsWith('Edelachtbare, gewaardeerde advocaten,\nDeze keer een Live sessie')).toBe(true);
    // The company logo is not ad media.
    expect(ads[0].media).toEqual([{ kind: 'image', url: expect.stringContaining('D4E10AQEIg7CYzopOjg') }]);
  });

  it('flags a video ad whose video has no source', () => {
    expect(ads[1]).toMatchObject({ libraryAdId: '490809954', format: 'Video Ad', media: [], missing: ['media'] });
  });

  it('skips and counts a card without a detail link', () => {
    expect(ads).toHaveLength(2);
    expect(skipped).toBe(1);
    for (const ad of ads) expect(schemaProblems(ad)).toEqual([]);
  });

  it('takes the highest-bitrate source of a video with data-sources', () => {
    const html = `<ul><li><div data-creative-type="SPONSORED_VIDEO" aria-label="willow, Video Ad, View details">
      <div>willow</div><div>Promoted</div>
      <video data-sources='[{"src":"https://dms.licdn.com/low.mp4","bitrate":300000},{"src":"https://dms.licdn.com/high.mp4","bitrate":1200000},{"src":"javascript:1","bitrate":9e9}]' data-poster-url="https://media.licdn.com/poster.jpg"></video>
      <a href="/ad-library/detail/490809954">View details</a></div></li></ul>`;
    const [ad] = extract(html).ads;
    expect(ad.media).toEqual([
      { kind: 'video', url: 'https://dms.licdn.com/high.mp4', posterUrl: 'https://media.licdn.com/poster.jpg' },
    ]);
    expect(ad.missing).toBeUndefined();
  });

  it('reads a detail page, which has no link to itself: id from the canonical link, run dates, advertiser link', () => {
    // Markup after wukimidaire/linkedin_ads_scraper crawler.py's patterns (canonical link, about-ad__availability-duration).
    const html = `<html><head><link rel="canonical" href="/ad-library/detail/340879283"></head><body><main>
      <div data-creative-type="SPONSORED_STATUS_UPDATE" aria-label="willow, Single Image Ad, View details">
        <div>willow</div><div>Promoted</div><img class="ad-preview__dynamic-dimensions-image" src="https://media.licdn.com/dms/image/x.png"></div>
      <section><a href="https://www.linkedin.com/company/95012345">willow</a>
      <p class="about-ad__availability-duration">Ran from Dec 26, 2023 to Dec 30, 2023</p></section></main></body></html>`;
    const { ads } = scanAds(parseHtml(html), 'https://www.linkedin.com/ad-library/detail/340879283?trk=x', {
      capturedAt: CAPTURED_AT,
    });
    expect(ads).toHaveLength(1);
    expect(ads[0]).toMatchObject({
      libraryAdId: '340879283',
      advertiserName: 'willow',
      advertiserId: '95012345',
      startedAt: '2023-12-26',
      endedAt: '2023-12-30',
      detailUrl: 'https://www.linkedin.com/ad-library/detail/340879283',
    });
    expect(schemaProblems(ads[0])).toEqual([]);
    const running = scanAds(
      parseHtml(html.replace(' to Dec 30, 2023', '')),
      'https://www.linkedin.com/ad-library/detail/340879283',
    );
    expect(running.ads[0].startedAt).toBe('2023-12-26');
    expect(running.ads[0].endedAt).toBeUndefined();
  });
});
