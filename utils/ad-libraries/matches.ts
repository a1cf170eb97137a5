import type { AdLibrary } from './common';

/**
 * The ad-library pages Dalil's capture runs on, per library: each library has a content script of its own
 * (entrypoints/ad-library-<library>.content.ts), so a page loads only its own extractor.
 */
export const AD_LIBRARY_MATCHES_BY_LIBRARY: Readonly<Record<AdLibrary, readonly string[]>> = {
  meta: ['https://www.facebook.com/ads/library*'],
  tiktok: ['https://library.tiktok.com/*', 'https://ads.tiktok.com/business/creativecenter/*'],
  google: ['https://adstransparency.google.com/*'],
  linkedin: ['https://www.linkedin.com/ad-library/*'],
};

/** All of them (the platform script stays off these pages). */
export const AD_LIBRARY_MATCHES = Object.values(AD_LIBRARY_MATCHES_BY_LIBRARY).flat();

/**
 * Which ad library `url` is a page of, or undefined. Host and path only: query strings never decide. Here, beside
 * the matches, rather than with the extractors: a content script asks it without loading the other libraries'.
 */
export function adLibraryForUrl(url: string): AdLibrary | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const host = parsed.hostname.toLowerCase();
  const path = parsed.pathname;
  if (/^(www\.|web\.|m\.)?facebook\.com$/.test(host) && /^\/ads\/library(\/|$)/.test(path)) return 'meta';
  if (host === 'library.tiktok.com' && /^\/ads(\/|$)/.test(path)) return 'tiktok';
  if (host === 'ads.tiktok.com' && /^\/business\/creativecenter\/(.+\/)?topads(\/|$)/.test(path)) return 'tiktok';
  if (host === 'adstransparency.google.com') return 'google';
  if (/^(www\.)?linkedin\.com$/.test(host) && /^\/ad-library(\/|$)/.test(path)) return 'linkedin';
  return undefined;
}

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
