import { describe, expect, it } from 'vitest';
import { extractAds, scanAds } from '../../../utils/ad-libraries/meta';
import type { AdCapture } from '../../../utils/schemas/ad-capture';
import {
  asExpected,
  CAPTURED_AT,
  type ExpectedAd,
  parseHtml,
  readRecordFixture,
  recordFixtureJson,
  schemaProblems,
} from './fixtures';
import { classNames, expectedFor, type Locale, type MetaRecord, metaRecords, random, renderMetaPage } from './meta-page';

const PAGE_URL =
  'https://www.facebook.com/ads/library/?active_status=active&ad_type=all&country=ALL&q=Texas%20Veteran%20Center&search_type=keyword_unordered';
const FIELDS = [
  'libraryAdId',
  'advertiserName',
  'advertiserId',
  'startedAt',
  'active',
  'text',
  'cta',
  'landingUrl',
  'mediaUrls',
  'variantCount',
] as const;

/** Per field: how many records match the expected value exactly. */
function fieldAccuracy(ads: readonly AdCapture[], expected: readonly ExpectedAd[]) {
  const matches = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<(typeof FIELDS)[number], number>;
  expected.forEach((want, i) => {
    const got = ads[i] ? asExpected(ads[i]) : undefined;
    for (const f of FIELDS) if (got && JSON.stringify(got[f]) === JSON.stringify(want[f])) matches[f]++;
  });
  return matches;
}

function extract(html: string, pageUrl = PAGE_URL) {
  return scanAds(parseHtml(html), pageUrl, { capturedAt: CAPTURED_AT });
}

const records = metaRecords();
const englishPage = readRecordFixture('meta-ad-library/meta-adlib-search-en.html');
const englishExpected = recordFixtureJson<ExpectedAd[]>('meta-ad-library/meta-adlib-search-en.expected.json');

describe('Meta Ad Library: the English page (80 real records)', () => {
  const { ads, skipped } = extract(englishPage);

  it('finds one record per card, in page order, skipping none', () => {
    expect(ads.map((ad) => ad.libraryAdId)).toEqual(englishExpected.map((e) => e.libraryAdId));
    expect(skipped).toBe(0);
  });

  it('matches the expected JSON on every field of every record', () => {
    const all = Object.fromEntries(FIELDS.map((f) => [f, englishExpected.length]));
    expect(fieldAccuracy(ads, englishExpected)).toEqual(all);
    expect(ads.map(asExpected)).toEqual(englishExpected);
  });

  it('reads the platforms from the sprite icons and the headline, as in the real records', () => {
    const byId = new Map(records.map((r) => [r.ad_archive_id, r]));
    for (const ad of ads) {
      const record = byId.get(ad.libraryAdId) as MetaRecord;
      expect(ad.platforms).toEqual(record.publisher_platform.map((p) => p.toLowerCase()));
      expect(ad.headline).toBe(record.snapshot.title);
    }
  });

  it('fills the record: ids, advertiser link, detail link, capture data; nothing flagged', () => {
    expect(ads[0]).toMatchObject({
      id: 'meta:9270404213064037',
      library: 'meta',
      advertiserUrl: 'https://www.facebook.com/352724287928081/',
      detailUrl: 'https://www.facebook.com/ads/library/?id=9270404213064037',
      pageUrl: PAGE_URL,
      capturedAt: CAPTURED_AT,
      tags: [],
      boards: [],
    });
    expect(ads[0].media).toEqual([{ kind: 'video', url: expect.stringContaining('.mp4'), posterUrl: expect.any(String) }]);
    expect(ads.filter((ad) => ad.missing)).toEqual([]);
    // Absent, not undefined: keys of fields the card does not show are not there at all.
    expect(Object.keys(ads[0])).not.toContain('text');
    expect(Object.keys(ads[0])).not.toContain('endedAt');
  });

  it('returns records that pass the AdCapture schema', () => {
    for (const ad of ads) expect(schemaProblems(ad)).toEqual([]);
  });

  it('is rebuilt exactly by this suite’s page generator from the same records', () => {
    expect(records.slice(0, 80).map((r) => expectedFor(r))).toEqual(englishExpected);
  });

  it('captures with the current time when none is given', () => {
    const [first] = extractAds(parseHtml(englishPage), PAGE_URL);
    expect(Date.parse(first.capturedAt)).toBeGreaterThan(Date.parse('2026-01-01'));
  });
});

/** The English page with every class name replaced and random extra wrappers: what a Meta deploy does. */
function reshuffle(html: string, seed: number): Document {
  const doc = parseHtml(html);
  const rand = random(seed);
  const cls = classNames(rand);
  const elements = [...doc.body.querySelectorAll('*')];
  for (const el of elements) {
    if (el.hasAttribute('class')) el.setAttribute('class', cls());
    if (rand() < 0.3) {
      for (let depth = 1 + Math.floor(rand() * 2); depth > 0; depth--) {
        const wrapper = doc.createElement('div');
        wrapper.setAttribute('class', cls());
        el.replaceWith(wrapper);
        wrapper.append(el);
      }
    }
  }
  return doc;
}

