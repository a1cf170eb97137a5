/** A card from a page we do not control cannot make a saved ad grow without end, nor carry bidi controls. */
import { describe, expect, it } from 'vitest';
import { buildCapture } from '../../../utils/ad-libraries/common';
import { AD_LIMITS, AdCaptureSchema } from '../../../utils/schemas/ad-capture';

const PAGE = 'https://www.facebook.com/ads/library/?q=x';
const AT = '2026-12-06T09:00:00.000Z';

describe('limits on what a card gives', () => {
  it('cuts long text fields and long lists to the limits, and the result is a valid ad', () => {
    const ad = buildCapture(
      'meta',
      '1234567890',
      PAGE,
      AT,
      {
        advertiserName: 'A'.repeat(5000),
        text: 'word '.repeat(100_000),
        headline: 'H'.repeat(2000),
        cta: 'Shop now '.repeat(100),
        platforms: Array.from({ length: 1000 }, (_, i) => `platform ${i} ${'x'.repeat(100)}`),
        media: Array.from({ length: 500 }, (_, i) => ({ kind: 'image' as const, url: `https://scontent.fbcdn.net/${i}.jpg` })),
      },
      [],
    );
    expect(ad.advertiserName?.length).toBe(AD_LIMITS.advertiserName);
    expect(ad.text?.length).toBe(AD_LIMITS.text);
    expect(ad.text?.endsWith('…')).toBe(true);
    expect(ad.headline?.length).toBe(AD_LIMITS.headline);
    expect(ad.platforms).toHaveLength(AD_LIMITS.platforms);
    expect(Math.max(...(ad.platforms ?? []).map((p) => p.length))).toBe(AD_LIMITS.platform);
    expect(ad.media).toHaveLength(AD_LIMITS.media);
    expect(AdCaptureSchema.safeParse({ ...ad, id: 'meta-1234567890' }).success).toBe(true);
  });

  it('refuses, in the protocol schema, an ad over the limits that did not come through the adapters', () => {
    const base = buildCapture('meta', '1', PAGE, AT, { text: 'ok' }, []);
    expect(AdCaptureSchema.safeParse({ ...base, text: 'x'.repeat(AD_LIMITS.text + 1) }).success).toBe(false);
    expect(AdCaptureSchema.safeParse({ ...base, platforms: Array(AD_LIMITS.platforms + 1).fill('fb') }).success).toBe(false);
    expect(AdCaptureSchema.safeParse({ ...base, libraryAdId: '9'.repeat(AD_LIMITS.libraryAdId + 1) }).success).toBe(false);
  });

  it('cleans page text: no bidi overrides or control characters, lone surrogates as U+FFFD, never cut inside a pair', () => {
    const ad = buildCapture('meta', '1', PAGE, AT, { advertiserName: '\u202eCoffee\u202c Co\u0000', text: `x\ud800y` }, []);
    expect(ad.advertiserName).toBe('Coffee Co');
    expect(ad.text).toBe('x\ufffdy');
    const emoji = buildCapture('meta', '1', PAGE, AT, { headline: `${'a'.repeat(AD_LIMITS.headline - 2)}😀😀` }, []);
    expect(emoji.headline).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});
