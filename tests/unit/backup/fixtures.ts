import { Blob as NodeBlob } from 'node:buffer';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { newActivityEntry } from '../../../utils/activity/new-entry';
import { STORE_NAMES } from '../../../utils/backup/format';
import { appendActivity } from '../../../utils/db/activity-log-repo';
import type { BackupStorage } from '../../../utils/db/backup/create';
import { replaceActiveGuidance } from '../../../utils/db/guidance-repo';
import type { DalilDatabase } from '../../../utils/db/open';
import type { StoredAd } from '../../../utils/db/schema';
import { parseGuidancePack } from '../../../utils/guidance/parse-pack';
import type { SigningKeyRecord } from '../../../utils/sync/types';
import { DEFAULT_PACK_TEXT, smallPack } from '../pack-fixtures';

/**
 * happy-dom's Blob does not survive structured cloning (fake-indexeddb keeps `{}`); Node's does,
 * as a browser's does. Tests that store media use Node's Blob everywhere.
 */
export const RealBlob = NodeBlob as unknown as typeof Blob;

export const storage = (): BackupStorage => fakeBrowser.storage.local as unknown as BackupStorage;

const parse = (text: string) => {
  const parsed = parseGuidancePack(text);
  if (!parsed.ok) throw new Error('bad fixture pack');
  return parsed.pack;
};

/** Every byte value, so an encoding that mangles binary shows. */
export const BINARY = Uint8Array.from({ length: 1024 }, (_, i) => (i * 7 + 3) % 256);

export async function signingKeyRecord(): Promise<SigningKeyRecord> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  return {
    algorithm: 'Ed25519',
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    publicKeyText: 'dalil-ed25519:AAAA',
    fingerprint: 'ab:cd:ef',
    createdAt: '2026-11-20T10:00:00.000Z',
  };
}

export function ad(n: number, extra: Partial<StoredAd> = {}): StoredAd {
  return {
    id: `meta:${n}`,
    library: 'meta',
    libraryAdId: String(n),
    advertiserName: 'شركة المنافس',
    media: [
      { kind: 'image', url: `https://scontent.xx.fbcdn.net/${n}.jpg`, blobId: `blob-${n}` },
      { kind: 'video', url: `https://video.xx.fbcdn.net/${n}.mp4`, posterUrl: `https://scontent.xx.fbcdn.net/${n}p.jpg` },
    ],
    pageUrl: 'https://www.facebook.com/ads/library/?q=x',
    capturedAt: '2026-11-21T08:00:00.000Z',
    tags: ['ramadan'],
    boards: [],
    ...extra,
  };
}

