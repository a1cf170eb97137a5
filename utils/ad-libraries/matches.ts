/** The ad-library pages Dalil's capture runs on. */
export const AD_LIBRARY_MATCHES = [
  'https://www.facebook.com/ads/library*',
  'https://library.tiktok.com/*',
  'https://ads.tiktok.com/business/creativecenter/*',
  'https://adstransparency.google.com/*',
  'https://www.linkedin.com/ad-library/*',
];

/**
 * Where the libraries serve ad media from: the background downloads it at capture time (the links
 * expire), so these hosts, and only these, are in host_permissions.
 */
export const AD_MEDIA_HOSTS = [
  'https://*.fbcdn.net/*',
  'https://*.tiktokcdn.com/*',
  'https://*.tiktokcdn-us.com/*',
  'https://*.ibyteimg.com/*',
  'https://*.googlesyndication.com/*',
  'https://*.googleusercontent.com/*',
  'https://*.licdn.com/*',
];
