// @vitest-environment node
/**
 * Which pack addresses are fetched signed: only objects in the connected bucket. Any other address,
 * a look-alike bucket name included, goes without the team's key.
 */
import { describe, expect, it } from 'vitest';
import { inWorkspaceBucket, workspaceSignedFetch } from '../../../utils/workspace/signed-fetch';
import type { WorkspaceConnection } from '../../../utils/workspace/types';

const connection: WorkspaceConnection = {
  endpoint: 'https://s3.example.com/',
  bucket: 'team',
  region: 'us-east-1',
  accessKeyId: 'AKID',
  secretAccessKey: 'SECRET',
  person: 'sara',
  connectedAt: '2026-12-06T00:00:00Z',
};

describe('fetching a pack from the team workspace', () => {
  it('signs only addresses of objects in the connected bucket', () => {
    expect(inWorkspaceBucket('https://s3.example.com/team/packs/acme/pack.json', connection)).toBe(true);
    expect(inWorkspaceBucket('https://s3.example.com/team-evil/packs/acme/pack.json', connection)).toBe(false);
    expect(inWorkspaceBucket('https://s3.example.com.evil.net/team/packs/acme/pack.json', connection)).toBe(false);
    expect(inWorkspaceBucket('https://s3.example.com/team/', connection)).toBe(false);
    expect(inWorkspaceBucket('https://packs.example.com/team/pack.json', connection)).toBe(false);
  });

  it('adds a SigV4 signature to the bucket and nothing to other hosts, keeping the conditional headers', async () => {
    const seen: Request[] = [];
    const recorder: typeof fetch = async (input, init) => {
      seen.push(new Request(input, init));
      return new Response('{}');
    };
    const signedFetch = workspaceSignedFetch(async () => connection, recorder);
    const headers = { accept: 'application/json', 'if-none-match': '"abc"' };
    await signedFetch('https://s3.example.com/team/packs/acme/pack.json', { headers, redirect: 'manual' });
    await signedFetch('https://packs.example.com/acme.json', { headers, redirect: 'manual' });
    expect(seen[0].headers.get('authorization')).toMatch(/^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/us-east-1\/s3\//);
    expect(seen[0].headers.get('if-none-match')).toBe('"abc"');
    expect(seen[0].redirect).toBe('manual');
    expect(seen[1].headers.get('authorization')).toBeNull();
    expect(JSON.stringify([...seen[1].headers])).not.toContain('SECRET');
  });

  it('fetches unsigned when no workspace is connected', async () => {
    const seen: Request[] = [];
    const signedFetch = workspaceSignedFetch(
      async () => undefined,
      async (input, init) => {
        seen.push(new Request(input, init));
        return new Response('{}');
      },
    );
    await signedFetch('https://s3.example.com/team/packs/acme/pack.json', {});
    expect(seen[0].headers.get('authorization')).toBeNull();
  });
});
