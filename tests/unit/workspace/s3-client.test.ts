// @vitest-environment node
/**
 * The workspace's S3 client against a real engine: Debian's Ceph RADOS Gateway on loopback
 * (tests/harness/rgw.ts). Signed requests, create-only and compare-and-swap writes with Ceph's quirks,
 * prefix listings page by page, and a key without rights refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamBucketPolicy } from '../../../utils/workspace/bucket-policy';
import { logBatchKey, packKey } from '../../../utils/workspace/layout';
import { s3Client } from '../../../utils/workspace/s3-client';
import { ensureRgw, type Rgw, startRgw } from '../../harness/rgw';

const available = ensureRgw();
if (!available) console.log('workspace: Ceph RADOS Gateway not installed and cannot be (not root): S3 tests skipped');

describe.runIf(available)('the S3 client on Ceph RADOS Gateway', () => {
  let rgw: Rgw;
  let client: ReturnType<typeof s3Client>;
  let credentials: Parameters<typeof s3Client>[0];
  beforeAll(async () => {
    rgw = await startRgw();
    const owner = rgw.createUser('owner');
    credentials = { endpoint: rgw.endpoint, bucket: 'team', region: 'us-east-1', ...owner };
    client = s3Client(credentials);
    const { AwsClient } = await import('aws4fetch');
    const admin = new AwsClient({ ...owner, service: 's3', region: 'us-east-1', retries: 0 });
    expect((await admin.fetch(`${rgw.endpoint}/team`, { method: 'PUT' })).status).toBe(200);
  }, 60_000);
  afterAll(() => rgw?.stop());

  it('writes, reads and lists objects with signed requests, keys with spaces and Arabic kept', async () => {
    const key = 'logs/agent one/2026/12/06/دفعة 1.jsonl';
    const put = await client.put(key, '{"a":1}\n', { contentType: 'application/x-ndjson' });
    expect(put).toMatchObject({ ok: true });
    const got = await client.get(key);
    expect(got.ok && (await got.body?.text())).toBe('{"a":1}\n');
    const listed = await client.list('logs/agent one/');
    expect(listed.ok && listed.objects.map((o) => o.key)).toEqual([key]);
  });

  it('create-only: the first writer wins, later ones are told it exists, the object unchanged', async () => {
    const key = 'media/sha256-abc';
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => client.put(key, `writer ${i}`, { createOnly: true })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.kind === 'conflict')).toBe(true);
    const winner = results.findIndex((r) => r.ok);
    const got = await client.get(key);
    expect(got.ok && (await got.body?.text())).toBe(`writer ${winner}`);
  });

  it('compare-and-swap: a write with the current ETag lands, one with a stale ETag is a conflict', async () => {
    const key = 'boards/b1/meta.json';
    const first = await client.put(key, '{"v":1}');
    if (!first.ok) throw new Error('first put failed');
    const second = await client.put(key, '{"v":2}', { ifMatch: `"${first.etag}"` });
    expect(second.ok).toBe(true);
    const stale = await client.put(key, '{"v":3}', { ifMatch: first.etag });
    expect(stale).toMatchObject({ ok: false, kind: 'conflict' });
    const got = await client.get(key);
    expect(got.ok && (await got.body?.text())).toBe('{"v":2}');
    // A conditional GET with the current ETag: nothing to download.
    if (!second.ok) throw new Error('second put failed');
    expect(await client.get(key, { ifNoneMatch: second.etag })).toMatchObject({ ok: true, notModified: true });
  });

  it('lists a prefix page by page', async () => {
    await Promise.all(Array.from({ length: 25 }, (_, i) => client.put(`pages/${String(i).padStart(2, '0')}`, 'x')));
    const keys: string[] = [];
    let after: string | undefined;
    do {
      const page = await client.list('pages/', { after, max: 10 });
      if (!page.ok) throw new Error(page.kind);
      keys.push(...page.objects.map((o) => o.key));
      after = page.next;
    } while (after);
    expect(keys).toHaveLength(25);
  });

  it('says a wrong secret is refused, a missing object is not found, and an unreachable endpoint is a network failure', async () => {
    const wrong = s3Client({ ...credentials, secretAccessKey: 'not-the-secret' });
    expect(await wrong.put('x', 'y')).toMatchObject({ ok: false, kind: 'denied' });
    expect(await client.get('no/such/key')).toMatchObject({ ok: false, kind: 'not-found' });
    const gone = s3Client({ ...credentials, endpoint: 'http://127.0.0.1:9' });
    expect(await gone.list('')).toMatchObject({ ok: false, kind: 'network' });
  });
});

describe.runIf(available)('roles enforced by the bucket policy on Ceph', () => {
  let rgw: Rgw;
  const clients: Record<string, ReturnType<typeof s3Client>> = {};
  beforeAll(async () => {
    rgw = await startRgw();
    const users = Object.fromEntries(['manager', 'agent1', 'marketer1'].map((uid) => [uid, rgw.createUser(uid)]));
    for (const [uid, user] of Object.entries(users)) {
      clients[uid] = s3Client({ endpoint: rgw.endpoint, bucket: 'acme', region: 'us-east-1', ...user });
    }
    const { AwsClient } = await import('aws4fetch');
    const manager = new AwsClient({ ...users.manager, service: 's3', region: 'us-east-1', retries: 0 });
    expect((await manager.fetch(`${rgw.endpoint}/acme`, { method: 'PUT' })).status).toBe(200);
    const policy = teamBucketPolicy('acme', { managers: ['manager'], agents: ['agent1'], marketers: ['marketer1'] });
    const set = await manager.fetch(`${rgw.endpoint}/acme?policy`, { method: 'PUT', body: JSON.stringify(policy) });
    expect(set.status, await set.text()).toBeLessThan(300);
  }, 60_000);
  afterAll(() => rgw?.stop());

  it("refuses an agent's key when it writes a pack, and lets it write its own log and read packs", async () => {
    expect(await clients.manager.put(packKey('acme-care'), '{"version":3}')).toMatchObject({ ok: true });
    expect(await clients.agent1.put(packKey('acme-care'), '{"version":99}')).toMatchObject({ ok: false, kind: 'denied' });
    const pack = await clients.agent1.get(packKey('acme-care'));
    expect(pack.ok && (await pack.body?.text())).toBe('{"version":3}');
    const own = logBatchKey('agent1', '2026-12-06T10:00:00.000Z', 'e1');
    expect(await clients.agent1.put(own, '{}\n', { createOnly: true })).toMatchObject({ ok: true });
    // Not someone else's log.
    const theirs = logBatchKey('marketer1', '2026-12-06T10:00:00.000Z', 'e1');
    expect(await clients.agent1.put(theirs, '{}\n', { createOnly: true })).toMatchObject({ ok: false, kind: 'denied' });
  });

  it('lets marketers share boards but not publish packs, and agents not write boards', async () => {
    expect(await clients.marketer1.put('boards/b1/ads/a1.json', '{}')).toMatchObject({ ok: true });
    expect(await clients.marketer1.put(packKey('acme-care'), '{}')).toMatchObject({ ok: false, kind: 'denied' });
    expect(await clients.agent1.put('boards/b1/ads/a2.json', '{}')).toMatchObject({ ok: false, kind: 'denied' });
  });
});
