import { readBodyLimited } from '../net/read-limited';
import { parseRetryAfter } from './backoff';
import type { SyncFailureCode } from './types';

export const PACK_FETCH_TIMEOUT_MS = 15_000;
/** Same limit as a pack imported from a file. */
export const PACK_MAX_BYTES = 5 * 1024 * 1024;

export type PackFetchResult =
  | { kind: 'not-modified' }
  | { kind: 'ok'; text: string; etag?: string; lastModified?: string }
  | { kind: 'failed'; code: SyncFailureCode; message: string; status?: number; retryAfterMs?: number };

/** A redirect answered to `redirect: 'manual'`: opaque in browsers, a 3xx elsewhere (Node, tests). */
export const isRedirect = (response: Response): boolean =>
  response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400 && response.status !== 304);

/**
 * Fetches a pack file with the validators of the copy in use (a 304 costs the server nothing),
 * refusing bodies past the size limit while they stream and giving up after the timeout. Cookies
 * are never sent: a pack URL is a plain file, not a session.
 */
export async function fetchPackText(
  url: string,
  options: {
    etag?: string;
    lastModified?: string;
    fetch?: typeof fetch;
    timeoutMs?: number;
    maxBytes?: number;
    /** Whether the extension holds the URL's host permission (to tell a refused origin from a dead server). */
    hasAccess?: (url: string) => Promise<boolean>;
  } = {},
): Promise<PackFetchResult> {
  const timeoutMs = options.timeoutMs ?? PACK_FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? PACK_MAX_BYTES;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('timeout', 'TimeoutError')), timeoutMs);
  try {
    const response = await (options.fetch ?? fetch)(url, {
      headers,
      signal: controller.signal,
      credentials: 'omit',
      // Our own conditional headers decide freshness; the HTTP cache must not answer for the server.
      cache: 'no-store',
      // A redirect is not followed: it could lead to plain http or to another host than the one the
      // person (or the organisation's policy) chose. Browsers hide where a redirect points ('manual'
      // answers an opaque response), so the person is told to use the address it leads to.
      redirect: 'manual',
    });
    if (isRedirect(response)) {
      return {
        kind: 'failed',
        code: 'redirect',
        message: 'The address redirects elsewhere, and Dalil does not follow redirects: subscribe to the address it leads to',
      };
    }
    if (response.status === 304) return { kind: 'not-modified' };
    if (!response.ok) {
      return {
        kind: 'failed',
        code: 'http',
        status: response.status,
        message: `The server answered HTTP ${response.status}`,
        // A 429 or 503 may say when to come back; the retry waits at least that long.
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), new Date()),
      };
    }
    const declared = Number(response.headers.get('content-length'));
    if (declared > maxBytes) return tooLarge(maxBytes);
    const body = await readBodyLimited(response, maxBytes);
    if (!body) return tooLarge(maxBytes);
    return {
      kind: 'ok',
      text: await body.text(),
      etag: response.headers.get('etag') ?? undefined,
      lastModified: response.headers.get('last-modified') ?? undefined,
    };
  } catch (error) {
    if (controller.signal.aborted) {
      return { kind: 'failed', code: 'timeout', message: `No complete answer within ${Math.round(timeoutMs / 1000)} s` };
    }
    // Without the host permission, a server that does not allow other origins (CORS) looks like a network
    // error. It is that only when the server can be reached at all: a request that needs no CORS (its
    // answer unreadable) tells a refused origin from a network that is gone, which is not a matter of access.
    if (
      options.hasAccess &&
      !(await options.hasAccess(url)) &&
      (await reachable(url, options.fetch ?? fetch, controller.signal))
    ) {
      return {
        kind: 'failed',
        code: 'permission',
        message: `Dalil has no access to ${new URL(url).host}, and the server does not allow other origins (CORS): grant access`,
      };
    }
    return { kind: 'failed', code: 'network', message: `Could not reach the server: ${(error as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
}

/** Whether the server answers at all (an opaque answer to a no-CORS HEAD request, redirects not followed). */
async function reachable(url: string, fetcher: typeof fetch, signal: AbortSignal): Promise<boolean> {
  try {
    await fetcher(url, { method: 'HEAD', mode: 'no-cors', credentials: 'omit', cache: 'no-store', redirect: 'manual', signal });
    return true;
  } catch {
    return false;
  }
}

const tooLarge = (maxBytes: number): PackFetchResult => ({
  kind: 'failed',
  code: 'too-large',
  message: `The pack is larger than ${maxBytes / 1024 / 1024} MB`,
});
