import type { AdLibrary } from './common';

/** The ad-library pages Dalil's capture runs on. */
export const AD_LIBRARY_MATCHES = [
  'https://www.facebook.com/ads/library*',
  'https://library.tiktok.com/*',
  'https://ads.tiktok.com/business/creativecenter/*',
  'https://adstransparency.google.com/*',
  'https://www.linkedin.com/ad-library/*',
];

/**
 * Where each library serves its ads' media from, seen in the fixtures' real records
 * (tests/fixtures/ad-libraries/): an exact host, or `.suffix` for that domain's subdomains. The
 * background downloads a saved ad's media from these hosts of the ad's own library, over https,
 * and from nowhere else (utils/swipe-file/media-policy.ts): a card cannot point it at another host.
 */
export const AD_MEDIA_HOSTS_BY_LIBRARY: Readonly<Record<AdLibrary, readonly string[]>> = {
  // scontent-*.xx.fbcdn.net (images), video-*.xx.fbcdn.net (videos)
  meta: ['.fbcdn.net'],
  // p16-*.ibyteimg.com / tiktokcdn posters; TikTok's Creative Center plays videos from its akamaized host
  tiktok: ['.tiktokcdn.com', '.tiktokcdn-us.com', '.ibyteimg.com', 'v16m-default.akamaized.net'],
  // image creatives (tpc.googlesyndication.com/archive/simgad/…), rendered formats, YouTube ads' thumbnails
  google: ['.googlesyndication.com', '.googleusercontent.com', 'i.ytimg.com'],
  // images (media.licdn.com/dms/image/…) and videos (dms.licdn.com)
  linkedin: ['media.licdn.com', 'dms.licdn.com'],
};

/** The media hosts as match patterns: these, and only these, are the extension's host_permissions. */
export const AD_MEDIA_HOSTS = [
  ...new Set(
    Object.values(AD_MEDIA_HOSTS_BY_LIBRARY)
      .flat()
      .map((host) => (host.startsWith('.') ? `https://*${host}/*` : `https://${host}/*`)),
  ),
];
