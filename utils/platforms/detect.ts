import type { Platform } from '../schemas/common';

/** Which platform a page belongs to, from its host name alone. */
export function platformOfHost(hostname: string): Platform {
  const host = hostname.toLowerCase().replace(/^(www|web|m)\./, '');
  if (host === 'facebook.com') return 'facebook';
  if (host === 'instagram.com') return 'instagram';
  if (host === 'x.com' || host === 'twitter.com') return 'x';
  if (host === 'linkedin.com') return 'linkedin';
  if (host === 'youtube.com') return 'youtube';
  if (host === 'tiktok.com') return 'tiktok';
  return 'generic';
}
