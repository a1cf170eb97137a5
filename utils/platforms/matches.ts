/**
 * The six platforms whose composers Dalil works in. Content scripts match these; no other site
 * gets one until the user enables Dalil there.
 */
export const PLATFORM_MATCHES = [
  'https://www.facebook.com/*',
  'https://web.facebook.com/*',
  'https://www.instagram.com/*',
  'https://x.com/*',
  'https://twitter.com/*',
  'https://www.linkedin.com/*',
  'https://www.youtube.com/*',
  'https://www.tiktok.com/*',
];
