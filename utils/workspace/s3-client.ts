/**
 * The few S3 requests a team workspace needs, SigV4-signed with aws4fetch (a few kB, no SDK), written
 * to behave the same on AWS S3 and the engines teams run themselves (Ceph, MinIO, R2). What differs,
 * measured on Ceph 16 (docs/team-workspace.md): `If-Match` must carry the ETag without its quotes; a
 * conditional PUT that lost a race may answer 500 as well as 412; `If-Match` on a missing key is 412
 * where AWS says 404. Only the background calls this: the secret never leaves it.
 */
import { AwsClient } from 'aws4fetch';

export interface WorkspaceCredentials {
  /** https://s3.eu-west-1.amazonaws.com, https://<account>.r2.cloudflarestorage.com, http://127.0.0.1:7480… */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface ObjectInfo {
  key: string;
  etag: string;
  size: number;
  lastModified: string;
}

/** What a request came to, in the terms the workspace code acts on. */
export type S3Failure =
  | { kind: 'network'; detail: string }
  /** Lost a compare-and-swap or create-only race, or the object already exists: re-read and decide. */
  | { kind: 'conflict'; status: number }
  | { kind: 'not-found' }
  | { kind: 'denied'; code: string; detail: string }
  | { kind: 'clock-skew'; detail: string }
  | { kind: 'http'; status: number; code: string; detail: string };

export type S3Result<T> = ({ ok: true } & T) | ({ ok: false } & S3Failure);

/** The ETag as S3 returns it, without quotes: what Ceph's If-Match accepts (AWS takes both). */
export const bareEtag = (etag: string | null | undefined) => (etag ?? '').replace(/^W\//, '').replace(/"/g, '');

/** A key as it goes in a path: each segment encoded, the slashes kept. */
const keyPath = (key: string) => key.split('/').map(encodeURIComponent).join('/');

function xmlText(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml);
  return match ? unescapeXml(match[1]) : undefined;
}
const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** An S3 error response, read without DOMParser (service workers have none). */
async function failure(response: Response): Promise<S3Failure> {
  const body = await response.text().catch(() => '');
  const code = xmlText(body, 'Code') ?? '';
  const detail = xmlText(body, 'Message') ?? (body.slice(0, 200) || response.statusText);
  if (response.status === 404) return { kind: 'not-found' };
  if (code === 'RequestTimeTooSkewed') return { kind: 'clock-skew', detail };
  if (response.status === 403) return { kind: 'denied', code: code || 'AccessDenied', detail };
  return { kind: 'http', status: response.status, code, detail };
}

export interface S3Client {
  put(
    key: string,
    body: BodyInit,
    options?: { contentType?: string; createOnly?: boolean; ifMatch?: string },
  ): Promise<S3Result<{ etag: string }>>;
  get(
    key: string,
    options?: { ifNoneMatch?: string },
  ): Promise<S3Result<{ notModified: boolean; etag: string; body?: Response }>>;
  /**
   * `after`: the previous page's continuation token; `startAfter`: keys after this one only (S3 orders
   * keys); `delimiter`: keys past it are rolled up into `prefixes` (the "folders").
   */
  list(
    prefix: string,
    options?: { after?: string; startAfter?: string; delimiter?: string; max?: number },
  ): Promise<S3Result<{ objects: ObjectInfo[]; prefixes?: string[]; next?: string }>>;
  delete(key: string): Promise<S3Result<object>>;
  /** The bucket's CORS rules' allowed origins (only the bucket's owner may read them, as a rule). */
  cors(): Promise<S3Result<{ origins: string[] }>>;
  /** The server's clock minus ours (ms), from the last answer's Date header; signing follows it. */
  skewMs(): number | undefined;
}

export function s3Client(credentials: WorkspaceCredentials, fetchImpl: typeof fetch = (...args) => fetch(...args)): S3Client {
  // retries: 0 — a 500 on a conditional PUT is a lost race on Ceph, not something to repeat blindly.
  const aws = new AwsClient({
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    service: 's3',
    region: credentials.region,
    retries: 0,
  });
  const base = `${credentials.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(credentials.bucket)}`;
  let skew: number | undefined;

  async function send(url: string, init: RequestInit): Promise<Response | S3Failure> {
    // Signed at the server's time when we know it is off: a skewed laptop clock still gets in.
    const datetime = skew ? new Date(Date.now() + skew).toISOString().replace(/[:-]|\.\d{3}/g, '') : undefined;
    try {
      // Never from the browser's HTTP cache: Ceph and S3 send no Cache-Control, and a heuristically fresh
      // copy of an object read before would make a compare-and-swap merge against a stale note.
      const request = await aws.sign(url, { ...init, cache: 'no-store', aws: { datetime } });
      const response = await fetchImpl(request);
      const date = Date.parse(response.headers.get('date') ?? '');
      if (Number.isFinite(date)) skew = Math.abs(date - Date.now()) > 60_000 ? date - Date.now() : 0;
      return response;
    } catch (error) {
      return { kind: 'network', detail: error instanceof Error ? error.message : String(error) };
    }
  }
  const isFailure = (value: Response | S3Failure): value is S3Failure => !(value instanceof Response);

  return {
    skewMs: () => skew,

    async put(key, body, { contentType = 'application/octet-stream', createOnly, ifMatch } = {}) {
      const headers: Record<string, string> = { 'content-type': contentType };
      if (createOnly) headers['if-none-match'] = '*';
      if (ifMatch) headers['if-match'] = bareEtag(ifMatch);
      const response = await send(`${base}/${keyPath(key)}`, { method: 'PUT', body, headers });
      if (isFailure(response)) return { ok: false, ...response };
      // Conditional writes that lost: 412 everywhere, 409 on AWS under contention, 500 on Ceph.
      const conditional = createOnly || ifMatch;
      if (conditional && (response.status === 412 || response.status === 409 || response.status === 500)) {
        await response.body?.cancel();
        return { ok: false, kind: 'conflict', status: response.status };
      }
      if (!response.ok) return { ok: false, ...(await failure(response)) };
      return { ok: true, etag: bareEtag(response.headers.get('etag')) };
    },

    async get(key, { ifNoneMatch } = {}) {
      const headers: Record<string, string> = {};
      if (ifNoneMatch) headers['if-none-match'] = `"${bareEtag(ifNoneMatch)}"`;
      const response = await send(`${base}/${keyPath(key)}`, { method: 'GET', headers });
      if (isFailure(response)) return { ok: false, ...response };
      if (response.status === 304) return { ok: true, notModified: true, etag: bareEtag(ifNoneMatch) };
      if (!response.ok) return { ok: false, ...(await failure(response)) };
      return { ok: true, notModified: false, etag: bareEtag(response.headers.get('etag')), body: response };
    },

    async list(prefix, { after, startAfter, delimiter, max = 1000 } = {}) {
      const query = new URLSearchParams({ 'list-type': '2', prefix, 'max-keys': String(max), 'encoding-type': 'url' });
      if (after) query.set('continuation-token', after);
      if (startAfter) query.set('start-after', startAfter);
      if (delimiter) query.set('delimiter', delimiter);
      const response = await send(`${base}?${query}`, { method: 'GET' });
      if (isFailure(response)) return { ok: false, ...response };
      if (!response.ok) return { ok: false, ...(await failure(response)) };
      const xml = await response.text();
      const objects: ObjectInfo[] = [];
      for (const match of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
        const entry = match[1];
        objects.push({
          key: decodeURIComponent((xmlText(entry, 'Key') ?? '').replace(/\+/g, ' ')),
          etag: bareEtag(xmlText(entry, 'ETag')),
          size: Number(xmlText(entry, 'Size') ?? 0),
          lastModified: xmlText(entry, 'LastModified') ?? '',
        });
      }
      const prefixes = [...xml.matchAll(/<CommonPrefixes>([\s\S]*?)<\/CommonPrefixes>/g)].map((m) =>
        decodeURIComponent((xmlText(m[1], 'Prefix') ?? '').replace(/\+/g, ' ')),
      );
      const truncated = xmlText(xml, 'IsTruncated') === 'true';
      return { ok: true, objects, prefixes, next: truncated ? xmlText(xml, 'NextContinuationToken') : undefined };
    },

    async cors() {
      const response = await send(`${base}?cors`, { method: 'GET' });
      if (isFailure(response)) return { ok: false, ...response };
      // No rules at all: an empty list, said by 404 NoSuchCORSConfiguration.
      if (response.status === 404) return { ok: true, origins: [] };
      if (!response.ok) return { ok: false, ...(await failure(response)) };
      const xml = await response.text();
      return {
        ok: true,
        origins: [...xml.matchAll(/<AllowedOrigin>([\s\S]*?)<\/AllowedOrigin>/g)].map((m) => unescapeXml(m[1])),
      };
    },

    async delete(key) {
      const response = await send(`${base}/${keyPath(key)}`, { method: 'DELETE' });
      if (isFailure(response)) return { ok: false, ...response };
      if (!response.ok && response.status !== 404) return { ok: false, ...(await failure(response)) };
      return { ok: true };
    },
  };
}
