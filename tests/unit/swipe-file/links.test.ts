/** Addresses from imports and backups become links only when they are http(s) (#12 item 12). */
import { describe, expect, it } from 'vitest';
import { AdCaptureSchema } from '../../../utils/schemas/ad-capture';
import { isWebLink } from '../../../utils/schemas/team-url';

describe('links from imported records', () => {
  it('an imported ad whose library page is javascript: or data: is refused, not saved as a link', () => {
    const ad = {
      id: 'meta:1',
      library: 'meta',
      libraryAdId: '1',
      advertiserName: 'x',
      media: [],
      capturedAt: '2026-11-20T10:00:00.000Z',
      tags: [],
      boards: [],
    };
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd']) {
      expect(AdCaptureSchema.safeParse({ ...ad, pageUrl: url }).success).toBe(false);
      expect(
        AdCaptureSchema.safeParse({ ...ad, pageUrl: 'https://www.facebook.com/ads/library/', landingUrl: url }).success,
      ).toBe(false);
    }
    expect(AdCaptureSchema.safeParse({ ...ad, pageUrl: 'https://www.facebook.com/ads/library/' }).success).toBe(true);
  });

  it('the panel renders a link only for http(s) addresses', () => {
    expect(isWebLink('https://example.com/x')).toBe(true);
    expect(isWebLink('http://example.com/x')).toBe(true);
    for (const url of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,x', 'vbscript:x', '', undefined, 42]) {
      expect(isWebLink(url)).toBe(false);
    }
  });
});