/** A profile with data in every store and the settings set. */
export async function fillProfile(db: DalilDatabase): Promise<SigningKeyRecord> {
  const signingKey = await signingKeyRecord(); // first: the fill transaction must not wait on WebCrypto
  const entry = newActivityEntry('pack.imported', 'ليلى', { packId: 'dalil-default', version: 1 });
  await replaceActiveGuidance(
    db,
    parse(DEFAULT_PACK_TEXT),
    { kind: 'file', fileName: 'pack.json', appliedAt: '2026-11-20T09:00:00.000Z' },
    entry,
  );
  const inserted = newActivityEntry(
    'template.inserted',
    'ليلى',
    { templateId: 'thanks-ar', technique: 'lexical' },
    {
      platform: 'facebook',
      pageUrl: 'https://www.facebook.com/acme/posts/1',
    },
  );
  const sparseErrors: string[] = [];
  sparseErrors[1] = 'http-error: HTTP 403'; // a hole at 0, as setMediaResult leaves it
  // Through the log's own path, so its per-hour counts are kept as the extension keeps them.
  await appendActivity(db, [inserted]);
  const tx = db.transaction(STORE_NAMES, 'readwrite');
  await Promise.all([
    tx
      .objectStore('adCaptures')
      .put(ad(1, { advertiserKey: 'meta:acme', lastSeenAt: '2026-11-22T08:00:00.000Z', mediaErrors: sparseErrors })),
    tx.objectStore('adCaptures').put(ad(2, { deletedAt: '2026-11-22T09:00:00.000Z', note: 'ملاحظة\nسطر ثانٍ' })),
    tx.objectStore('followedAdvertisers').put({
      key: 'meta:acme',
      library: 'meta',
      name: 'Acme',
      followedAt: '2026-11-20T08:00:00.000Z',
      lastVisitAt: '2026-11-21T08:00:00.000Z',
      seenAdIds: ['meta:1'],
    }),
    tx.objectStore('media').put({
      id: 'blob-1',
      blob: new RealBlob([BINARY], { type: 'image/png' }),
      contentType: 'image/png',
      sourceUrl: 'https://scontent.xx.fbcdn.net/1.jpg',
    }),
    tx.objectStore('media').put({
      id: 'blob-2/../odd.id',
      blob: new RealBlob([BINARY.slice(0, 10)]),
      contentType: 'video/mp4',
      sourceUrl: 'https://video.xx.fbcdn.net/2.mp4',
    }),
    tx.objectStore('templateUsage').put({ templateId: 'thanks-ar', count: 7, lastUsedAt: inserted.at }),
    tx.objectStore('testimonials').put({
      id: crypto.randomUUID(),
      author: 'سارة',
      text: 'خدمة رائعة، شكرًا لكم!',
      permalink: 'https://www.facebook.com/acme/posts/1?comment_id=2',
      platform: 'facebook',
      savedAt: '2026-11-21T10:00:00.000Z',
      savedBy: 'ليلى',
    }),
    tx.objectStore('outbox').put({
      id: inserted.id,
      entry: inserted,
      enqueuedAt: inserted.at,
      attempts: 2,
      nextAttemptAt: '2026-11-21T10:05:00.000Z',
      lastError: 'HTTP 503',
    }),
    tx.objectStore('packHistory').put({
      id: 'h1',
      pack: parse(JSON.stringify(smallPack())),
      source: { kind: 'url', url: 'https://team.example/pack.json', appliedAt: '2026-11-19T09:00:00.000Z' },
      archivedAt: '2026-11-20T09:00:00.000Z',
    }),
    tx.objectStore('personalTemplates').put({
      id: 'my-draft',
      title: 'مسودتي',
      body: 'نص خاص',
      lang: 'ar',
      tags: [],
      status: 'draft',
    }),
    tx.objectStore('syncState').put(
      {
        url: 'https://team.example/pack.json',
        autoApply: false,
        refreshMinutes: 30,
        subscribedAt: '2026-11-19T09:00:00.000Z',
        etag: '"v3"',
        failures: 0,
      },
      'subscription',
    ),
    tx
      .objectStore('syncState')
      .put({ url: 'https://hooks.example/dalil', enabledAt: '2026-11-19T09:00:00.000Z', delivered: 12 }, 'webhook'),
    tx
      .objectStore('syncState')
      .put(
        { algorithm: 'Ed25519', publicKeyText: 'dalil-ed25519:BBBB', fingerprint: '12:34', pinnedAt: '2026-11-19T09:00:00.000Z' },
        'pinnedKey',
      ),
    tx.objectStore('syncState').put(signingKey, 'signingKey'),
    tx.done,
  ]);
  await fakeBrowser.storage.local.set({
    settings: { locale: 'ar', agentName: 'ليلى', role: 'manager' },
    settings$: { v: 2 },
  });
  return signingKey;
}

/** Every store as plain data: Blob bytes and types, the signing key as JWKs. */
export async function dump(db: DalilDatabase): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const name of STORE_NAMES) {
    const keys = await db.getAllKeys(name);
    const values = (await db.getAll(name)) as unknown[];
    out[name] = await Promise.all(
      values.map(async (value, i) => {
        if (name === 'media') {
          const { blob, ...rest } = value as { blob: Blob };
          return {
            key: keys[i],
            value: { ...rest, blobType: blob.type, blobBytes: Array.from(new Uint8Array(await blob.arrayBuffer())) },
          };
        }
        if (name === 'syncState' && keys[i] === 'signingKey') {
          const { privateKey, publicKey, ...rest } = value as SigningKeyRecord;
          return {
            key: keys[i],
            value: {
              ...rest,
              privateJwk: await crypto.subtle.exportKey('jwk', privateKey),
              publicJwk: await crypto.subtle.exportKey('jwk', publicKey),
              usages: [privateKey.usages, publicKey.usages],
            },
          };
        }
        return { key: keys[i], value };
      }),
    );
  }
  out.storage = await fakeBrowser.storage.local.get(['settings', 'settings$']);
  return out;
}
