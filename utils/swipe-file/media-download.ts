import { readBodyLimited } from '../net/read-limited';
import { bytesToDataUrl, dataUrlToBytes } from './data-url';

/**
 * Downloads an ad's media at capture time (library links are signed and expire in hours to days).
 * Refuses anything over the per-item limit, reading no more than that, and gives up after a timeout.
 */
export const MAX_MEDIA_BYTES = 100 * 1024 * 1024;

export type MediaFailure = 'too-large' | 'http-error' | 'timeout' | 'network' | 'storage-full';

export async function downloadMedia(
  url: string,
  { maxBytes = MAX_MEDIA_BYTES, timeoutMs = 60_000 }: { maxBytes?: number; timeoutMs?: number } = {},
): Promise<{ ok: true; blob: Blob } | { ok: false; reason: MediaFailure; detail: string }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, { signal: controller.signal, credentials: 'omit', referrerPolicy: 'no-referrer' });
    if (!response.ok) return { ok: false, reason: 'http-error', detail: `HTTP ${response.status}` };
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > maxBytes) return { ok: false, reason: 'too-large', detail: `${declared} bytes` };
    const blob = await readBodyLimited(response, maxBytes);
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
