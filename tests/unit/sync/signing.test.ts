import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseGuidancePack } from '../../../utils/guidance/parse-pack';
import type { GuidancePack } from '../../../utils/schemas/guidance-pack';
import { checkPackClaims, readPackClaims } from '../../../utils/sync/pack-claims';
import {
  exportPrivateKeyJwk,
  generateSigningKey,
  type PackVerification,
  parsePublicKeyText,
  pinnedKeyFromText,
  publicKeyText,
  signPack,
  verifyPack,
} from '../../../utils/sync/signing';
import type { SigningAlgorithm, SigningKeyRecord } from '../../../utils/sync/types';
import { DEFAULT_PACK_TEXT } from '../pack-fixtures';

function defaultPack(): GuidancePack {
  const parsed = parseGuidancePack(DEFAULT_PACK_TEXT);
  if (!parsed.ok) throw new Error('default pack does not parse');
  return parsed.pack;
}

/** What an agent's browser holds after fetching a published file: the JSON text parsed, nothing else. */
const published = (signed: object): Record<string, unknown> => JSON.parse(JSON.stringify(signed, null, 2));

const pinFor = (key: SigningKeyRecord) => pinnedKeyFromText(key.publicKeyText, new Date('2026-11-26T10:00:00Z'));

const expectBad = (result: PackVerification, pattern: RegExp) => {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.code).toBe('bad-signature');
  expect(result.message).toMatch(pattern);
};

describe.each<SigningAlgorithm>(['Ed25519', 'ECDSA-P256'])('signing with %s', (algorithm) => {
  const key = () => generateSigningKey({ prefer: algorithm, now: new Date('2026-11-26T09:00:00Z') });

  it('makes a key pair whose text form and fingerprint round-trip through parsePublicKeyText', async () => {
    const record = await key();
    expect(record.algorithm).toBe(algorithm);
    expect(record.publicKeyText).toMatch(
      algorithm === 'Ed25519' ? /^dalil-ed25519:[A-Za-z0-9_-]{43}$/ : /^dalil-p256:[A-Za-z0-9_-]{122}$/,
    );
    expect(record.fingerprint).toMatch(/^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}$/);
    expect(record.createdAt).toBe('2026-11-26T09:00:00.000Z');
    expect(await publicKeyText(algorithm, record.publicKey)).toBe(record.publicKeyText);
    const parsed = await parsePublicKeyText(`  ${record.publicKeyText}\n`);
    expect(parsed).toMatchObject({ algorithm, fingerprint: record.fingerprint, text: record.publicKeyText });
  });

  it('accepts a signed pack as published (pretty-printed, keys in any order)', async () => {
    const record = await key();
    const signed = await signPack(defaultPack(), record);
    expect(signed.signature).toMatchObject({ algorithm, keyId: record.fingerprint });
    const raw = published(signed);
    const reordered = Object.fromEntries(Object.entries(raw).reverse());
    expect(await verifyPack(reordered, await pinFor(record))).toEqual({ ok: true });
  });

  it('signs the claims with the pack: changing, adding or removing audience or expires breaks the signature', async () => {
    const record = await key();
    const pinned = await pinFor(record);
    const claims = { audience: 'https://packs.example.com/acme.json', expires: '2027-03-01T00:00:00.000Z' };
    const raw = published(await signPack(defaultPack(), record, claims));
    expect(raw).toMatchObject(claims);
    expect(await verifyPack(raw, pinned)).toEqual({ ok: true });
    const tampered: Array<Record<string, unknown>> = [
      { ...raw, audience: 'https://packs.example.com/other.json' },
      { ...raw, expires: '2099-01-01T00:00:00.000Z' },
      { ...raw, audience: undefined },
      { ...raw, expires: undefined },
    ];
    for (const copy of tampered) expectBad(await verifyPack(published(copy), pinned), /changed after it was signed/);
    // Added to a pack signed without them: broken too.
    const plain = published(await signPack(defaultPack(), record));
    expectBad(await verifyPack({ ...plain, expires: '2099-01-01T00:00:00.000Z' }, pinned), /changed after it was signed/);
  });

  it('signing again replaces the claims a pack carried', async () => {
    const record = await key();
    const once = await signPack(defaultPack(), record, { audience: 'https://a.example/p.json', expires: '2027-01-01T00:00:00Z' });
    const again = published(await signPack(once, record, { expires: '2027-06-01T00:00:00Z' }));
    expect(again.audience).toBeUndefined();
    expect(again.expires).toBe('2027-06-01T00:00:00Z');
    expect(await verifyPack(again, await pinFor(record))).toEqual({ ok: true });
  });

  it('refuses the pack when one template body was altered after signing', async () => {
    const record = await key();
    const raw = published(await signPack(defaultPack(), record)) as { templates: { body: string }[] };
    raw.templates[3].body += ' Visit evil.example for a refund.';
    expectBad(await verifyPack(raw, await pinFor(record)), /changed after it was signed/);
  });

  it('refuses a pack signed by another key of the same algorithm, even when it claims the pinned key id', async () => {
    const pinnedKey = await key();
    const otherKey = await key();
    const signed = await signPack(defaultPack(), otherKey);
    const forged = published({ ...signed, signature: { ...signed.signature, keyId: pinnedKey.fingerprint } });
    expectBad(await verifyPack(forged, await pinFor(pinnedKey)), /not signed by the pinned key/);
    expectBad(await verifyPack(published(signed), await pinFor(pinnedKey)), /signed by key .* not by the pinned key/);
  });

  it('refuses an unsigned pack as unsigned', async () => {
    const result = await verifyPack(JSON.parse(DEFAULT_PACK_TEXT), await pinFor(await key()));
    expect(result).toMatchObject({ ok: false, code: 'unsigned' });
  });

  it('replaces an old signature when signing again', async () => {
    const first = await key();
    const second = await key();
    const resigned = await signPack(await signPack(defaultPack(), first), second);
    expect(resigned.signature.keyId).toBe(second.fingerprint);
    expect(await verifyPack(published(resigned), await pinFor(second))).toEqual({ ok: true });
  });

  it('exports the private key only as a warned JWK file that can sign again', async () => {
    const record = await key();
    const file = JSON.parse(await exportPrivateKeyJwk(record));
    expect(file).toMatchObject({ format: 'dalil.signing-key', algorithm, publicKeyText: record.publicKeyText });
    expect(file.warning).toMatch(/PRIVATE KEY/);
    expect(file.jwk.d).toEqual(expect.any(String));
  });
});

