/**
 * Signing guidance packs with WebCrypto: Ed25519 where the browser has it, ECDSA P-256 otherwise.
 * The manager's key pair stays in this browser (IndexedDB keeps CryptoKeys); agents pin the public
 * key as text and refuse packs it did not sign.
 */
import type { GuidancePack } from '../schemas/guidance-pack';
import { canonicalJson } from './canonical-json';
import type { PackClaims } from './pack-claims';
import type { PackSeal, PackSignature, PinnedKeyRecord, PublicKeyText, SigningAlgorithm, SigningKeyRecord } from './types';

interface AlgorithmSpec {
  prefix: string;
  generate: EcKeyGenParams | Algorithm;
  sign: EcdsaParams | Algorithm;
  /** How the public key is written in its text form: Ed25519's 32 raw bytes, or P-256's SPKI. */
  publicFormat: 'raw' | 'spki';
  publicBytes: number;
}

const ALGORITHMS: Record<SigningAlgorithm, AlgorithmSpec> = {
  Ed25519: {
    prefix: 'dalil-ed25519',
    generate: { name: 'Ed25519' },
    sign: { name: 'Ed25519' },
    publicFormat: 'raw',
    publicBytes: 32,
  },
  'ECDSA-P256': {
    prefix: 'dalil-p256',
    generate: { name: 'ECDSA', namedCurve: 'P-256' },
    sign: { name: 'ECDSA', hash: 'SHA-256' },
    publicFormat: 'spki',
    // SPKI of an uncompressed P-256 point: 26 bytes of header + 65 of point.
    publicBytes: 91,
  },
};

