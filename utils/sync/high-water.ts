/**
 * High-water marks against replayed and frozen packs: under a pinned key, the highest version of
 * each pack ever accepted. A lower version is refused whatever pack is in use (a stale copy served
 * again, an old file imported, an old waiting update or history entry applied), and so is a
 * different pack under the accepted version (the same number signed again over other content).
 */
import type { GuidancePack } from '../schemas/guidance-pack';
import { canonicalJson } from './canonical-json';
import type { PackMark, PackMarks, SyncFailureCode, SyncFailureParams } from './types';

/** SHA-256 (hex) of the pack as parsed: the same for the fetched, the waiting and the stored copy. */
export async function packDigest(pack: GuidancePack): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalJson(pack)));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export type MarkRefusal = { code: SyncFailureCode; message: string; params: SyncFailureParams };

/**
 * Judges a pack against its mark. `digest` undefined skips the same-version check (a history entry
 * as stored need not be byte for byte the pack as fetched; only its version is judged).
 */
export function judgeAgainstMark(
  mark: PackMark | undefined,
  pack: Pick<GuidancePack, 'id' | 'version'>,
  digest: string | undefined,
  fingerprint: string,
): MarkRefusal | undefined {
  if (!mark) return undefined;
  const params = { offered: pack.version, accepted: mark.version };
  if (pack.version < mark.version) {
    return {
      code: 'rolled-back',
      message: `Version ${pack.version} of "${pack.id}" is older than version ${mark.version}, already accepted under key ${fingerprint}`,
      params,
    };
  }
  if (pack.version === mark.version && digest !== undefined && digest !== mark.digest) {
    return {
      code: 'version-reused',
      message: `Another pack "${pack.id}" version ${mark.version} was already accepted under key ${fingerprint}; changes need a higher version`,
      params,
    };
  }
  return undefined;
}

/** The mark after accepting `pack` (never lower than before); the later expiry wins at the same version. */
export function raisedMark(
  mark: PackMark | undefined,
  pack: Pick<GuidancePack, 'version'>,
  digest: string,
  at: string,
  expires?: string,
): PackMark {
  if (mark && mark.version > pack.version) return mark;
  if (mark && mark.version === pack.version && mark.digest === digest) {
    // Re-signed with a new expiry over the same content: the later one counts (no expiry is the latest).
    const { expires: earlier, ...rest } = mark;
    if (earlier === undefined || expires === undefined) return rest;
    return { ...rest, expires: Date.parse(earlier) > Date.parse(expires) ? earlier : expires };
  }
  return { version: pack.version, digest, acceptedAt: at, ...(expires ? { expires } : {}) };
}

/**
 * Two sets of marks as one, each (key, pack) at the higher version; at the same version `ours` is
 * kept. A restored backup brings its marks through this: an old backup never lowers them (which
 * would let the versions it predates be replayed).
 */
export function mergeMarks(ours: PackMarks | undefined, theirs: PackMarks | undefined): PackMarks {
  const merged: PackMarks = structuredClone(ours ?? {});
  for (const [fingerprint, byPack] of Object.entries(theirs ?? {})) {
    const into = merged[fingerprint] ?? {};
    merged[fingerprint] = into;
    for (const [packId, mark] of Object.entries(byPack)) {
      if (!into[packId] || mark.version > into[packId].version) into[packId] = mark;
    }
  }
  return merged;
}
