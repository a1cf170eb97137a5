/**
 * The media policy: what URL a saved ad's card may make the background download. A card is page
 * content; these are the URLs a hostile one could name.
 */
import { describe, expect, it } from 'vitest';
import { AD_MEDIA_HOSTS, AD_MEDIA_HOSTS_BY_LIBRARY } from '../../../utils/ad-libraries/matches';
import { checkMediaUrl, isRefusal, MAX_MEDIA_ITEMS_PER_AD, mediaRefusals } from '../../../utils/swipe-file/media-policy';

describe('the media hosts each library serves from', () => {
  it('accepts the hosts real records use, for their own library only', () => {
    expect(checkMediaUrl('https://scontent-cai1-1.xx.fbcdn.net/v/t39.35426-6/1.jpg?oh=x&oe=y', 'meta')).toEqual({ ok: true });
    expect(checkMediaUrl('https://video-fra3-1.xx.fbcdn.net/o1/v/t2/f2/m69/1.mp4', 'meta')).toEqual({ ok: true });
    expect(checkMediaUrl('https://p16-cc-sign-sg.ibyteimg.com/tos-alisg-p-0051c001-sg/1~tplv.jpeg', 'tiktok')).toEqual({
      ok: true,
    });
    expect(checkMediaUrl('https://v16m-default.akamaized.net/4beb/1.mp4', 'tiktok')).toEqual({ ok: true });
    expect(checkMediaUrl('https://tpc.googlesyndication.com/archive/simgad/1234567890', 'google')).toEqual({ ok: true });
    expect(checkMediaUrl('https://i.ytimg.com/vi/aBcDeFgHiJk/hqdefault.jpg', 'google')).toEqual({ ok: true });
    expect(checkMediaUrl('https://media.licdn.com/dms/image/v2/D4D10AQ/x.png', 'linkedin')).toEqual({ ok: true });
    expect(checkMediaUrl('https://dms.licdn.com/playlist/high.mp4', 'linkedin')).toEqual({ ok: true });
    // Meta's CDN is not LinkedIn's: a LinkedIn card naming it is refused.
    expect(checkMediaUrl('https://scontent.xx.fbcdn.net/1.jpg', 'linkedin')).toEqual({ ok: false, reason: 'not-library-host' });
    // Another akamaized customer is not TikTok.
    expect(checkMediaUrl('https://evil.akamaized.net/1.mp4', 'tiktok')).toEqual({ ok: false, reason: 'not-library-host' });
  });

  it('makes host_permissions from the same list, https only', () => {
    expect(AD_MEDIA_HOSTS).toContain('https://*.fbcdn.net/*');
    expect(AD_MEDIA_HOSTS).toContain('https://media.licdn.com/*');
    for (const pattern of AD_MEDIA_HOSTS) expect(pattern).toMatch(/^https:\/\/(\*\.)?[a-z0-9.-]+\/\*$/);
    for (const hosts of Object.values(AD_MEDIA_HOSTS_BY_LIBRARY))
      for (const host of hosts) expect(host).toMatch(/^\.?[a-z0-9-]+(\.[a-z0-9-]+)+$/);
  });
});