function base64UrlEncode(bytes: ArrayBuffer | Uint8Array): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Strict: the URL-safe alphabet without padding, nothing else; undefined for anything else. */
function base64UrlDecode(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** First 16 hex digits of SHA-256 over the key's bytes, in groups of four: short enough to read aloud. */
async function fingerprintOf(publicKeyBytes: Uint8Array<ArrayBuffer> | ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', publicKeyBytes));
  const hex = Array.from(digest.subarray(0, 8), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return hex.match(/.{4}/g)?.join(' ') ?? hex;
}

export async function publicKeyText(algorithm: SigningAlgorithm, publicKey: CryptoKey): Promise<PublicKeyText> {
  const spec = ALGORITHMS[algorithm];
  return `${spec.prefix}:${base64UrlEncode(await crypto.subtle.exportKey(spec.publicFormat, publicKey))}`;
}

/**
 * A new key pair. The private key is extractable only so that the explicit, warned export
 * (`exportPrivateKeyJwk`) can exist; nothing else reads it. `prefer: 'ECDSA-P256'` skips Ed25519
 * (tests use it to exercise the fallback; a team whose agents run older browsers could too).
 */
export async function generateSigningKey(options: { prefer?: SigningAlgorithm; now?: Date } = {}): Promise<SigningKeyRecord> {
  const order: SigningAlgorithm[] = options.prefer === 'ECDSA-P256' ? ['ECDSA-P256'] : ['Ed25519', 'ECDSA-P256'];
  let lastError: unknown;
  for (const algorithm of order) {
    try {
      const pair = (await crypto.subtle.generateKey(ALGORITHMS[algorithm].generate, true, ['sign', 'verify'])) as CryptoKeyPair;
      const bytes = await crypto.subtle.exportKey(ALGORITHMS[algorithm].publicFormat, pair.publicKey);
      return {
        algorithm,
        privateKey: pair.privateKey,
        publicKey: pair.publicKey,
        publicKeyText: `${ALGORITHMS[algorithm].prefix}:${base64UrlEncode(bytes)}`,
        fingerprint: await fingerprintOf(bytes),
        createdAt: (options.now ?? new Date()).toISOString(),
      };
    } catch (error) {
      // Browsers without Ed25519 in WebCrypto throw NotSupportedError here: fall through to P-256.
      lastError = error;
    }
  }
  throw lastError;
}

export type PublicKeyTextProblem = 'bad-prefix' | 'bad-base64' | 'wrong-length' | 'bad-key';

/** Why a pasted public key was refused; `code` lets the panel say it in the reader's language. */
export class PublicKeyTextError extends Error {
  constructor(
    readonly code: PublicKeyTextProblem,
    message: string,
  ) {
    super(message);
    this.name = 'PublicKeyTextError';
  }
}

export interface ParsedPublicKey {
  algorithm: SigningAlgorithm;
  key: CryptoKey;
  fingerprint: string;
  /** The text as it should be stored: trimmed. */
  text: PublicKeyText;
}

/** Reads a pasted `dalil-ed25519:…` or `dalil-p256:…` key; throws PublicKeyTextError saying what is wrong. */
export async function parsePublicKeyText(input: string): Promise<ParsedPublicKey> {
  const text = input.trim();
  const colon = text.indexOf(':');
  const prefix = colon < 0 ? '' : text.slice(0, colon);
  const algorithm = (Object.keys(ALGORITHMS) as SigningAlgorithm[]).find((name) => ALGORITHMS[name].prefix === prefix);
  if (!algorithm) {
    throw new PublicKeyTextError('bad-prefix', 'A Dalil public key starts with "dalil-ed25519:" or "dalil-p256:"');
  }
  const spec = ALGORITHMS[algorithm];
  const bytes = base64UrlDecode(text.slice(colon + 1));
  if (!bytes || bytes.length === 0) {
    throw new PublicKeyTextError('bad-base64', `After "${prefix}:" a key has only letters, digits, "-" and "_" (base64url)`);
  }
  if (bytes.length !== spec.publicBytes) {
    throw new PublicKeyTextError(
      'wrong-length',
      `A ${algorithm} public key is ${spec.publicBytes} bytes; this one is ${bytes.length} (was it cut short when copied?)`,
    );
  }
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey(spec.publicFormat, bytes, spec.generate, true, ['verify']);
  } catch (error) {
    throw new PublicKeyTextError(
      'bad-key',
      `Not a valid ${algorithm} public key (${error instanceof Error ? error.message : error})`,
    );
  }
  return { algorithm, key, fingerprint: await fingerprintOf(bytes), text };
}

/** What an agent stores when pinning a manager's key. Throws PublicKeyTextError like parsePublicKeyText. */
export async function pinnedKeyFromText(input: string, now = new Date()): Promise<PinnedKeyRecord> {
  const parsed = await parsePublicKeyText(input);
  return {
    algorithm: parsed.algorithm,
    publicKeyText: parsed.text,
    fingerprint: parsed.fingerprint,
    pinnedAt: now.toISOString(),
  };
}

/** The bytes a signature covers: the canonical JSON of the pack without its `signature` field. */
function signedBytes(pack: object): Uint8Array<ArrayBuffer> {
  const { signature: _signature, ...unsigned } = pack as Record<string, unknown>;
  return new TextEncoder().encode(canonicalJson(unsigned));
}

export type SignedGuidancePack = GuidancePack & PackClaims & { signature: PackSignature };

/**
 * Signs the pack as it will be published, with its claims (`audience`, `expires`) inside the signed
 * envelope; claims it carried before are replaced. Write the result out with JSON.stringify as is:
 * the verifier reads the published file's parsed JSON, so any field added or dropped afterwards
 * (even a default filled in by the schema) breaks the signature.
 */
export async function signPack(
  pack: GuidancePack,
  keyRecord: SigningKeyRecord,
  claims: PackClaims = {},
): Promise<SignedGuidancePack> {
  const { signature: _old, audience: _audience, expires: _expires, ...content } = pack as SignedGuidancePack;
  const envelope = {
    ...content,
    ...(claims.audience ? { audience: claims.audience } : {}),
    ...(claims.expires ? { expires: claims.expires } : {}),
  };
  const value = await crypto.subtle.sign(ALGORITHMS[keyRecord.algorithm].sign, keyRecord.privateKey, signedBytes(envelope));
  return {
    ...envelope,
    signature: { algorithm: keyRecord.algorithm, keyId: keyRecord.fingerprint, value: base64UrlEncode(value) },
  };
}

/**
 * What a pack read from `raw` keeps of the file's signature (PackSeal), when the file has one of
 * that shape; whether it verifies is checked when the pack is put in use.
 */
export function sealOf(raw: unknown, parsed: GuidancePack): PackSeal | undefined {
  const signature = signatureOf(raw);
  if (!signature) return undefined;
  // The claims are envelope, not pack: kept beside the signature so the pack as read plus them is the file.
  const { signature: _, audience, expires, ...unsigned } = raw as Record<string, unknown>;
  const claims: PackClaims = {
    ...(typeof audience === 'string' ? { audience } : {}),
    ...(typeof expires === 'string' ? { expires } : {}),
  };
  const withClaims = Object.keys(claims).length > 0 ? { claims } : {};
  const sameAsRead =
    audience === claims.audience && expires === claims.expires && canonicalJson(unsigned) === canonicalJson(parsed);
  return sameAsRead ? { signature, ...withClaims } : { signature, signedFile: raw };
}

function signatureOf(raw: unknown): PackSignature | undefined {
  const s = (raw as { signature?: Partial<Record<keyof PackSignature, unknown>> } | null)?.signature;
  if (s === null || typeof s !== 'object') return undefined;
  const { algorithm, keyId, value } = s;
  if ((algorithm !== 'Ed25519' && algorithm !== 'ECDSA-P256') || typeof keyId !== 'string' || typeof value !== 'string') {
    return undefined;
  }
  return { algorithm, keyId, value };
}

export type PackVerification = { ok: true } | { ok: false; code: 'unsigned' | 'bad-signature'; message: string };

/**
 * Checks a fetched pack against the pinned key. Pass the raw object from JSON.parse, BEFORE
 * GuidancePackSchema parses it: that schema is a non-strict z.object, so parsing strips the
 * `signature` field, and fills in defaults that were not in the signed bytes.
 */
export async function verifyPack(raw: unknown, pinned: PinnedKeyRecord): Promise<PackVerification> {
  const bad = (message: string): PackVerification => ({ ok: false, code: 'bad-signature', message });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return bad('The pack is not a JSON object');
  const signature = (raw as { signature?: unknown }).signature;
  if (signature === undefined || signature === null) {
    return {
      ok: false,
      code: 'unsigned',
      message: `The pack is not signed; this browser accepts only packs signed by key ${pinned.fingerprint}`,
    };
  }
  const { algorithm, keyId, value } = signature as Partial<Record<keyof PackSignature, unknown>>;
  if (typeof value !== 'string' || typeof algorithm !== 'string') return bad('The pack\'s "signature" field is malformed');
  if (algorithm !== pinned.algorithm) {
    return bad(`The pack is signed with ${algorithm}; the pinned key ${pinned.fingerprint} is ${pinned.algorithm}`);
  }
  // keyId is not covered by the signature, so it only sharpens the message; the check below decides.
  if (typeof keyId === 'string' && keyId !== pinned.fingerprint) {
    return bad(`The pack is signed by key ${keyId}, not by the pinned key ${pinned.fingerprint}`);
  }
  const signatureBytes = base64UrlDecode(value);
  if (!signatureBytes) return bad("The pack's signature is not base64url");
  let key: ParsedPublicKey;
  try {
    key = await parsePublicKeyText(pinned.publicKeyText);
  } catch (error) {
    return bad(`The pinned key cannot be read: ${error instanceof Error ? error.message : error}`);
  }
  let valid: boolean;
  try {
    valid = await crypto.subtle.verify(ALGORITHMS[key.algorithm].sign, key.key, signatureBytes, signedBytes(raw));
  } catch (error) {
    return bad(`The signature could not be checked: ${error instanceof Error ? error.message : error}`);
  }
  return valid
    ? { ok: true }
    : bad(`The pack was changed after it was signed, or not signed by the pinned key ${pinned.fingerprint}`);
}

/**
 * The explicit export of the manager's private key, as JSON text for a file. Whoever has this file
 * can sign packs every pinned agent will accept: the file says so itself.
 */
export async function exportPrivateKeyJwk(record: SigningKeyRecord, now = new Date()): Promise<string> {
  const jwk = await crypto.subtle.exportKey('jwk', record.privateKey);
  return JSON.stringify(
    {
      format: 'dalil.signing-key',
      warning:
        'PRIVATE KEY. Anyone with this file can sign guidance packs that your agents will accept. Keep it offline; never send it by chat or email.',
      algorithm: record.algorithm,
      publicKeyText: record.publicKeyText,
      fingerprint: record.fingerprint,
      createdAt: record.createdAt,
      exportedAt: now.toISOString(),
      jwk,
    },
    null,
    2,
  );
}
