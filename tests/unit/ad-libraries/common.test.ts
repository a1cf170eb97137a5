import { describe, expect, it } from 'vitest';
import {
  captureId,
  decodeRedirect,
  httpUrl,
  parseCount,
  parseDate,
  parseDateRange,
  readText,
} from '../../../utils/ad-libraries/common';
import { adLibraryExtractors, adLibraryForUrl, extractAdsFromPage } from '../../../utils/ad-libraries/index';
import { IdSchema } from '../../../utils/schemas/common';
import { parseHtml } from './fixtures';

describe('parseDate', () => {
  it.each([
    ['16 May 2025', '2025-05-16'],
    ['May 16, 2025', '2025-05-16'],
    ['Fri, 16 May 2025', '2025-05-16'],
    ['8 Jan 2026', '2026-01-08'],
    ['1 Sept 2025', '2025-09-01'],
    ['2023/12/26', '2023-12-26'],
    ['2025-05-16', '2025-05-16'],
    ['16/02/2021', '2021-02-16'],
    ['01/15/2021', '2021-01-15'],
    ['٢٩ أبريل ٢٠٢٥', '2025-04-29'],
    ['٢٩ ابريل ٢٠٢٥', '2025-04-29'],
    ['٢٩ إبريل ٢٠٢٥م', '2025-04-29'],
    ['٣ يونيه ٢٠٢٥', '2025-06-03'],
    ['٣ كانون الثاني ٢٠٢٥', '2025-01-03'],
    ['١٢ كانون الأول ٢٠٢٤', '2024-12-12'],
    ['٥ تشرين الاول ٢٠٢٤', '2024-10-05'],
    ['٧ آب ٢٠٢٥', '2025-08-07'],
    ['۷ أيار ۲۰۲۵', '2025-05-07'],
    ['16 جوان 2025', '2025-06-16'],
  ])('%s → %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it.each([
    '',
    '31 April 2025',
    '29 Feb 2025',
    '03/04/2025',
    'May 2025',
    '16 Maybe 2025',
    '16 May 2025 17 May 2025',
    '1 Jan 1970',
  ])('rejects %j', (text) => {
    expect(parseDate(text)).toBeUndefined();
  });

  it('reads ranges in English and Arabic', () => {
    expect(parseDateRange('16 May 2025 - 20 May 2025')).toEqual({ start: '2025-05-16', end: '2025-05-20' });
    expect(parseDateRange('Dec 26, 2023 to Dec 30, 2023')).toEqual({ start: '2023-12-26', end: '2023-12-30' });
    expect(parseDateRange('٢٩ أبريل ٢٠٢٥ إلى ٥ مايو ٢٠٢٥')).toEqual({ start: '2025-04-29', end: '2025-05-05' });
    expect(parseDateRange('16 May 2025')).toBeUndefined();
  });
});

describe('numbers and digits', () => {
  it.each([
    ['~63 ads', 63],
    ['1 ad', 1],
    ['1,234 ads', 1234],
    ['11K', 11000],
    ['~1.2K ads', 1200],
    ['10K-100K', 10000],
    ['1.5M', 1500000],
    ['٢ إعلانات', 2],
    ['١٬٢٣٤', 1234],
    ['٣ ألف', 3000],
    ['2 ads use this creative and text', 2],
  ])('parseCount(%j) = %i', (text, n) => {
    expect(parseCount(text)).toBe(n);
  });

  it('has no count in text without digits', () => {
    expect(parseCount('إعلانان')).toBeUndefined();
    expect(parseCount('')).toBeUndefined();
  });

  it('reads Persian digits like Arabic-Indic ones', () => {
    expect(parseCount('۱۲ إعلانًا')).toBe(12);
  });
});