describe('URLs a hostile card could name', () => {
  const refused: Array<[string, string]> = [
    ['http://scontent.xx.fbcdn.net/1.jpg', 'not-https'],
    ['data:image/png;base64,iVBORw0KGgo=', 'not-https'],
    ['blob:https://www.facebook.com/5f0c1e2d-0000-4000-8000-000000000000', 'not-https'],
    ['javascript:fetch("http://10.0.0.1/")', 'not-https'],
    ['file:///etc/passwd', 'not-https'],
    ['ftp://scontent.xx.fbcdn.net/1.jpg', 'not-https'],
    ['not a url', 'not-https'],
    ['https://127.0.0.1/admin', 'not-library-host'],
    ['https://10.0.0.8/metrics', 'not-library-host'],
    ['https://0x7f.1/', 'not-library-host'], // the parser reads it as 127.0.0.1
    ['https://2130706433/', 'not-library-host'], // 127.0.0.1 as one number
    ['https://[::1]/', 'not-library-host'],
    ['https://[fd00::1]/x.png', 'not-library-host'],
    ['https://localhost/x.png', 'not-library-host'],
    ['https://intranet.corp/x.png', 'not-library-host'],
    ['https://fbcdn.net.evil.com/x.jpg', 'not-library-host'],
    ['https://scontent.xx.fbcdn.net.evil.com/x.jpg', 'not-library-host'],
    ['https://evilfbcdn.net/x.jpg', 'not-library-host'],
    ['https://fbcdn.net/x.jpg', 'not-library-host'], // the bare domain is not one of its subdomains
    ['https://user@scontent.xx.fbcdn.net/x.jpg', 'not-library-host'],
    ['https://scontent.xx.fbcdn.net:pass@10.0.0.1/x.jpg', 'not-library-host'],
    ['https://scontent.xx.fbcdn.net@10.0.0.1/x.jpg', 'not-library-host'],
    ['https://scontent.xx.fbcdn.net:8443/x.jpg', 'not-library-host'],
    ['https://scontent.xx.fbcdn.net./x.jpg', 'not-library-host'],
    // Punycode lookalikes: Cyrillic "с" in fbсdn, Greek "ο" in licdn's "media"-less lookalike, fullwidth dot.
    ['https://scontent.xx.fbсdn.net/x.jpg', 'not-library-host'],
    ['https://scontent.xx.xn--fbdn-5ve.net/x.jpg', 'not-library-host'],
    ['https://media.licdn.cοm/x.png', 'not-library-host'],
    ['https://scontent.xx.fbcdn\uff0enet.evil.com/x.jpg', 'not-library-host'],
  ];
  it.each(refused)('refuses %s (%s)', (url, reason) => {
    expect(checkMediaUrl(url, 'meta')).toEqual({ ok: false, reason });
  });

  it('reads the host as the URL parser does, not as written (case, fullwidth dot into a real dot)', () => {
    expect(checkMediaUrl('https://SCONTENT.XX.FBCDN.NET/x.jpg', 'meta')).toEqual({ ok: true });
    // A fullwidth full stop is a label separator to the parser: this is the real fbcdn.net, and fetch goes there.
    expect(checkMediaUrl('https://scontent.xx.fbcdn\uff0enet/x.jpg', 'meta')).toEqual({ ok: true });
    expect(checkMediaUrl('https://scontent.xx.fbcdn.net:443/x.jpg', 'meta')).toEqual({ ok: true });
  });
});

describe('the limits per ad', () => {
  const image = (url: string) => ({ kind: 'image' as const, url });
  it('refuses items past the per-ad limit, and any item whose poster is elsewhere', () => {
    const media = Array.from({ length: MAX_MEDIA_ITEMS_PER_AD + 2 }, (_, i) => image(`https://scontent.xx.fbcdn.net/${i}.jpg`));
    const refusals = mediaRefusals({ library: 'meta', media });
    expect(refusals.slice(0, MAX_MEDIA_ITEMS_PER_AD).every((r) => r === undefined)).toBe(true);
    expect(refusals.slice(MAX_MEDIA_ITEMS_PER_AD)).toEqual(['too-many', 'too-many']);
    expect(
      mediaRefusals({
        library: 'meta',
        media: [{ kind: 'video', url: 'https://video.xx.fbcdn.net/1.mp4', posterUrl: 'http://192.168.1.1/p.jpg' }],
      }),
    ).toEqual(['not-https']);
  });

  it('tells refusals (never retried) from failures (Retry media)', () => {
    for (const error of ['not-library-host', 'not-https', 'too-many', 'save-too-large: over 209715200 bytes for one save'])
      expect(isRefusal(error), error).toBe(true);
    for (const error of ['network: Failed to fetch', 'http-error: HTTP 403', 'timeout: aborted', 'redirected: x', ''])
      expect(isRefusal(error), error).toBe(false);
  });
});
