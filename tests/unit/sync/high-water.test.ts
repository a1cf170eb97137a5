import { describe, expect, it } from 'vitest';
import { judgeAgainstMark, mergeMarks, raisedMark } from '../../../utils/sync/high-water';
import { checkPackClaims, readPackClaims, sameTeamUrl } from '../../../utils/sync/pack-claims';

const mark = { version: 5, digest: 'aaa', acceptedAt: '2026-12-01T00:00:00Z' };
const FP = '3f2a 9c01 77de 4b10';

describe('judging a pack against its high-water mark', () => {
  it('refuses a lower version, and a different pack under the marked version; takes the same one or a higher one', () => {
    expect(judgeAgainstMark(mark, { id: 'acme', version: 4 }, 'bbb', FP)).toMatchObject({
      code: 'rolled-back',
      params: { offered: 4, accepted: 5 },
    });
    expect(judgeAgainstMark(mark, { id: 'acme', version: 5 }, 'bbb', FP)).toMatchObject({ code: 'version-reused' });
    expect(judgeAgainstMark(mark, { id: 'acme', version: 5 }, 'aaa', FP)).toBeUndefined();
    expect(judgeAgainstMark(mark, { id: 'acme', version: 6 }, 'ccc', FP)).toBeUndefined();
    // A history entry as stored is judged by its version alone.
    expect(judgeAgainstMark(mark, { id: 'acme', version: 5 }, undefined, FP)).toBeUndefined();
    expect(judgeAgainstMark(undefined, { id: 'acme', version: 1 }, 'x', FP)).toBeUndefined();
  });

  it('only ever rises; at the same version the later expiry (or none) counts', () => {
    expect(raisedMark(mark, { version: 4 }, 'old', '2026-12-02T00:00:00Z')).toBe(mark);
    expect(raisedMark(mark, { version: 6 }, 'new', '2026-12-02T00:00:00Z', '2027-01-01T00:00:00Z')).toEqual({
      version: 6,
      digest: 'new',
      acceptedAt: '2026-12-02T00:00:00Z',
      expires: '2027-01-01T00:00:00Z',
    });
    const expiring = { ...mark, expires: '2027-01-01T00:00:00Z' };
    expect(raisedMark(expiring, { version: 5 }, 'aaa', 'x', '2027-02-01T00:00:00Z').expires).toBe('2027-02-01T00:00:00Z');
    expect(raisedMark(expiring, { version: 5 }, 'aaa', 'x', '2026-12-15T00:00:00Z').expires).toBe('2027-01-01T00:00:00Z');
    expect(raisedMark(expiring, { version: 5 }, 'aaa', 'x').expires).toBeUndefined();
  });
});

describe('merging marks (a restored backup)', () => {
  it('keeps the higher version per key and pack; ours at the same version', () => {
    const ours = { k1: { acme: mark, beta: { ...mark, version: 2 } } };
    const theirs = { k1: { acme: { ...mark, version: 3 }, beta: { ...mark, version: 4 } }, k2: { acme: mark } };
    expect(mergeMarks(ours, theirs)).toEqual({ k1: { acme: mark, beta: { ...mark, version: 4 } }, k2: { acme: mark } });
    expect(mergeMarks(undefined, undefined)).toEqual({});
  });
});

describe('a pack’s claims', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  it('refuses an expired pack and one addressed to another team URL; a pack without claims is unrestricted', () => {
    expect(checkPackClaims({ expires: '2026-12-01T10:00:00Z' }, { now })).toMatchObject({ code: 'expired' });
    expect(checkPackClaims({ expires: '2026-12-01T10:00:01Z' }, { now })).toBeUndefined();
    expect(
      checkPackClaims({ audience: 'https://a.example/team.json' }, { now, followedUrl: 'https://a.example/other.json' }),
    ).toMatchObject({
      code: 'wrong-team-url',
      params: { audience: 'https://a.example/team.json', url: 'https://a.example/other.json' },
    });
    // A file imported without a followed address: no address to compare with.
    expect(checkPackClaims({ audience: 'https://a.example/team.json' }, { now })).toBeUndefined();
    expect(checkPackClaims({}, { now, followedUrl: 'https://a.example/team.json' })).toBeUndefined();
  });

  it('compares team URLs as URLs, and refuses claims of the wrong shape as an invalid pack', () => {
    expect(sameTeamUrl('https://A.example:443/team.json', 'https://a.example/team.json')).toBe(true);
    expect(sameTeamUrl('https://a.example/team.json', 'https://a.example/team.json?x')).toBe(false);
    expect(readPackClaims({ audience: 'ftp://a.example/p' })).toMatchObject({ ok: false, code: 'invalid-pack' });
    expect(readPackClaims({ expires: 'next week' })).toMatchObject({ ok: false, code: 'invalid-pack' });
    expect(readPackClaims({ expires: 42 })).toMatchObject({ ok: false, code: 'invalid-pack' });
  });
});
