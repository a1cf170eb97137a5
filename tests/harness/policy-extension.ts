/**
 * Rollout by policy, for the browser tests: a copy of the built extension with a fixed id (a manifest
 * `key`), and the Chromium policy file that configures that id. Chromium reads every
 * `/etc/chromium/policies/managed/*.json`; the file below is this test's own, named so that nothing
 * else writes it, and it concerns only this id (no other build has it), so other tests never see it.
 *
 * The key is the public half of an RSA key pair generated once for these tests; the private half was
 * never kept (an unpacked extension needs only the public key to get its id).
 */
import { createHash } from 'node:crypto';
import { accessSync, constants, cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR } from './browser';

export const POLICY_TEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtX3tTPaByTg3HCHLHlpWyqzR/oyLH/SoIozZRw6yPEpWqw4eSyyz6jATBLTRhEGIA95VKiO7LBAb' +
  'jlJyVdBiHraxT9P4N6rQbB+VF8ARP1rZN+5ptL8PkDpUA+bhgDRjYtvI0HsiWbxFOv0UMG4zSMzHViy18iTeuHTdkEaS9wJwL1tpj3tXn6z5dnHHQ3R/5S1m' +
  'ZmJxeh3qZMwPG0eZkttg0ykx6ejbgqrDr24SYQgPABbrakWt1DtFeAs14vMQkNGmR1+2was/NJf/Qf1797ddii3LuMnx1/+1xyq2fRO2oyAH9PueGwahVpdI' +
  'PpSGwo8tuEGaeRwDwqsXYyBldQIDAQAB';

/** Chrome's id for a key: the first 128 bits of SHA-256 over the key's DER bytes, each hex digit 0–f written a–p. */
export function extensionIdOf(base64Key: string): string {
  const hex = createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

/** The id the policy file names (checked against the running extension by the test). */
export const POLICY_TEST_EXTENSION_ID = 'ejhdedclimcflhlmagingkhpeeepdcio';

export const CHROMIUM_POLICY_DIR = '/etc/chromium/policies/managed';
export const CHROMIUM_POLICY_FILE = join(CHROMIUM_POLICY_DIR, 'dalil-e2e-rollout-by-policy.json');
const PARTIAL_FILE = join(CHROMIUM_POLICY_DIR, '..', 'dalil-e2e-rollout-by-policy.json.partial');

/** A copy of the built Chrome extension with the fixed key; remove it with rmSync when done. */
export function keyedExtensionCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dalil-policy-ext-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, key: POLICY_TEST_KEY }));
  return dir;
}

/** Whether this process may write a machine-wide policy folder (root, on Linux), made if missing. */
export function canWritePolicyFolder(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Whether this process may write Chromium's machine-wide policy folder. */
export const canWriteChromiumPolicy = (): boolean => canWritePolicyFolder(CHROMIUM_POLICY_DIR);

/** Dalil's policy for the test id, as an administrator writes it on Linux. */
export function writeChromiumPolicy(values: Record<string, unknown>): void {
  const policy = { '3rdparty': { extensions: { [POLICY_TEST_EXTENSION_ID]: values } } };
  // Written beside the folder, then renamed into it: Chromium watches the folder and must never read half a file.
  writeFileSync(PARTIAL_FILE, `${JSON.stringify(policy, null, 2)}\n`);
  renameSync(PARTIAL_FILE, CHROMIUM_POLICY_FILE);
}

export function removeChromiumPolicy(): void {
  rmSync(CHROMIUM_POLICY_FILE, { force: true });
  rmSync(PARTIAL_FILE, { force: true });
}
