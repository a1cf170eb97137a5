/**
 * What a signed pack says about itself, inside the signed envelope: `audience`, the team URL it was
 * published for, and `expires`, when it stops being valid. Both are top-level fields of the pack
 * file, so the signature (over every field but `signature`) covers them. A pack without them (every
 * pack signed before they existed) has no such restriction.
 */
import type { SyncFailureCode, SyncFailureParams } from './types';

export interface PackClaims {
  audience?: string;
  expires?: string;
}

type ClaimRefusal = { code: SyncFailureCode; message: string; params?: SyncFailureParams };

/** The claims of a pack file as parsed from JSON; a claim of the wrong shape is an invalid pack. */
export function readPackClaims(raw: unknown): { ok: true; claims: PackClaims } | ({ ok: false } & ClaimRefusal) {
  const { audience, expires } = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const claims: PackClaims = {};
  if (audience !== undefined) {
    if (typeof audience !== 'string' || !URL.canParse(audience) || !/^https?:$/.test(new URL(audience).protocol)) {
      return { ok: false, code: 'invalid-pack', message: 'Not a valid guidance pack: audience: not an http(s) URL' };
    }
    claims.audience = audience;
  }
  if (expires !== undefined) {
    if (typeof expires !== 'string' || Number.isNaN(Date.parse(expires))) {
      return { ok: false, code: 'invalid-pack', message: 'Not a valid guidance pack: expires: not a date and time' };
    }
    claims.expires = expires;
  }
  return { ok: true, claims };
}

/** Two team URLs name the same file: compared as URLs (host case, default port, empty path). */
export function sameTeamUrl(a: string, b: string): boolean {
  return URL.canParse(a) && URL.canParse(b) && new URL(a).href === new URL(b).href;
}

/**
 * Refuses an expired pack, and one published for another team URL than `followedUrl` (when the pack
 * reached this browser from a followed address); undefined when the claims allow it.
 */
export function checkPackClaims(claims: PackClaims, context: { now: Date; followedUrl?: string }): ClaimRefusal | undefined {
  if (claims.expires !== undefined && Date.parse(claims.expires) <= context.now.getTime()) {
    return {
      code: 'expired',
      message: `The pack expired on ${claims.expires}; the manager must publish a new version`,
      params: { expires: claims.expires },
    };
  }
  if (claims.audience !== undefined && context.followedUrl !== undefined && !sameTeamUrl(claims.audience, context.followedUrl)) {
    return {
      code: 'wrong-team-url',
      message: `The pack was published for ${claims.audience}, not for ${context.followedUrl}`,
      params: { audience: claims.audience, url: context.followedUrl },
    };
  }
  return undefined;
}
