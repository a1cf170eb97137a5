/**
 * What media a saved ad may make the background download: only https URLs on its own library's media
 * hosts (AD_MEDIA_HOSTS_BY_LIBRARY), at most MAX_MEDIA_ITEMS_PER_AD items, and MAX_SAVE_MEDIA_BYTES per
 * save. A card is page content: whatever URL it names, this decides before any request is made.
 */
import { AD_MEDIA_HOSTS_BY_LIBRARY } from '../ad-libraries/matches';
import type { AdCapture } from '../schemas/ad-capture';

/** Items (an image, or a video with its poster) downloaded per ad; the rest are refused as 'too-many'. */
export const MAX_MEDIA_ITEMS_PER_AD = 10;
/** Bytes one Save (one ad, or "save all") may download in all; an item past it is refused as 'save-too-large'. */
export const MAX_SAVE_MEDIA_BYTES = 200 * 1024 * 1024;

/** Why an item was never requested. Stored as the item's error code; Retry media leaves these alone. */
export type MediaRefusal = 'not-https' | 'not-library-host' | 'too-many' | 'save-too-large';
export const MEDIA_REFUSALS: readonly MediaRefusal[] = ['not-https', 'not-library-host', 'too-many', 'save-too-large'];

/** True for a stored media error (`code: detail`) that a retry cannot change. */
export function isRefusal(error: string | undefined): boolean {
  return Boolean(error) && MEDIA_REFUSALS.some((code) => error === code || error?.startsWith(`${code}:`));
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * Whether `url` may be downloaded as media of an ad from `library`. The URL parser's own reading of
 * the host is what is checked (the one fetch would use): lower case, punycode, IPv4 in dotted form.
 */
export function checkMediaUrl(url: string, library: AdCapture['library']): { ok: true } | { ok: false; reason: MediaRefusal } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'not-https' };
  }
  if (parsed.protocol !== 'https:') return { ok: false, reason: 'not-https' };
  const host = parsed.hostname;
  const refused = { ok: false, reason: 'not-library-host' } as const;
  // userinfo can hide the real host from a reader (https://scontent.fbcdn.net@evil.example/); a port is another server.
  if (parsed.username || parsed.password || parsed.port) return refused;
  if (host.startsWith('[') || IPV4.test(host) || host.endsWith('.')) return refused;
  const allowed = AD_MEDIA_HOSTS_BY_LIBRARY[library].some((entry) =>
    entry.startsWith('.') ? host.endsWith(entry) && host.length > entry.length : host === entry,
  );
  return allowed ? { ok: true } : refused;
}

/**
 * Per media item of an ad: undefined when it may be downloaded (its URL and any poster on the
 * library's hosts, within the item limit), otherwise why not.
 */
export function mediaRefusals(ad: Pick<AdCapture, 'library' | 'media'>): Array<MediaRefusal | undefined> {
  return ad.media.map((item, index) => {
    if (index >= MAX_MEDIA_ITEMS_PER_AD) return 'too-many';
    for (const url of [item.url, item.posterUrl]) {
      if (url === undefined) continue;
      const verdict = checkMediaUrl(url, ad.library);
      if (!verdict.ok) return verdict.reason;
    }
    return undefined;
  });
}