describe('URLs', () => {
  it('decodes l.facebook.com, l.instagram.com and nested wrappers, keeping macros literal', () => {
    const target = 'https://shop.example/p?utm=fb&x={{ad.id}}';
    expect(decodeRedirect(`https://l.facebook.com/l.php?u=${encodeURIComponent(target)}&h=AT1&s=1`)).toBe(target);
    expect(decodeRedirect(`https://lm.facebook.com/l.php?u=${encodeURIComponent(target)}`)).toBe(target);
    expect(decodeRedirect(`https://l.instagram.com/?u=${encodeURIComponent(target)}&e=AT2`)).toBe(target);
    const nested = `https://l.facebook.com/l.php?u=${encodeURIComponent(`https://www.google.com/url?q=${encodeURIComponent(target)}`)}`;
    expect(decodeRedirect(nested)).toBe(target);
    expect(decodeRedirect('https://shop.example/direct')).toBe('https://shop.example/direct');
  });

  it('refuses anything but http(s), even behind a wrapper', () => {
    expect(decodeRedirect('https://l.facebook.com/l.php?u=javascript%3Aalert(1)')).toBeUndefined();
    expect(decodeRedirect('https://l.facebook.com/l.php')).toBeUndefined();
    expect(httpUrl('javascript:alert(1)')).toBeUndefined();
    expect(httpUrl('data:image/png;base64,AA')).toBeUndefined();
    expect(httpUrl('blob:https://www.facebook.com/x')).toBeUndefined();
    expect(httpUrl('  ')).toBeUndefined();
    expect(httpUrl('/ad-library/detail/1', 'https://www.linkedin.com/ad-library/search')).toBe(
      'https://www.linkedin.com/ad-library/detail/1',
    );
  });
});

describe('readText', () => {
  it('keeps line breaks from <br>, newlines and blocks; reads emoji images', () => {
    const doc = parseHtml(
      '<div id="t">  First line<br>second <b>bold</b>\nthird<div>block</div><img alt="👉" src="https://static.xx.fbcdn.net/images/emoji.php/v9/1.png"> end<script>x()</script></div>',
    );
    expect(readText(doc.getElementById('t') as Element)).toBe('First line\nsecond bold\nthird\nblock\n👉 end');
  });
});

describe('captureId', () => {
  it('fits the IdSchema', () => {
    for (const id of [
      captureId('meta', '9270404213064037'),
      captureId('google', 'CR11122233344455566677'),
      captureId('tiktok', 'weird id/with spaces'),
      captureId('linkedin', 'x'.repeat(200)),
    ]) {
      expect(IdSchema.safeParse(id).success).toBe(true);
    }
    expect(captureId('google', 'CR123')).toBe('google:cr123');
  });
});

describe('adLibraryForUrl', () => {
  it.each([
    ['https://www.facebook.com/ads/library/?active_status=all&q=nike', 'meta'],
    ['https://web.facebook.com/ads/library/?id=9270404213064037', 'meta'],
    ['https://library.tiktok.com/ads?region=DE&adv_name=nike', 'tiktok'],
    ['https://library.tiktok.com/ads/detail/?ad_id=1923845247192304', 'tiktok'],
    ['https://ads.tiktok.com/business/creativecenter/inspiration/topads/pc/en', 'tiktok'],
    ['https://ads.tiktok.com/business/creativecenter/topads/7259820868196122625', 'tiktok'],
    ['https://adstransparency.google.com/search?region=anywhere&query=a', 'google'],
    ['https://adstransparency.google.com/advertiser/AR1/creative/CR2?region=EG', 'google'],
    ['https://www.linkedin.com/ad-library/search?accountOwner=willow', 'linkedin'],
    ['https://linkedin.com/ad-library/detail/340879283', 'linkedin'],
  ])('%s → %s', (url, library) => {
    expect(adLibraryForUrl(url)).toBe(library);
  });

  it.each([
    'https://www.facebook.com/TexasVeteranCenter/',
    'https://www.facebook.com/ads/manager/',
    'https://evil.example/ads/library/?u=https://www.facebook.com/ads/library/',
    'https://www.facebook.com.evil.example/ads/library/',
    'https://www.tiktok.com/@nike',
    'https://ads.tiktok.com/business/creativecenter/keyword-insights/pc/en',
    'https://www.linkedin.com/feed/',
    'not a url',
    'javascript:alert(1)',
  ])('%s → undefined', (url) => {
    expect(adLibraryForUrl(url)).toBeUndefined();
  });

  it('maps every library to its extractor and extracts nothing from other pages', () => {
    expect(Object.keys(adLibraryExtractors).sort()).toEqual(['google', 'linkedin', 'meta', 'tiktok']);
    for (const extractor of Object.values(adLibraryExtractors))
      expect(extractor.extractAds(parseHtml(''), 'https://x.example/')).toEqual([]);
    expect(extractAdsFromPage(parseHtml('<p>Library ID: 123456789012345</p>'), 'https://www.facebook.com/')).toEqual({
      ads: [],
      skipped: 0,
      cards: new Map(),
    });
  });
});
