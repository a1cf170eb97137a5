/**
 * Following a pack published in the team's own bucket: the bucket is private (its policy lets only the
 * team's keys read packs/), so a pack address inside the connected workspace is fetched with a SigV4
 * signature; every other address is fetched as before, unsigned. Only the background holds the secret.
 */
import { AwsClient } from 'aws4fetch';
import type { WorkspaceConnection } from './types';

/** Whether `url` names an object in the connected bucket (path-style, as Dalil publishes it). */
export function inWorkspaceBucket(url: string, connection: Pick<WorkspaceConnection, 'endpoint' | 'bucket'>): boolean {
  const base = `${connection.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(connection.bucket)}/`;
  return url.startsWith(base) && url.length > base.length;
}

export function workspaceSignedFetch(
  connection: () => Promise<WorkspaceConnection | undefined>,
  base: typeof fetch = (...args) => fetch(...args),
): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const workspace = await connection().catch(() => undefined);
    if (!workspace || !inWorkspaceBucket(url, workspace)) return base(input, init);
    const aws = new AwsClient({
      accessKeyId: workspace.accessKeyId,
      secretAccessKey: workspace.secretAccessKey,
      service: 's3',
      region: workspace.region,
      retries: 0,
    });
    const { headers, ...rest } = init ?? {};
    const signed = await aws.sign(url, { method: 'GET', headers });
    // The signed request carries the conditional headers; the rest (timeout, no cookies, no redirects) stays.
    return base(signed, rest);
  };
}
