import { readBodyLimited } from '../net/read-limited';
import type { AdCapture } from '../schemas/ad-capture';
import { bytesToDataUrl, dataUrlToBytes } from './data-url';
import { checkMediaUrl, type MediaRefusal } from './media-policy';

/** The most one item (an image, a video, a poster) may weigh. */
export const MAX_MEDIA_BYTES = 100 * 1024 * 1024;

export type MediaFailure = 'too-large' | 'http-error' | 'timeout' | 'network' | 'storage-full' | 'redirected';

type Download<R extends string> = { ok: true; blob: Blob } | { ok: false; reason: R; detail: string };

/**
 * Downloads an ad's media at capture time (library links are signed and expire in hours to days).
 * `library`: the URL must be on that library's media hosts over https (media-policy.ts), checked here,
 * before the request. Redirects are not followed: fetch cannot show where one leads before going there,
 * and a library host could send the request on to any other. Refuses anything over `maxBytes`, reading
 * no more than that, and gives up after a timeout.
 */
export async function downloadMedia(
  url: string,
  library: AdCapture['library'],
  options: { maxBytes?: number; timeoutMs?: number; onBytes?: DownloadProgress } = {},
): Promise<Download<MediaFailure | MediaRefusal>> {
  const allowed = checkMediaUrl(url, library);
  if (!allowed.ok) return { ok: false, reason: allowed.reason, detail: 'not requested' };
  return fetchLimited(url, { ...options, followRedirects: false });
}

/** Bytes received so far, and how many the response said it holds (Content-Length), if it did. */
export type DownloadProgress = (received: number, declared: number | undefined) => void;

/**
 * One URL's bytes, at most `maxBytes`, within `timeoutMs`. Ad media goes through downloadMedia; the
 * palette check uses this directly for the image a person right-clicked (any page's image, their choice).
 */
export async function fetchLimited(
  url: string,
  {
    maxBytes = MAX_MEDIA_BYTES,
    timeoutMs = 60_000,
    followRedirects = true,
    onBytes,
  }: { maxBytes?: number; timeoutMs?: number; followRedirects?: boolean; onBytes?: DownloadProgress } = {},
): Promise<Download<MediaFailure>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, {
      signal: controller.signal,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      redirect: followRedirects ? 'follow' : 'manual',
    });
    // Unfollowed, a redirect comes back opaque (status 0) or as a 3xx: nothing was read from where it points.
    if (!followRedirects && (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400))) {
      return { ok: false, reason: 'redirected', detail: 'the media host answered with a redirect, which is not followed' };
    }
    if (!response.ok) return { ok: false, reason: 'http-error', detail: `HTTP ${response.status}` };
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > maxBytes) return { ok: false, reason: 'too-large', detail: `${declared} bytes` };
    const blob = await readBodyLimited(response, maxBytes, onBytes && ((received) => onBytes(received, declared || undefined)));
    return blob ? { ok: true, blob } : { ok: false, reason: 'too-large', detail: `over ${maxBytes} bytes` };
  } catch (error) {
    const aborted = controller.signal.aborted;
    return { ok: false, reason: aborted ? 'timeout' : 'network', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** A Blob as a data: URL, for extension pages. */
export async function blobToDataUrl(blob: Blob): Promise<string> {
  return bytesToDataUrl(new Uint8Array(await blob.arrayBuffer()), blob.type);
}

export function dataUrlToBlob(dataUrl: string): Blob {
  const { type, bytes } = dataUrlToBytes(dataUrl);
  return new Blob([bytes as BlobPart], { type });
}