describe('Meta Ad Library: other class names and wrapper depth', () => {
  it.each([1, 2, 3])('gives the same records (seed %i)', (seed) => {
    const doc = reshuffle(englishPage, seed);
    expect(doc.body.innerHTML).not.toContain('xf7typfl'); // none of the original classes is left
    const ads = extractAds(doc, PAGE_URL, { capturedAt: CAPTURED_AT });
    expect(ads.map(asExpected)).toEqual(englishExpected);
    expect(ads).toEqual(extract(englishPage).ads);
  });

  it('gives the same records from a freshly generated English page with deep wrappers', () => {
    const html = renderMetaPage(records.slice(0, 80), { locale: 'en-GB', seed: 7, maxWrappers: 3 });
    expect(extract(html).ads.map(asExpected)).toEqual(englishExpected);
  });
});

describe('Meta Ad Library: Arabic UI (records 80–171, labels from the fixture README)', () => {
  const arabic = records.slice(80);

  it.each<Locale>(['ar-EG', 'ar-LB'])('%s: every field as expected, Arabic-Indic dates and Arabic month names', (locale) => {
    const html = renderMetaPage(arabic, { locale, seed: 11, maxWrappers: 2 });
    expect(html).toContain(locale === 'ar-EG' ? 'مايو ٢٠٢٥' : 'أيار ٢٠٢٥');
    const { ads, skipped } = extract(html, 'https://www.facebook.com/ads/library/?country=EG&q=Texas');
    expect(skipped).toBe(0);
    expect(ads.map(asExpected)).toEqual(arabic.map((r) => expectedFor(r, locale)));
    expect(ads.every((ad) => ad.cta === 'معرفة المزيد' && !ad.missing)).toBe(true);
    for (const ad of ads) expect(schemaProblems(ad)).toEqual([]);
  });

  it('reads collated counts from the digit (٣ إعلانات) and from the dual noun (إعلانان)', () => {
    const html = renderMetaPage(arabic, { locale: 'ar-EG', seed: 3 });
    expect(html).toContain('<strong>إعلانان</strong>');
    expect(html).toContain('<strong>٣ إعلانات</strong>');
    const counts = extract(html).ads.map((ad) => ad.variantCount);
    expect(counts).toEqual(arabic.map((r) => r.collation_count ?? 1));
    expect(new Set(counts)).toEqual(new Set([1, 2, 3]));
  });

  it('reads the Library ID label without its shadda, and with Persian digits in dates', () => {
    const html = renderMetaPage(arabic.slice(0, 3), { locale: 'ar-EG', seed: 5 })
      .replaceAll('معرّف المكتبة', 'معرف المكتبة')
      .replace(/[٠-٩]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0x90));
    const ads = extract(html).ads;
    expect(ads.map((ad) => ad.libraryAdId)).toEqual(arabic.slice(0, 3).map((r) => r.ad_archive_id));
    expect(ads.map((ad) => ad.startedAt)).toEqual(arabic.slice(0, 3).map((r) => expectedFor(r).startedAt));
  });
});

describe('Meta Ad Library: date and label variants', () => {
  const some = records.slice(0, 6);

  it('reads en-US dates and the "· Total active time" suffix', () => {
    const html = renderMetaPage(some, { locale: 'en-US', seed: 2, changes: () => ({ totalActiveTime: true }) });
    expect(html).toContain('Started running on May 16, 2025 · Total active time 4 days');
    expect(extract(html).ads.map((ad) => ad.startedAt)).toEqual(some.map((r) => expectedFor(r).startedAt));
  });

  it('reads an inactive run shown as "start - end"', () => {
    const inactive = some.map((r) => ({ ...r, is_active: false }));
    const html = renderMetaPage(inactive, { locale: 'en-GB', seed: 2, changes: () => ({ dateRange: true }) });
    const [ad] = extract(html).ads;
    expect(ad).toMatchObject({ active: false, startedAt: '2025-05-16', endedAt: '2025-05-20' });
    expect(ad.missing).toBeUndefined();
  });

  it('counts "This ad has multiple versions" as at least two variants', () => {
    const html = renderMetaPage(some.slice(0, 1), { locale: 'en-GB', seed: 2, changes: () => ({ multipleVersions: true }) });
    expect(extract(html).ads[0].variantCount).toBe(2);
  });

  it('reads emoji drawn as images back into the ad text', () => {
    const withBody = records.filter((r) => r.snapshot.body?.text.includes('☑️')).slice(0, 1);
    const html = renderMetaPage(withBody, { locale: 'en-GB', seed: 2, changes: () => ({ emojiImages: true }) });
    expect(html).toContain('emoji.php');
    const [ad] = extract(html).ads;
    expect(ad.text).toBe(withBody[0].snapshot.body?.text);
    expect(ad.media.some((m) => m.url.includes('emoji'))).toBe(false);
  });
});