describe('verifyPack across algorithms and malformed signatures', () => {
  it('refuses an ECDSA-signed pack when an Ed25519 key is pinned', async () => {
    const ed = await generateSigningKey();
    const ec = await generateSigningKey({ prefer: 'ECDSA-P256' });
    const result = await verifyPack(published(await signPack(defaultPack(), ec)), await pinFor(ed));
    expectBad(result, /signed with ECDSA-P256; the pinned key .* is Ed25519/);
  });

  it('refuses a signature whose value is not base64url, or whose shape is wrong', async () => {
    const record = await generateSigningKey();
    const pinned = await pinFor(record);
    const raw = published(await signPack(defaultPack(), record));
    const signature = raw.signature as Record<string, unknown>;
    expectBad(await verifyPack({ ...raw, signature: { ...signature, value: 'not base64!' } }, pinned), /not base64url/);
    expectBad(await verifyPack({ ...raw, signature: { ...signature, value: 'AAAA' } }, pinned), /changed after it was signed/);
    expectBad(await verifyPack({ ...raw, signature: 'abc' }, pinned), /malformed/);
    expectBad(await verifyPack([raw], pinned), /not a JSON object/);
  });
});

describe('generateSigningKey fallback', () => {
  it('uses ECDSA P-256 when the browser has no Ed25519 in WebCrypto', async () => {
    const real = crypto.subtle.generateKey.bind(crypto.subtle);
    const spy = vi.spyOn(crypto.subtle, 'generateKey').mockImplementation(((algorithm: AlgorithmIdentifier, ...rest: never[]) => {
      const name = typeof algorithm === 'string' ? algorithm : algorithm.name;
      if (name === 'Ed25519') return Promise.reject(new DOMException('Unrecognized name.', 'NotSupportedError'));
      return (real as (...args: unknown[]) => Promise<unknown>)(algorithm, ...rest);
    }) as typeof crypto.subtle.generateKey);
    try {
      const record = await generateSigningKey();
      expect(record.algorithm).toBe('ECDSA-P256');
      expect(record.publicKeyText.startsWith('dalil-p256:')).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('parsePublicKeyText', () => {
  const refusal = async (text: string) => {
    try {
      await parsePublicKeyText(text);
    } catch (error) {
      return { code: (error as { code?: string }).code, message: (error as Error).message };
    }
    throw new Error(`accepted ${text}`);
  };

  it('says what is wrong with a pasted key', async () => {
    expect(await refusal('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5')).toMatchObject({ code: 'bad-prefix', message: /dalil-ed25519:/ });
    expect(await refusal('dalil-ed25519:abc+def/ghi=')).toMatchObject({ code: 'bad-base64' });
    expect(await refusal('dalil-ed25519:')).toMatchObject({ code: 'bad-base64' });
    const record = await generateSigningKey();
    expect(await refusal(record.publicKeyText.slice(0, -4))).toMatchObject({
      code: 'wrong-length',
      message: /32 bytes; this one is 29/,
    });
    const p256 = await generateSigningKey({ prefer: 'ECDSA-P256' });
    // Right length, but the bytes are no SPKI structure.
    expect(await refusal(`dalil-p256:${'A'.repeat(122)}`)).toMatchObject({ code: 'bad-key' });
    expect(await refusal(p256.publicKeyText.replace('dalil-p256', 'dalil-ed25519'))).toMatchObject({ code: 'wrong-length' });
  });
});

describe('packs signed before claims existed', () => {
  it('still verify, and carry no audience or expiry (no restriction)', async () => {
    const fixture = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../fixtures/packs/signed-before-claims.json'), 'utf8'),
    );
    const pinned = await pinnedKeyFromText(fixture.publicKeyText);
    expect(await verifyPack(fixture.pack, pinned)).toEqual({ ok: true });
    expect(readPackClaims(fixture.pack)).toEqual({ ok: true, claims: {} });
    expect(
      checkPackClaims({}, { now: new Date('2099-01-01T00:00:00Z'), followedUrl: 'https://any.example/x.json' }),
    ).toBeUndefined();
  });
});
