import { z } from 'zod/mini';

/**
 * A team's own endpoint or pack file: HTTPS, or plain HTTP on this machine (loopback is a secure
 * context). One rule for every way an address arrives: typed in Settings, set by policy, or
 * brought back by a backup.
 */
export const TeamUrl = z.url({ protocol: /^https?$/ }).check(
  z.refine((url) => url.startsWith('https:') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(url), {
    message: 'Use an https:// address (http:// only for this computer: localhost or 127.0.0.1)',
  }),
);

/** A link that may be opened from the panel: http(s) only, so a `javascript:` or `data:` address stays text. */
export const isWebLink = (url: unknown): url is string => typeof url === 'string' && /^https?:\/\//i.test(url.trim());