describe('Meta Ad Library: broken cards give partial, flagged records and never throw', () => {
  const base = records.slice(0, 8);
  const changes = [
    { noDate: true },
    { noMedia: true },
    { unknownCta: 'Découvrir' },
    { noAdvertiserLink: true },
    { noPlatforms: true },
    { unknownPlatformIcons: true },
    { blobVideo: true },
    {},
  ];
  const html = renderMetaPage(base, { locale: 'en-GB', seed: 4, maxWrappers: 1, changes: (i) => changes[i] });
  const { ads, skipped } = extract(html);
  const byIndex = (i: number) => ads.find((ad) => ad.libraryAdId === base[i].ad_archive_id) as AdCapture;

  it('keeps every card, each passing the schema', () => {
    expect(ads).toHaveLength(8);
    expect(skipped).toBe(0);
    for (const ad of ads) expect(schemaProblems(ad)).toEqual([]);
  });

  it('missing date: no startedAt, flagged', () => {
    expect(byIndex(0).startedAt).toBeUndefined();
    expect(byIndex(0).missing).toEqual(['startedAt']);
    expect(byIndex(0).cta).toBe('Learn more');
  });

  it('no media: empty media, flagged', () => {
    expect(byIndex(1).media).toEqual([]);
    expect(byIndex(1).missing).toEqual(['media']);
  });

  it('unknown CTA outside a button: no cta, flagged; headline and landing still read', () => {
    expect(byIndex(2).cta).toBeUndefined();
    expect(byIndex(2).missing).toEqual(['cta']);
    expect(byIndex(2).headline).toBe(base[2].snapshot.title);
    expect(byIndex(2).landingUrl).toBe(base[2].snapshot.link_url);
  });

  it('no advertiser link: name from the line above "Sponsored", no id or URL, flagged', () => {
    expect(byIndex(3)).toMatchObject({ advertiserName: 'Texas Veteran Center', missing: ['advertiserUrl'] });
    expect(byIndex(3).advertiserId).toBeUndefined();
    // The avatar is not ad media even outside a link.
    expect(byIndex(3).media).toHaveLength(1);
  });

  it('no platforms, or only unknown icons: platforms absent, flagged', () => {
    expect(byIndex(4).platforms).toBeUndefined();
    expect(byIndex(4).missing).toEqual(['platforms']);
    expect(byIndex(5).platforms).toBeUndefined();
    expect(byIndex(5).missing).toEqual(['platforms']);
  });

  it('a blob: video keeps its poster as the image and flags the video URL', () => {
    expect(byIndex(6).media).toEqual([{ kind: 'image', url: base[6].snapshot.videos[0].video_preview_image_url }]);
    expect(byIndex(6).missing).toEqual(['videoUrl']);
  });

  it('an intact card beside them is complete', () => {
    expect(byIndex(7).missing).toBeUndefined();
    expect(asExpected(byIndex(7))).toEqual(expectedFor(base[7]));
  });

  it('skips and counts a card whose Library ID has no number', () => {
    const page = renderMetaPage(base.slice(0, 3), { locale: 'en-GB', seed: 4, changes: (i) => ({ noLibraryIdNumber: i === 1 }) });
    const result = extract(page);
    expect(result.ads.map((ad) => ad.libraryAdId)).toEqual([base[0].ad_archive_id, base[2].ad_archive_id]);
    expect(result.skipped).toBe(1);
  });

  it('never throws, whatever the page', () => {
    const pages = [
      '',
      '<p>Library ID: 12</p>',
      '<div>Library ID: 123456789012345<a href="javascript:alert(1)">x</a><a href="https://l.facebook.com/l.php?u=javascript%3Aalert(1)">Learn more</a><video src="data:video/mp4;base64,AA" poster="javascript:1"></video><img src="data:image/png;base64,AA"></div>',
      '<div>Library ID: 123456789012345<span>Started running on 31 Feb 2025</span><div>Platforms</div><a href="http://[bad">x</a></div>',
    ];
    for (const page of pages) {
      const result = extract(page);
      for (const ad of result.ads) expect(schemaProblems(ad)).toEqual([]);
    }
    const [hostile] = extract(pages[2]).ads;
    expect(hostile).toMatchObject({ libraryAdId: '123456789012345', media: [] });
    expect(hostile.landingUrl).toBeUndefined();
    expect(hostile.missing).toEqual(expect.arrayContaining(['landingUrl', 'media', 'startedAt', 'active']));
    expect(extract(pages[3]).ads[0].startedAt).toBeUndefined();
  });
});

describe('Meta Ad Library: scope', () => {
  it('reads a single card passed as the root, and one ad shown twice only once', () => {
    const doc = parseHtml(englishPage);
    const card = doc.querySelectorAll('[data-ad-preview="message"]')[0].closest('[role="main"] > div > div');
    const firstWithBody = extract(englishPage).ads.find((ad) => ad.text) as AdCapture;
    expect(card).not.toBeNull();
    expect(extractAds(card as Element, PAGE_URL, { capturedAt: CAPTURED_AT })).toEqual([firstWithBody]);

    // The same card again, as in an open "See ad details" dialog: one record, the first.
    const grid = doc.querySelector('[role="main"] > div:last-child') as Element;
    grid.append((card as Element).cloneNode(true));
    expect(extractAds(doc, PAGE_URL, { capturedAt: CAPTURED_AT })).toHaveLength(80);
  });
});
